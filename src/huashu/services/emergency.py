"""Emergency response (应急响应) as operator actions: take down copy and open an incident, read
incidents, close one; what the emergency console reads (:func:`console`). Each action is one
store transaction; a take-down commits before it returns, so the decide path stops serving
what it hit within a second."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from huashu.store import Store, repos
from huashu.store.models import CreativeRow
from huashu.workflow import takedown as wf_takedown
from huashu.workflow.states import SERVABLE


def take_down(
    store: Store,
    *,
    by: str,
    value: str,
    brand_id: str | None,
    actor: str,
    reason: str,
    dry_run: bool = False,
) -> dict[str, Any]:
    """Take down by creative, term, regex, campaign or brand and return the incident (with
    ``dry_run``: what it would hit, touching nothing). One short transaction, run again while
    the store is busy; a repeat of a done take-down gets 409 ``already_taken_down``."""
    return store.run(
        lambda s: wf_takedown.take_down(
            s,
            by=by,
            value=value,
            brand_id=brand_id,
            actor=actor,
            reason=reason,
            dry_run=dry_run,
        )
    )


def list_incidents(
    store: Store,
    *,
    status: str | None = None,
    kind: str | None = None,
    brand_id: str | None = None,
) -> list[dict[str, Any]]:
    """Incidents newest first, optionally filtered."""
    with store.session() as s:
        return wf_takedown.list_incidents(s, status=status, kind=kind, brand_id=brand_id)


def get_incident(store: Store, incident_id: str) -> dict[str, Any]:
    with store.session() as s:
        return wf_takedown.get_incident(s, incident_id)


def close_incident(store: Store, incident_id: str, *, actor: str, note: str = "") -> dict[str, Any]:
    """Close an open incident (audited); what was taken down stays down."""
    with store.session() as s:
        return wf_takedown.close_incident(s, incident_id, actor=actor, note=note)


@dataclass(frozen=True)
class Console:
    """What the emergency console shows, in one read: every campaign by id; the creatives a
    take-down concerns (status approved, scheduled or live), oldest first, split into those
    on air (live in a live campaign: what the decide path serves) and the others; every
    incident, newest first."""

    campaigns: dict[str, dict[str, Any]]
    on_air: list[dict[str, Any]]
    waiting: list[dict[str, Any]]
    incidents: list[dict[str, Any]]


def _row(c: CreativeRow, campaigns: dict[str, dict[str, Any]]) -> dict[str, Any]:
    campaign = campaigns.get(c.campaign_id, {})
    return {
        "id": c.id,
        "brand_id": c.brand_id,
        "campaign_name": campaign.get("name", ""),
        "campaign_status": campaign.get("status", ""),
        "channel": c.channel,
        "segment_key": c.segment_key,
        "text": "\n".join(v for v in c.fields.values() if v),
        "status": c.status,
    }


def console(store: Store) -> Console:
    with store.session() as s:
        campaigns = {c["id"]: c for c in repos.list_campaigns(s)}
        served = {c.id for c in repos.on_air_creatives(s)}
        query = (
            select(CreativeRow)
            .where(CreativeRow.status.in_(SERVABLE))
            .order_by(CreativeRow.created_at, CreativeRow.id)
        )
        rows = [_row(c, campaigns) for c in s.scalars(query)]
        incidents = wf_takedown.list_incidents(s)
    return Console(
        campaigns=campaigns,
        on_air=[r for r in rows if r["id"] in served],
        waiting=[r for r in rows if r["id"] not in served],
        incidents=incidents,
    )
