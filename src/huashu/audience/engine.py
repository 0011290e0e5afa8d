"""Small helpers for running Ibis expressions on the events engine: tables, results, quiet calls."""

from __future__ import annotations

from typing import Any

import ibis
import pandas as pd
import pyarrow as pa
import sqlglot.expressions as sge
from ibis.common.exceptions import TableNotFound

from huashu.audience.namespace import logical
from huashu.domain import InputError
from huashu.events.results import quiet as quiet
from huashu.events.results import scalar as scalar
from huashu.events.results import to_pandas as to_pandas


def table(con: Any, name: str) -> Any:
    """The table ``name`` of the backend, or an :class:`InputError` naming it."""
    try:
        if not name.strip():
            raise TableNotFound(name)
        with quiet():
            return con.table(name)
    except (TableNotFound, KeyError) as err:
        shown = shown_name(name)
        raise InputError(
            f"table '{shown}' does not exist in the events engine; import users first "
            "(huashu segments import FILE)",
            message_zh=f"事件引擎中没有表 '{shown}'，请先导入用户（huashu segments import 文件）",
            code="unknown_table",
            details={"table": shown},
        ) from err


def shown_name(name: str) -> str:
    """A user table's name as operators know it (``seg_users`` is shown as ``users``)."""
    return logical(name)


def arrow_batches(con: Any, expr: Any, chunk_size: int = 250_000) -> Any:
    """Record batches of ``expr`` of backend ``con``, streamed (DuckDB 2 renamed the cursor
    method Ibis 12 calls for this, so DuckDB results are read here)."""
    if getattr(con, "name", "") != "duckdb":
        return expr.to_pyarrow_batches(chunk_size=chunk_size)
    relation = con.con.sql(con.compile(expr.as_table()))
    reader = getattr(relation, "to_arrow_reader", None) or relation.fetch_arrow_reader
    return reader(chunk_size)


def write_table(
    con: Any,
    name: str,
    data: pa.Table | pd.DataFrame,
    *,
    overwrite: bool = True,
    temp: bool = False,
) -> Any:
    """Create table ``name`` from in-memory ``data`` (an empty table with its schema, then one
    insert: the path that works on DuckDB 2 and PySpark alike)."""
    arrow = data if isinstance(data, pa.Table) else pa.Table.from_pandas(data, preserve_index=False)
    if overwrite:
        drop_table(con, name)
    with quiet():
        con.create_table(name, schema=ibis.schema(arrow.schema), temp=temp)
        if arrow.num_rows:
            con.insert(name, arrow)
        return con.table(name)


def drop_table(con: Any, name: str) -> None:
    """Drop table ``name`` if it exists (ibis 12's own DROP renders without the name under
    sqlglot 30, so the statement is built here with sqlglot's current ``tables`` argument)."""
    try:
        with quiet():
            con.drop_table(name, force=True)
    except Exception:
        statement = sge.Drop(kind="TABLE", tables=[sge.table_(name, quoted=True)], exists=True)
        with quiet():
            con.raw_sql(statement.sql(con.dialect))


def create_table(con: Any, name: str, expr: Any, *, temp: bool = False) -> Any:
    """Materialise ``expr`` as table ``name`` of ``con``, replacing an existing one."""
    drop_table(con, name)
    with quiet():
        return con.create_table(name, expr, temp=temp)


def overwrite_error(name: str) -> InputError:
    """Writing table ``name`` would replace a table the same request reads."""
    shown = shown_name(name)
    return InputError(
        f"table '{shown}' is read by this request and cannot also be written: "
        "choose another target table",
        message_zh=f"表 '{shown}' 是本次请求读取的表，不能同时写入：请换一个目标表名",
        code="table_conflict",
        details={"table": shown},
    )
