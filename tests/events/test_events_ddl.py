"""Several processes opening one fresh PostgreSQL database at once (``serve --workers N``):
each creates the tables it misses, and none fails because another created them first."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from huashu.analytics.tables import AnalyticsTables
from huashu.events import EventStore, open_event_store
from tests.backends import event_store_url


def _open_together(url: str, n: int) -> tuple[list[EventStore], list[BaseException]]:
    gate = threading.Barrier(n)
    stores: list[EventStore] = []
    errors: list[BaseException] = []

    def open_one() -> None:
        gate.wait()
        try:
            store = open_event_store(url)
            stores.append(store)
            AnalyticsTables(store)
        except BaseException as err:  # collected: the assertion names it
            errors.append(err)

    threads = [threading.Thread(target=open_one) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return stores, errors


@pytest.mark.postgres
def test_stores_opened_at_once_on_a_fresh_database_all_start(tmp_path: Path) -> None:
    for attempt in range(4):
        with event_store_url("postgres", tmp_path / str(attempt)) as url:
            stores, errors = _open_together(url, 6)
            try:
                assert errors == []
                assert len(stores) == 6
                assert stores[0].counts() == {"decisions": 0, "events": 0}
            finally:
                for store in stores:
                    store.close()
