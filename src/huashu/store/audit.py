"""The append-only audit log: who did what to which object, with JSON detail."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from huashu.store.models import AuditRow


def audit(
    session: Session,
    actor: str,
    action: str,
    object_type: str,
    object_id: object,
    detail: dict[str, Any] | None = None,
) -> int:
    """Append one entry and return its id."""
    row = AuditRow(
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        detail=dict(detail or {}),
    )
    session.add(row)
    session.flush()
    return row.id


def list_audit(
    session: Session,
    *,
    object_type: str | None = None,
    object_id: object | None = None,
    action: str | None = None,
) -> list[dict[str, Any]]:
    """Entries oldest first, as JSON-ready dicts, optionally filtered."""
    query = select(AuditRow).order_by(AuditRow.id)
    if object_type is not None:
        query = query.where(AuditRow.object_type == object_type)
    if object_id is not None:
        query = query.where(AuditRow.object_id == str(object_id))
    if action is not None:
        query = query.where(AuditRow.action == action)
    return [
        {
            "id": row.id,
            "ts": row.ts.isoformat(),
            "actor": row.actor,
            "action": row.action,
            "object_type": row.object_type,
            "object_id": row.object_id,
            "detail": row.detail,
        }
        for row in session.scalars(query)
    ]
