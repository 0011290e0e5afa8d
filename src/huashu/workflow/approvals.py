"""Approval requests: filing a campaign's checked creatives for review and deciding on them.

Separation of duties holds (:mod:`huashu.workflow.duties`): nobody decides on creatives they
filed or briefed, nobody approves a creative whose text they changed, only reviewers and admins
decide, and a creative with ``review`` findings is approved only when the reviewer acknowledges
each of its rule ids. With a brand quorum of N, a creative is approved once N distinct
reviewers approved it; one rejection rejects it. Each reviewer's vote is kept.

Filing locks the campaign row and deciding locks the approval row (on SQLite the transaction's
write lock does it), so a double-clicked submit or decide is answered 409, never twice done.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from huashu.domain import Conflict, InputError, Severity, Verdict
from huashu.store import repos
from huashu.store.campaigns import campaign_row
from huashu.store.errors import not_found
from huashu.store.models import (
    DECISIONS,
    ApprovalItemRow,
    ApprovalRow,
    new_id,
    utcnow,
)
from huashu.store.models_workflow import ApprovalVoteRow
from huashu.workflow.duties import REVIEWER_ROLES as REVIEWER_ROLES
from huashu.workflow.duties import check_not_editor, check_reviewer
from huashu.workflow.policy import get_policy
from huashu.workflow.repeats import refuse_resubmit
from huashu.workflow.sampling import AUTO_ACTOR, auto_approve
from huashu.workflow.states import allowed, transition
from huashu.workflow.takedown import refuse_taken_down

_GONE_ZH = {"archived": "归档", "taken_down": "下架"}


def submit_for_approval(session: Session, campaign_id: str, requested_by: str) -> str:
    """File one approval over the campaign's draft creatives whose report passed or needs review.

    Blocked or unchecked drafts stay ``draft`` and are logged as skipped. Drafts the brand
    policy auto-approves (:func:`~huashu.workflow.sampling.auto_approve`) skip the human
    review. Returns the approval id, or ``""`` when every filed draft was auto-approved and no
    approval was needed (the campaign is then ``approved``).
    """
    campaign = campaign_row(session, campaign_id, lock=True)
    pending = session.scalar(
        select(ApprovalRow.id).where(
            ApprovalRow.campaign_id == campaign_id, ApprovalRow.status == "pending"
        )
    )
    if pending is not None:
        raise Conflict(
            f"campaign {campaign_id} already has a pending approval {pending}",
            message_zh=f"活动 {campaign_id} 已有待审批的审批单 {pending}",
            code="invalid_state",
            details={"campaign_id": campaign_id, "approval_id": pending},
        )
    if campaign.status in ("archived", "taken_down"):
        raise Conflict(
            f"campaign {campaign_id} is {campaign.status}",
            message_zh=f"活动 {campaign_id} 已{_GONE_ZH[campaign.status]}",
            code="invalid_state",
            details={"campaign_id": campaign_id, "status": campaign.status},
        )
    auto = auto_approve(session, campaign_id, requested_by)
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
    if not filed and auto.approved:
        if campaign.status in ("draft", "rejected"):
            for target in ("pending_review", "approved"):
                transition(
                    session, "campaign", campaign_id, target, actor=AUTO_ACTOR, reason="auto"
                )
        for cid, reason in skipped.items():
            repos.audit(session, requested_by, "approval.skip", "creative", cid, {"reason": reason})
        return ""
    if not filed:
        refuse_resubmit(session, campaign_id, campaign.status, skipped)
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
            quorum=get_policy(session, campaign.brand_id).quorum,
            comment="",
        )
    )
    session.flush()
    session.add_all(
        ApprovalItemRow(approval_id=approval_id, creative_id=cid, acknowledged_findings=[])
        for cid in filed
    )
    for cid in filed:
        transition(
            session, "creative", cid, "pending_review", actor=requested_by, reason=approval_id
        )
    for cid, reason in skipped.items():
        repos.audit(session, requested_by, "approval.skip", "creative", cid, {"reason": reason})
    if allowed("campaign", campaign.status, "pending_review"):
        transition(
            session,
            "campaign",
            campaign_id,
            "pending_review",
            actor=requested_by,
            reason=approval_id,
        )
    repos.audit(
        session,
        requested_by,
        "approval.submit",
        "approval",
        approval_id,
        {"campaign_id": campaign_id, "creative_ids": filed, "skipped": sorted(skipped)},
    )
    return approval_id


def _approval_row(session: Session, approval_id: str, lock: bool = False) -> ApprovalRow:
    row = session.get(ApprovalRow, approval_id, with_for_update=lock, populate_existing=lock)
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


def _resolve(
    approval_id: str,
    item_ids: list[str],
    decisions: Mapping[str, str] | None,
    approve_all: bool,
    acknowledged: Mapping[str, Sequence[str]],
    *,
    known: set[str],
    partial: bool = False,
) -> dict[str, str]:
    """Each of ``item_ids`` (the open creatives this reviewer has not voted on) -> its
    decision; with ``partial`` only those named in ``decisions`` (``known``: every creative
    of the approval)."""
    given = dict(decisions or {})
    if partial and approve_all:
        raise InputError(
            "partial and approve_all exclude each other",
            message_zh="“部分审批”与“全部通过”不能同时使用",
            code="conflicting_options",
            details={"approval_id": approval_id},
        )
    if not given and not approve_all:
        raise InputError(
            "give a decision per creative or approve_all",
            message_zh="请逐条给出审批结论，或选择全部通过",
            code="no_decision",
            details={"approval_id": approval_id},
        )
    unknown = sorted((set(given) | set(acknowledged)) - known)
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
    if partial:
        return given
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
    refuse_taken_down(session, creative_id)  # an open term/regex take-down matches it
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
    comments: Mapping[str, str] | None = None,
    partial: bool = False,
) -> dict[str, Any]:
    """Record one reviewer's vote on every open creative of a pending approval that the
    reviewer has not voted on yet (with ``partial``, on those named in ``decisions`` only: the
    others stay open for a later vote, which is how 全部通过 leaves undecided the creatives
    whose ``review`` findings the reviewer has not acknowledged).

    ``decisions`` maps creative id -> ``approved``/``rejected``; with ``approve_all`` the open
    creatives it leaves out are approved. ``acknowledged`` maps creative id -> the rule ids of
    its ``review`` findings the reviewer has read; no creative is approved without each of them
    (``unacknowledged_findings``). ``comments`` maps creative id -> a note. A
    creative is decided once the quorum approved it or anyone rejected it; the approval closes
    when all its creatives are decided, and the campaign becomes ``approved`` when any of its
    creatives is approved (by this or an earlier approval), else ``rejected``.
    """
    approval = _approval_row(session, approval_id, lock=True)
    if approval.status != "pending":
        raise Conflict(
            f"approval {approval_id} is already {approval.status}",
            message_zh=f"审批单 {approval_id} 已处理（{approval.status}）",
            code="invalid_state",
            details={"approval_id": approval_id, "status": approval.status},
        )
    check_reviewer(session, approval, reviewer)
    acks = {cid: sorted(set(ids)) for cid, ids in (acknowledged or {}).items()}
    notes = dict(comments or {})
    items = [i for i in _items(session, approval_id) if i.decision is None]
    voted = {
        v.creative_id
        for v in session.scalars(
            select(ApprovalVoteRow).where(
                ApprovalVoteRow.approval_id == approval_id, ApprovalVoteRow.reviewer == reviewer
            )
        )
    }
    closed = sorted(
        set(decisions or {})
        & {i.creative_id for i in _items(session, approval_id) if i.decision is not None}
    )
    if closed:
        raise Conflict(
            f"creative(s) {', '.join(closed)} are already decided in approval {approval_id}",
            message_zh=f"素材 {'、'.join(closed)} 在审批单 {approval_id} 中已有结论",
            code="already_decided",
            details={"approval_id": approval_id, "creative_ids": closed},
        )
    votable = [i.creative_id for i in items if i.creative_id not in voted]
    if not votable or set(decisions or {}) & voted:
        raise Conflict(
            f"{reviewer} has already voted on approval {approval_id}",
            message_zh=f"{reviewer} 已对审批单 {approval_id} 投过票，需由其他审批人继续审批",
            code="already_voted",
            details={"approval_id": approval_id, "user": reviewer},
        )
    named: dict[str, Sequence[str]] = {**{cid: [] for cid in notes}, **acks}
    known = {i.creative_id for i in _items(session, approval_id)}
    outcome = _resolve(
        approval_id, votable, decisions, approve_all, named, known=known, partial=partial
    )
    check_not_editor(
        session, approval, reviewer, [c for c, d in outcome.items() if d == "approved"]
    )
    for cid, decision in outcome.items():
        if decision == "approved":
            _check_approvable(session, cid, acks.get(cid, []))
    for item in (i for i in items if i.creative_id in outcome):
        cid = item.creative_id
        vote = outcome[cid]
        session.add(
            ApprovalVoteRow(
                approval_id=approval_id,
                creative_id=cid,
                reviewer=reviewer,
                decision=vote,
                comment=notes.get(cid, ""),
                acknowledged=acks.get(cid, []),
            )
        )
        session.flush()
        repos.audit(
            session,
            reviewer,
            f"vote.{vote}",
            "creative",
            cid,
            {"approval_id": approval_id, "acknowledged": acks.get(cid, []), "note": notes.get(cid)},
        )
        approvals_so_far = session.scalars(
            select(ApprovalVoteRow.reviewer).where(
                ApprovalVoteRow.approval_id == approval_id,
                ApprovalVoteRow.creative_id == cid,
                ApprovalVoteRow.decision == "approved",
            )
        ).all()
        if vote == "rejected" or len(approvals_so_far) >= approval.quorum:
            item.decision = vote
            item.acknowledged_findings = acks.get(cid, [])
            item.comment = notes.get(cid, "")
            transition(session, "creative", cid, vote, actor=reviewer, reason=approval_id)
    session.flush()
    all_items = _items(session, approval_id)
    if all(i.decision is not None for i in all_items):
        close_approval(session, approval, reviewer, comment)
    elif comment:
        approval.comment = comment
    session.flush()
    return get_approval(session, approval_id)


def close_approval(
    session: Session,
    approval: ApprovalRow,
    reviewer: str,
    comment: str = "",
    note: dict[str, object] | None = None,
) -> None:
    """Close an approval whose items are all decided: its status, the campaign's move out of
    review, and the audit record (``note``: why, when it was not a reviewer's vote)."""
    items = _items(session, approval.id)
    approved = sum(i.decision == "approved" for i in items)
    approval.status = "approved" if approved else "rejected"
    approval.decided_by = reviewer
    approval.decided_at = utcnow()
    approval.comment = comment or approval.comment
    session.flush()
    has_approved = any(
        repos.list_creatives(session, campaign_id=approval.campaign_id, status=status)
        for status in ("approved", "scheduled", "live", "paused")
    )
    campaign = campaign_row(session, approval.campaign_id)
    if campaign.status == "pending_review":
        transition(
            session,
            "campaign",
            approval.campaign_id,
            "approved" if has_approved else "rejected",
            actor=reviewer,
            reason=approval.id,
            detail=note,
        )
    repos.audit(
        session,
        reviewer,
        "approval.decide",
        "approval",
        approval.id,
        {
            "status": approval.status,
            "approved": approved,
            "rejected": len(items) - approved,
            "comment": approval.comment,
            **(note or {}),
        },
    )


def _summary(session: Session, row: ApprovalRow) -> dict[str, Any]:
    votes: dict[str, list[dict[str, Any]]] = {}
    for v in session.scalars(
        select(ApprovalVoteRow)
        .where(ApprovalVoteRow.approval_id == row.id)
        .order_by(ApprovalVoteRow.created_at, ApprovalVoteRow.reviewer)
    ):
        votes.setdefault(v.creative_id, []).append(
            {
                "reviewer": v.reviewer,
                "decision": v.decision,
                "comment": v.comment,
                "acknowledged": v.acknowledged,
                "at": v.created_at.isoformat(),
            }
        )
    return {
        "id": row.id,
        "campaign_id": row.campaign_id,
        "status": row.status,
        "quorum": row.quorum,
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
                "comment": i.comment,
                "votes": votes.get(i.creative_id, []),
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
