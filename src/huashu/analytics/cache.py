"""Computed aggregates and rendered charts kept while the event store's data is unchanged.

The state of the store is a fingerprint of the tables analytics reads (row count and newest
timestamp of ``events``, ``signups``, ``actions`` and ``costs``): they are append-only and
written idempotently, so any insert changes it. Every lookup reads the fingerprint first (one
query, about 2 ms on DuckDB) and drops everything when it moved, so a page never shows numbers
older than the data. Concurrent lookups of one key compute it once; an :class:`InputError`
(e.g. no journeys to attribute) is kept like a value.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

import ibis
import pandas as pd

from huashu.domain import InputError
from huashu.events import EventStore
from huashu.events.results import quiet, to_pandas

T = TypeVar("T")

#: table -> the timestamp column whose maximum joins the row count in the fingerprint
WATCHED: dict[str, str] = {
    "events": "ts",
    "signups": "first_seen",
    "actions": "ts",
    "costs": "day",
}


def store_state(store: EventStore) -> tuple[tuple[str, int, str], ...]:
    """(table, rows, newest timestamp) per watched table (they must exist: building
    :class:`~huashu.analytics.tables.AnalyticsTables` on the store creates them)."""
    con = store.backend
    with store.exclusive(), quiet():
        if getattr(con, "name", "") == "duckdb":  # one statement, nothing to compile
            sql = " UNION ALL ".join(
                f'SELECT \'{name}\', count(*), CAST(max("{column}") AS VARCHAR) FROM "{name}"'
                for name, column in WATCHED.items()
            )
            rows = con.con.execute(sql).fetchall()
        else:
            rows = state_rows(con)
    return tuple(
        sorted((str(n), int(c), "" if pd.isna(last) else str(last)) for n, c, last in rows)
    )


def state_rows(con: Any) -> list[tuple[Any, ...]]:
    """The same figures through Ibis, for any backend (one union of aggregates)."""
    parts = []
    for name, column in WATCHED.items():
        t = con.table(name)
        last = t[column].max().cast("string")
        parts.append(t.aggregate(name=ibis.literal(name), rows=t.count(), last=last))
    return list(to_pandas(ibis.union(*parts)).itertuples(index=False, name=None))


class AggregateCache:
    """Values computed from one event store, dropped when its state (above) changes."""

    def __init__(self, store: EventStore, *, max_entries: int = 512) -> None:
        self.store = store
        self.max_entries = max_entries
        self._lock = threading.Lock()
        self._state: tuple[tuple[str, int, str], ...] | None = None
        self._values: dict[Hashable, tuple[Any, InputError | None]] = {}
        self._computing: dict[Hashable, threading.Lock] = {}
        self.hits = 0
        self.misses = 0

    def state(self) -> tuple[tuple[str, int, str], ...]:
        """The store's current state; forgets every value when it changed since last time."""
        now = store_state(self.store)
        with self._lock:
            if now != self._state:
                self._state = now
                self._values.clear()
        return now

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value of ``key`` for the store's current state, computed at most once."""
        state = self.state()
        with self._lock:
            gate = self._computing.setdefault(key, threading.Lock())
        with gate:
            found: tuple[Any, InputError | None] | None
            with self._lock:
                found = self._values.get(key) if self._state == state else None
            if found is None:
                self.misses += 1
                try:
                    found = (compute(), None)
                except InputError as err:
                    found = (None, err)
                with self._lock:
                    if self._state == state:
                        if len(self._values) >= self.max_entries:
                            self._values.clear()
                        self._values[key] = found
            else:
                self.hits += 1
        value: Any = found[0]
        if found[1] is not None:
            raise found[1]
        return cast(T, value.copy() if isinstance(value, pd.DataFrame) else value)
