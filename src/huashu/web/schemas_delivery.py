"""Response models of delivery (:mod:`huashu.web.api_delivery`: snapshots, decisions,
outcome events) and of delivery targets and the outbox (:mod:`huashu.web.api_targets`)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from huashu.web.schemas_common import Ok, Timestamp
from huashu.web.schemas_workflow import CampaignOut


class RebuiltOut(Ok):
    snapshot_id: str
    groups: int
    creatives: int


class DecisionOut(BaseModel):
    decision_id: str
    user_id: int
    segment_key: str
    channel: str
    slot: str
    creative_id: str
    propensity: float
    snapshot_id: str


class DecisionsOut(Ok):
    decisions: list[DecisionOut]


class RejectedEvent(BaseModel):
    event_id: str
    reason: str


class IngestedOut(Ok):
    inserted: int
    duplicates: int
    rejected: list[RejectedEvent]


class TargetOut(BaseModel):
    """A delivery target, without its secret."""

    id: str
    brand_id: str | None
    name: str
    kind: str
    address: str = Field(description="A webhook's address with its credentials redacted.")
    channels: list[str]
    active: bool
    secret_fingerprint: str
    created_at: Timestamp


class TargetsOut(Ok):
    targets: list[TargetOut]


class TargetSavedOut(Ok):
    target: TargetOut
    secret: str | None = Field(description="A new webhook secret, shown this once; else null.")


class MessageOut(BaseModel):
    id: int
    target_id: str
    idempotency_key: str
    event: str
    status: str
    attempts: int
    next_attempt_at: Timestamp
    last_error: str = Field(description="What the target answered: admins only see it whole.")
    created_at: Timestamp
    delivered_at: Timestamp | None
    payload: dict[str, Any]


class OutboxOut(Ok):
    messages: list[MessageOut]


class MessageEnvelope(Ok):
    message: MessageOut


class ArmOut(BaseModel):
    """One creative of a group: its allocation and click-rate posterior (mean, 95% interval)."""

    creative_id: str
    text: str
    status: str
    impressions: int
    clicks: int
    allocation: float
    mean: float
    low: float
    high: float
    burn_in: bool
    blocked: bool


class GroupOut(BaseModel):
    segment_key: str
    segment_name: str
    channel: str
    arms: list[ArmOut]


class DeliveryStateOut(Ok):
    """What the delivery page shows, from the latest policy snapshot."""

    snapshot_id: str | None
    created_at: Timestamp | None
    n_min: int
    history: int = Field(description="Snapshots kept for the allocation history.")
    campaigns: list[CampaignOut]
    missing_targets: dict[str, list[str]] = Field(
        description="Campaign id -> the channels no active delivery target takes."
    )
    never_started: list[str] = Field(description="Paused campaigns that were never started.")
    groups: list[GroupOut]
