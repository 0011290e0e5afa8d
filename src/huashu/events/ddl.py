"""Creating the event and analytics tables when several processes start at once.

``serve --workers N`` starts N processes that each open the event store; on a shared
PostgreSQL database two of them may both see a table missing and both create it (the second
fails with ``DuplicateTable``, and ``CREATE ... IF NOT EXISTS`` is not safe against that
either). A session-level advisory lock makes check-and-create one step across processes;
embedded engines (DuckDB, SQLite) are opened by one process and need no lock.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import ibis
from ibis.common.exceptions import TableNotFound

from huashu.events.results import quiet

_DDL_LOCK_KEY = 0x68756173  # "huas": one key for every huashu schema change on a database


@contextmanager
def ddl_lock(con: Any) -> Iterator[None]:
    """Hold the database-wide schema lock (PostgreSQL only; a no-op elsewhere)."""
    if getattr(con, "name", "") != "postgres":
        yield
        return
    with con.con.cursor() as cur:
        cur.execute("SELECT pg_advisory_lock(%s)", (_DDL_LOCK_KEY,))
    try:
        yield
    finally:
        with con.con.cursor() as cur:
            cur.execute("SELECT pg_advisory_unlock(%s)", (_DDL_LOCK_KEY,))


def create_missing_tables(con: Any, schemas: Mapping[str, ibis.Schema]) -> None:
    """Create each table of ``schemas`` that the backend does not have yet (call it under
    :func:`ddl_lock` when other processes may do the same)."""
    with quiet():
        for table, schema in schemas.items():
            try:
                con.table(table)
            except TableNotFound:
                con.create_table(table, schema=schema)
