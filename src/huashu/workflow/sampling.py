"""Auto-approval of low-risk creatives and the post-hoc sampling audit (后置抽样检查).

With the brand policy's ``auto_approve`` on, a draft whose compliance report has no ``review``
or ``block`` finding and whose composer template (``provenance.template_version``, e.g.
``compose/2``) is one of the policy's ``known_templates`` is approved by ``policy:auto``
without a human, unless someone changed its text (an edited or refined draft, see
:func:`~huashu.workflow.duties.editors`, always goes to a human reviewer): risk tier ``low``
(no findings) or ``medium`` (only ``warn`` ones). A
deterministic draw in [0, 1) from the brand and creative id, below the policy's
``sample_rates[tier]``, puts it into the audit queue. A reviewer (not its submitter) then passes
or fails it; a failure takes it down (:func:`~huashu.workflow.takedown.take_down`) under an
``audit_failure`` incident.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from huashu.domain import ComplianceReport, InputError, NotFound, Severity, Verdict
from huashu.store import repos
from huashu.store.campaigns import campaign_row
from huashu.store.creatives import creative_row
from huashu.store.errors import not_found
from huashu.store.models import BriefRow, new_id, utcnow
from huashu.store.models_workflow import AuditSampleRow
from huashu.workflow.duties import REVIEWER_ROLES, editors
from huashu.workflow.policy import Policy, get_policy
from huashu.workflow.states import transition
from huashu.workflow.takedown import standing_takedown, take_down

AUTO_ACTOR = "policy:auto"


def draw(brand_id: str, creative_id: str) -> float:
    """A uniform number in [0, 1) fixed by the brand and creative id (SHA-256, 53 bits)."""
    digest = hashlib.sha256(f"{brand_id}\x00{creative_id}".encode()).digest()
    return (int.from_bytes(digest[:8], "big") >> 11) / float(1 << 53)


def risk_tier(report: ComplianceReport | None) -> str | None:
    """``low`` (no findings), ``medium`` (only warnings), None (not auto-approvable)."""
    if report is None or report.verdict is Verdict.BLOCK:
        return None
    severities = {f.severity for f in report.findings}
    if severities - {Severity.WARN}:
        return None
    return "medium" if severities else "low"


@dataclass
class AutoApproval:
    """What :func:`auto_approve` did for one campaign."""

    approved: dict[str, str] = field(default_factory=dict)
    """creative id -> risk tier"""
    sampled: list[str] = field(default_factory=list)
    """creative ids drawn into the audit queue"""


def auto_approve(
    session: Session, campaign_id: str, requested_by: str, policy: Policy | None = None
) -> AutoApproval:
    """Approve the campaign's eligible drafts per its brand policy; sample some for audit."""
    campaign = campaign_row(session, campaign_id)
    policy = policy or get_policy(session, campaign.brand_id)
    result = AutoApproval()
    if not policy.auto_approve:
        return result
    known = set(policy.known_templates)
    drafts = repos.list_creatives(session, campaign_id=campaign_id, status="draft")
    changed = editors(session, campaign_id, [c.id for c in drafts])
    for creative in drafts:
        tier = risk_tier(repos.report_for_creative(session, creative.id))
        template = creative.provenance.template_version
        if tier is None or template not in known or changed[creative.id]:
            continue
        if standing_takedown(session, campaign.brand_id, dict(creative.fields)) is not None:
            continue  # matches an open take-down: left to a reviewer, who cannot approve it
        why = {"policy": "auto_approve", "risk_tier": tier, "template": template}
        detail: dict[str, object] = {**why, "submitted_by": requested_by}
        transition(
            session,
            "creative",
            creative.id,
            "pending_review",
            actor=AUTO_ACTOR,
            reason=f"auto-approval ({tier} risk, template {template})",
            detail=detail,
        )
        transition(
            session,
            "creative",
            creative.id,
            "approved",
            actor=AUTO_ACTOR,
            reason=f"auto-approval ({tier} risk, template {template})",
            detail=detail,
        )
        result.approved[creative.id] = tier
        value = draw(campaign.brand_id, creative.id)
        rate = float(policy.sample_rates.get(tier, 0.0))
        if value < rate:
            sample = AuditSampleRow(
                id=new_id("smp"),
                creative_id=creative.id,
                brand_id=campaign.brand_id,
                risk_tier=tier,
                draw=value,
                status="pending",
                note="",
            )
            session.add(sample)
            session.flush()
            result.sampled.append(creative.id)
            repos.audit(
                session,
                AUTO_ACTOR,
                "audit_sample.create",
                "audit_sample",
                sample.id,
                {
                    "creative_id": creative.id,
                    "risk_tier": tier,
                    "draw": value,
                    "rate": rate,
                    "submitted_by": requested_by,
                },
            )
    return result


def sample_view(row: AuditSampleRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "creative_id": row.creative_id,
        "brand_id": row.brand_id,
        "risk_tier": row.risk_tier,
        "draw": row.draw,
        "status": row.status,
        "reviewer": row.reviewer,
        "note": row.note,
        "incident_id": row.incident_id,
        "created_at": row.created_at.isoformat(),
        "decided_at": row.decided_at.isoformat() if row.decided_at else None,
    }


def list_samples(
    session: Session, brand_id: str | None = None, status: str | None = None
) -> list[dict[str, Any]]:
    """Audit samples oldest first, optionally of one brand and/or one status."""
    query = select(AuditSampleRow).order_by(AuditSampleRow.created_at, AuditSampleRow.id)
    if brand_id is not None:
        query = query.where(AuditSampleRow.brand_id == brand_id)
    if status is not None:
        query = query.where(AuditSampleRow.status == status)
    return [sample_view(row) for row in session.scalars(query)]


def _sample_row(session: Session, sample_id: str) -> AuditSampleRow:
    row = session.get(AuditSampleRow, sample_id)
    if row is None:
        raise NotFound(
            f"audit sample {sample_id!r} not found",
            message_zh=f"抽检记录 {sample_id} 不存在",
            code="not_found",
            details={"object_type": "audit_sample", "id": sample_id},
        )
    return row


def _submitters(session: Session, row: AuditSampleRow) -> set[str]:
    """Who filed the sampled creative and who wrote its campaign's brief."""
    entries = repos.list_audit(
        session, object_type="audit_sample", object_id=row.id, action="audit_sample.create"
    )
    people = {str(e["detail"].get("submitted_by")) for e in entries}
    brief_id = campaign_row(session, creative_row(session, row.creative_id).campaign_id).brief_id
    brief = session.get(BriefRow, brief_id) if brief_id is not None else None
    if brief is not None:
        people.add(brief.created_by)
    return people


def _check_auditor(session: Session, row: AuditSampleRow, reviewer: str) -> None:
    user = repos.get_user(session, reviewer)
    if user is None:
        raise not_found("user", reviewer)
    if user.role not in REVIEWER_ROLES:
        raise InputError(
            f"user {reviewer!r} has role {user.role}; auditing needs role reviewer or admin",
            message_zh=f"用户 {reviewer} 的角色是 {user.role}，抽检需要 reviewer 或 admin 角色",
            code="forbidden",
            details={"user": reviewer, "role": user.role},
        )
    if reviewer in _submitters(session, row):
        raise InputError(
            "you cannot audit creatives you submitted yourself",
            message_zh="不能抽检自己提交的素材",
            code="self_approval",
            details={"user": reviewer, "sample_id": row.id},
        )


def decide_sample(
    session: Session, sample_id: str, reviewer: str, passed: bool, note: str = ""
) -> dict[str, Any]:
    """Pass or fail a pending sample. A failure (which needs a note) opens an
    ``audit_failure`` incident and takes the creative down; returns the sample."""
    row = _sample_row(session, sample_id)
    if row.status != "pending":
        raise InputError(
            f"audit sample {sample_id} is already {row.status}",
            message_zh=f"抽检记录 {sample_id} 已处理（{row.status}）",
            code="invalid_state",
            details={"sample_id": sample_id, "status": row.status},
        )
    _check_auditor(session, row, reviewer)
    if not passed and not note.strip():
        raise InputError(
            "a failed audit needs a note saying what is wrong",
            message_zh="抽检不通过时请填写问题说明",
            code="missing_reason",
            details={"sample_id": sample_id},
        )
    row.status = "passed" if passed else "failed"
    row.reviewer = reviewer
    row.note = note
    row.decided_at = utcnow()
    session.flush()
    if not passed:
        incident = take_down(
            session,
            by="creative",
            value=row.creative_id,
            actor=reviewer,
            reason=f"抽检不通过：{note}",
            incident_kind="audit_failure",
            allow_empty=True,
        )
        row.incident_id = incident["id"]
        session.flush()
    repos.audit(
        session,
        reviewer,
        f"audit_sample.{row.status}",
        "audit_sample",
        sample_id,
        {"creative_id": row.creative_id, "note": note, "incident_id": row.incident_id},
    )
    return sample_view(row)
