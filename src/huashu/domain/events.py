"""Decision and event records as columns: the event store keeps them as tables.

A decision is one choice of a creative for one user on one slot, with the propensity the
policy gave that choice. An event is an impression, click or conversion linked to a decision.
"""

from __future__ import annotations

from enum import StrEnum


class EventKind(StrEnum):
    IMPRESSION = "impression"
    CLICK = "click"
    CONVERSION = "conversion"


#: column -> type name understood by the event store (an Ibis dtype string).
DECISION_COLUMNS: dict[str, str] = {
    "decision_id": "string",
    "ts": "timestamp",
    "round": "int64",
    "user_id": "int64",
    "segment_key": "string",
    "channel": "string",
    "slot": "string",
    "creative_id": "string",
    "propensity": "float64",
    "policy": "string",
    "snapshot_id": "string",
}

EVENT_COLUMNS: dict[str, str] = {
    "event_id": "string",
    "decision_id": "string",
    "ts": "timestamp",
    "kind": "string",
    "user_id": "int64",
    "creative_id": "string",
    "segment_key": "string",
    "channel": "string",
    "value": "float64",
}
