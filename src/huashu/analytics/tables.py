"""The analytics input tables in the events engine (signups, funnel actions, costs) and their
checked, idempotent importers from pandas frames and CSV files."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ibis
import numpy as np
import pandas as pd
import pyarrow as pa

from huashu.analytics.engine import error, quiet, to_pandas
from huashu.analytics.engine import table as engine_table
from huashu.events import EventStore
from huashu.events.ddl import create_missing_tables, ddl_lock

SLICE_COLUMNS = ("campaign", "channel", "segment_key", "creative_id", "creator")

#: table -> (column -> Ibis dtype, key columns, required CSV columns)
SCHEMAS: dict[str, tuple[Mapping[str, str], tuple[str, ...], tuple[str, ...]]] = {
    "signups": (
        {
            "user_id": "int64",
            "first_seen": "timestamp",
            "campaign": "string",
            "channel": "string",
            "segment_key": "string",
            "creative_id": "string",
            "creator": "string",
        },
        ("user_id",),
        ("user_id", "first_seen"),
    ),
    "actions": (
        {
            "action_id": "string",
            "user_id": "int64",
            "ts": "timestamp",
            "step": "string",
            "value": "float64",
            "campaign": "string",
            "channel": "string",
            "creative_id": "string",
            "creator": "string",
        },
        ("action_id",),
        ("action_id", "user_id", "ts", "step"),
    ),
    "costs": (
        {
            "day": "date",
            "campaign": "string",
            "channel": "string",
            "creator": "string",
            "placement": "string",
            "creative_id": "string",
            "cost": "float64",
        },
        ("day", "campaign", "channel", "creator", "placement", "creative_id"),
        ("day", "channel", "cost"),
    ),
}

_ZH = {"signups": "新用户", "actions": "行为", "costs": "成本"}


@dataclass(frozen=True)
class ImportResult:
    """What an import did: rows inserted, already present, and rejected (with reasons)."""

    table: str
    inserted: int
    duplicates: int
    rejected: list[dict[str, Any]] = field(default_factory=list)


def schema(table: str) -> ibis.Schema:
    return ibis.schema(dict(SCHEMAS[table][0]))


def _row_error(table: str, row: int, column: str, what: str, what_zh: str, code: str) -> Exception:
    return error(
        f"{table} row {row}, column '{column}': {what}",
        f"{_ZH[table]}第 {row} 行，列 '{column}'：{what_zh}",
        code,
        table=table,
        row=row,
        column=column,
    )


def _first_bad(mask: pd.Series) -> int:
    return int(np.flatnonzero(mask.to_numpy())[0]) + 2


def checked(table: str, raw: pd.DataFrame) -> pd.DataFrame:
    """Coerce ``raw`` (strings from a CSV, or typed values) to the table's schema.

    Row numbers in errors count the CSV header as line 1. Optional string columns may be
    missing or empty (stored as ""); required ones, unparsable numbers or timestamps and
    negative costs or values raise :class:`InputError`.
    """
    columns, _, required = SCHEMAS[table]
    zh = _ZH[table]
    for column in required:
        if column not in raw.columns:
            raise error(
                f"{table} input is missing column '{column}'",
                f"{zh}数据缺少列 '{column}'",
                "missing_column",
                table=table,
                column=column,
            )
    unknown = [c for c in raw.columns if c not in columns]
    if unknown:
        raise error(
            f"{table} input has unknown column '{unknown[0]}'",
            f"{zh}数据包含未知列 '{unknown[0]}'",
            "unknown_column",
            table=table,
            column=str(unknown[0]),
        )
    out: dict[str, Any] = {}
    for column, dtype in columns.items():
        if column not in raw.columns:
            out[column] = pd.Series([""] * len(raw), dtype=object) if dtype == "string" else 0.0
            continue
        series = raw[column].reset_index(drop=True)
        missing = series.isna() | (series.astype(str).str.strip() == "")
        if column in required and missing.any():
            raise _row_error(table, _first_bad(missing), column, "empty", "为空", "empty_value")
        if dtype == "string":
            out[column] = series.where(~missing, "").astype(str).str.strip().astype(object)
        elif dtype in ("int64", "float64"):
            numbers = pd.to_numeric(series.where(~missing, "0"), errors="coerce")
            bad = numbers.isna()
            if dtype == "int64":
                bad |= numbers.notna() & (numbers != np.floor(numbers.fillna(0)))
            if bad.any():
                raise _row_error(
                    table, _first_bad(bad), column, "not a number", "不是数字", "bad_number"
                )
            if (numbers < 0).any():
                code = "negative_cost" if column == "cost" else "negative_value"
                raise _row_error(
                    table, _first_bad(numbers < 0), column, "negative", "不能为负数", code
                )
            out[column] = numbers.astype(dtype)
        else:
            stamps = pd.to_datetime(series, errors="coerce", utc=True, format="mixed")
            if stamps.isna().any():
                raise _row_error(
                    table, _first_bad(stamps.isna()), column, "not a date", "不是日期", "bad_date"
                )
            naive = stamps.dt.tz_localize(None).astype("datetime64[us]")
            out[column] = naive.dt.date if dtype == "date" else naive
    return pd.DataFrame(out)


def read_csv(path: Path) -> pd.DataFrame:
    if not path.is_file():
        raise error(f"file not found: {path}", f"找不到文件：{path}", "file_not_found")
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    except (ValueError, OSError, pd.errors.ParserError) as err:
        raise error(f"cannot read {path}: {err}", f"无法读取 {path}：{err}", "bad_file") from err


class AnalyticsTables:
    """The analytics tables next to the decision/event log of one :class:`EventStore`."""

    def __init__(self, store: EventStore) -> None:
        self.store = store
        self.con = store.backend
        with store.exclusive(), ddl_lock(self.con):
            create_missing_tables(self.con, {table: schema(table) for table in SCHEMAS})

    def import_frame(self, table: str, raw: pd.DataFrame) -> ImportResult:
        """Check and insert rows whose key is new (re-importing a file inserts nothing).

        Actions of users without a signup, or stamped before the user's ``first_seen``, are
        rejected row by row (returned with a reason), not inserted.
        """
        frame = checked(table, raw)
        _, keys, _ = SCHEMAS[table]
        rejected: list[dict[str, Any]] = []
        with self.store.exclusive():
            if table == "actions" and len(frame):
                frame, rejected = self._check_actions(frame)
            unique = frame.drop_duplicates(subset=list(keys), keep="first")
            if unique.empty:
                return ImportResult(table, 0, len(frame), rejected)
            batch = ibis.memtable(unique, schema=schema(table))
            with quiet():
                fresh = batch.anti_join(self.con.table(table), list(keys)).to_pyarrow()
                if fresh.num_rows:
                    self.con.insert(table, fresh)
        return ImportResult(table, int(fresh.num_rows), len(frame) - fresh.num_rows, rejected)

    def import_csv(self, table: str, path: Path) -> ImportResult:
        return self.import_frame(table, read_csv(path))

    def _check_actions(self, frame: pd.DataFrame) -> tuple[pd.DataFrame, list[dict[str, Any]]]:
        ids = ibis.memtable(pa.table({"user_id": pa.array(frame["user_id"].unique(), pa.int64())}))
        signups = engine_table(self.con, "signups")
        known = to_pandas(signups.semi_join(ids, "user_id").select("user_id", "first_seen"))
        first = frame["user_id"].map(known.set_index("user_id")["first_seen"])
        unknown = first.isna()
        early = ~unknown & (frame["ts"] < first)
        rejected = [
            {"action_id": a, "reason": "unknown_user"} for a in frame.loc[unknown, "action_id"]
        ] + [{"action_id": a, "reason": "before_first_seen"} for a in frame.loc[early, "action_id"]]
        return frame.loc[~unknown & ~early].reset_index(drop=True), rejected

    def derive_signups(self) -> ImportResult:
        """Add a signup for every user in the event log without one: first seen at the user's
        first event, acquired through that event's channel, segment and creative."""
        with self.store.exclusive():
            events = self.store.events()
            first = events.group_by("user_id").aggregate(first_seen=events.ts.min())
            joined = events.join(
                first, [events.user_id == first.user_id, events.ts == first.first_seen]
            )
            picked = joined.group_by(joined.user_id).aggregate(
                first_seen=joined.first_seen.min(),
                channel=joined.channel.min(),
                segment_key=joined.segment_key.min(),
                creative_id=joined.creative_id.min(),
            )
            frame = to_pandas(picked.anti_join(engine_table(self.con, "signups"), "user_id"))
        frame = frame.assign(campaign="", creator="")
        return self.import_frame("signups", frame)
