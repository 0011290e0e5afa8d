"""Stale-while-revalidate in the aggregate cache, on a real DuckDB event store: after the data
moved, a kept value up to the bound is answered at once while one background thread per key
computes the new one; past the bound (or with no bound) the caller waits; errors are kept like
values; a busy store does not hold up a lookup that has something to answer; values computed in
the background never read stale inputs."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from huashu.analytics.cache import AggregateCache, store_state
from huashu.analytics.service import Metrics
from huashu.domain import InputError
from huashu.events import EventStore
from tests.analytics.fixtures import event_frame, hand_tables, load

MAIN = threading.current_thread().name


class Clock:
    """The cache's clock, moved by hand (no waiting on the wall clock)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Compute:
    """Counts its calls and the thread of each; ``hold`` keeps a call running until cleared."""

    def __init__(self) -> None:
        self.threads: list[str] = []
        self.hold = threading.Event()
        self.hold.set()
        self.entered = threading.Event()
        self.fail: Exception | None = None

    def __call__(self) -> int:
        self.threads.append(threading.current_thread().name)
        self.entered.set()
        assert self.hold.wait(30)
        if self.fail is not None:
            raise self.fail
        return len(self.threads)


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[EventStore]:
    made = load(tmp_path / "events.duckdb", hand_tables())
    try:
        yield made
    finally:
        made.close()


def _arrive(store: EventStore, n: int) -> None:
    """One more event, as the delivery path logs them."""
    late = event_frame([(4, f"2026-02-20 10:{n:02d}", "click", "dsp", 0.0)])
    late["event_id"] = f"late-{n}"
    store.log_events(late)


def test_stale_value_answered_while_one_background_recompute_runs(store: EventStore) -> None:
    clock = Clock()
    cache = AggregateCache(store, max_stale_seconds=60, clock=clock)
    compute = Compute()
    first = cache.lookup("k", compute)
    assert (first.get(), first.fresh, compute.threads) == (1, True, [MAIN])
    before = first.state

    compute.hold.clear()  # the recompute will wait until released
    compute.entered.clear()
    _arrive(store, 1)
    clock.now += 30
    stale = cache.lookup("k", compute)
    assert stale.get() == 1 and stale.fresh is False and stale.state == before
    assert compute.entered.wait(30)  # the recompute started, in its own thread
    answers: list[object] = []

    def look() -> None:
        kept = cache.lookup("k", compute)
        answers.append((kept.get(), kept.fresh is not True))  # (None: the store was busy)

    lookers = [threading.Thread(target=look) for _ in range(4)]
    for thread in lookers:
        thread.start()
    for thread in lookers:
        thread.join(30)
    look()
    assert answers == [(1, True)] * 5  # all stale: nobody waited for the running recompute
    assert len(compute.threads) == 2 and compute.threads[1].startswith("huashu-aggregates")

    compute.hold.set()
    assert cache.wait(30)
    fresh = cache.lookup("k", compute)
    assert (fresh.get(), fresh.fresh) == (2, True)
    assert fresh.state == store_state(store) != before
    assert fresh.computed_at > first.computed_at
    assert len(compute.threads) == 2  # computed once for the new state
    assert (cache.misses, cache.refreshes, cache.stale, cache.hits) == (1, 1, 6, 1)


def test_past_the_bound_the_caller_waits_for_fresh_figures(store: EventStore) -> None:
    clock = Clock()
    cache = AggregateCache(store, max_stale_seconds=60, clock=clock)
    compute = Compute()
    assert cache.get("k", compute) == 1
    clock.now += 3600  # old, but the data did not move: still the current figures
    assert cache.get("k", compute) == 1 and len(compute.threads) == 1

    _arrive(store, 1)
    clock.now += 61  # older than the bound: computed before answering, in this thread
    kept = cache.lookup("k", compute)
    assert (kept.get(), kept.fresh) == (2, True)
    assert compute.threads == [MAIN, MAIN]
    assert cache.wait(0) and cache.refreshes == 0 and cache.stale == 0


def test_no_bound_means_exact_figures(store: EventStore) -> None:
    """The default (the CLI's Metrics has no cache at all): every lookup after a change waits."""
    cache = AggregateCache(store)
    compute = Compute()
    assert cache.get("k", compute) == 1
    _arrive(store, 1)
    assert cache.get("k", compute) == 2
    assert compute.threads == [MAIN, MAIN] and cache.stale == 0


def test_errors_are_kept_and_served_stale_too(
    store: EventStore, caplog: pytest.LogCaptureFixture
) -> None:
    clock = Clock()
    cache = AggregateCache(store, max_stale_seconds=60, clock=clock)
    compute = Compute()
    compute.fail = InputError("no journeys", code="no_paths")
    for _ in range(2):
        with pytest.raises(InputError):
            cache.get("k", compute)
    assert len(compute.threads) == 1  # the error was kept

    compute.fail = None
    _arrive(store, 1)
    with pytest.raises(InputError):  # the kept answer, while the value is computed
        cache.get("k", compute)
    assert cache.wait(30)
    assert cache.get("k", compute) == 2

    compute.fail = RuntimeError("engine gone")  # an unexpected failure in the background
    _arrive(store, 2)
    with caplog.at_level(logging.ERROR, logger="huashu.analytics"):
        assert cache.get("k", compute) == 2
        assert cache.wait(30)
    assert "engine gone" in caplog.text
    assert cache.get("k", compute) == 2  # the older value stays; tried again in the background
    assert cache.wait(30)
    compute.fail = None
    assert cache.get("k", compute) == 2  # one more stale answer while it succeeds
    assert cache.wait(30)
    assert cache.get("k", compute) == len(compute.threads)


def test_a_busy_store_does_not_hold_up_a_kept_answer(store: EventStore) -> None:
    cache = AggregateCache(store, max_stale_seconds=60, clock=Clock())
    compute = Compute()
    assert cache.get("k", compute) == 1
    holding, release = threading.Event(), threading.Event()

    def long_query() -> None:
        with store.exclusive():
            holding.set()
            release.wait(30)

    holder = threading.Thread(target=long_query)
    holder.start()
    try:
        assert holding.wait(30)
        kept = cache.lookup("k", compute)  # answered while the connection is still held
        assert holder.is_alive() and not release.is_set()
        assert (kept.get(), kept.fresh) == (1, None)
    finally:
        release.set()
        holder.join(30)
    assert cache.wait(30)  # a background thread read the state once the store was free
    assert len(compute.threads) == 1  # unchanged: nothing recomputed
    _arrive(store, 1)
    holding.clear()
    release.clear()
    holder = threading.Thread(target=long_query)
    holder.start()
    try:
        assert holding.wait(30)
        kept = cache.lookup("k", compute)  # moved, but the store is busy: the kept value
        assert (kept.get(), kept.fresh) == (1, None)
    finally:
        release.set()
        holder.join(30)
    assert cache.wait(30)
    assert compute.threads[-1].startswith("huashu-aggregates")  # recomputed in the background
    assert cache.lookup("k", compute).get() == 2


def _costs(day: str, cost: str) -> pd.DataFrame:
    return pd.DataFrame(
        [(day, "c1", "sms", "", "p9", "cr1", cost)],
        columns=["day", "campaign", "channel", "creator", "placement", "creative_id", "cost"],
    )


def test_metrics_recompute_from_current_inputs_in_the_background(store: EventStore) -> None:
    """A chart redrawn in the background reads its aggregates for the current state, not the
    stale ones kept for pages; an import through Metrics is shown at once; without a bound
    Metrics computes current figures, as the CLI needs."""
    metrics = Metrics(store, cache=True, max_stale_seconds=60)
    cache = metrics.cache
    assert cache is not None
    chart = metrics.chart_kept("roi", "svg", by="channel")
    economics = metrics.economics_kept(by="channel")
    assert chart.state == economics.state

    metrics.tables.import_frame("costs", _costs("2026-01-20", "5000"))  # another writer
    stale = metrics.chart_kept("roi", "svg", by="channel")
    assert stale.fresh is False and stale.get() == chart.get()
    assert cache.wait(30)
    redrawn = metrics.chart_kept("roi", "svg", by="channel")
    assert redrawn.fresh is True and redrawn.get() != chart.get()
    nested = metrics.economics_kept(by="channel")  # computed by the redraw, for its state
    assert nested.fresh is True and nested.state == redrawn.state
    assert nested.get()["cost"].sum() == pytest.approx(economics.get()["cost"].sum() + 5000)

    misses = cache.misses
    result = metrics.import_frame("costs", _costs("2026-01-21", "7"))
    assert result.inserted == 1
    now = metrics.economics_kept(by="channel")  # forgotten on import: computed while waiting
    assert now.fresh is True and cache.misses == misses + 1
    assert now.get()["cost"].sum() == pytest.approx(nested.get()["cost"].sum() + 7)

    exact = Metrics(store)  # the CLI's
    before = exact.economics(by="channel")["cost"].sum()
    exact.tables.import_frame("costs", _costs("2026-01-22", "11"))
    assert exact.economics(by="channel")["cost"].sum() == pytest.approx(before + 11)
    metrics.close()
