"""JSON API for delivery: rebuild the policy snapshot, decide (batched), ingest outcome events."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from huashu.services.delivery import DecidePath, ingest_settled, rebuild_snapshot
from huashu.web.auth import OPERATE, allow
from huashu.web.backends import runtime_of
from huashu.web.schemas_delivery import DecisionsOut, IngestedOut, RebuiltOut

router = APIRouter(tags=["delivery"])
RESPONSE_FIELDS = (
    "decision_id",
    "user_id",
    "segment_key",
    "channel",
    "slot",
    "creative_id",
    "propensity",
    "snapshot_id",
)


class DecideRequest(BaseModel):
    user_id: int
    segment_key: str = Field(min_length=1)
    channel: str = Field(min_length=1)
    slot: str = ""


class DecideBody(BaseModel):
    requests: list[DecideRequest] = Field(min_length=1, max_length=1000)


class EventIn(BaseModel):
    event_id: str = Field(min_length=1, max_length=200)
    decision_id: str = Field(min_length=1, max_length=200)
    kind: str
    ts: str | None = None
    value: float | None = None


class EventsBody(BaseModel):
    events: list[EventIn] = Field(min_length=1, max_length=10_000)


def _path(request: Request) -> DecidePath:
    path: DecidePath = request.app.state.decide_path
    return path


@router.post("/snapshots/rebuild", response_model=RebuiltOut, dependencies=[allow(OPERATE)])
def rebuild(request: Request) -> dict[str, Any]:
    snapshot = rebuild_snapshot(runtime_of(request))
    return {
        "ok": True,
        "snapshot_id": snapshot.snapshot_id,
        "groups": len(snapshot.groups),
        "creatives": sum(len(g.creative_ids) for g in snapshot.groups),
    }


@router.post("/decide", response_model=DecisionsOut, dependencies=[allow(OPERATE)])
async def decide(body: DecideBody, request: Request) -> dict[str, Any]:
    decisions = _path(request).decide(
        [(r.user_id, r.segment_key, r.channel, r.slot) for r in body.requests]
    )
    return {"ok": True, "decisions": [{k: d[k] for k in RESPONSE_FIELDS} for d in decisions]}


@router.post("/events", response_model=IngestedOut, dependencies=[allow(OPERATE)])
def events(body: EventsBody, request: Request) -> dict[str, Any]:
    """Stored in the event store before the answer (idempotent on ``event_id``: a client
    retrying after a lost answer or a server crash sends the same ids again)."""
    rows = [e.model_dump() for e in body.events]
    result = ingest_settled(runtime_of(request), rows, _path(request).journal)
    return {
        "ok": True,
        "inserted": result.inserted,
        "duplicates": result.duplicates,
        "rejected": result.rejected,
    }
