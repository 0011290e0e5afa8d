"""A write-ahead journal for decisions: the decide path appends a line to a local file and
returns; a background thread moves the journal into the event store in batches.

Each journal segment is a JSON-lines file. The writer appends to the current segment; the
flusher rotates to a new segment, inserts the old one into the event store (idempotent on
decision_id) and deletes it. Segments left by a crash are replayed at start, so a decision
that was answered is never lost, and one replayed twice is stored once.

Several workers may share one data directory: each journal writes in a directory of its own
(``<directory>/<owner>/``) and holds an exclusive ``flock`` on its ``owner.lock`` while it
lives. A journal that starts adopts every sibling directory whose lock it can take (its
owner is gone, even after ``kill -9``): it replays those segments and removes the directory.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
import threading
import time
import uuid
from pathlib import Path
from typing import Any, TextIO

import pandas as pd

from huashu.domain import DECISION_COLUMNS
from huashu.events.store import EventStore

log = logging.getLogger("huashu.events.journal")

_STAGING = ".starting-"  # a journal directory being created (never holds segments)
_STALE_STAGING_SECONDS = 300.0


def _remove_stale_staging(path: Path) -> None:
    """Remove a staging directory left by a process killed while it started: one that is
    old enough and whose lock nobody holds (a young one may be a sibling mid-start)."""
    try:
        if time.time() - path.stat().st_mtime < _STALE_STAGING_SECONDS:
            return
        handle = (path / "owner.lock").open("a")
    except OSError:
        return
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return
    finally:
        handle.close()
    shutil.rmtree(path, ignore_errors=True)


class DecisionJournal:
    def __init__(self, directory: Path, store: EventStore, flush_seconds: float = 0.5) -> None:
        self.root = directory
        name = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.directory = directory / name
        self.store = store
        self.flush_seconds = flush_seconds
        # The directory appears under its own name only with its lock already held: a sibling
        # starting at the same moment must never see it unlocked and adopt (delete) it.
        staging = directory / f"{_STAGING}{name}"
        staging.mkdir(parents=True)
        self._owner = (staging / "owner.lock").open("w")
        fcntl.flock(self._owner, fcntl.LOCK_EX | fcntl.LOCK_NB)
        staging.rename(self.directory)
        self._adopt_orphans()
        self._lock = threading.Lock()
        self._flushing = threading.Lock()  # one flush at a time: two would load one segment
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._sequence = max((int(p.stem.split("-")[1]) for p in self._segments()), default=0)
        self.replay()
        self._sequence += 1
        self._handle = self._open(self._sequence)
        self._thread = threading.Thread(target=self._run, name="decision-journal", daemon=True)
        self._thread.start()

    def _adopt_orphans(self) -> None:
        """Replay segments of journals whose process is gone (their lock is free)."""
        for other in sorted(p for p in self.root.iterdir() if p.is_dir()):
            if other == self.directory:
                continue
            if other.name.startswith(_STAGING):
                _remove_stale_staging(other)
                continue
            lock_path = other / "owner.lock"
            try:
                handle = lock_path.open("a")
            except OSError:
                continue
            try:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    continue  # its owner is alive
                for segment in self._segments(other):
                    self._load(segment)
                shutil.rmtree(other, ignore_errors=True)
                log.info("adopted the decision journal of a stopped worker (%s)", other.name)
            finally:
                handle.close()
        for segment in self._segments(self.root):  # journals written before per-owner dirs
            self._load(segment)

    def _segments(self, directory: Path | None = None) -> list[Path]:
        where = directory or self.directory
        return sorted(where.glob("segment-*.jsonl"), key=lambda p: int(p.stem[8:]))

    def _open(self, sequence: int) -> TextIO:
        return (self.directory / f"segment-{sequence}.jsonl").open("a", encoding="utf-8")

    def append(self, decisions: pd.DataFrame) -> None:
        """Write decisions to the journal (flushed to the OS before returning)."""
        frame = decisions.loc[:, list(DECISION_COLUMNS)].copy()
        frame["ts"] = frame["ts"].map(lambda t: t.isoformat())
        self.append_records(frame.to_dict(orient="records"))

    def append_records(self, records: list[dict[str, Any]]) -> None:
        """Write decision records (the DECISION_COLUMNS keys, ``ts`` as ISO text)."""
        lines = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in records)
        with self._lock:
            self._handle.write(lines)
            self._handle.flush()

    def _rotate(self) -> Path:
        with self._lock:
            done = Path(self._handle.name)
            self._handle.close()
            self._sequence += 1
            self._handle = self._open(self._sequence)
        return done

    def _load(self, segment: Path) -> None:
        text = segment.read_text("utf-8")
        rows = [json.loads(line) for line in text.splitlines() if line.strip()]
        if rows:
            frame = pd.DataFrame(rows, columns=list(DECISION_COLUMNS))
            frame["ts"] = pd.to_datetime(frame["ts"], utc=True).astype("datetime64[us, UTC]")
            frame = frame.astype({"round": "int64", "user_id": "int64", "propensity": "float64"})
            self.store.log_decisions(frame)
        segment.unlink()

    def replay(self) -> None:
        """Insert every segment other than the one being written (crash recovery)."""
        current = getattr(self, "_handle", None)
        for segment in self._segments():
            if current is not None and segment == Path(current.name):
                continue
            self._load(segment)

    def flush(self) -> None:
        """Move everything written so far into the event store (closed segments that failed
        before are retried too). Safe to call from several threads (request handlers and
        the background flusher)."""
        with self._flushing:
            self._rotate()
            self.replay()

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(self.flush_seconds)
            self._wake.clear()
            try:
                self.flush()
            except Exception:
                log.exception("decision journal flush failed; will retry")

    def close(self) -> None:
        """Flush, then remove the journal. If the last flush fails (the event store is gone or
        locked), the files are closed all the same and the segments stay: with the owner's
        lock released, the next journal on the folder adopts them (nothing is lost, no file
        is left open)."""
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout=30)
        try:
            self.flush()
        except Exception:
            with self._lock:
                self._handle.close()
            self._owner.close()
            log.exception(
                "decision journal %s: the last flush failed; its segments stay for the next "
                "journal on the folder to adopt",
                self.directory.name,
            )
            raise
        with self._lock:
            self._handle.close()
        Path(self._handle.name).unlink(missing_ok=True)
        shutil.rmtree(self.directory, ignore_errors=True)
        self._owner.close()
