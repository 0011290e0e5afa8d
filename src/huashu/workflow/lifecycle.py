"""Operator actions on a scheduled or running campaign: start, pause, resume, archive.

Each moves the campaign (and its creatives and channel tasks along with it) through the life
cycle of :mod:`huashu.workflow.states`, and queues the matching task message to every
delivery target in the same transaction.
"""

from __future__ import annotations

from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from huashu.domain import InputError
from huashu.store import repos
from huashu.store.campaigns import campaign_row
from huashu.store.models import ChannelTaskRow
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
#: statuses each action starts from (archive: whatever the life cycle allows).
_FROM: dict[str, tuple[str, ...]] = {
    "start": ("approved", "scheduled"),
    "pause": ("scheduled", "live"),
    "resume": ("paused",),
}
_ACTION_ZH = {"start": "启动", "pause": "暂停", "resume": "恢复", "archive": "归档"}


def campaign_action(
    session: Session, campaign_id: str, action: Action, *, actor: str, reason: str = ""
) -> dict[str, object]:
    """Apply ``action``; return the campaign summary. Illegal moves raise before any write."""
    campaign = campaign_row(session, campaign_id)
    target, movable, creative_target, task_status, event = _PLAN[action]
    starts = _FROM.get(action)
    if starts is not None and campaign.status not in starts:
        raise InputError(
            f"cannot {action} campaign {campaign_id}: it is {campaign.status}"
            f" (needs {' or '.join(starts)})",
            message_zh=f"活动 {campaign_id} 当前状态为 {campaign.status}，不能{_ACTION_ZH[action]}",
            code="illegal_transition",
            details={"id": campaign_id, "from": campaign.status, "action": action},
        )
    check_transition("campaign", campaign_id, campaign.status, target)
    statuses = movable or (
        "draft",
        "rejected",
        "approved",
        "scheduled",
        "live",
        "paused",
        "taken_down",
    )
    for status in statuses:
        for creative in repos.list_creatives(session, campaign_id=campaign_id, status=status):
            transition(
                session, "creative", creative.id, creative_target, actor=actor, reason=action
            )
    tasks = session.scalars(
        select(ChannelTaskRow).where(ChannelTaskRow.campaign_id == campaign_id)
    ).all()
    for task in tasks:
        if task.status in ("cancelled", "done") or task.status == task_status:
            continue
        task.status = task_status
        session.flush()
        if event is not None:
            enqueue_task_event(session, task, campaign.brand_id, event, {"reason": reason})
    transition(session, "campaign", campaign_id, target, actor=actor, reason=reason or action)
    summary: dict[str, object] = repos.get_campaign(session, campaign_id)
    return summary
