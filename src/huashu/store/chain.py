"""The audit log's hash chain: how one entry's hash is computed from its content and the
previous entry's hash. Kept apart (and stable) because migrations chain old entries with it."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

#: ``prev_hash`` of the first entry.
GENESIS = "0" * 64


def canonical_ts(value: datetime | str) -> str:
    """UTC, microseconds, ``Z``: the same text whichever backend stored the timestamp."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_detail(value: Any) -> Any:
    """A JSON column's value as Python data (SQLite's raw driver returns the JSON text)."""
    return json.loads(value) if isinstance(value, str) else value


def entry_hash(
    prev_hash: str,
    *,
    ts: datetime | str,
    actor: str,
    action: str,
    object_type: str,
    object_id: str,
    detail: Any,
) -> str:
    """SHA-256 (hex) over the previous hash and the entry's canonical JSON."""
    body = json.dumps(
        {
            "prev": prev_hash,
            "ts": canonical_ts(ts),
            "actor": actor,
            "action": action,
            "object_type": object_type,
            "object_id": object_id,
            "detail": canonical_detail(detail),
        },
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()
