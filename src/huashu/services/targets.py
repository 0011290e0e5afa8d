"""Delivery targets and the outbox as operator actions: list, create and change a target (a
webhook secret comes back once, at creation or rotation), read the outbox and revive a dead
message. Each action is one store transaction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from huashu.store import Store
from huashu.workflow import outbox as wf_outbox
from huashu.workflow import targets as wf_targets
from huashu.workflow.netguard import AddressGuard


@dataclass(frozen=True)
class SavedTarget:
    """A target as stored (its JSON record) and the webhook secret when this call made one,
    shown this once; None when the secret did not change."""

    target: dict[str, Any]
    secret: str | None


def list_targets(store: Store) -> list[dict[str, Any]]:
    with store.session() as s:
        return wf_targets.list_targets(s)


def create_target(
    store: Store,
    *,
    name: str,
    kind: str,
    address: str,
    channels: list[str],
    brand_id: str | None,
    secret: str | None,
    actor: str,
    guard: AddressGuard,
) -> SavedTarget:
    """Add a webhook or file target (audited); the address is checked by ``guard``."""
    with store.session() as s:
        target, shown = wf_targets.create_target(
            s,
            name=name,
            kind=kind,
            address=address,
            channels=channels,
            brand_id=brand_id,
            secret=secret,
            actor=actor,
            guard=guard,
        )
    return SavedTarget(target, shown)


def update_target(
    store: Store,
    target_id: str,
    *,
    actor: str,
    name: str | None,
    address: str | None,
    channels: list[str] | None,
    active: bool | None,
    rotate_secret: bool,
    secret: str | None,
    guard: AddressGuard,
) -> SavedTarget:
    """Change a target's fields (None keeps one), or rotate its webhook secret (audited)."""
    with store.session() as s:
        target, shown = wf_targets.update_target(
            s,
            target_id,
            actor=actor,
            name=name,
            address=address,
            channels=channels,
            active=active,
            rotate_secret=rotate_secret,
            secret=secret,
            guard=guard,
        )
    return SavedTarget(target, shown)


def list_outbox(
    store: Store,
    *,
    status: str | None,
    target_id: str | None,
    limit: int,
    full_errors: bool,
) -> list[dict[str, Any]]:
    """Outbox messages, newest first; ``full_errors``: with what a target answered to a failed
    send (admins only)."""
    with store.session() as s:
        return wf_outbox.list_outbox(
            s, status=status, target_id=target_id, limit=limit, full_errors=full_errors
        )


def retry_message(store: Store, message_id: int, *, actor: str) -> dict[str, Any]:
    """Queue a dead message again (audited)."""
    with store.session() as s:
        return wf_outbox.retry_message(s, message_id, actor=actor)
