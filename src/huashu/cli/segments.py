"""``huashu segments``: import users, value tiers, and preview / apply / export of segment files.

Table names are logical, as in the API: ``users`` is stored as ``seg_users`` in the events
engine (:mod:`huashu.audience.namespace`)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from huashu.cli.common import DataDir, fail, settings_for
from huashu.domain import InputError

segments_app = typer.Typer(
    help="Audiences: import users, value tiers, preview/apply/export segment files.",
    no_args_is_help=True,
)

AsJson = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]


@contextmanager
def _engine(data_dir: Path | None) -> Iterator[tuple[Any, Console, str]]:
    from huashu.events import open_event_store

    settings = settings_for(data_dir)
    console = Console()
    try:
        with open_event_store(settings.resolved_events_url) as store:
            yield store.backend, console, settings.lang
    except InputError as err:
        raise fail(console, err, settings.lang) from err


def _print_plan(console: Console, plan: Any, show_overlap: bool) -> None:
    from huashu.audience import show_rule

    table = Table(title=f"{plan.name}: {plan.population:,} users, min size {plan.min_size}")
    for column in ("key", "name", "status", "size", "share", "rule", "profile"):
        table.add_column(column, overflow="fold")
    for s in plan.segments:
        status = s.status if s.status == "ok" else f"[yellow]{s.status}[/]"
        if s.merged_from:
            status += f" (merged {len(s.merged_from)})"
        table.add_row(
            s.key,
            s.name,
            status,
            f"{s.size:,}",
            f"{s.share:.1%}",
            show_rule(s.rule),
            s.description,
        )
    console.print(table)
    if show_overlap:
        keys = [s.key for s in plan.segments]
        pairs = [
            (int(plan.overlap[i, j]), keys[i], keys[j])
            for i in range(len(keys))
            for j in range(i + 1, len(keys))
            if plan.overlap[i, j]
        ]
        for n, a, b in sorted(pairs, reverse=True)[:20]:
            console.print(f"overlap {a} & {b}: {n:,}")


def _spec(file: Path) -> Any:
    from huashu.audience import load_spec
    from huashu.audience.namespace import user_spec

    return user_spec(load_spec(file))


def _run(file: Path, data_dir: Path | None, action: Callable[[Any, Any], Any]) -> Any:
    with _engine(data_dir) as (con, console, lang):
        try:
            return action(con, _spec(file)), console
        except InputError as err:
            raise fail(console, err, lang) from err


@segments_app.command("preview")
def preview_cmd(
    file: Annotated[Path, typer.Argument(help="Segment file (YAML or JSON).")],
    overlap: Annotated[bool, typer.Option(help="Also list the largest overlaps.")] = False,
    profiles: Annotated[bool, typer.Option(help="Compute segment profiles.")] = True,
    as_json: AsJson = False,
    data_dir: DataDir = None,
) -> None:
    """Size every segment of FILE, with overlaps and profiles; writes nothing."""
    from huashu.audience import preview

    plan, console = _run(file, data_dir, lambda con, spec: preview(con, spec, profiles=profiles))
    if as_json:
        typer.echo(json.dumps(plan.to_dict(), ensure_ascii=False, default=str))
        return
    _print_plan(console, plan, overlap)


@segments_app.command("apply")
def apply_cmd(
    file: Annotated[Path, typer.Argument(help="Segment file (YAML or JSON).")],
    into: Annotated[
        str, typer.Option(help="Members table to write (catalog: <into>_catalog).")
    ] = "segment_members",
    as_json: AsJson = False,
    data_dir: DataDir = None,
) -> None:
    """Size FILE and write its members and catalog tables into the events engine."""
    from huashu.audience import apply
    from huashu.audience.namespace import user_table

    plan, console = _run(
        file, data_dir, lambda con, spec: apply(con, spec, into=user_table(into, "into"))
    )
    if as_json:
        typer.echo(json.dumps(plan.to_dict(), ensure_ascii=False, default=str))
        return
    _print_plan(console, plan, False)
    console.print(f"[green]applied[/]: tables {into}, {into}_catalog")


@segments_app.command("export")
def export_cmd(
    file: Annotated[Path, typer.Argument(help="Segment file (YAML or JSON).")],
    out: Annotated[Path, typer.Option(help="Directory for one member file per segment.")],
    fmt: Annotated[str, typer.Option("--format", help="parquet or csv.")] = "parquet",
    segment: Annotated[
        list[str] | None, typer.Option(help="Segment key to export (repeatable; default all).")
    ] = None,
    column: Annotated[
        list[str] | None, typer.Option(help="Extra user column in the files (repeatable).")
    ] = None,
    include_small: Annotated[
        bool, typer.Option(help="Also export segments marked too small.")
    ] = False,
    data_dir: DataDir = None,
) -> None:
    """Write member lists (id + chosen columns) per segment for list channels (SMS, calls)."""
    from huashu.audience import export_members

    files, _ = _run(
        file,
        data_dir,
        lambda con, spec: export_members(
            con,
            spec,
            out,
            fmt=fmt,  # type: ignore[arg-type]
            keys=segment,
            columns=column,
            include_small=include_small,
        ),
    )
    for f in files:
        typer.echo(f"{f.key}\t{f.name}\t{f.rows}\t{f.path}")


def _types(values: list[str] | None) -> dict[str, str]:
    out = {}
    for item in values or []:
        name, sep, dtype = item.partition("=")
        if not sep or not name or not dtype:
            raise InputError(
                f"--type must look like column=type, got {item!r}",
                message_zh=f"--type 应形如 列名=类型，收到 {item!r}",
                code="bad_type_name",
            )
        out[name.strip()] = dtype.strip()
    return out


@segments_app.command("import")
def import_cmd(
    source: Annotated[str, typer.Argument(help="CSV or Parquet file, or a database URL.")],
    table: Annotated[str, typer.Option(help="Table to create in the events engine.")] = "users",
    id_column: Annotated[str, typer.Option("--id", help="User id column.")] = "user_id",
    source_table: Annotated[
        str | None, typer.Option(help="Table to read when SOURCE is a database URL.")
    ] = None,
    type_: Annotated[
        list[str] | None,
        typer.Option("--type", help="Declare a column type, e.g. age=int64 (repeatable)."),
    ] = None,
    fmt: Annotated[
        str | None, typer.Option("--format", help="csv or parquet (default: by suffix).")
    ] = None,
    delimiter: Annotated[str, typer.Option(help="CSV delimiter.")] = ",",
    as_json: AsJson = False,
    data_dir: DataDir = None,
) -> None:
    """Import users into the events engine; show the inferred schema."""
    from dataclasses import replace

    from huashu.audience import import_users
    from huashu.audience.namespace import user_table

    with _engine(data_dir) as (con, console, lang):
        try:
            report = import_users(
                con,
                source,
                table=user_table(table),
                id_column=id_column,
                types=_types(type_),
                source_table=source_table,
                fmt=fmt,
                delimiter=delimiter,
            )
        except InputError as err:
            raise fail(console, err, lang) from err
    report = replace(report, table=table)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False))
        return
    schema = Table(title=f"{report.table}: {report.rows:,} rows from {report.source}")
    schema.add_column("column")
    schema.add_column("type")
    for name, dtype in report.columns:
        schema.add_row(name, dtype)
    console.print(schema)


@segments_app.command("tiers")
def tiers_cmd(
    transactions: Annotated[str, typer.Option(help="Transactions table in the events engine.")],
    users: Annotated[str, typer.Option(help="Users table (every user gets a tier).")] = "users",
    into: Annotated[str, typer.Option(help="Table to write the RFM scores into.")] = "user_value",
    as_of: Annotated[
        str | None, typer.Option(help="Scoring date (ISO); default the latest transaction.")
    ] = None,
    window_days: Annotated[
        int | None, typer.Option(help="Only transactions in the last N days count.")
    ] = None,
    users_into: Annotated[
        str | None,
        typer.Option(help="Also write the users with their tier columns to this table."),
    ] = None,
    data_dir: DataDir = None,
) -> None:
    """Score users by RFM from a transactions table and write value tiers."""
    from huashu.audience.namespace import user_table
    from huashu.audience.tiers import materialize_tiers

    with _engine(data_dir) as (con, console, lang):
        try:
            counts = materialize_tiers(
                con,
                user_table(transactions, "transactions"),
                user_table(users, "users"),
                user_table(into, "into"),
                as_of=as_of,
                window_days=window_days,
                users_into=None if users_into is None else user_table(users_into, "users_into"),
            )
        except InputError as err:
            raise fail(console, err, lang) from err
    for tier, n in counts.items():
        typer.echo(f"{tier}\t{n}")
    console.print(f"[green]written[/]: table {into}")
