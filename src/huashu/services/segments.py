"""Audience actions on the events engine: preview, apply and export a segment file, import
users, compute RFM value tiers, describe a user table. Each call holds the engine's connection
alone for its work (an embedded DuckDB must not serve two threads at once); a segment file's
evaluation stops after ``seconds`` when given. Inputs arrive checked: tables in the user-table
namespace, files under the import or export directory (:mod:`huashu.audience.guards`)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from huashu.audience.bounds import time_limit
from huashu.events import EventStore

if TYPE_CHECKING:
    from huashu.audience import AudiencePlan, ExportedFile, ImportReport, SegmentSpec


@dataclass(frozen=True)
class TableInfo:
    """A user table's row count and its columns as (name, type) pairs."""

    rows: int
    columns: tuple[tuple[str, str], ...]


@contextmanager
def _engine(events: EventStore, seconds: float | None = None) -> Iterator[Any]:
    with events.exclusive(), time_limit(events.backend, seconds):
        yield events.backend


def preview_segments(
    events: EventStore, spec: SegmentSpec, *, profiles: bool, seconds: float | None
) -> AudiencePlan:
    """Sizes, overlap matrix and profiles of a segment file; writes nothing."""
    from huashu.audience import preview

    with _engine(events, seconds) as con:
        return preview(con, spec, profiles=profiles)


def apply_segments(
    events: EventStore, spec: SegmentSpec, *, into: str, seconds: float | None
) -> AudiencePlan:
    """Preview, then write the members table ``into`` and its catalog."""
    from huashu.audience import apply

    with _engine(events, seconds) as con:
        return apply(con, spec, into=into)


def export_segments(
    events: EventStore,
    spec: SegmentSpec,
    out: Path,
    *,
    fmt: Literal["parquet", "csv"],
    keys: list[str] | None,
    columns: list[str] | None,
    include_small: bool,
    seconds: float | None,
) -> list[ExportedFile]:
    """One member file per segment under ``out``."""
    from huashu.audience import export_members

    with _engine(events, seconds) as con:
        return export_members(
            con,
            spec,
            out,
            fmt=fmt,
            keys=keys,
            columns=columns,
            include_small=include_small,
        )


def import_users(
    events: EventStore,
    source: str | Path,
    *,
    table: str,
    id_column: str = "user_id",
    types: Mapping[str, str] | None = None,
    source_table: str | None = None,
    fmt: str | None = None,
    delimiter: str = ",",
    label: str | None = None,
) -> ImportReport:
    """Import users from a file or a database URL's ``source_table`` into ``table``."""
    from huashu.audience import import_users as run_import

    with _engine(events) as con:
        return run_import(
            con,
            source,
            table=table,
            id_column=id_column,
            types=types,
            source_table=source_table,
            fmt=fmt,
            delimiter=delimiter,
            label=label,
        )


def compute_tiers(
    events: EventStore,
    transactions: str,
    users: str,
    into: str,
    *,
    as_of: str | None,
    window_days: int | None,
) -> dict[str, int]:
    """RFM value tiers from ``transactions``, written to ``into``; users per tier."""
    from huashu.audience.tiers import materialize_tiers

    with _engine(events) as con:
        return materialize_tiers(
            con, transactions, users, into, as_of=as_of, window_days=window_days
        )


def describe_table(events: EventStore, physical: str) -> TableInfo:
    """Row count and columns of a user table."""
    from huashu.audience.engine import scalar, table

    with _engine(events) as con:
        t = table(con, physical)
        schema = t.schema()
        rows = int(scalar(t.count()))
    return TableInfo(rows, tuple((n, str(schema[n])) for n in schema.names))
