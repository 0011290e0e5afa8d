"""Approval requests: filing a campaign's checked creatives for review and deciding on them.

Separation of duties holds: the requester may not decide, only reviewers and admins may, and a
creative with ``review`` findings is approved only when the reviewer acknowledges each rule id.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from huashu.domain import InputError, Severity, Verdict
from huashu.store import repos
from huashu.store.campaigns import campaign_row
from huashu.store.errors import not_found
from huashu.store.models import DECISIONS, ApprovalItemRow, ApprovalRow, new_id, utcnow

#: roles allowed to decide an approval.
REVIEWER_ROLES: tuple[str, ...] = ("reviewer", "admin")


def submit_for_approval(session: Session, campaign_id: str, requested_by: str) -> str:
    """File one approval over the campaign's draft creatives whose report passed or needs review.

    Blocked or unchecked drafts stay ``draft`` and are logged as skipped. Returns the approval id.
    """
    campaign = campaign_row(session, campaign_id)
    pending = session.scalar(
        select(ApprovalRow.id).where(
            ApprovalRow.campaign_id == campaign_id, ApprovalRow.status == "pending"
        )
    )
    if pending is not None:
        raise InputError(
            f"campaign {campaign_id} already has a pending approval {pending}",
            message_zh=f"活动 {campaign_id} 已有待审批的审批单 {pending}",
            code="invalid_state",
            details={"campaign_id": campaign_id, "approval_id": pending},
        )
    if campaign.status == "archived":
        raise InputError(
            f"campaign {campaign_id} is archived",
            message_zh=f"活动 {campaign_id} 已归档",
            code="invalid_state",
            details={"campaign_id": campaign_id},
        )
    filed: list[str] = []
    skipped: dict[str, str] = {}
    for creative in repos.list_creatives(session, campaign_id=campaign_id, status="draft"):
        report = repos.report_for_creative(session, creative.id)
        if report is None:
            skipped[creative.id] = "unchecked"
        elif report.verdict is Verdict.BLOCK:
            skipped[creative.id] = "blocked"
        else:
            filed.append(creative.id)
    if not filed:
        raise InputError(
            f"campaign {campaign_id} has no draft creative that passed compliance",
            message_zh=f"活动 {campaign_id} 没有通过合规检查的待提交素材",
            code="nothing_to_submit",
            details={"campaign_id": campaign_id, "skipped": skipped},
        )
    approval_id = new_id("apr")
    session.add(
        ApprovalRow(
            id=approval_id,
            campaign_id=campaign_id,
            status="pending",
            requested_by=requested_by,
            comment="",
        )
    )
    session.flush()
    session.add_all(
        ApprovalItemRow(approval_id=approval_id, creative_id=cid, acknowledged_findings=[])
        for cid in filed
    )
    for cid in filed:
        repos.set_creative_status(session, cid, "pending_review")
    for cid, reason in skipped.items():
        repos.audit(session, requested_by, "approval.skip", "creative", cid, {"reason": reason})
    repos.set_campaign_status(session, campaign_id, "pending_review")
    repos.audit(
        session,
        requested_by,
        "approval.submit",
        "approval",
        approval_id,
        {"campaign_id": campaign_id, "creative_ids": filed, "skipped": sorted(skipped)},
    )
    return approval_id


def _approval_row(session: Session, approval_id: str) -> ApprovalRow:
    row = session.get(ApprovalRow, approval_id)
    if row is None:
        raise not_found("approval", approval_id)
    return row


def _items(session: Session, approval_id: str) -> list[ApprovalItemRow]:
    query = (
        select(ApprovalItemRow)
        .where(ApprovalItemRow.approval_id == approval_id)
        .order_by(ApprovalItemRow.creative_id)
    )
    return list(session.scalars(query))


def _check_reviewer(session: Session, approval: ApprovalRow, reviewer: str) -> None:
    if reviewer == approval.requested_by:
        raise InputError(
            "you cannot approve creatives you submitted yourself",
            message_zh="不能审批自己提交的素材",
            code="self_approval",
            details={"user": reviewer, "approval_id": approval.id},
        )
    user = repos.get_user(session, reviewer)
    if user is None:
        raise not_found("user", reviewer)
    if user.role not in REVIEWER_ROLES:
        raise InputError(
            f"user {reviewer!r} has role {user.role}; deciding approvals needs role "
            "reviewer or admin",
            message_zh=f"用户 {reviewer} 的角色是 {user.role}，审批需要 reviewer 或 admin 角色",
            code="forbidden",
            details={"user": reviewer, "role": user.role},
        )


def _resolve(
    approval_id: str,
    item_ids: list[str],
    decisions: Mapping[str, str] | None,
    approve_all: bool,
    acknowledged: Mapping[str, Sequence[str]],
) -> dict[str, str]:
    given = dict(decisions or {})
    if not given and not approve_all:
        raise InputError(
            "give a decision per creative or approve_all",
            message_zh="请逐条给出审批结论，或选择全部通过",
            code="no_decision",
            details={"approval_id": approval_id},
        )
    unknown = sorted((set(given) | set(acknowledged)) - set(item_ids))
    if unknown:
        raise InputError(
            f"creative(s) {', '.join(unknown)} are not in approval {approval_id}",
            message_zh=f"素材 {'、'.join(unknown)} 不在审批单 {approval_id} 中",
            code="not_in_approval",
            details={"approval_id": approval_id, "creative_ids": unknown},
        )
    bad = sorted(cid for cid, d in given.items() if d not in DECISIONS)
    if bad:
        raise InputError(
            f"decisions must be 'approved' or 'rejected' (creative(s) {', '.join(bad)})",
            message_zh=f"审批结论只能是 approved 或 rejected（素材 {'、'.join(bad)}）",
            code="invalid_decision",
            details={"creative_ids": bad},
        )
    undecided = [cid for cid in item_ids if cid not in given]
    if undecided and not approve_all:
        raise InputError(
            f"no decision for creative(s) {', '.join(undecided)}",
            message_zh=f"以下素材尚未给出审批结论：{'、'.join(undecided)}",
            code="undecided",
            details={"approval_id": approval_id, "creative_ids": undecided},
        )
    return {cid: given.get(cid, "approved") for cid in item_ids}


def _check_approvable(session: Session, creative_id: str, acknowledged: Sequence[str]) -> None:
    report = repos.report_for_creative(session, creative_id)
    if report is None or report.verdict is Verdict.BLOCK:
        raise InputError(
            f"creative {creative_id} did not pass compliance and cannot be approved",
            message_zh=f"素材 {creative_id} 未通过合规检查，不能审批通过",
            code="blocked",
            details={"creative_id": creative_id},
        )
    required = {f.rule_id for f in report.findings if f.severity is Severity.REVIEW}
    missing = sorted(required - set(acknowledged))
    if missing:
        raise InputError(
            f"creative {creative_id} has review findings not acknowledged: {', '.join(missing)}",
            message_zh=f"素材 {creative_id} 有需人工确认的合规提示未确认：{'、'.join(missing)}",
            code="unacknowledged_findings",
            details={"creative_id": creative_id, "rule_ids": missing},
        )


def decide_approval(
    session: Session,
    approval_id: str,
    reviewer: str,
    decisions: Mapping[str, str] | None = None,
    approve_all: bool = False,
    comment: str = "",
    acknowledged: Mapping[str, Sequence[str]] | None = None,
) -> dict[str, Any]:
    """Decide every creative of a pending approval and return the decided approval.

    ``decisions`` maps creative id -> ``approved``/``rejected``; with ``approve_all`` the
    creatives it leaves out are approved. ``acknowledged`` maps creative id -> the rule ids of
    its ``review`` findings the reviewer has read. The campaign becomes ``approved`` when any
    of its creatives is approved (by this or an earlier approval), else ``rejected``.
    """
    approval = _approval_row(session, approval_id)
    if approval.status != "pending":
        raise InputError(
            f"approval {approval_id} is already {approval.status}",
            message_zh=f"审批单 {approval_id} 已处理（{approval.status}）",
            code="invalid_state",
            details={"approval_id": approval_id, "status": approval.status},
        )
    _check_reviewer(session, approval, reviewer)
    acks = {cid: sorted(set(ids)) for cid, ids in (acknowledged or {}).items()}
    items = _items(session, approval_id)
    outcome = _resolve(approval_id, [i.creative_id for i in items], decisions, approve_all, acks)
    for cid, decision in outcome.items():
        if decision == "approved":
            _check_approvable(session, cid, acks.get(cid, []))
    for item in items:
        decision = outcome[item.creative_id]
        item.decision = decision
        item.acknowledged_findings = acks.get(item.creative_id, [])
        repos.set_creative_status(session, item.creative_id, decision)
        repos.audit(
            session,
            reviewer,
            f"creative.{decision}",
            "creative",
            item.creative_id,
            {"approval_id": approval_id, "acknowledged": item.acknowledged_findings},
        )
    approved = sum(d == "approved" for d in outcome.values())
    approval.status = "approved" if approved else "rejected"
    approval.decided_by = reviewer
    approval.decided_at = utcnow()
    approval.comment = comment
    session.flush()
    has_approved = any(
        repos.list_creatives(session, campaign_id=approval.campaign_id, status=status)
        for status in ("approved", "live")
    )
    repos.set_campaign_status(
        session, approval.campaign_id, "approved" if has_approved else "rejected"
    )
    repos.audit(
        session,
        reviewer,
        "approval.decide",
        "approval",
        approval_id,
        {
            "status": approval.status,
            "approved": approved,
            "rejected": len(outcome) - approved,
            "comment": comment,
        },
    )
    session.flush()
    return get_approval(session, approval_id)


def _summary(session: Session, row: ApprovalRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "campaign_id": row.campaign_id,
        "status": row.status,
        "requested_by": row.requested_by,
        "decided_by": row.decided_by,
        "comment": row.comment,
        "created_at": row.created_at.isoformat(),
        "decided_at": row.decided_at.isoformat() if row.decided_at else None,
        "items": [
            {
                "creative_id": i.creative_id,
                "decision": i.decision,
                "acknowledged_findings": i.acknowledged_findings,
            }
            for i in _items(session, row.id)
        ],
    }


def get_approval(session: Session, approval_id: str) -> dict[str, Any]:
    """One approval as a JSON-ready dict with its items (by creative id)."""
    return _summary(session, _approval_row(session, approval_id))


def list_approvals(
    session: Session, campaign_id: str | None = None, status: str | None = None
) -> list[dict[str, Any]]:
    """Approvals oldest first, optionally of one campaign and/or one status."""
    query = select(ApprovalRow).order_by(ApprovalRow.created_at, ApprovalRow.id)
    if campaign_id is not None:
        query = query.where(ApprovalRow.campaign_id == campaign_id)
    if status is not None:
        query = query.where(ApprovalRow.status == status)
    return [_summary(session, row) for row in session.scalars(query)]
