"""Audience actions shared by CLI, API and services: preview, apply and export a segment file."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import ibis
import pyarrow as pa

from huashu.audience.engine import create_table, overwrite_error, quiet, write_table
from huashu.audience.plan import (
    AudiencePlan,
    Compiled,
    compile_spec,
    population_table,
    segment_expr,
    size_plan,
)
from huashu.audience.profiles import profile_plan
from huashu.audience.rules import show_rule
from huashu.audience.spec import SegmentSpec
from huashu.csvsafe import FORMULA_STARTS, safe_cell
from huashu.domain import InputError

ExportFormat = Literal["parquet", "csv"]


def compile_on(con: Any, spec: SegmentSpec) -> Compiled:
    """Compile ``spec`` against its user table (plus value tiers) in backend ``con``."""
    return compile_spec(population_table(con, spec), spec)


def preview(con: Any, spec: SegmentSpec, *, profiles: bool = True) -> AudiencePlan:
    """Sizes, overlaps and (by default) profiles of every segment; writes nothing."""
    compiled = compile_on(con, spec)
    plan = size_plan(compiled)
    if profiles:
        started = time.perf_counter()
        plan = profile_plan(compiled, plan)
        plan.seconds["profiles"] = time.perf_counter() - started
    return plan


def apply(con: Any, spec: SegmentSpec, *, into: str = "segment_members") -> AudiencePlan:
    """Preview, then write ``into`` (segment_key, user_id) and ``<into>_catalog`` (one row per
    segment: key, name, kind, status, size, rule, description) into the engine, replacing them.
    Segments marked too small get no members."""
    read = {spec.users, *_tier_tables(spec)}
    for written in (into, f"{into}_catalog"):
        if written in read:
            raise overwrite_error(written)
    compiled = compile_on(con, spec)
    plan = profile_plan(compiled, size_plan(compiled))
    started = time.perf_counter()
    pop = compiled.population
    parts = []
    for seg in plan.segments:
        if seg.status != "ok":
            continue
        rows = pop.filter(segment_expr(compiled, plan, seg.key))
        parts.append(
            rows.select(segment_key=ibis.literal(seg.key, type="string"), user_id=rows[spec.id])
        )
    with quiet():
        if parts:
            members = parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]
            create_table(con, into, members)
        catalog = pa.table(
            {
                "segment_key": [s.key for s in plan.segments],
                "name": [s.name for s in plan.segments],
                "kind": [s.kind for s in plan.segments],
                "status": [s.status for s in plan.segments],
                "size": pa.array([s.size for s in plan.segments], type=pa.int64()),
                "rule": [
                    json.dumps(s.rule, ensure_ascii=False, default=str) for s in plan.segments
                ],
                "rule_text": [show_rule(s.rule) for s in plan.segments],
                "description": [s.description for s in plan.segments],
            }
        )
    write_table(con, f"{into}_catalog", catalog)
    plan.seconds["apply"] = time.perf_counter() - started
    return plan


def csv_safe(rows: Any) -> Any:
    """``rows`` with every text cell (and column name) a spreadsheet would run as a formula
    prefixed with ``'`` (:mod:`huashu.csvsafe`), computed by the engine."""
    schema = rows.schema()
    quote = ibis.literal("'")
    fixed = {
        name: ibis.ifelse(
            rows[name].substr(0, 1).isin(FORMULA_STARTS), quote.concat(rows[name]), rows[name]
        )
        for name in schema.names
        if schema[name].is_string()
    }
    out = rows.mutate(**fixed) if fixed else rows
    renamed = {safe_cell(n): n for n in schema.names if safe_cell(n) != n}
    return out.rename(renamed) if renamed else out


def _tier_tables(spec: SegmentSpec) -> tuple[str, ...]:
    tiers = spec.value_tiers
    if tiers is None:
        return ()
    return tuple(t for t in (tiers.transactions, tiers.table) if t is not None)


@dataclass(frozen=True)
class ExportedFile:
    key: str
    name: str
    path: Path
    rows: int


def export_members(
    con: Any,
    spec: SegmentSpec,
    out_dir: Path,
    *,
    fmt: ExportFormat = "parquet",
    keys: list[str] | None = None,
    columns: list[str] | None = None,
    include_small: bool = False,
) -> list[ExportedFile]:
    """One member file per segment (``<out_dir>/<key>.<fmt>``), streamed by the engine.

    Files hold the id column plus ``columns`` (e.g. a phone column for SMS lists). Segments
    marked too small are left out unless ``include_small``. CSV cells that a spreadsheet would
    run as formulas get a leading ``'`` (:func:`csv_safe`).
    """
    if fmt not in ("parquet", "csv"):
        raise InputError(
            f"export format must be parquet or csv, got {fmt!r}",
            message_zh=f"导出格式应为 parquet 或 csv，收到 {fmt!r}",
            code="bad_format",
            details={"format": fmt},
        )
    compiled = compile_on(con, spec)
    plan = size_plan(compiled)
    wanted = keys or [s.key for s in plan.segments]
    extra = list(columns or [])
    schema = compiled.population.schema()
    for column in extra:
        if column not in schema:
            raise InputError(
                f"unknown export column '{column}'; fields: {', '.join(schema.names)}",
                message_zh=f"导出列 '{column}' 不存在；可用字段：{'、'.join(schema.names)}",
                code="unknown_field",
                details={"field": column},
            )
    chosen = [plan.segment(key) for key in wanted]
    out_dir.mkdir(parents=True, exist_ok=True)
    exported = []
    for seg in chosen:
        key = seg.key
        if seg.status != "ok" and not include_small:
            continue
        pop = compiled.population
        rows = pop.filter(segment_expr(compiled, plan, key)).select(spec.id, *extra)
        rows = rows.order_by(spec.id)
        path = out_dir / f"{key}.{fmt}"
        with quiet():
            if fmt == "parquet":
                rows.to_parquet(path)
            else:
                csv_safe(rows).to_csv(path)
        exported.append(ExportedFile(key, seg.name, path, seg.size))
    manifest = [
        {"key": f.key, "name": f.name, "file": f.path.name, "rows": f.rows} for f in exported
    ]
    (out_dir / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2), "utf-8"
    )
    return exported
