"""Response models of emergency response and post-hoc audits (:mod:`huashu.web.api_emergency`,
:mod:`huashu.web.api_audits`): incidents and take-downs, audit samples, brand policies."""

from __future__ import annotations

from pydantic import BaseModel, Field

from huashu.web.schemas_common import Ok, Timestamp


class TakedownScope(BaseModel):
    by: str
    value: str
    brand_id: str | None
    campaigns: list[str]
    tasks_cancelled: list[str]
    tasks_updated: list[str]
    in_review: list[str]


class IncidentOut(BaseModel):
    id: str
    kind: str
    brand_id: str | None
    scope: TakedownScope
    reason: str
    affected: list[str] = Field(description="Ids of the creatives taken down.")
    status: str
    created_by: str
    created_at: Timestamp
    closed_by: str | None
    closed_at: Timestamp | None


class TakedownOut(BaseModel):
    """The incident a take-down opened; a dry run (``dry_run`` true) has no ``id``,
    ``status``, ``created_*``, ``closed_*`` nor ``outbox_ids``: it only lists what it hits."""

    id: str | None = None
    kind: str
    brand_id: str | None
    scope: TakedownScope
    reason: str
    affected: list[str]
    status: str | None = None
    created_by: str | None = None
    created_at: Timestamp | None = None
    closed_by: str | None = None
    closed_at: Timestamp | None = None
    dry_run: bool
    outbox_ids: list[int] | None = None


class TakedownEnvelope(Ok):
    incident: TakedownOut


class IncidentsOut(Ok):
    incidents: list[IncidentOut]


class IncidentEnvelope(Ok):
    incident: IncidentOut


class SampleOut(BaseModel):
    id: str
    creative_id: str
    brand_id: str
    risk_tier: str
    draw: float
    status: str
    reviewer: str | None
    note: str
    incident_id: str | None
    created_at: Timestamp
    decided_at: Timestamp | None


class SamplesOut(Ok):
    samples: list[SampleOut]


class SampleEnvelope(Ok):
    sample: SampleOut


class PolicyOut(BaseModel):
    brand_id: str
    quorum: int
    auto_approve: bool
    sample_rates: dict[str, float]
    known_templates: list[str]


class PolicyEnvelope(Ok):
    policy: PolicyOut
