"""JSON API for audiences: user import, value tiers, segment preview/apply/export with sizes,
overlaps and profiles. Backends come from ``request.app.state.runtime``."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from huashu.domain import InputError
from huashu.web.auth import ANALYZE, OPERATE, allow

router = APIRouter(tags=["segments"])


class SpecBody(BaseModel):
    """A segment file as a JSON object (``spec``) or as YAML/JSON text (``text``)."""

    spec: dict[str, Any] | None = None
    text: str | None = None

    def parsed(self) -> Any:
        from huashu.audience import parse_spec, read_spec_text

        if (self.spec is None) == (self.text is None):
            raise InputError(
                "send exactly one of 'spec' (object) or 'text' (YAML/JSON)",
                message_zh="请只提供 'spec'（对象）或 'text'（YAML/JSON 文本）之一",
                code="bad_segment_file",
            )
        if self.spec is not None:
            return parse_spec(self.spec, "spec")
        assert self.text is not None
        return read_spec_text(self.text, "text")


class PreviewBody(SpecBody):
    profiles: bool = True


class ApplyBody(SpecBody):
    into: str = Field(default="segment_members", pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")


class ExportBody(SpecBody):
    format: Literal["parquet", "csv"] = "parquet"
    keys: list[str] | None = None
    columns: list[str] | None = None
    include_small: bool = False


class ImportBody(BaseModel):
    source: str
    table: str = Field(default="users", pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    id_column: str = "user_id"
    source_table: str | None = None
    types: dict[str, str] | None = None
    format: Literal["csv", "parquet"] | None = None
    delimiter: str = ","


class TiersBody(BaseModel):
    transactions: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    users: str = Field(default="users", pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    into: str = Field(default="user_value", pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    as_of: str | None = None
    window_days: int | None = Field(default=None, ge=1)


@contextmanager
def _engine(request: Request) -> Iterator[Any]:
    """The events engine's connection, held alone (DuckDB must not serve two threads at once)."""
    events = request.app.state.runtime.events
    with events.exclusive():
        yield events.backend


@router.post("/segments/preview", dependencies=[allow(ANALYZE)])
def preview_segments(request: Request, body: PreviewBody) -> dict[str, Any]:
    """Sizes, overlap matrix and profiles of a segment file; writes nothing."""
    from huashu.audience import preview

    with _engine(request) as con:
        plan = preview(con, body.parsed(), profiles=body.profiles)
    return {"ok": True, **plan.to_dict()}


@router.post("/segments/apply", dependencies=[allow(OPERATE)])
def apply_segments(request: Request, body: ApplyBody) -> dict[str, Any]:
    """Preview, then write the members table and its catalog into the events engine."""
    from huashu.audience import apply

    with _engine(request) as con:
        plan = apply(con, body.parsed(), into=body.into)
    return {"ok": True, "tables": [body.into, f"{body.into}_catalog"], **plan.to_dict()}


@router.post("/segments/export", dependencies=[allow(ANALYZE)])
def export_segments(request: Request, body: ExportBody) -> dict[str, Any]:
    """One member file per segment under ``<data_dir>/exports/<name>-<timestamp>/``."""
    from huashu.audience import export_members

    spec = body.parsed()
    settings = request.app.state.settings
    out = Path(settings.data_dir) / "exports" / f"{spec.name}-{time.strftime('%Y%m%d-%H%M%S')}"
    with _engine(request) as con:
        files = export_members(
            con,
            spec,
            out,
            fmt=body.format,
            keys=body.keys,
            columns=body.columns,
            include_small=body.include_small,
        )
    return {
        "ok": True,
        "directory": str(out),
        "files": [
            {"key": f.key, "name": f.name, "path": str(f.path), "rows": f.rows} for f in files
        ],
    }


@router.post("/segments/import", dependencies=[allow(OPERATE)])
def import_from_source(request: Request, body: ImportBody) -> dict[str, Any]:
    """Import users from a server-side CSV/Parquet path or a database URL + table."""
    from huashu.audience import import_users

    with _engine(request) as con:
        report = import_users(
            con,
            body.source,
            table=body.table,
            id_column=body.id_column,
            types=body.types,
            source_table=body.source_table,
            fmt=body.format,
            delimiter=body.delimiter,
        )
    return {"ok": True, **report.to_dict()}


@router.post("/segments/upload", dependencies=[allow(OPERATE)])
async def import_upload(
    request: Request,
    format: Literal["csv", "parquet"] = "csv",
    table: str = "users",
    id_column: str = "user_id",
) -> dict[str, Any]:
    """Import users from the request body (raw CSV or Parquet bytes)."""
    from huashu.audience import import_users

    data = await request.body()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload.{format}"
        path.write_bytes(data)
        with _engine(request) as con:
            report = import_users(con, path, table=table, id_column=id_column, fmt=format)
    return {"ok": True, **report.to_dict()}


@router.post("/segments/tiers", dependencies=[allow(OPERATE)])
def compute_tiers(request: Request, body: TiersBody) -> dict[str, Any]:
    """RFM value tiers from a transactions table, written to ``into``; users per tier."""
    from huashu.audience.tiers import materialize_tiers

    with _engine(request) as con:
        counts = materialize_tiers(
            con,
            body.transactions,
            body.users,
            body.into,
            as_of=body.as_of,
            window_days=body.window_days,
        )
    return {"ok": True, "table": body.into, "tiers": counts}


@router.get("/segments/tables/{name}", dependencies=[allow(ANALYZE)])
def table_schema(request: Request, name: str) -> dict[str, Any]:
    """Columns and row count of a table of the events engine (e.g. the imported users)."""
    from huashu.audience.engine import scalar, table

    with _engine(request) as con:
        t = table(con, name)
        schema = t.schema()
        rows = int(scalar(t.count()))
    return {
        "ok": True,
        "table": name,
        "rows": rows,
        "columns": [{"name": n, "type": str(schema[n])} for n in schema.names],
    }
