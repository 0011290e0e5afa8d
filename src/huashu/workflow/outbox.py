"""The outbox: channel-task messages written in the same transaction as the change they report,
so a crash can lose neither the change nor the message. A worker sends them after commit
(:mod:`huashu.workflow.delivery`); every message carries an idempotency key, so a target that
sees one twice (a retry after a lost answer) can keep the first.

Idempotency key: ``<event>:<task id>:<version>:<target id>``, where the version counts that
task's earlier messages of that event to that target: a retry of one message keeps its key,
while a later, real change (new creatives, a second pause) gets a new one.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from huashu.domain import InputError, NotFound
from huashu.store import Store, repos
from huashu.store.models import ChannelTaskRow, utcnow
from huashu.store.models_workflow import OUTBOX_STATUSES, DeliveryTargetRow, OutboxRow
from huashu.workflow.delivery import RetryPolicy, deliver_due, error_summary
from huashu.workflow.netguard import AddressGuard, webhook_client

log = logging.getLogger("huashu.outbox")

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


def message_summary(row: OutboxRow, *, full_errors: bool = True) -> dict[str, Any]:
    """A message as a JSON-ready dict; without ``full_errors`` its error leaves out what the
    target answered (admins only see that)."""
    return {
        "id": row.id,
        "target_id": row.target_id,
        "idempotency_key": row.idempotency_key,
        "event": row.event,
        "status": row.status,
        "attempts": row.attempts,
        "next_attempt_at": row.next_attempt_at.isoformat(),
        "last_error": row.last_error if full_errors else error_summary(row.last_error),
        "created_at": row.created_at.isoformat(),
        "delivered_at": row.delivered_at.isoformat() if row.delivered_at else None,
        "payload": row.payload,
    }


def list_outbox(
    session: Session,
    *,
    status: str | None = None,
    target_id: str | None = None,
    limit: int = 100,
    full_errors: bool = True,
) -> list[dict[str, Any]]:
    """Messages, newest first, optionally of one status and one target; ``full_errors``:
    see :func:`message_summary`."""
    if status is not None and status not in OUTBOX_STATUSES:
        raise InputError(
            f"unknown outbox status '{status}'; use {', '.join(OUTBOX_STATUSES)}",
            message_zh=f"未知的发件箱状态“{status}”，可用：{'、'.join(OUTBOX_STATUSES)}",
            code="invalid_status",
            details={"status": status},
        )
    query = select(OutboxRow).order_by(OutboxRow.id.desc()).limit(max(1, min(limit, 1000)))
    if status is not None:
        query = query.where(OutboxRow.status == status)
    if target_id is not None:
        query = query.where(OutboxRow.target_id == target_id)
    return [message_summary(r, full_errors=full_errors) for r in session.scalars(query)]


def retry_message(session: Session, message_id: int, *, actor: str) -> dict[str, Any]:
    """Revive a dead message: pending again, due now, attempts from zero (same key)."""
    row = session.get(OutboxRow, message_id, with_for_update=True)
    if row is None:
        raise NotFound(
            f"outbox message {message_id} not found",
            message_zh=f"发件箱消息 {message_id} 不存在",
            code="not_found",
            details={"object_type": "outbox", "id": message_id},
        )
    if row.status != "dead":
        raise InputError(
            f"outbox message {message_id} is {row.status}; only dead messages can be retried",
            message_zh=(
                f"发件箱消息 {message_id} 当前状态为 {row.status}，只有失败（dead）的消息可以重发"
            ),
            code="not_dead",
            details={"id": message_id, "status": row.status},
        )
    previous = {"attempts": row.attempts, "last_error": error_summary(row.last_error)[:500]}
    row.status, row.attempts, row.next_attempt_at = "pending", 0, utcnow()
    session.flush()
    repos.audit(session, actor, "outbox.retry", "outbox", row.id, previous)
    return message_summary(row)


class OutboxWorker:
    """Delivers due messages every ``seconds`` on a background thread (first pass at once);
    a failed pass is logged and the next one tries again. ``guard``: see
    :func:`~huashu.workflow.delivery.deliver_due`."""

    def __init__(
        self,
        store: Store,
        seconds: float,
        *,
        data_dir: Path | None = None,
        policy: RetryPolicy | None = None,
        guard: AddressGuard | None = None,
    ) -> None:
        self.store = store
        self.guard = guard or AddressGuard()
        self.seconds = seconds
        self.data_dir = data_dir
        self.policy = policy
        self.passes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="outbox-worker", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        policy = self.policy or RetryPolicy()
        with webhook_client(self.guard, policy.timeout_seconds) as http:
            while not self._stop.is_set():
                try:
                    deliver_due(
                        self.store,
                        http=http,
                        policy=policy,
                        data_dir=self.data_dir,
                        guard=self.guard,
                    )
                except Exception:
                    log.exception("outbox delivery pass failed")
                self.passes += 1
                self._stop.wait(self.seconds)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=30)
