"""What a take-down does to copy still in review: each matching creative is rejected in its
pending approval (the item decided ``rejected`` with the take-down's reason), and an approval
left with nothing to decide is closed, its campaign moved on as a reviewer's last vote would.
While a term or regex take-down is open, copy that matches it cannot be approved."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from huashu.domain import InputError
from huashu.store.creatives import creative_row
from huashu.store.models import ApprovalItemRow, ApprovalRow
from huashu.store.models_workflow import IncidentRow
from huashu.workflow.patterns import copy_matcher
from huashu.workflow.states import transition

#: creative statuses that count as approved when an approval closes.
_APPROVED = ("approved", "scheduled", "live", "paused")
_BY_ZH = {"term": "词语", "regex": "正则"}


def stop_review(
    session: Session,
    creative_ids: Sequence[str],
    *,
    actor: str,
    reason: str,
    note: dict[str, object],
) -> None:
    """Reject the creatives (all ``pending_review``) in their open approval items, then close
    the approvals left with nothing to decide."""
    if not creative_ids:
        return
    comment = f"taken down: {reason}"
    open_items = session.scalars(
        select(ApprovalItemRow)
        .join(ApprovalRow, ApprovalRow.id == ApprovalItemRow.approval_id)
        .where(
            ApprovalRow.status == "pending",
            ApprovalItemRow.creative_id.in_(list(creative_ids)),
            ApprovalItemRow.decision.is_(None),
        )
        .order_by(ApprovalItemRow.approval_id, ApprovalItemRow.creative_id)
    )
    approvals: list[str] = []
    for item in open_items:
        item.decision, item.comment = "rejected", comment
        approvals.append(item.approval_id)
    session.flush()
    for cid in creative_ids:
        transition(session, "creative", cid, "rejected", actor=actor, reason=reason, detail=note)
    for approval_id in dict.fromkeys(approvals):
        approval = session.get(ApprovalRow, approval_id)
        assert approval is not None
        still_open = session.scalar(
            select(ApprovalItemRow.creative_id).where(
                ApprovalItemRow.approval_id == approval_id, ApprovalItemRow.decision.is_(None)
            )
        )
        if still_open is None:
            # approvals imports this module (refuse_taken_down): imported here, not at the top
            from huashu.workflow.approvals import close_approval

            close_approval(session, approval, actor, note=note)


def standing_takedown(
    session: Session, brand_id: str, fields: dict[str, str]
) -> dict[str, Any] | None:
    """The open take-down (by term or regex, of this brand or of every brand) whose term or
    pattern ``fields`` match, as ``{"id", "by", "value", "brand_id"}``; None when none does."""
    query = select(IncidentRow).where(IncidentRow.status == "open", IncidentRow.kind == "takedown")
    for row in session.scalars(query.order_by(IncidentRow.created_at, IncidentRow.id)):
        scope = row.scope or {}
        by, value = scope.get("by"), str(scope.get("value", ""))
        if by not in _BY_ZH or scope.get("brand_id") not in (None, brand_id):
            continue
        try:
            matches = copy_matcher(str(by), value)
        except InputError:
            continue
        if matches(fields):
            return {"id": row.id, "by": by, "value": value, "brand_id": scope.get("brand_id")}
    return None


def refuse_taken_down(session: Session, creative_id: str) -> None:
    """Raise ``taken_down_copy`` when the creative matches an open term or regex take-down."""
    row = creative_row(session, creative_id)
    hit = standing_takedown(session, row.brand_id, dict(row.fields))
    if hit is None:
        return
    by, value, incident = hit["by"], hit["value"], hit["id"]
    raise InputError(
        f"creative {creative_id} matches the {by} {value!r} of open take-down {incident} "
        "and cannot be approved",
        message_zh=(
            f"素材 {creative_id} 命中未关闭的下架事件 {incident}（按{_BY_ZH[by]}“{value}”），"
            "不能审批通过"
        ),
        code="taken_down_copy",
        details={"creative_id": creative_id, "incident_id": incident, "by": by, "value": value},
    )
