"""Channel tasks: one delivery task per channel x segment over a campaign's approved creatives.

Creating or growing a task queues a ``task.create`` message per delivery target in the same
transaction (:mod:`huashu.workflow.outbox`), and moves the campaign and its newly tasked
creatives from ``approved`` to ``scheduled``.
"""

from __future__ import annotations

import re
from itertools import groupby
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from huashu.domain import InputError
from huashu.store import repos
from huashu.store.campaigns import campaign_row
from huashu.store.models import ChannelTaskRow, new_id
from huashu.workflow.outbox import enqueue_task_event
from huashu.workflow.states import allowed, transition

_WINDOW = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$")
_POLICY = re.compile(r"^[a-z][a-z0-9_]*$")


def check_send_window(send_window: str) -> None:
    """``HH:MM-HH:MM`` with the start before the end, e.g. ``08:00-21:00``."""
    match = _WINDOW.match(send_window)
    if match is None or match.group(1, 2) >= match.group(3, 4):
        raise InputError(
            f"send window {send_window!r} must look like 08:00-21:00, start before end",
            message_zh=f"发送时段 {send_window} 格式应为 08:00-21:00，且开始早于结束",
            code="invalid_send_window",
            details={"send_window": send_window},
        )


def audience_ref(brand_id: str, segment_key: str) -> str:
    return f"segment:{brand_id}/{segment_key}"


def create_channel_tasks(
    session: Session,
    campaign_id: str,
    send_window: str = "08:00-21:00",
    policy: str = "thompson",
    *,
    actor: str = "system",
) -> list[str]:
    """Upsert one ``pending`` task per (channel, segment) of the campaign's approved creatives.

    An existing task for the same channel and segment gains the new creative ids and takes the
    given window and policy. Returns task ids ordered by channel, then segment key.
    """
    campaign = campaign_row(session, campaign_id)
    check_send_window(send_window)
    if not _POLICY.match(policy):
        raise InputError(
            f"allocation policy {policy!r} must be a lower-case name such as thompson",
            message_zh=f"分配策略 {policy} 应为小写名称，例如 thompson",
            code="invalid_policy",
            details={"policy": policy},
        )
    newly = repos.list_creatives(session, campaign_id=campaign_id, status="approved")
    approved = newly + [
        c
        for status in ("scheduled", "live")
        for c in repos.list_creatives(session, campaign_id=campaign_id, status=status)
    ]
    if not approved:
        raise InputError(
            f"campaign {campaign_id} has no approved creatives",
            message_zh=f"活动 {campaign_id} 没有审批通过的素材",
            code="nothing_approved",
            details={"campaign_id": campaign_id},
        )
    existing = {
        (t.channel, t.segment_key): t
        for t in session.scalars(
            select(ChannelTaskRow).where(ChannelTaskRow.campaign_id == campaign_id)
        )
    }
    task_ids: list[str] = []
    changed: list[ChannelTaskRow] = []
    ordered = sorted(approved, key=lambda c: (c.channel, c.segment_key, c.id))
    for key, group in groupby(ordered, key=lambda c: (c.channel, c.segment_key)):
        ids = [c.id for c in group]
        task = existing.get(key)
        before = (
            None if task is None else (task.creative_ids, task.send_window, task.allocation_policy)
        )
        if task is None:
            task = ChannelTaskRow(
                id=new_id("task"),
                campaign_id=campaign_id,
                channel=key[0],
                segment_key=key[1],
                creative_ids=ids,
                audience_ref=audience_ref(campaign.brand_id, key[1]),
                status="pending",
            )
            session.add(task)
        else:
            task.creative_ids = sorted(set(task.creative_ids) | set(ids))
        task.send_window = send_window
        task.allocation_policy = policy
        task_ids.append(task.id)
        if before != (task.creative_ids, task.send_window, task.allocation_policy):
            changed.append(task)
    session.flush()
    for task in changed:
        enqueue_task_event(session, task, campaign.brand_id, "task.create")
    for creative in newly:
        transition(session, "creative", creative.id, "scheduled", actor=actor, reason="tasks")
    if allowed("campaign", campaign.status, "scheduled"):
        transition(session, "campaign", campaign_id, "scheduled", actor=actor, reason="tasks")
    repos.audit(
        session,
        actor,
        "channel_tasks.create",
        "campaign",
        campaign_id,
        {"task_ids": task_ids, "send_window": send_window, "policy": policy},
    )
    return task_ids


def _summary(row: ChannelTaskRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "campaign_id": row.campaign_id,
        "channel": row.channel,
        "segment_key": row.segment_key,
        "creative_ids": row.creative_ids,
        "audience_ref": row.audience_ref,
        "allocation_policy": row.allocation_policy,
        "send_window": row.send_window,
        "status": row.status,
        "created_at": row.created_at.isoformat(),
    }


def list_channel_tasks(session: Session, campaign_id: str | None = None) -> list[dict[str, Any]]:
    """Tasks as JSON-ready dicts, ordered by campaign, channel, segment key."""
    query = select(ChannelTaskRow).order_by(
        ChannelTaskRow.campaign_id, ChannelTaskRow.channel, ChannelTaskRow.segment_key
    )
    if campaign_id is not None:
        query = query.where(ChannelTaskRow.campaign_id == campaign_id)
    return [_summary(row) for row in session.scalars(query)]
