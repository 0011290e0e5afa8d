"""Operator actions on a scheduled or running campaign: start, pause, resume, archive.

Each moves the campaign (and its creatives and channel tasks along with it) through the life
cycle of :mod:`huashu.workflow.states`, and queues the matching task message to every
delivery target in the same transaction. Nothing is served or sent before ``start``
(开始投放): the decide path serves only live creatives of live campaigns.

Every action is safe to repeat: the campaign row is locked first, so of two simultaneous
requests the second sees the first one's result, and an action already done (a second start
of a live campaign with nothing new to put on air, a second pause) changes nothing and answers
with the campaign as it is (``changed`` False). A start on a live campaign puts creatives
approved since on air. Starting while some of the campaign's channels have no active delivery
target is refused (409 ``no_delivery_target``, naming them) unless ``confirm`` is given.

A campaign paused before it was ever started (scheduled -> paused) has nothing to resume: it
is started (开始投放, with the same target check), and a resume of it is refused (409
``never_started``), so it never goes 投放中 with its creatives left off air.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from huashu.channels import builtin_channels
from huashu.domain import Conflict, InputError
from huashu.store import repos
from huashu.store.campaigns import campaign_row
from huashu.store.models import AuditRow, CampaignRow, ChannelTaskRow, CreativeRow
from huashu.store.models_workflow import DeliveryTargetRow
from huashu.workflow.outbox import TaskEvent, enqueue_task_event
from huashu.workflow.states import check_transition, transition

Action = Literal["start", "pause", "resume", "archive"]

#: action -> (campaign target, creative statuses moved, creative target, task status, event)
_PLAN: dict[str, tuple[str, tuple[str, ...], str, str, TaskEvent]] = {
    "start": ("live", ("approved", "scheduled"), "live", "live", "task.start"),
    "pause": ("paused", ("live",), "paused", "paused", "task.pause"),
    "resume": ("live", ("paused",), "live", "live", "task.resume"),
    "archive": ("archived", (), "archived", "done", "task.cancel"),
}
ACTIONS: tuple[str, ...] = tuple(_PLAN)
#: statuses each action starts from (archive: whatever the life cycle allows); the action's
#: own target is among them, where a repeat changes nothing.
_FROM: dict[str, tuple[str, ...]] = {
    "start": ("approved", "scheduled", "live"),
    "pause": ("scheduled", "live", "paused"),
    "resume": ("paused", "live"),
}
_ARCHIVED_FROM = ("draft", "rejected", "approved", "scheduled", "live", "paused", "taken_down")
_ACTION_ZH = {"start": "启动", "pause": "暂停", "resume": "恢复", "archive": "归档"}
#: creative statuses whose channels a campaign delivers to, now or once started.
DELIVERING: tuple[str, ...] = ("approved", "scheduled", "live", "paused")


@dataclass(frozen=True)
class ActionResult:
    """The campaign after an action; ``changed`` False when it was already done, and the
    channels it delivers to that no active delivery target takes."""

    campaign: dict[str, object]
    changed: bool
    missing_targets: list[str] = field(default_factory=list)


def missing_targets(session: Session, campaign_ids: Sequence[str]) -> dict[str, list[str]]:
    """Campaign id -> the channels of its creatives (approved or later, not stopped) that no
    active delivery target of its brand or of every brand takes, sorted; campaigns whose
    channels are all covered are left out. Two queries, whatever the number of campaigns."""
    if not campaign_ids:
        return {}
    pairs = session.execute(
        select(CampaignRow.id, CampaignRow.brand_id, CreativeRow.channel)
        .join(CreativeRow, CreativeRow.campaign_id == CampaignRow.id)
        .where(CampaignRow.id.in_(list(campaign_ids)), CreativeRow.status.in_(DELIVERING))
        .distinct()
    ).all()
    targets = session.scalars(
        select(DeliveryTargetRow).where(DeliveryTargetRow.active.is_(True))
    ).all()

    def covered(brand_id: str, channel: str) -> bool:
        return any(
            (t.brand_id is None or t.brand_id == brand_id)
            and (not t.channels or channel in t.channels)
            for t in targets
        )

    out: dict[str, set[str]] = {}
    for campaign_id, brand_id, channel in pairs:
        if not covered(brand_id, str(channel)):
            out.setdefault(campaign_id, set()).add(str(channel))
    return {cid: sorted(channels) for cid, channels in out.items()}


def never_started(session: Session, campaign_ids: Sequence[str]) -> set[str]:
    """The paused campaigns among ``campaign_ids`` that were never started: no audited move to
    投放中 and no creative ever put on air (live or paused). Two queries."""
    if not campaign_ids:
        return set()
    paused = set(
        session.scalars(
            select(CampaignRow.id).where(
                CampaignRow.id.in_(list(campaign_ids)), CampaignRow.status == "paused"
            )
        )
    )
    if not paused:
        return set()
    went_live = session.scalars(
        select(AuditRow.object_id).where(
            AuditRow.object_type == "campaign",
            AuditRow.action == "campaign.live",
            AuditRow.object_id.in_(paused),
        )
    )
    on_air = session.scalars(
        select(CreativeRow.campaign_id).where(
            CreativeRow.campaign_id.in_(paused), CreativeRow.status.in_(("live", "paused"))
        )
    )
    return paused - set(went_live) - set(on_air)


def channel_labels_zh(channels: Sequence[str]) -> str:
    specs = builtin_channels()
    return "、".join(specs[c].label_zh if c in specs else c for c in channels)


def _refuse_uncovered(campaign_id: str, missing: list[str]) -> InputError:
    return Conflict(
        f"campaign {campaign_id} has no delivery target for channel(s) {', '.join(missing)}: "
        "their channel tasks would be sent nowhere. Add a delivery target, or send "
        '{"confirm": true} to start anyway',
        message_zh=(
            f"活动 {campaign_id} 的渠道 {channel_labels_zh(missing)} 没有投放目标，"
            "开始投放后这些渠道的任务不会发给任何系统。请先配置投放目标，或确认后仍然开始投放"
        ),
        code="no_delivery_target",
        details={"campaign_id": campaign_id, "channels": missing},
    )


def campaign_action(
    session: Session,
    campaign_id: str,
    action: Action,
    *,
    actor: str,
    reason: str = "",
    confirm: bool = False,
) -> ActionResult:
    """Apply ``action``; illegal moves and an unconfirmed start of a campaign with channels
    no delivery target takes raise before any write."""
    campaign = campaign_row(session, campaign_id, lock=True)
    target, movable, creative_target, task_status, event = _PLAN[action]
    starts = _FROM.get(action)
    fresh = campaign.status == "paused" and bool(never_started(session, [campaign_id]))
    if fresh and action == "resume":
        raise Conflict(
            f"campaign {campaign_id} was paused before it was ever started: "
            "there is nothing to resume; start it instead",
            message_zh=f"活动 {campaign_id} 还没有开始投放过（开始前被暂停），请用“开始投放”",
            code="never_started",
            details={"id": campaign_id, "from": campaign.status, "action": action},
        )
    if fresh and action == "start":
        starts = (*_FROM["start"], "paused")
    if starts is not None and campaign.status not in starts:
        raise InputError(
            f"cannot {action} campaign {campaign_id}: it is {campaign.status}"
            f" (needs {' or '.join(starts)})",
            message_zh=f"活动 {campaign_id} 当前状态为 {campaign.status}，不能{_ACTION_ZH[action]}",
            code="illegal_transition",
            details={"id": campaign_id, "from": campaign.status, "action": action},
        )
    creatives = [
        c
        for status in movable or _ARCHIVED_FROM
        for c in repos.list_creatives(session, campaign_id=campaign_id, status=status)
    ]
    tasks = [
        t
        for t in session.scalars(
            select(ChannelTaskRow).where(ChannelTaskRow.campaign_id == campaign_id)
        )
        if t.status not in ("cancelled", "done", task_status)
    ]
    missing = missing_targets(session, [campaign_id]).get(campaign_id, [])
    if campaign.status == target and (action != "start" or not (creatives or tasks)):
        return ActionResult(repos.get_campaign(session, campaign_id), False, missing)
    if campaign.status != target:
        check_transition("campaign", campaign_id, campaign.status, target)
    if action == "start" and missing and not confirm:
        raise _refuse_uncovered(campaign_id, missing)
    for creative in creatives:
        transition(session, "creative", creative.id, creative_target, actor=actor, reason=action)
    for task in tasks:
        task.status = task_status
        session.flush()
        enqueue_task_event(session, task, campaign.brand_id, event, {"reason": reason})
    detail: dict[str, object] | None = None
    if action == "start":
        detail = {"missing_targets": missing, "confirmed": confirm} if missing else None
        if campaign.status == target:  # already live: new creatives put on air
            repos.audit(
                session,
                actor,
                "campaign.start",
                "campaign",
                campaign_id,
                {"creative_ids": [c.id for c in creatives], "reason": reason, **(detail or {})},
            )
    transition(
        session,
        "campaign",
        campaign_id,
        target,
        actor=actor,
        reason=reason or action,
        detail=detail,
    )
    return ActionResult(repos.get_campaign(session, campaign_id), True, missing)
