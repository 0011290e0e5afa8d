"""Delivery targets: where channel tasks go, a signed webhook or a directory of files.

A webhook's secret signs every message (see :mod:`huashu.workflow.delivery`). It is generated
when not given, returned once by :func:`create_target`, and never shown again: listings and
the audit log carry only a fingerprint (first four characters and the length). A webhook URL
must reach a public address and carry no credentials (:mod:`huashu.workflow.netguard`); it is
shown with secret-looking query values redacted.
"""

from __future__ import annotations

import secrets
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from huashu.channels import builtin_channels
from huashu.domain import InputError
from huashu.store import repos
from huashu.store.brands import brand_row
from huashu.store.models import new_id
from huashu.store.models_workflow import TARGET_KINDS, DeliveryTargetRow
from huashu.workflow.netguard import AddressGuard, redact_url, url_credentials

MIN_SECRET = 16


def fingerprint(secret: str) -> str:
    """What listings show of a secret: its first four characters and its length."""
    return f"{secret[:4]}…({len(secret)})" if secret else ""


def target_summary(row: DeliveryTargetRow) -> dict[str, Any]:
    """A target as a JSON-ready dict, without its secret."""
    return {
        "id": row.id,
        "brand_id": row.brand_id,
        "name": row.name,
        "kind": row.kind,
        "address": redact_url(row.address) if row.kind == "webhook" else row.address,
        "channels": list(row.channels),
        "active": row.active,
        "secret_fingerprint": fingerprint(row.secret),
        "created_at": row.created_at.isoformat(),
    }


def _bad(message: str, message_zh: str, code: str, **details: object) -> InputError:
    return InputError(message, message_zh=message_zh, code=code, details=details)


def check_address(kind: str, address: str, guard: AddressGuard | None = None) -> str:
    """A webhook URL (http or https, with a public host ``guard`` allows, without credentials)
    or an export directory: absolute, or relative to the data directory without ``..``.
    Returns the address stripped."""
    address = address.strip()
    if kind not in TARGET_KINDS:
        raise _bad(
            f"unknown target kind '{kind}'; use webhook or file",
            f"未知投放目标类型“{kind}”，应为 webhook 或 file",
            "invalid_target_kind",
            kind=kind,
        )
    if kind == "webhook":
        shown = redact_url(address)
        if url_credentials(address):
            raise _bad(
                f"webhook address {shown!r} carries credentials (user:password@); remove them "
                "(each message is signed with the target's secret)",
                f"Webhook 地址 {shown} 含有账号或密码（user:password@），请删除"
                "（每条消息已用投放目标的密钥签名）",
                "credentials_in_url",
                address=shown,
            )
        try:
            parts = urlsplit(address)
            scheme, host = parts.scheme, parts.hostname
            host = host if parts.port is None or parts.port > 0 else None
        except ValueError:  # a port out of range, a bad IPv6 literal
            scheme, host = "", None
        if scheme not in ("http", "https") or not host:
            raise _bad(
                f"webhook address {shown!r} must be an http(s) URL with a host",
                f"Webhook 地址 {shown} 须为带主机名的 http(s) URL",
                "invalid_target_address",
                address=shown,
            )
        (guard or AddressGuard()).check_url(address)
        return address
    path = PurePath(address)
    if not address or "\x00" in address or ".." in path.parts:
        raise _bad(
            f"export directory {address!r} must be an absolute path or a path inside the "
            "data directory (no '..')",
            f"导出目录 {address} 须为绝对路径，或数据目录下的相对路径（不可含 ..）",
            "invalid_target_address",
            address=address,
        )
    return address


def check_channels(channels: list[str]) -> list[str]:
    known = builtin_channels()
    unknown = sorted(set(channels) - set(known))
    if unknown:
        raise _bad(
            f"unknown channels {unknown}; known: {', '.join(sorted(known))}",
            f"未知渠道：{'、'.join(unknown)}；可用渠道：{'、'.join(sorted(known))}",
            "unknown_channel",
            channels=unknown,
        )
    return sorted(set(channels))


def check_secret(secret: str) -> str:
    if len(secret) < MIN_SECRET or secret != secret.strip():
        raise _bad(
            f"a webhook secret needs at least {MIN_SECRET} characters, without surrounding spaces",
            f"Webhook 密钥至少 {MIN_SECRET} 个字符，且首尾不能有空格",
            "weak_secret",
            min_length=MIN_SECRET,
        )
    return secret


def _check_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 200:
        raise _bad(
            "a target needs a name of 1 to 200 characters",
            "投放目标名称须为 1 到 200 个字符",
            "invalid_target_name",
        )
    return name


def target_row(session: Session, target_id: str) -> DeliveryTargetRow:
    row = session.get(DeliveryTargetRow, target_id)
    if row is None:
        raise _bad(
            f"delivery target {target_id!r} not found",
            f"投放目标 {target_id} 不存在",
            "not_found",
            object_type="delivery_target",
            id=target_id,
        )
    return row


def create_target(
    session: Session,
    *,
    name: str,
    kind: str,
    address: str,
    channels: list[str] | None = None,
    brand_id: str | None = None,
    secret: str | None = None,
    actor: str,
    guard: AddressGuard | None = None,
) -> tuple[dict[str, Any], str | None]:
    """Add an active target; return its summary and, for a webhook, the secret (shown once).
    ``guard`` says which non-public webhook addresses are allowed (default: none)."""
    address = check_address(kind, address, guard)
    chosen = check_channels(channels or [])
    if brand_id is not None:
        brand_row(session, brand_id)
    if kind == "webhook":
        secret = check_secret(secret) if secret is not None else secrets.token_urlsafe(32)
    elif secret:
        raise _bad(
            "file targets take no secret",
            "文件导出目标不需要密钥",
            "unexpected_secret",
        )
    row = DeliveryTargetRow(
        id=new_id("tgt"),
        brand_id=brand_id,
        name=_check_name(name),
        kind=kind,
        address=address,
        secret=secret or "",
        channels=chosen,
        active=True,
    )
    session.add(row)
    session.flush()
    summary = target_summary(row)
    repos.audit(session, actor, "target.create", "delivery_target", row.id, _audited(summary))
    return summary, (secret if kind == "webhook" else None)


def _audited(summary: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in summary.items() if k not in ("id", "created_at")}


def list_targets(
    session: Session, *, brand_id: str | None = None, active: bool | None = None
) -> list[dict[str, Any]]:
    """Targets (without secrets), oldest first; ``brand_id`` also matches all-brand targets."""
    query = select(DeliveryTargetRow).order_by(DeliveryTargetRow.created_at, DeliveryTargetRow.id)
    if active is not None:
        query = query.where(DeliveryTargetRow.active.is_(active))
    rows = session.scalars(query)
    return [
        target_summary(r)
        for r in rows
        if brand_id is None or r.brand_id is None or r.brand_id == brand_id
    ]


def update_target(
    session: Session,
    target_id: str,
    *,
    actor: str,
    name: str | None = None,
    address: str | None = None,
    channels: list[str] | None = None,
    active: bool | None = None,
    rotate_secret: bool = False,
    secret: str | None = None,
    guard: AddressGuard | None = None,
) -> tuple[dict[str, Any], str | None]:
    """Change a target; a new webhook secret (given, or generated by ``rotate_secret``) is
    returned once. The audit entry names the changed fields, never the secret."""
    row = target_row(session, target_id)
    changed: dict[str, Any] = {}
    if name is not None and _check_name(name) != row.name:
        row.name = changed["name"] = _check_name(name)
    if address is not None and check_address(row.kind, address, guard) != row.address:
        row.address = check_address(row.kind, address, guard)
        changed["address"] = redact_url(row.address) if row.kind == "webhook" else row.address
    if channels is not None and check_channels(channels) != sorted(row.channels):
        row.channels = changed["channels"] = check_channels(channels)
    if active is not None and active != row.active:
        row.active = changed["active"] = active
    new_secret: str | None = None
    if rotate_secret or secret is not None:
        if row.kind != "webhook":
            raise _bad("file targets take no secret", "文件导出目标不需要密钥", "unexpected_secret")
        new_secret = check_secret(secret) if secret is not None else secrets.token_urlsafe(32)
        row.secret = new_secret
        changed["secret_fingerprint"] = fingerprint(new_secret)
    if changed:
        session.flush()
        repos.audit(session, actor, "target.update", "delivery_target", row.id, changed)
    return target_summary(row), new_secret


def deactivate_target(session: Session, target_id: str, *, actor: str) -> dict[str, Any]:
    """Stop sending to a target; its pending messages wait until it is active again."""
    summary, _ = update_target(session, target_id, actor=actor, active=False)
    return summary
