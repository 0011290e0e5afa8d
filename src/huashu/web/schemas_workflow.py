"""Response models of the workflow routes (:mod:`huashu.web.api_workflow`): campaigns and
their creatives, approvals, channel tasks and the audit log."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from huashu.domain import Finding
from huashu.web.schemas_common import Ok, Timestamp


class CampaignOut(BaseModel):
    id: str
    brand_id: str
    brief_id: str | None
    name: str
    status: str
    created_at: Timestamp
    creatives: dict[str, int] = Field(description="Creatives per status (every status, 0 too).")
    creative_count: int


class CampaignsOut(Ok):
    campaigns: list[CampaignOut]


#: one rule hit on the span ``[start, end)`` of ``field``'s text, as the checker reports it
FindingOut = Finding


class ProvenanceOut(BaseModel):
    backend: str
    model: str
    template_version: str
    seed: int
    kb_snapshot_id: str | None
    compliance_report_id: str | None


class CreativeView(BaseModel):
    """A creative with its status and latest compliance report, findings by severity."""

    id: str
    brand_id: str
    segment_key: str
    channel: str
    fields: dict[str, str]
    phrase_ids: dict[str, str]
    provenance: ProvenanceOut
    round: int
    text: str
    status: str
    verdict: str | None
    findings: dict[str, list[FindingOut]] = Field(description="block, review and warn.")


class CampaignDetailOut(Ok):
    campaign: CampaignOut
    creatives: list[CreativeView]


class RenamedOut(Ok):
    campaign: CampaignOut
    changed: bool


class VoteOut(BaseModel):
    reviewer: str
    decision: str
    comment: str
    acknowledged: list[str]
    at: Timestamp


class ApprovalItemOut(BaseModel):
    creative_id: str
    decision: str | None
    acknowledged_findings: list[str]
    comment: str
    votes: list[VoteOut]


class _Approval(BaseModel):
    id: str
    campaign_id: str
    status: str
    quorum: int
    requested_by: str
    decided_by: str | None
    comment: str
    created_at: Timestamp
    decided_at: Timestamp | None


class ApprovalOut(_Approval):
    items: list[ApprovalItemOut]


class ApprovalItemDetail(ApprovalItemOut):
    creative: CreativeView


class ApprovalDetail(_Approval):
    """The approval with each item's creative (text, status, findings by severity)."""

    items: list[ApprovalItemDetail]


class SubmittedOut(Ok):
    approval: ApprovalOut | None = Field(
        description="Null when the brand policy auto-approved every filed draft."
    )
    campaign: CampaignOut


class ApprovalsOut(Ok):
    approvals: list[ApprovalOut]


class ApprovalDetailOut(Ok):
    approval: ApprovalDetail


class ApprovalEnvelope(Ok):
    approval: ApprovalOut


class ChannelTaskOut(BaseModel):
    id: str
    campaign_id: str
    channel: str
    segment_key: str
    creative_ids: list[str]
    audience_ref: str
    allocation_policy: str
    send_window: str
    status: str
    created_at: Timestamp


class TasksOut(Ok):
    tasks: list[ChannelTaskOut]


class CampaignActionOut(Ok):
    campaign: CampaignOut
    changed: bool = Field(description="False for a repeat that changed nothing.")
    missing_targets: list[str]


class AuditEntryOut(BaseModel):
    id: int
    ts: Timestamp
    actor: str
    action: str
    object_type: str
    object_id: str
    detail: dict[str, Any]
    hash: str


class AuditPageOut(Ok):
    """One page of the audit log, newest first."""

    entries: list[AuditEntryOut]
    total: int = Field(description="Entries matching the filters, on every page together.")
    limit: int
    offset: int
    next_offset: int | None = Field(
        description="``offset`` of the next (older) page; null on the last page."
    )


class AuditProblemOut(BaseModel):
    entry_id: int | None
    kind: str
    message: str


class AuditVerificationOut(BaseModel):
    ok: bool
    entries: int
    head: str
    problems: list[AuditProblemOut]


class AuditVerifyOut(Ok):
    verification: AuditVerificationOut
