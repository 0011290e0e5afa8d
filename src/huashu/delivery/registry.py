"""Versioned policy snapshots on disk: one JSON file per snapshot id and a ``LATEST`` pointer
replaced atomically, so N decide workers can share one snapshot directory."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from huashu.delivery.snapshot import PolicySnapshot
from huashu.domain import NotFound


class SnapshotRegistry:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def save(self, snapshot: PolicySnapshot, *, make_latest: bool = True) -> Path:
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.directory / f"{snapshot.snapshot_id}.json"
        if not path.exists():
            _atomic_write(path, snapshot.to_json())
        if make_latest:
            _atomic_write(self.directory / "LATEST", snapshot.snapshot_id)
        return path

    def load(self, snapshot_id: str) -> PolicySnapshot:
        path = self.directory / f"{snapshot_id}.json"
        if not path.is_file():
            raise NotFound(
                f"policy snapshot {snapshot_id} not found in {self.directory}",
                message_zh=f"找不到策略快照 {snapshot_id}",
                code="not_found",
                details={"snapshot_id": snapshot_id},
            )
        return PolicySnapshot.from_json(path.read_text("utf-8"))

    def latest_id(self) -> str | None:
        pointer = self.directory / "LATEST"
        return pointer.read_text("utf-8").strip() if pointer.is_file() else None

    def latest(self) -> PolicySnapshot | None:
        snapshot_id = self.latest_id()
        return self.load(snapshot_id) if snapshot_id else None


def _atomic_write(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(tmp, path)
