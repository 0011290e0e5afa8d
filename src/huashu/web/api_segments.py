"""JSON API for audiences: user import, value tiers, segment preview/apply/export with sizes,
overlaps and profiles. Backends come from the app's runtime (``runtime_of``).

What an operator may touch is confined (docs/security.md): files only under the import
directory, databases only by the name of an administrator's connection, tables only in the
user-table namespace (:mod:`huashu.audience.namespace`), exports only under the export
directory."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any, Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from huashu.audience.guards import check_source_table, connection_url, export_folder, import_file
from huashu.audience.namespace import user_spec, user_table
from huashu.domain import InputError
from huashu.events import EventStore
from huashu.services import segments
from huashu.web.auth import ANALYZE, OPERATE, allow
from huashu.web.backends import runtime_of
from huashu.web.schemas_segments import (
    AppliedOut,
    ExportedOut,
    ImportedUsersOut,
    PreviewOut,
    TableOut,
    TiersOut,
)

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
            return user_spec(parse_spec(self.spec, "spec"))
        assert self.text is not None
        return user_spec(read_spec_text(self.text, "text"))


class PreviewBody(SpecBody):
    profiles: bool = True


class ApplyBody(SpecBody):
    into: str = "segment_members"


class ExportBody(SpecBody):
    format: Literal["parquet", "csv"] = "parquet"
    keys: list[str] | None = None
    columns: list[str] | None = None
    include_small: bool = False


class ImportBody(BaseModel):
    """``source``: a file under the import directory (``users.csv``), or ``connection``: the
    name of an administrator's database connection, with ``source_table``."""

    source: str | None = None
    connection: str | None = None
    table: str = "users"
    id_column: str = "user_id"
    source_table: str | None = None
    types: dict[str, str] | None = None
    format: Literal["csv", "parquet"] | None = None
    delimiter: str = ","


class TiersBody(BaseModel):
    transactions: str
    users: str = "users"
    into: str = "user_value"
    as_of: str | None = None
    window_days: int | None = Field(default=None, ge=1)


def _events(request: Request) -> EventStore:
    return runtime_of(request).events


def _eval_seconds(request: Request) -> float | None:
    """How long a segment file's evaluation may run (``segment_eval_seconds``)."""
    seconds: float | None = request.app.state.settings.segment_eval_seconds
    return seconds


@router.post("/segments/preview", response_model=PreviewOut, dependencies=[allow(ANALYZE)])
def preview_segments(request: Request, body: PreviewBody) -> dict[str, Any]:
    """Sizes, overlap matrix and profiles of a segment file; writes nothing."""
    spec = body.parsed()  # bounded (audience.bounds), and parsed before taking the engine
    plan = segments.preview_segments(
        _events(request), spec, profiles=body.profiles, seconds=_eval_seconds(request)
    )
    return {"ok": True, **plan.to_dict()}


@router.post("/segments/apply", response_model=AppliedOut, dependencies=[allow(OPERATE)])
def apply_segments(request: Request, body: ApplyBody) -> dict[str, Any]:
    """Preview, then write the members table and its catalog into the events engine."""
    into = user_table(body.into, "into")
    spec = body.parsed()
    plan = segments.apply_segments(
        _events(request), spec, into=into, seconds=_eval_seconds(request)
    )
    return {"ok": True, "tables": [body.into, f"{body.into}_catalog"], **plan.to_dict()}


@router.post("/segments/export", response_model=ExportedOut, dependencies=[allow(OPERATE)])
def export_segments(request: Request, body: ExportBody) -> dict[str, Any]:
    """One member file per segment under ``<export_dir>/<name>-<timestamp>/``."""
    spec = body.parsed()
    settings = request.app.state.settings
    out = export_folder(settings.resolved_export_dir, spec.name, time.strftime("%Y%m%d-%H%M%S"))
    files = segments.export_segments(
        _events(request),
        spec,
        out,
        fmt=body.format,
        keys=body.keys,
        columns=body.columns,
        include_small=body.include_small,
        seconds=_eval_seconds(request),
    )
    return {
        "ok": True,
        "directory": str(out),
        "files": [
            {"key": f.key, "name": f.name, "path": str(f.path), "rows": f.rows} for f in files
        ],
    }


@router.post("/segments/import", response_model=ImportedUsersOut, dependencies=[allow(OPERATE)])
def import_from_source(request: Request, body: ImportBody) -> dict[str, Any]:
    """Import users from a file under the import directory or a named connection's table."""
    settings = request.app.state.settings
    if (body.source is None) == (body.connection is None):
        raise InputError(
            "send exactly one of 'source' (a file in the import directory) or 'connection' "
            "(the name of a data connection) with 'source_table'",
            message_zh="请只提供 'source'（导入目录中的文件）或 'connection'（数据连接名称，"
            "并提供 'source_table'）之一",
            code="bad_source_choice",
        )
    into = user_table(body.table)
    source: str | Path
    if body.connection is not None:
        source = connection_url(settings.data_connections, body.connection)
        source_table: str | None = check_source_table(body.source_table)
    else:
        assert body.source is not None
        source, source_table = import_file(settings.resolved_import_dir, body.source), None
    report = segments.import_users(
        _events(request),
        source,
        table=into,
        id_column=body.id_column,
        types=body.types,
        source_table=source_table,
        fmt=body.format,
        delimiter=body.delimiter,
        label=body.connection,
    )
    return {"ok": True, **report.to_dict(), "table": body.table}


@router.post("/segments/upload", response_model=ImportedUsersOut, dependencies=[allow(OPERATE)])
async def import_upload(
    request: Request,
    format: Literal["csv", "parquet"] = "csv",
    table: str = "users",
    id_column: str = "user_id",
) -> dict[str, Any]:
    """Import users from the request body (raw CSV or Parquet bytes), staged in a private
    folder of the import directory that is removed afterwards."""
    into = user_table(table)
    data = await request.body()
    uploads = request.app.state.settings.resolved_import_dir / ".uploads"
    uploads.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=uploads) as tmp:
        path = Path(tmp) / f"upload.{format}"
        path.write_bytes(data)
        report = segments.import_users(
            _events(request), path, table=into, id_column=id_column, fmt=format
        )
    return {"ok": True, **report.to_dict(), "table": table}


@router.post("/segments/tiers", response_model=TiersOut, dependencies=[allow(OPERATE)])
def compute_tiers(request: Request, body: TiersBody) -> dict[str, Any]:
    """RFM value tiers from a transactions table, written to ``into``; users per tier."""
    transactions = user_table(body.transactions, "transactions")
    users, into = user_table(body.users, "users"), user_table(body.into, "into")
    counts = segments.compute_tiers(
        _events(request),
        transactions,
        users,
        into,
        as_of=body.as_of,
        window_days=body.window_days,
    )
    return {"ok": True, "table": body.into, "tiers": counts}


@router.get("/segments/tables/{name}", response_model=TableOut, dependencies=[allow(ANALYZE)])
def table_schema(request: Request, name: str) -> dict[str, Any]:
    """Columns and row count of a user table (e.g. the imported users)."""
    info = segments.describe_table(_events(request), user_table(name))
    return {
        "ok": True,
        "table": name,
        "rows": info.rows,
        "columns": [{"name": n, "type": t} for n, t in info.columns],
    }
