"""Checking decision and event batches (pandas frames) against the event-store schema."""

from __future__ import annotations

from collections.abc import Mapping

import ibis
import pandas as pd
from pandas.api import types as ptypes

from huashu.domain import DECISION_COLUMNS, EVENT_COLUMNS, EventKind, InputError

#: table name -> (column -> Ibis dtype string, id column)
TABLES: dict[str, tuple[Mapping[str, str], str]] = {
    "decisions": (DECISION_COLUMNS, "decision_id"),
    "events": (EVENT_COLUMNS, "event_id"),
}

_TABLE_ZH = {"decisions": "决策", "events": "事件"}
_KINDS = tuple(k.value for k in EventKind)


def ibis_schema(table: str) -> ibis.Schema:
    """The Ibis schema of ``table`` ("decisions" or "events"), built from the domain columns."""
    columns, _ = TABLES[table]
    return ibis.schema(dict(columns))


def _fits(series: pd.Series, dtype: str) -> bool:
    if dtype == "string":
        if ptypes.is_string_dtype(series):
            return True
        inferred = ptypes.infer_dtype(series, skipna=True) if series.dtype == object else ""
        return inferred in ("string", "empty")
    if dtype == "timestamp":
        return bool(ptypes.is_datetime64_any_dtype(series))
    if dtype == "int64":
        return bool(ptypes.is_integer_dtype(series) and not ptypes.is_bool_dtype(series))
    if dtype == "float64":
        numeric = ptypes.is_float_dtype(series) or ptypes.is_integer_dtype(series)
        return bool(numeric and not ptypes.is_bool_dtype(series))
    raise AssertionError(f"unhandled event-store dtype {dtype}")


def _error(message: str, message_zh: str, code: str, **details: object) -> InputError:
    return InputError(message, message_zh=message_zh, code=code, details=details)


def checked_frame(table: str, df: object) -> pd.DataFrame:
    """Validate ``df`` for ``table`` and return it with columns in schema order.

    Timezone-aware timestamps are converted to naive UTC; rows repeating an id keep the first.
    Raises :class:`InputError` naming the first missing, unknown, mistyped or null-id column.
    """
    columns, id_column = TABLES[table]
    zh = _TABLE_ZH[table]
    if not isinstance(df, pd.DataFrame):
        raise _error(
            f"{table} batch must be a pandas DataFrame, got {type(df).__name__}",
            f"{zh}数据必须是 pandas DataFrame，收到 {type(df).__name__}",
            "bad_frame",
            table=table,
        )
    for column in columns:
        if column not in df.columns:
            raise _error(
                f"{table} batch is missing column '{column}'",
                f"{zh}数据缺少列 '{column}'",
                "missing_column",
                table=table,
                column=column,
            )
    for column in df.columns:
        if column not in columns:
            raise _error(
                f"{table} batch has unknown column '{column}'",
                f"{zh}数据包含未知列 '{column}'",
                "unknown_column",
                table=table,
                column=str(column),
            )
    out = df.loc[:, list(columns)]
    for column, dtype in columns.items():
        series = out[column]
        if not _fits(series, dtype):
            raise _error(
                f"{table} column '{column}' must be {dtype}, got {series.dtype}",
                f"{zh}列 '{column}' 的类型应为 {dtype}，实际为 {series.dtype}",
                "bad_column_type",
                table=table,
                column=column,
                expected=dtype,
                got=str(series.dtype),
            )
    nulls = int(out[id_column].isna().sum())
    if nulls:
        raise _error(
            f"{table} column '{id_column}' has {nulls} null values",
            f"{zh}列 '{id_column}' 有 {nulls} 个空值",
            "null_id",
            table=table,
            column=id_column,
            nulls=nulls,
        )
    if table == "events":
        unknown = sorted(set(out["kind"].dropna().unique()) - set(_KINDS))
        if unknown:
            raise _error(
                f"events column 'kind' has unknown value '{unknown[0]}'; "
                f"expected one of {', '.join(_KINDS)}",
                f"事件列 'kind' 含未知取值 '{unknown[0]}'，应为 {', '.join(_KINDS)} 之一",
                "bad_event_kind",
                table=table,
                column="kind",
                value=str(unknown[0]),
            )
    ts = out["ts"]
    if isinstance(ts.dtype, pd.DatetimeTZDtype):
        out = out.assign(ts=ts.dt.tz_convert("UTC").dt.tz_localize(None))
    return out.drop_duplicates(subset=[id_column], keep="first")
