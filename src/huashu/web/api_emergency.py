"""JSON API of emergency response (应急响应): take-downs and the incidents they open.

A take-down commits before the response returns; the decide path stops serving what it hit
within a second (its take-down list is re-read every 0.5 s). ``dry_run`` shows what a call
would hit without touching anything, for the console to confirm first.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from huashu.services import emergency
from huashu.web.auth import Anyone, Responder
from huashu.web.backends import store_of
from huashu.web.schemas_emergency import IncidentEnvelope, IncidentsOut, TakedownEnvelope

router = APIRouter(tags=["emergency"])


class TakedownBody(BaseModel):
    by: Literal["creative", "term", "regex", "campaign", "brand"]
    value: str = Field(min_length=1, max_length=1000)
    brand_id: str | None = None
    reason: str = Field(min_length=1, max_length=2000)
    dry_run: bool = False


class CloseBody(BaseModel):
    note: str = Field(default="", max_length=2000)


@router.post("/takedowns", response_model=TakedownEnvelope, response_model_exclude_unset=True)
def takedown(request: Request, body: TakedownBody, who: Responder) -> dict[str, Any]:
    """Take down by creative, term, regex, campaign or brand; returns the incident. One short
    transaction, retried when the store is busy; a repeat of a done take-down gets 409
    ``already_taken_down`` naming its incident."""
    incident = emergency.take_down(
        store_of(request),
        by=body.by,
        value=body.value,
        brand_id=body.brand_id,
        actor=who.username,
        reason=body.reason,
        dry_run=body.dry_run,
    )
    return {"ok": True, "incident": incident}


@router.get("/incidents", response_model=IncidentsOut)
def incidents(
    request: Request,
    who: Anyone,
    status: Literal["open", "closed"] | None = None,
    kind: Literal["takedown", "audit_failure"] | None = None,
    brand_id: str | None = None,
) -> dict[str, Any]:
    found = emergency.list_incidents(store_of(request), status=status, kind=kind, brand_id=brand_id)
    return {"ok": True, "incidents": found}


@router.get("/incidents/{incident_id}", response_model=IncidentEnvelope)
def incident(request: Request, incident_id: str, who: Anyone) -> dict[str, Any]:
    return {"ok": True, "incident": emergency.get_incident(store_of(request), incident_id)}


@router.post("/incidents/{incident_id}/close", response_model=IncidentEnvelope)
def close(
    request: Request, incident_id: str, who: Responder, body: CloseBody | None = None
) -> dict[str, Any]:
    closed = emergency.close_incident(
        store_of(request), incident_id, actor=who.username, note=body.note if body else ""
    )
    return {"ok": True, "incident": closed}
