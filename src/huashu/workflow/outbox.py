"""The outbox: channel-task messages written in the same transaction as the change they report,
so a crash can lose neither the change nor the message. A worker sends them after commit
(:mod:`huashu.workflow.delivery`); every message carries an idempotency key, so a target that
sees one twice (a retry after a lost answer) can keep the first.

Idempotency key: ``<event>:<task id>:<version>:<target id>``, where the version counts that
task's earlier messages of that event to that target: a retry of one message keeps its key,
while a later, real change (new creatives, a second pause) gets a new one.
"""

from __future__ import annotations

from typing import Any, Literal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from huashu.store.models import ChannelTaskRow, utcnow
from huashu.store.models_workflow import DeliveryTargetRow, OutboxRow

TaskEvent = Literal["task.create", "task.start", "task.pause", "task.resume", "task.cancel"]


def task_payload(task: ChannelTaskRow, brand_id: str) -> dict[str, Any]:
    return {
        "task_id": task.id,
        "campaign_id": task.campaign_id,
        "brand_id": brand_id,
        "channel": task.channel,
        "segment_key": task.segment_key,
        "audience_ref": task.audience_ref,
        "creative_ids": list(task.creative_ids),
        "allocation_policy": task.allocation_policy,
        "send_window": task.send_window,
        "status": task.status,
    }


def targets_for(session: Session, brand_id: str, channel: str) -> list[DeliveryTargetRow]:
    """Active targets of this brand (or of every brand) that take this channel."""
    rows = session.scalars(
        select(DeliveryTargetRow)
        .where(
            DeliveryTargetRow.active.is_(True),
            or_(DeliveryTargetRow.brand_id.is_(None), DeliveryTargetRow.brand_id == brand_id),
        )
        .order_by(DeliveryTargetRow.id)
    )
    return [t for t in rows if not t.channels or channel in t.channels]


def enqueue_task_event(
    session: Session,
    task: ChannelTaskRow,
    brand_id: str,
    event: TaskEvent,
    detail: dict[str, Any] | None = None,
) -> list[int]:
    """Queue one message per matching target; return the outbox ids (none: no target)."""
    ids: list[int] = []
    payload = {"event": event, "task": task_payload(task, brand_id), **(detail or {})}
    for target in targets_for(session, brand_id, task.channel):
        version = (
            session.scalar(
                select(func.count()).where(
                    OutboxRow.target_id == target.id,
                    OutboxRow.event == event,
                    OutboxRow.idempotency_key.like(f"{event}:{task.id}:%"),
                )
            )
            or 0
        )
        row = OutboxRow(
            target_id=target.id,
            idempotency_key=f"{event}:{task.id}:{version + 1}:{target.id}",
            event=event,
            payload=payload,
            status="pending",
            attempts=0,
            next_attempt_at=utcnow(),
            last_error="",
        )
        session.add(row)
        session.flush()
        ids.append(row.id)
    return ids
