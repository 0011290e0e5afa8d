"""The life cycle of campaigns and creatives, and the one function that moves them.

``draft -> pending_review -> approved | rejected -> scheduled -> live <-> paused ->
taken_down / archived``. A rejected creative goes back to ``draft`` to be edited; a campaign
that already has approved creatives may return to ``pending_review`` when more are filed.
Every transition is checked against the table and written to the audit log with actor, time
and reason; anything else raises :class:`~huashu.domain.InputError` (``illegal_transition``).
"""

from __future__ import annotations

from typing import Literal

from sqlalchemy.orm import Session

from huashu.domain import InputError
from huashu.store import repos
from huashu.store.campaigns import campaign_row
from huashu.store.creatives import creative_row

Kind = Literal["campaign", "creative"]

_DELIVERABLE = frozenset({"scheduled", "live", "paused", "taken_down", "archived"})

CREATIVE_TRANSITIONS: dict[str, frozenset[str]] = {
    "draft": frozenset({"pending_review", "archived"}),
    "pending_review": frozenset({"approved", "rejected", "draft"}),
    "approved": _DELIVERABLE,
    "rejected": frozenset({"draft", "archived"}),
    "scheduled": frozenset({"live", "paused", "taken_down", "archived"}),
    "live": frozenset({"paused", "taken_down", "archived"}),
    "paused": frozenset({"live", "taken_down", "archived"}),
    "taken_down": frozenset({"archived"}),
    "archived": frozenset(),
}

CAMPAIGN_TRANSITIONS: dict[str, frozenset[str]] = {
    **CREATIVE_TRANSITIONS,
    "approved": _DELIVERABLE | {"pending_review"},
    "rejected": frozenset({"draft", "pending_review", "archived"}),
}

TRANSITIONS: dict[Kind, dict[str, frozenset[str]]] = {
    "campaign": CAMPAIGN_TRANSITIONS,
    "creative": CREATIVE_TRANSITIONS,
}

#: creative statuses that are on air or go on air at 开始投放 (what the emergency console
#: offers to take down). The decide path serves only ``live`` creatives of ``live`` campaigns
#: (:func:`huashu.store.creatives.on_air_creatives`): nothing before the campaign is started.
SERVABLE: tuple[str, ...] = ("approved", "scheduled", "live")

_ZH = {
    "draft": "草稿",
    "pending_review": "待审批",
    "approved": "已通过",
    "rejected": "已驳回",
    "scheduled": "已排期",
    "live": "投放中",
    "paused": "已暂停",
    "taken_down": "已下架",
    "archived": "已归档",
}
_KIND_ZH = {"campaign": "活动", "creative": "素材"}


def status_zh(status: str) -> str:
    """The operator's word for a campaign, creative or approval status."""
    return _ZH.get(status, "待审批" if status == "pending" else status)


def allowed(kind: Kind, current: str, target: str) -> bool:
    return target in TRANSITIONS[kind].get(current, frozenset())


def check_transition(kind: Kind, object_id: str, current: str, target: str) -> None:
    """Raise the operator-facing error for a move the life cycle does not allow."""
    if target not in TRANSITIONS[kind]:
        raise InputError(
            f"unknown {kind} status {target!r}",
            message_zh=f"未知{_KIND_ZH[kind]}状态 {target}",
            code="invalid_status",
            details={"status": target, "allowed": sorted(TRANSITIONS[kind])},
        )
    if not allowed(kind, current, target):
        nexts = sorted(TRANSITIONS[kind][current])
        raise InputError(
            f"{kind} {object_id} cannot go from {current} to {target}"
            f" (allowed: {', '.join(nexts) or 'none'})",
            message_zh=(
                f"{_KIND_ZH[kind]} {object_id} 不能从“{_ZH[current]}”变为“{_ZH[target]}”"
                f"（可变为：{'、'.join(_ZH[n] for n in nexts) or '无'}）"
            ),
            code="illegal_transition",
            details={
                "kind": kind,
                "id": object_id,
                "from": current,
                "to": target,
                "allowed": nexts,
            },
        )


def transition(
    session: Session,
    kind: Kind,
    object_id: str,
    target: str,
    *,
    actor: str,
    reason: str = "",
    detail: dict[str, object] | None = None,
) -> str:
    """Move one campaign or creative to ``target``; return the status it left.

    A move to the status it already has is a no-op (nothing audited), so retries are safe.
    """
    row = (
        campaign_row(session, object_id) if kind == "campaign" else creative_row(session, object_id)
    )
    current = row.status
    if current == target:
        return current
    check_transition(kind, object_id, current, target)
    row.status = target
    session.flush()
    repos.audit(
        session,
        actor,
        f"{kind}.{target}",
        kind,
        object_id,
        {"from": current, "to": target, "reason": reason, **(detail or {})},
    )
    return current
