"""The append-only, hash-chained audit log: who did what to which object, with JSON detail.

Each entry commits to the previous one's hash (:mod:`huashu.store.chain`), so
:func:`verify_audit` finds any edited, deleted or reordered entry. Appends are serialised: on
PostgreSQL by a transaction-scoped advisory lock taken before the insert, on SQLite by the
database's single writer (the entry is inserted first, which takes the write lock, and then
chained to the entry before it).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from huashu.store.chain import GENESIS, entry_hash
from huashu.store.models import AuditRow, utcnow

#: the advisory lock key that serialises audit appends on PostgreSQL ("huashu" in ASCII).
_PG_LOCK_KEY = 0x687561736875


def audit(
    session: Session,
    actor: str,
    action: str,
    object_type: str,
    object_id: object,
    detail: dict[str, Any] | None = None,
) -> int:
    """Append one entry, chained to the one before it, and return its id."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
    row = AuditRow(
        ts=utcnow(),
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        detail=dict(detail or {}),
        prev_hash=GENESIS,
        hash=f"pending-{uuid.uuid4().hex}",
    )
    session.add(row)
    session.flush()
    previous = session.scalar(
        select(AuditRow.hash).where(AuditRow.id < row.id).order_by(AuditRow.id.desc()).limit(1)
    )
    row.prev_hash = previous or GENESIS
    row.hash = _hash_of(row, row.prev_hash)
    session.flush()
    return row.id


def _hash_of(row: AuditRow, prev_hash: str) -> str:
    return entry_hash(
        prev_hash,
        ts=row.ts,
        actor=row.actor,
        action=row.action,
        object_type=row.object_type,
        object_id=row.object_id,
        detail=row.detail,
    )


def _filtered(
    query: Any,
    *,
    object_type: str | None,
    object_id: object | None,
    action: str | None,
    actor: str | None,
) -> Any:
    if object_type is not None:
        query = query.where(AuditRow.object_type == object_type)
    if object_id is not None:
        query = query.where(AuditRow.object_id == str(object_id))
    if action is not None:
        query = query.where(AuditRow.action == action)
    if actor is not None:
        query = query.where(AuditRow.actor == actor)
    return query


def list_audit(
    session: Session,
    *,
    object_type: str | None = None,
    object_id: object | None = None,
    action: str | None = None,
    actor: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    newest_first: bool = False,
) -> list[dict[str, Any]]:
    """Entries oldest first (or newest first), as JSON-ready dicts, optionally filtered; with
    ``limit`` and ``offset`` one page of them."""
    order = AuditRow.id.desc() if newest_first else AuditRow.id
    query = _filtered(
        select(AuditRow).order_by(order),
        object_type=object_type,
        object_id=object_id,
        action=action,
        actor=actor,
    )
    if offset:
        query = query.offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return [
        {
            "id": row.id,
            "ts": row.ts.isoformat(),
            "actor": row.actor,
            "action": row.action,
            "object_type": row.object_type,
            "object_id": row.object_id,
            "detail": row.detail,
            "hash": row.hash,
        }
        for row in session.scalars(query)
    ]


def count_audit(
    session: Session,
    *,
    object_type: str | None = None,
    object_id: object | None = None,
    action: str | None = None,
    actor: str | None = None,
) -> int:
    """How many entries :func:`list_audit` with the same filters lists in all."""
    query = _filtered(
        select(func.count(AuditRow.id)),
        object_type=object_type,
        object_id=object_id,
        action=action,
        actor=actor,
    )
    return int(session.scalar(query) or 0)


def audit_facets(session: Session) -> dict[str, list[str]]:
    """The distinct actors, actions and object types in the log (sorted), for filters."""
    return {
        name: sorted(str(v) for v in session.scalars(select(column).distinct()))
        for name, column in (
            ("actor", AuditRow.actor),
            ("action", AuditRow.action),
            ("object_type", AuditRow.object_type),
        )
    }


@dataclass(frozen=True)
class AuditProblem:
    """One break in the chain. ``kind``: edited, deleted, reordered or head_mismatch."""

    entry_id: int | None
    kind: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"entry_id": self.entry_id, "kind": self.kind, "message": self.message}


@dataclass
class AuditVerification:
    entries: int = 0
    head: str = GENESIS
    problems: list[AuditProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "entries": self.entries,
            "head": self.head,
            "problems": [p.as_dict() for p in self.problems],
        }


def verify_audit(session: Session, expect_head: str | None = None) -> AuditVerification:
    """Re-derive the chain in id order and name every entry where it breaks.

    - *edited*: the entry's content no longer hashes to its stored hash;
    - *reordered*: its ``prev_hash`` names an entry that exists, but not the one before it;
    - *deleted*: its ``prev_hash`` names no entry (the one it followed is gone);
    - *head_mismatch*: the last hash differs from ``expect_head`` (a truncated tail, which the
      chain alone cannot see: keep the head printed by an earlier verify somewhere else).
    """
    rows = list(session.scalars(select(AuditRow).order_by(AuditRow.id)))
    stored = {row.hash for row in rows}
    result = AuditVerification(entries=len(rows))
    prev = GENESIS
    for row in rows:
        if row.prev_hash != prev:
            if row.prev_hash in stored or row.prev_hash == GENESIS:
                kind, what = "reordered", "follows a different entry than the one before it"
            else:
                kind, what = "deleted", "follows an entry that is no longer in the log"
            result.problems.append(AuditProblem(row.id, kind, f"entry {row.id} {what}"))
        if _hash_of(row, row.prev_hash) != row.hash:
            result.problems.append(
                AuditProblem(row.id, "edited", f"entry {row.id} was changed after it was written")
            )
        prev = row.hash
    result.head = prev
    if expect_head is not None and expect_head != prev:
        result.problems.append(
            AuditProblem(
                None,
                "head_mismatch",
                f"the log ends at {prev[:12]}, not at the expected head {expect_head[:12]}: "
                "entries were removed from the end or the log was replaced",
            )
        )
    return result
