"""Seeding and polling helpers shared by the outbox tests."""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy import select

from huashu.store import Store
from huashu.store.campaigns import campaign_row
from huashu.store.models import ChannelTaskRow, new_id
from huashu.store.models_workflow import OutboxRow
from huashu.workflow.netguard import AddressGuard
from huashu.workflow.outbox import enqueue_task_event
from huashu.workflow.targets import create_target

SECRET = "s3cret-for-tests-0123456789abcdef"
#: the tests' receivers listen on loopback: allowed as an admin's webhook_allow_networks would.
LOOPBACK = AddressGuard.allowing("127.0.0.0/8", "::1/128")


def add_webhook(
    store: Store, url: str, *, secret: str = SECRET, channels: list[str] | None = None
) -> str:
    with store.session() as s:
        target, _ = create_target(
            s,
            name="hook",
            kind="webhook",
            address=url,
            secret=secret,
            channels=channels,
            actor="root",
            guard=LOOPBACK,
        )
    return str(target["id"])


def seed_tasks(store: Store, campaign_id: str, n: int, channel: str = "sms") -> list[str]:
    """``n`` channel tasks queued as ``task.create`` to every matching target; returns the
    idempotency keys written."""
    with store.session() as s:
        brand_id = campaign_row(s, campaign_id).brand_id
        ids: list[int] = []
        for i in range(n):
            task = ChannelTaskRow(
                id=new_id("task"),
                campaign_id=campaign_id,
                channel=channel,
                segment_key=f"seg{i:02d}",
                creative_ids=["c-pass"],
                audience_ref=f"segment:{brand_id}/seg{i:02d}",
                allocation_policy="thompson",
                send_window="08:00-21:00",
                status="pending",
            )
            s.add(task)
            s.flush()
            ids += enqueue_task_event(s, task, brand_id, "task.create")
        return list(s.scalars(select(OutboxRow.idempotency_key).where(OutboxRow.id.in_(ids))))


def messages(store: Store) -> dict[str, OutboxRow]:
    with store.session() as s:
        return {r.idempotency_key: r for r in s.scalars(select(OutboxRow))}


def wait_for(check: Callable[[], bool], timeout: float = 10.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)
