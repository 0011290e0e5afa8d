"""What a repeated request gets: the answer that it was already done (409), so a double click
or a client's retry reads as done, never as a failure or a second action. Start, pause,
resume and archive answer a repeat with the campaign unchanged instead
(:mod:`huashu.workflow.lifecycle`)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from huashu.domain import Conflict
from huashu.store.campaigns import campaign_row
from huashu.store.creatives import creative_row
from huashu.store.models import ApprovalRow
from huashu.store.models_workflow import IncidentRow
from huashu.workflow.states import status_zh

_SCOPE_ZH = {
    "creative": "素材",
    "campaign": "活动",
    "brand": "品牌",
    "term": "词语",
    "regex": "正则",
}


def refuse_resubmit(
    session: Session, campaign_id: str, status: str, skipped: dict[str, str]
) -> None:
    """A repeated 提交审批 with nothing new to file: 409 ``already_submitted`` naming the
    approval its creatives went into (or, auto-approved, the status they reached)."""
    earlier = session.scalars(
        select(ApprovalRow)
        .where(ApprovalRow.campaign_id == campaign_id)
        .order_by(ApprovalRow.created_at.desc(), ApprovalRow.id.desc())
    ).first()
    if earlier is None and status in ("draft", "rejected"):
        return
    done, state = (earlier.id, earlier.status) if earlier else (campaign_id, status)
    raise Conflict(
        f"campaign {campaign_id} was already submitted ({done}: {state}); nothing new to file"
        + (f", {len(skipped)} draft(s) blocked or unchecked" if skipped else ""),
        message_zh=f"活动 {campaign_id} 已提交过审批（{done}：{status_zh(state)}），"
        + "没有新的待提交素材"
        + (f"，另有 {len(skipped)} 条草稿未通过或未做合规检查" if skipped else ""),
        code="already_submitted",
        details={
            "campaign_id": campaign_id,
            "approval_id": earlier.id if earlier else None,
            "status": state,
            "skipped": skipped,
        },
    )


def refuse_repeat(session: Session, by: str, value: str, brand_id: str | None) -> None:
    """A take-down that hits nothing because it was already done (the same scope taken down
    before, or the creative or campaign named already down): 409 ``already_taken_down``
    naming the incident, so a repeated request reads as done rather than as a miss."""
    incidents = session.scalars(
        select(IncidentRow)
        .where(IncidentRow.kind == "takedown")
        .order_by(IncidentRow.created_at.desc(), IncidentRow.id.desc())
    )
    asked = (by, value, brand_id)

    def repeats(row: IncidentRow) -> bool:
        scope = row.scope or {}
        return (
            (scope.get("by"), scope.get("value"), scope.get("brand_id")) == asked
            or (by == "creative" and value in row.affected)
            or (by == "campaign" and value in scope.get("campaigns", []))
        )

    same = [row for row in incidents if repeats(row)]
    down = False
    if by == "creative":
        down = creative_row(session, value).status == "taken_down"
    elif by == "campaign":
        down = campaign_row(session, value).status == "taken_down"
    if not same and not down:
        return
    incident = same[0].id if same else None
    named = f" by incident {incident}" if incident else ""
    named_zh = f"（下架事件 {incident}）" if incident else ""
    raise Conflict(
        f"{by} {value!r} is already taken down{named}",
        message_zh=f"按{_SCOPE_ZH.get(by, by)}“{value}”的下架已执行过{named_zh}，无需重复下架",
        code="already_taken_down",
        details={"by": by, "value": value, "brand_id": brand_id, "incident_id": incident},
    )
