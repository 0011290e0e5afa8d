"""The decision journal: answered decisions reach the event store, after a crash too."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

from huashu.delivery import DecideService, decisions_frame
from huashu.events import EventStore, open_event_store
from huashu.events.journal import DecisionJournal
from tests.delivery.test_delivery_decide import snapshot


def _decisions(n: int) -> object:
    service = DecideService(snapshot(), random_state=4)
    return decisions_frame(service.decide_many([(i, "farm", "home_card", "") for i in range(n)]))


def test_flush_moves_the_journal_into_the_store(tmp_path: Path) -> None:
    store = open_event_store(f"duckdb://{tmp_path / 'events.duckdb'}")
    journal = DecisionJournal(tmp_path / "journal", store, flush_seconds=60)
    frame = _decisions(120)
    journal.append(frame)  # type: ignore[arg-type]
    assert store.counts()["decisions"] == 0
    journal.flush()
    stored = store.decisions().to_pyarrow().to_pandas()
    assert len(stored) == 120
    assert set(stored["decision_id"]) == set(frame["decision_id"])  # type: ignore[index]
    journal.close()
    store.close()
    assert not list((tmp_path / "journal").glob("*.jsonl"))


def test_a_killed_process_loses_no_answered_decision(tmp_path: Path) -> None:
    """A child process journals 500 decisions and is killed with SIGKILL before any flush;
    the next journal on the same folder replays them, and a second replay adds nothing."""
    child = textwrap.dedent(
        f"""
        import os, signal
        from huashu.events import open_event_store
        from huashu.events.journal import DecisionJournal
        from tests.events.test_events_journal import _decisions
        store = open_event_store("duckdb://{tmp_path / "child.duckdb"}")
        journal = DecisionJournal(__import__("pathlib").Path("{tmp_path / "journal"}"), store,
                                  flush_seconds=3600)
        journal.append(_decisions(500))
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    result = subprocess.run([sys.executable, "-c", child], cwd=Path.cwd(), check=False)
    assert result.returncode == -9
    store = open_event_store(f"duckdb://{tmp_path / 'events.duckdb'}")
    DecisionJournal(tmp_path / "journal", store, flush_seconds=60).close()
    assert store.counts()["decisions"] == 500
    DecisionJournal(tmp_path / "journal", store, flush_seconds=60).close()
    assert store.counts()["decisions"] == 500
    store.close()


def test_workers_sharing_a_folder_keep_their_own_journals(tmp_path: Path) -> None:
    """Two live journals on one folder (two workers) never replay each other's open segments;
    each one's decisions reach the store exactly once."""
    store = open_event_store(f"duckdb://{tmp_path / 'events.duckdb'}")
    first = DecisionJournal(tmp_path / "journal", store, flush_seconds=3600)
    first.append(_decisions(50))  # type: ignore[arg-type]
    second = DecisionJournal(tmp_path / "journal", store, flush_seconds=3600)
    assert store.counts()["decisions"] == 0  # the live first journal was not adopted
    second.append(_decisions(70).assign(decision_id=lambda f: "b-" + f["decision_id"]))  # type: ignore[attr-defined]
    second.flush()
    assert store.counts()["decisions"] == 70
    first.close()
    second.close()
    assert store.counts()["decisions"] == 120
    assert [p for p in (tmp_path / "journal").iterdir()] == []
    store.close()


def _start_together(root: Path, store: EventStore, n: int) -> list[DecisionJournal]:
    gate = threading.Barrier(n)
    journals: list[DecisionJournal] = []

    def start() -> None:
        gate.wait()
        journals.append(DecisionJournal(root, store, flush_seconds=3600))

    threads = [threading.Thread(target=start) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return journals


def test_journals_starting_at_once_never_adopt_each_other(tmp_path: Path) -> None:
    """Workers start together (``serve --workers N``): none may take a sibling's directory,
    still being created, for an orphan and remove it."""
    store = open_event_store(f"duckdb://{tmp_path / 'events.duckdb'}")
    for attempt in range(10):
        root = tmp_path / f"journal-{attempt}"
        root.mkdir()
        journals = _start_together(root, store, 12)
        assert len(journals) == 12
        assert all(j.directory.is_dir() for j in journals)
        assert sorted(p.name for p in root.iterdir()) == sorted(j.directory.name for j in journals)
        for journal in journals:
            journal.close()
    store.close()


def test_a_stale_staging_directory_is_cleared_and_a_young_one_kept(tmp_path: Path) -> None:
    root = tmp_path / "journal"
    stale, young = root / ".starting-1-dead", root / ".starting-2-young"
    for path in (stale, young):
        path.mkdir(parents=True)
        (path / "owner.lock").touch()
    old = time.time() - 3600
    os.utime(stale, (old, old))
    store = open_event_store(f"duckdb://{tmp_path / 'events.duckdb'}")
    journal = DecisionJournal(root, store, flush_seconds=3600)
    assert not stale.exists() and young.is_dir()
    journal.close()
    store.close()


class _FailingStore:
    """An event store that refuses every write (gone, or locked by another process)."""

    def log_decisions(self, frame: object) -> None:
        raise OSError("event store unavailable")


def test_a_failed_last_flush_leaves_no_file_open_and_loses_nothing(tmp_path: Path) -> None:
    """close() with a store that fails: the journal's files are closed (no ResourceWarning
    under -W error), the segments stay, and the next journal adopts them into a store that
    works."""
    journal = DecisionJournal(tmp_path / "journal", _FailingStore(), flush_seconds=3600)  # type: ignore[arg-type]
    journal.append(_decisions(80))  # type: ignore[arg-type]
    try:
        journal.close()
    except OSError:
        pass
    else:
        raise AssertionError("the failed flush must be reported")
    assert journal._handle.closed and journal._owner.closed
    assert list((tmp_path / "journal").rglob("segment-*.jsonl"))  # kept for adoption
    store = open_event_store(f"duckdb://{tmp_path / 'events.duckdb'}")
    DecisionJournal(tmp_path / "journal", store, flush_seconds=60).close()
    assert store.counts()["decisions"] == 80
    store.close()
