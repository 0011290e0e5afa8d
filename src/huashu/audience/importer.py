"""User import into the events engine from CSV, Parquet or a database table, checked in-engine.

The file is read by DuckDB (through Ibis) into a staging table with a row number; the checks
(missing id, duplicate id, values that break their column's type) are Ibis queries over it, so
10M rows stream through the engine and never through Python. A CSV column's type is the type
every value casts to; when at least 90% do, the rest are reported as wrong-type rows (declare
``types={"col": "string"}`` to keep such a column as text).
"""

from __future__ import annotations

import csv
import logging
import re
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ibis

from huashu.audience.engine import (
    arrow_batches,
    create_table,
    drop_table,
    quiet,
    scalar,
    to_pandas,
)
from huashu.audience.importer_errors import (
    bad_source,
    csv_error,
    problem_error,
)
from huashu.domain import InputError

log = logging.getLogger("huashu.audience")
TYPES = ("int64", "float64", "boolean", "timestamp", "string")
MAJORITY = 0.9
SAMPLE = 10_000
CANDIDATES = ("int64", "float64", "boolean", "timestamp")
ROW = "__huashu_row"


@dataclass(frozen=True)
class ImportReport:
    """What was imported: the table, its row count and its (inferred) schema."""

    table: str
    source: str
    rows: int
    columns: tuple[tuple[str, str], ...]
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "source": self.source,
            "rows": self.rows,
            "columns": [{"name": n, "type": t} for n, t in self.columns],
            "seconds": round(self.seconds, 3),
        }


def _header(path: Path, delimiter: str) -> list[str]:
    with path.open("r", encoding="utf-8-sig", newline="") as fh:
        first = fh.readline()
    if not first.strip():
        raise bad_source(path, "empty_file", "the file is empty", "文件为空")
    names = next(csv.reader([first], delimiter=delimiter))
    names = [n.strip() for n in names]
    blank = [i + 1 for i, n in enumerate(names) if not n]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if blank:
        raise bad_source(
            path,
            "bad_header",
            f"header column {blank[0]} has no name",
            f"表头第 {blank[0]} 列没有列名",
        )
    if dupes:
        raise bad_source(
            path, "bad_header", f"header repeats column '{dupes[0]}'", f"表头列名 '{dupes[0]}' 重复"
        )
    return names


def _read_csv(con: Any, path: Path, delimiter: str) -> Any:
    names = _header(path, delimiter)
    try:
        with quiet():
            raw = con.read_csv(
                str(path),
                auto_detect=False,
                columns={n: "VARCHAR" for n in names},
                delim=delimiter,
                header=True,
                quote='"',
                escape='"',
                strict_mode=True,
            )
            return _stage(con, raw)
    except Exception as err:
        if type(err).__module__.startswith(("duckdb", "_duckdb")):
            raise csv_error(path, str(err)) from err
        raise


def _stage(con: Any, raw: Any) -> Any:
    name = f"__huashu_stage_{uuid.uuid4().hex[:12]}"
    with quiet():
        return con.create_table(name, raw.mutate(**{ROW: ibis.row_number() + 1}), temp=True)


def _read_parquet(con: Any, path: Path) -> Any:
    try:
        with quiet():
            return _stage(con, con.read_parquet(str(path)))
    except Exception as err:
        if type(err).__module__.startswith(("duckdb", "_duckdb")):
            log.info("Parquet reader error on %s: %s", path.name, type(err).__name__)
            raise bad_source(
                path,
                "unreadable_file",
                "not a readable Parquet file",
                "不是可读的 Parquet 文件",
            ) from err
        raise


def _read_database(con: Any, url: str, source_table: str, shown: str) -> Any:
    """Stage ``source_table`` of ``url``; errors name the source as ``shown`` and say what
    failed (the kind of error) without the driver's text, which may quote the data."""
    src = None
    try:
        with quiet():
            src = ibis.connect(url)
            rows = src.table(source_table)
    except Exception as err:
        if src is not None:
            with quiet():
                src.disconnect()
        kind = type(err).__name__
        log.info("cannot read table %r from %s: %s", source_table, shown, kind)
        raise InputError(
            f"cannot read table '{source_table}' from {shown} ({kind})",
            message_zh=f"无法从 {shown} 读取表 '{source_table}'（{kind}）",
            code="unreadable_source",
            details={"source": shown, "table": source_table},
        ) from err
    name = f"__huashu_stage_{uuid.uuid4().hex[:12]}"
    try:
        with quiet():
            batches = arrow_batches(src, rows)
            staged = None
            for batch in batches:
                if staged is None:
                    staged = con.create_table(
                        f"{name}_in", schema=ibis.schema(batch.schema), temp=True
                    )
                if batch.num_rows:
                    con.insert(f"{name}_in", batch)
            if staged is None:
                staged = con.create_table(f"{name}_in", schema=rows.schema(), temp=True)
            return _stage(con, con.table(f"{name}_in"))
    finally:
        with quiet():
            src.disconnect()


def _redact(url: str) -> str:
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)


def _castable(col: Any, dtype: str) -> Any:
    if dtype == "int64":
        as_float = col.try_cast("float64")
        return as_float.notnull() & (as_float == as_float.floor()) & col.try_cast("int64").notnull()
    return col.try_cast(dtype).notnull()


def _vote(k: int, ok: Mapping[str, int]) -> str:
    """The first type every value casts to, else one that >= MAJORITY do, else string."""
    if k == 0:
        return "string"
    for t in CANDIDATES:
        if ok.get(t, -1) == k:
            return t
    best = max(CANDIDATES, key=lambda t: ok.get(t, -1))
    return best if ok.get(best, -1) >= MAJORITY * k else "string"


def _infer(staged: Any, columns: list[str], declared: Mapping[str, str]) -> dict[str, str]:
    """The type of each string column of ``staged`` (see the module docstring).

    Failing casts are slow, so every candidate type is tried on the first ``SAMPLE`` rows and
    only the sample's winner is checked on the whole table (widened to float64 if an int64
    column turns out to hold fractions)."""
    schema = staged.schema()
    todo = [c for c in columns if schema[c].is_string() and c not in declared]
    out = {c: str(declared[c]) for c in columns if c in declared}
    if not todo:
        return out
    sample = staged.filter(staged[ROW] <= SAMPLE)
    aggs: dict[str, Any] = {}
    for i, c in enumerate(todo):
        aggs[f"k{i}"] = sample[c].count()
        for t in CANDIDATES:
            aggs[f"{t}{i}"] = _castable(sample[c], t).sum()
    seen = to_pandas(sample.aggregate(**aggs)).iloc[0]
    guess = {
        c: _vote(int(seen[f"k{i}"]), {t: int(seen[f"{t}{i}"]) for t in CANDIDATES})
        for i, c in enumerate(todo)
    }
    typed = [c for c in todo if guess[c] != "string"]
    out.update({c: "string" for c in todo if guess[c] == "string"})
    if not typed:
        return out
    aggs = {}
    for i, c in enumerate(typed):
        aggs[f"k{i}"] = staged[c].count()
        aggs[f"{guess[c]}{i}"] = _castable(staged[c], guess[c]).sum()
        if guess[c] == "int64":
            aggs[f"float64{i}"] = _castable(staged[c], "float64").sum()
    full = to_pandas(staged.aggregate(**aggs)).iloc[0]
    for i, c in enumerate(typed):
        ok = {t: int(full[f"{t}{i}"]) for t in CANDIDATES if f"{t}{i}" in full.index}
        out[c] = _vote(int(full[f"k{i}"]), ok)
    return out


def _problems(staged: Any, column: str, bad: Any, limit: int) -> list[dict[str, Any]]:
    rows = (
        staged.filter(bad)
        .order_by(ROW)
        .limit(limit)
        .select(ROW, value=staged[column].cast("string"))
    )
    frame = to_pandas(rows)
    return [
        {"row": int(r), "column": column, "value": v}
        for r, v in zip(frame[ROW], frame["value"], strict=True)
    ]


def _check(
    staged: Any, id_column: str, types: Mapping[str, str], source: str, csv_lines: bool, limit: int
) -> None:
    schema = staged.schema()
    if id_column not in schema:
        columns = [c for c in schema.names if c != ROW]
        raise InputError(
            f"{source}: no id column '{id_column}'; columns: {', '.join(columns)}",
            message_zh=f"{source}：缺少 ID 列 '{id_column}'；现有列：{'、'.join(columns)}",
            code="missing_id_column",
            details={"source": source, "column": id_column, "columns": columns},
        )
    ident = staged[id_column]
    empty = ident.isnull()
    if schema[id_column].is_string():
        empty = empty | (ident.strip() == "")
    found = _problems(staged, id_column, empty, limit)
    if found:
        raise problem_error(source, "missing_id", found, scalar(empty.sum()), csv_lines, "")
    for column, dtype in types.items():
        if dtype == "string" or not schema[column].is_string():
            continue
        bad = staged[column].notnull() & staged[column].try_cast(dtype).isnull()
        if dtype == "int64":
            as_float = staged[column].try_cast("float64")
            bad = staged[column].notnull() & (
                staged[column].try_cast("int64").isnull()
                | (as_float != as_float.floor())
                | as_float.isnull()
            )
        found = _problems(staged, column, bad, limit)
        if found:
            raise problem_error(source, "wrong_type", found, scalar(bad.sum()), csv_lines, dtype)
    typed_id = (
        ident.try_cast(types[id_column]) if types.get(id_column, "string") != "string" else ident
    )
    keyed = staged.mutate(__id=typed_id)
    counted = keyed.group_by("__id").aggregate(n=keyed.count())
    dupes = counted.filter(counted.n > 1)
    n_dupes = int(scalar(dupes.count()))
    if n_dupes:
        rows = keyed.semi_join(dupes.select("__id"), "__id")
        found = _problems(rows, id_column, ibis.literal(True), limit)
        raise problem_error(source, "duplicate_id", found, n_dupes, csv_lines, "")


def import_users(
    con: Any,
    source: str | Path,
    *,
    table: str = "users",
    id_column: str = "user_id",
    types: Mapping[str, str] | None = None,
    source_table: str | None = None,
    fmt: str | None = None,
    delimiter: str = ",",
    max_errors: int = 10,
    label: str | None = None,
) -> ImportReport:
    """Import users into table ``table`` of the Ibis backend ``con`` (replacing it).

    ``source`` is a CSV or Parquet path (``fmt`` overrides the suffix) or a database URL with
    ``source_table``. ``types`` declares column types (int64, float64, boolean, timestamp,
    string). ``label`` names a database source in the report and in errors (default: the
    URL with its password masked). Raises :class:`InputError` with row number and column for
    each kind of bad row, never quoting a value of the data.
    """
    started = time.perf_counter()
    declared = dict(types or {})
    for column, dtype in declared.items():
        if dtype not in TYPES:
            raise InputError(
                f"unknown type '{dtype}' for column '{column}'; types: {', '.join(TYPES)}",
                message_zh=f"列 '{column}' 的类型 '{dtype}' 无效；可用类型：{'、'.join(TYPES)}",
                code="bad_type_name",
                details={"column": column, "type": dtype},
            )
    text = str(source)
    is_url = "://" in text and not Path(text).exists()
    stage_con = con if getattr(con, "name", "") == "duckdb" else ibis.duckdb.connect()
    if is_url:
        if not source_table:
            raise InputError(
                "a database source needs the table to read (--source-table)",
                message_zh="数据库来源需要指定要读取的表（--source-table）",
                code="missing_source_table",
            )
        shown = label or _redact(text)
        label = f"{shown}#{source_table}"
        staged = _read_database(stage_con, text, source_table, shown)
        csv_lines = False
    else:
        path = Path(text)
        label = path.name
        if not path.is_file():
            raise bad_source(path, "file_not_found", "the file does not exist", "文件不存在")
        kind = fmt or path.suffix.lower().lstrip(".")
        if kind in ("csv", "tsv", "txt"):
            staged = _read_csv(
                stage_con, path, "\t" if kind == "tsv" and delimiter == "," else delimiter
            )
            csv_lines = True
        elif kind in ("parquet", "pq"):
            staged = _read_parquet(stage_con, path)
            csv_lines = False
        else:
            raise bad_source(
                path,
                "unsupported_format",
                f"unsupported format '{kind}' (use csv or parquet)",
                f"不支持的格式 '{kind}'（请用 csv 或 parquet）",
            )
    columns = [c for c in staged.schema().names if c != ROW]
    unknown = sorted(set(declared) - set(columns))
    if unknown:
        raise InputError(
            f"{label}: declared type for unknown column '{unknown[0]}'",
            message_zh=f"{label}：为不存在的列 '{unknown[0]}' 声明了类型",
            code="unknown_field",
            details={"column": unknown[0]},
        )
    types_ = _infer(staged, columns, declared)
    _check(staged, id_column, types_, label, csv_lines, max_errors)
    final = staged.select(
        *[
            staged[c].try_cast(types_[c]).name(c)
            if types_.get(c, "string") != "string" and staged.schema()[c].is_string()
            else staged[c]
            for c in columns
        ]
    )
    with quiet():
        if stage_con is con:
            create_table(con, table, final)
        else:
            drop_table(con, table)
            con.create_table(table, schema=final.schema())
            for batch in arrow_batches(stage_con, final):
                if batch.num_rows:
                    con.insert(table, batch)
        stored = con.table(table)
        rows = int(scalar(stored.count()))
        schema = stored.schema()
        drop_table(stage_con, staged.get_name())
    return ImportReport(
        table=table,
        source=label,
        rows=rows,
        columns=tuple((n, str(schema[n])) for n in schema.names),
        seconds=time.perf_counter() - started,
    )
