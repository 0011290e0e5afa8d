"""File delivery targets: one JSON file per message, plus one CSV per channel built from them.

Layout under the target's directory (absolute, or relative to the data directory)::

    <dir>/<channel>/<quoted idempotency key>.json   one per message (the webhook body)
    <dir>/<channel>.csv                             every message of that channel, by id

Both are idempotent under crash and retry. A JSON file is written to a temporary file, synced
and ``os.replace``-d into place, so a reader sees the old file or the new one, never half of
one; a re-sent message has the same key and so overwrites the same file. The CSV is not
appended to (an append interrupted by a crash, then retried, would leave a torn or doubled
row): it is rebuilt from the JSON files, the source of truth, under a lock per channel, and
replaced the same way, so the last rebuild sees every file written before it. The batch's
messages are only marked delivered after the CSV is rebuilt. The CSV starts with a UTF-8 BOM
so spreadsheet programs read the Chinese text correctly, and a cell a spreadsheet would run as
a formula gets a leading ``'`` (:mod:`huashu.csvsafe`).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import logging
import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

from huashu.channels import builtin_channels
from huashu.csvsafe import safe_cell

log = logging.getLogger("huashu.outbox")

CSV_COLUMNS = (
    "message_id",
    "idempotency_key",
    "event",
    "sent_at",
    "task_id",
    "campaign_id",
    "brand_id",
    "channel",
    "segment_key",
    "audience_ref",
    "creative_ids",
    "allocation_policy",
    "send_window",
    "status",
)


def file_name(key: str) -> str:
    """The file of one idempotency key: percent-quoted, so distinct keys get distinct names."""
    return quote(key, safe="") + ".json"


def export_dir(address: str, data_dir: Path | None) -> Path:
    path = Path(address)
    if path.is_absolute():
        return path
    if data_dir is None:
        raise ValueError(f"relative export directory {address!r} needs the data directory")
    return data_dir / path


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a synced temporary file and ``os.replace``."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # make the rename itself durable (POSIX)
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def _locked(directory: Path) -> Iterator[None]:
    with open(directory / ".lock", "a") as fh:
        if sys.platform != "win32":
            import fcntl

            fcntl.flock(fh, fcntl.LOCK_EX)
        yield


def _row(body: dict[str, Any]) -> list[str]:
    task = body.get("task") or {}
    values: dict[str, Any] = {**task, **{k: body.get(k) for k in CSV_COLUMNS[:4]}}
    values["task_id"] = task.get("task_id", "")
    values["creative_ids"] = "|".join(task.get("creative_ids") or [])
    return ["" if values.get(c) is None else safe_cell(str(values[c])) for c in CSV_COLUMNS]


def rebuild_csv(base: Path, channel: str) -> Path:
    """Rebuild ``<base>/<channel>.csv`` from ``<base>/<channel>/*.json``; return its path."""
    directory = base / channel
    with _locked(directory):
        rows = []
        for path in directory.glob("*.json"):
            try:
                body = json.loads(path.read_bytes())
            except (OSError, ValueError) as err:
                log.warning("skipping unreadable export file %s: %s", path, err)
                continue
            rows.append((int(body.get("message_id") or 0), path.name, _row(body)))
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        writer.writerows(row for _, _, row in sorted(rows))
        target = base / f"{channel}.csv"
        write_atomic(target, out.getvalue().encode("utf-8-sig"))
    return target


class FileBatch:
    """The file messages of one claimed batch: JSON files now, the touched CSVs at the end."""

    def __init__(self, data_dir: Path | None) -> None:
        self.data_dir = data_dir
        self._touched: dict[tuple[Path, str], list[int]] = {}

    def write(
        self, msg_id: int, key: str, address: str, channel: object, body: bytes
    ) -> tuple[Literal["delivered", "retry", "dead"], str]:
        """Write one message's JSON file; ``dead`` when its channel is not a known one."""
        if not isinstance(channel, str) or channel not in builtin_channels():
            return "dead", f"permanent failure, unknown channel {channel!r} for a file export"
        try:
            base = export_dir(address, self.data_dir)
            (base / channel).mkdir(parents=True, exist_ok=True)
            write_atomic(base / channel / file_name(key), body)
        except (OSError, ValueError) as err:
            return "retry", f"file export failed: {err}"
        self._touched.setdefault((base, channel), []).append(msg_id)
        return "delivered", ""

    def finish(self) -> dict[int, str]:
        """Rebuild every touched CSV; return message id -> error for rebuilds that failed."""
        failed: dict[int, str] = {}
        for (base, channel), ids in self._touched.items():
            try:
                rebuild_csv(base, channel)
            except OSError as err:
                failed.update(dict.fromkeys(ids, f"CSV rebuild failed: {err}"))
        self._touched.clear()
        return failed
