"""Aggregates kept per state of the event store: computed once, dropped on any insert, errors
kept like values; the state read through SQL on DuckDB equals the Ibis reading elsewhere."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from huashu.analytics.cache import AggregateCache, state_rows, store_state
from huashu.analytics.service import Metrics
from huashu.domain import InputError
from huashu.events.results import quiet
from tests.analytics.fixtures import EVENTS, event_frame, hand_tables, load


def test_state_moves_with_every_insert_and_drops_kept_values(tmp_path: Path) -> None:
    store = load(tmp_path / "events.duckdb", hand_tables())
    try:
        before = store_state(store)
        with quiet():
            rows = state_rows(store.backend)
        via_ibis = tuple(sorted((str(n), int(c), str(last)) for n, c, last in rows))
        assert before == via_ibis
        assert dict((name, rows) for name, rows, _ in before) == {
            "actions": 8,
            "costs": 4,
            "events": 11,
            "signups": 4,
        }
        cache = AggregateCache(store)
        calls: list[int] = []

        def count() -> int:
            calls.append(1)
            return len(calls)

        assert cache.get("k", count) == 1
        assert cache.get("k", count) == 1
        assert (cache.misses, cache.hits) == (1, 1)

        late = event_frame([(4, "2026-02-20 10:00", "click", "dsp", 0.0)])
        late["event_id"] = "late-1"
        store.log_events(late)
        assert store_state(store) != before
        assert cache.get("k", count) == 2  # computed again
    finally:
        store.close()


def test_errors_are_kept_and_frames_are_copies(tmp_path: Path) -> None:
    tables = hand_tables()
    tables["events"] = event_frame([row for row in EVENTS if row[2] == "conversion"])
    store = load(tmp_path / "events.duckdb", tables)
    try:
        metrics = Metrics(store, cache=True)
        for _ in range(2):
            with pytest.raises(InputError) as caught:
                metrics.attribution()
            assert caught.value.code == "no_paths"
        assert metrics.cache is not None and metrics.cache.misses == 1
        frame = metrics.economics(by="channel")
        frame.loc[:, "revenue"] = -1.0
        kept = metrics.economics(by="channel")
        assert isinstance(kept, pd.DataFrame) and (kept["revenue"] >= 0).all()
        assert metrics.chart("attribution", "svg").lstrip().startswith(b"<?xml")  # says why
    finally:
        store.close()
