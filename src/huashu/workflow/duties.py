"""Separation of duties: who may not decide on an approval, or approve one of its creatives.

Only reviewers and admins decide. Nobody decides on an approval they filed or whose brief they
wrote. Nobody approves a creative whose text they changed, whatever their role, admins
included: who edited it inline, and who refined the draft it replaced (or an earlier draft in
that chain), as the audit log records them. Such an editor may still reject it.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from huashu.domain import Forbidden
from huashu.store import repos
from huashu.store.campaigns import campaign_row
from huashu.store.errors import not_found
from huashu.store.models import ApprovalRow, AuditRow, BriefRow, CreativeRow

#: roles allowed to decide an approval.
REVIEWER_ROLES: tuple[str, ...] = ("reviewer", "admin")
#: the audit action of an inline edit (``huashu.services.chat.edit_creative``).
EDITED = "creative.edited"


def authors(session: Session, approval: ApprovalRow) -> set[str]:
    """Who filed the approval and who wrote the campaign's brief."""
    found = {approval.requested_by}
    brief_id = campaign_row(session, approval.campaign_id).brief_id
    if brief_id is not None:
        brief = session.get(BriefRow, brief_id)
        if brief is not None:
            found.add(brief.created_by)
    return found


def editors(session: Session, campaign_id: str, creative_ids: Iterable[str]) -> dict[str, set[str]]:
    """Creative id -> who changed its text: inline edits of it, and the refinements (with
    their edits) of every draft it descends from within the campaign."""
    wanted = list(creative_ids)
    ids = list(
        session.scalars(select(CreativeRow.id).where(CreativeRow.campaign_id == campaign_id))
    )
    entries = session.execute(
        select(AuditRow.object_id, AuditRow.actor, AuditRow.action, AuditRow.detail).where(
            AuditRow.object_type == "creative",
            AuditRow.object_id.in_(ids),
            AuditRow.action.in_((EDITED, "creative.archived")),
        )
    )
    edited: dict[str, set[str]] = {}
    parent: dict[str, tuple[str, str]] = {}  # refined creative -> (its draft, the refiner)
    for object_id, actor, action, detail in entries:
        if action == EDITED:
            edited.setdefault(object_id, set()).add(actor)
        elif isinstance(detail, dict) and isinstance(detail.get("replaced_by"), str):
            parent[detail["replaced_by"]] = (object_id, actor)
    out: dict[str, set[str]] = {}
    for cid in wanted:
        people: set[str] = set()
        current, seen = cid, set()
        while current not in seen:
            seen.add(current)
            people |= edited.get(current, set())
            if current not in parent:
                break
            current, refiner = parent[current]
            people.add(refiner)
        out[cid] = people
    return out


def check_reviewer(session: Session, approval: ApprovalRow, reviewer: str) -> None:
    """Refuse a reviewer who filed the approval or wrote its brief, or lacks the role."""
    if reviewer in authors(session, approval):
        raise Forbidden(
            "you cannot approve creatives you submitted yourself",
            message_zh="不能审批自己提交的素材",
            code="self_approval",
            details={"user": reviewer, "approval_id": approval.id},
        )
    user = repos.get_user(session, reviewer)
    if user is None:
        raise not_found("user", reviewer)
    if user.role not in REVIEWER_ROLES:
        raise Forbidden(
            f"user {reviewer!r} has role {user.role}; deciding approvals needs role "
            "reviewer or admin",
            message_zh=f"用户 {reviewer} 的角色是 {user.role}，审批需要 reviewer 或 admin 角色",
            code="forbidden",
            details={"user": reviewer, "role": user.role},
        )


def check_not_editor(
    session: Session, approval: ApprovalRow, reviewer: str, approving: Iterable[str]
) -> None:
    """Refuse approving any creative whose text ``reviewer`` changed (403, naming them)."""
    found = editors(session, approval.campaign_id, approving)
    own = sorted(cid for cid, people in found.items() if reviewer in people)
    if own:
        raise Forbidden(
            f"you changed the text of creative(s) {', '.join(own)}, so you cannot approve "
            "them; another reviewer must (you may still reject them)",
            message_zh=f"素材 {'、'.join(own)} 的文案经你修改，不能由你审批通过，"
            "请由其他审批人审批（你仍可驳回）",
            code="editor_cannot_approve",
            details={"user": reviewer, "approval_id": approval.id, "creative_ids": own},
        )
