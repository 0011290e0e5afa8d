"""Computed aggregates and rendered charts, kept per state of the event store.

The state of the store is a fingerprint of the tables analytics reads (row count and newest
timestamp of ``events``, ``signups``, ``actions`` and ``costs``): they are append-only and
written idempotently, so any insert changes it. Every value is kept with the state it was
computed on and the time it was computed. A lookup reads the state first (one query, about
2 ms on DuckDB):

- same state: the kept value (a hit);
- the state moved and ``max_stale_seconds`` is 0 (the default: the CLI, tests and any caller
  needing exact figures): the value is computed again before answering;
- the state moved, and the kept value was last seen current (computed, or found equal to the
  store's state by a lookup) at most ``max_stale_seconds`` ago: the kept value is answered at
  once (stale-while-revalidate) and one background thread per key computes the new one; a
  lookup never waits for that recompute. When the store's connection is busy (a long query
  holds it), such a lookup answers the kept value without waiting to read the state (and a
  background thread reads it, recomputing if it moved);
- older than that, or nothing kept: the lookup computes (and waits).

So an answered figure is never more than ``max_stale_seconds`` behind the data it was computed
from. :meth:`AggregateCache.forget` drops everything (a write through this process: its
author sees it at once), including what recomputes running at that moment would keep.

Concurrent computations of one key run once; an :class:`InputError` (e.g. no journeys to
attribute) is kept like a value. Computations nested in a computation (a chart reading its
aggregates) and lookups under :meth:`AggregateCache.warming` never take stale values, so a
value is always computed from figures of the state it is kept with, or newer.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar, cast

import ibis
import pandas as pd

from huashu.domain import InputError
from huashu.events import EventStore
from huashu.events.results import quiet, to_pandas

T = TypeVar("T")
State = tuple[tuple[str, int, str], ...]
log = logging.getLogger("huashu.analytics")

#: table -> the timestamp column whose maximum joins the row count in the fingerprint
WATCHED: dict[str, str] = {
    "events": "ts",
    "signups": "first_seen",
    "actions": "ts",
    "costs": "day",
}
#: how long a lookup that has a kept value waits for the store's connection to read the state
BUSY_WAIT_SECONDS = 0.05


def _read_state(store: EventStore) -> State:
    con = store.backend
    with quiet():
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


def store_state(store: EventStore) -> State:
    """(table, rows, newest timestamp) per watched table (they must exist: building
    :class:`~huashu.analytics.tables.AnalyticsTables` on the store creates them)."""
    with store.exclusive():
        return _read_state(store)


def try_store_state(store: EventStore, timeout: float) -> State | None:
    """:func:`store_state`, or None when the store's connection stays busy for ``timeout``."""
    with store.try_exclusive(timeout) as got:
        return _read_state(store) if got else None


def state_rows(con: Any) -> list[tuple[Any, ...]]:
    """The same figures through Ibis, for any backend (one union of aggregates)."""
    parts = []
    for name, column in WATCHED.items():
        t = con.table(name)
        last = t[column].max().cast("string")
        parts.append(t.aggregate(name=ibis.literal(name), rows=t.count(), last=last))
    return list(to_pandas(ibis.union(*parts)).itertuples(index=False, name=None))


@dataclass(frozen=True)
class Kept(Generic[T]):
    """A value (or the :class:`InputError` computing it raised) with the store state it was
    computed on, when, and whether that state was the store's at the lookup (False: stale,
    being recomputed; None: the store was busy, its state not read)."""

    value: T | None
    error: InputError | None
    state: State
    computed_at: datetime
    fresh: bool | None = True

    def get(self) -> T:
        """The value (a DataFrame as a copy), or the kept error raised."""
        if self.error is not None:
            raise self.error
        value: Any = self.value
        return cast(T, value.copy() if isinstance(value, pd.DataFrame) else value)


@dataclass
class _Entry:
    kept: Kept[Any]
    at: float  # the cache's clock when its state was last seen to be the store's


class _Context(threading.local):
    exact = 0  # >0: inside a computation or a background thread: no stale values
    background = 0  # >0: a background refresh or warming() thread: counted as refreshes


class AggregateCache:
    """Values computed from one event store, kept with the state they were computed on."""

    def __init__(
        self,
        store: EventStore,
        *,
        max_entries: int = 512,
        max_stale_seconds: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store = store
        self.max_entries = max_entries
        self.max_stale_seconds = max_stale_seconds
        self.clock = clock
        self._lock = threading.Lock()
        self._entries: dict[Hashable, _Entry] = {}
        self._gates: dict[Hashable, threading.Lock] = {}
        self._refreshing: dict[Hashable, threading.Thread] = {}
        self._context = _Context()
        self._closed = False
        self.hits = 0  # answered from a value of the current state
        self.misses = 0  # computed while a caller waited
        self.stale = 0  # answered with an older value (its recompute in the background)
        self.refreshes = 0  # computed in the background (refreshes and warming())
        self._generation = 0  # moved by forget(): values computed before it are not kept

    def state(self) -> State:
        """The store's current state."""
        return store_state(self.store)

    @contextmanager
    def warming(self) -> Iterator[None]:
        """For a background thread: its lookups wait for values of the current state (never
        stale), and its computations count as refreshes, not misses."""
        self._context.exact += 1
        self._context.background += 1
        try:
            yield
        finally:
            self._context.exact -= 1
            self._context.background -= 1

    def forget(self) -> None:
        """Drop every kept value (after a write through this process: show it at once)."""
        with self._lock:
            self._entries.clear()
            self._generation += 1

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value of ``key`` (see :meth:`lookup`)."""
        return self.lookup(key, compute).get()

    def lookup(self, key: Hashable, compute: Callable[[], T]) -> Kept[T]:
        """``key``'s value for the store's current state, or a kept one at most
        ``max_stale_seconds`` old while the current one is computed in the background."""
        strict = self.max_stale_seconds <= 0 or self._context.exact > 0
        with self._lock:
            entry = self._entries.get(key)
            generation = self._generation
        started = self.clock()
        usable = None if strict or entry is None else entry
        if usable is not None and started - usable.at > self.max_stale_seconds:
            usable = None
        if usable is None:
            state = self.state()
        else:
            found = try_store_state(self.store, BUSY_WAIT_SECONDS)
            if found is None:  # a long query holds the store: answer what is kept, and let a
                self._refresh(key, compute)  # background thread see whether it is current
                with self._lock:
                    self.stale += 1
                return cast(Kept[T], replace(usable.kept, fresh=None))
            state = found
        if entry is not None and entry.kept.state == state:
            with self._lock:
                self.hits += 1
                entry.at = max(entry.at, started)  # still current: its age starts again
            return cast(Kept[T], entry.kept)
        if usable is not None:
            self._refresh(key, compute)
            with self._lock:
                self.stale += 1
            return cast(Kept[T], replace(usable.kept, fresh=False))
        return self._compute(key, compute, state, started, generation, background=False)

    def _compute(
        self,
        key: Hashable,
        compute: Callable[[], T],
        state: State,
        at: float,
        generation: int,
        *,
        background: bool,
    ) -> Kept[T]:
        with self._lock:
            gate = self._gates.setdefault(key, threading.Lock())
        with gate:
            with self._lock:
                entry = self._entries.get(key)
            if entry is not None and entry.kept.state == state:  # computed meanwhile
                if not background:
                    with self._lock:
                        self.hits += 1
                return cast(Kept[T], entry.kept)
            computed_at = datetime.now(UTC)
            self._context.exact += 1
            try:
                kept: Kept[T] = Kept(compute(), None, state, computed_at)
            except InputError as err:
                kept = Kept(None, err, state, computed_at)
            finally:
                self._context.exact -= 1
            with self._lock:
                if background or self._context.background > 0:
                    self.refreshes += 1
                else:
                    self.misses += 1
                current = self._entries.get(key)
                newer = current is not None and current.at > at
                if generation == self._generation and not newer:
                    if current is None and len(self._entries) >= self.max_entries:
                        self._entries.clear()
                    self._entries[key] = _Entry(kept, at)
        return kept

    def _refresh(self, key: Hashable, compute: Callable[[], Any]) -> None:
        """Recompute ``key`` in a daemon thread, unless one already does."""
        with self._lock:
            if self._closed or key in self._refreshing:
                return
            thread = threading.Thread(
                target=self._run_refresh,
                args=(key, compute),
                name=f"huashu-aggregates-refresh-{len(self._refreshing)}",
                daemon=True,
            )
            self._refreshing[key] = thread
        thread.start()

    def _run_refresh(self, key: Hashable, compute: Callable[[], Any]) -> None:
        try:
            with self.warming():
                with self._lock:
                    generation = self._generation
                at = self.clock()
                self._compute(key, compute, self.state(), at, generation, background=True)
        except Exception:  # the kept value stays; the next stale lookup tries again
            if not self._closed:
                log.exception("recomputing the aggregate %r failed", key)
        finally:
            with self._lock:
                self._refreshing.pop(key, None)

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the background recomputes running now; False if some still run."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            with self._lock:
                running = list(self._refreshing.values())
            if not running:
                return True
            for thread in running:
                left = None if deadline is None else max(deadline - time.monotonic(), 0.0)
                thread.join(left)
            if deadline is not None and time.monotonic() >= deadline:
                with self._lock:
                    return not self._refreshing

    def close(self, timeout: float = 10.0) -> None:
        """Start no more background recomputes and wait (up to ``timeout``) for running ones."""
        with self._lock:
            self._closed = True
        self.wait(timeout)
