"""Tables of the workflow layer: credentials, multi-reviewer votes, brand policies, delivery
targets with their outbox, sampled audits and incidents.

They share :class:`huashu.store.models.Base`, so Alembic and ``compare_metadata`` see them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal, get_args

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from huashu.store.models import DECISIONS, Base, UTCDateTime, one_of, utcnow

TargetKind = Literal["webhook", "file"]
OutboxStatus = Literal["pending", "delivered", "dead"]
SampleStatus = Literal["pending", "passed", "failed"]
IncidentStatus = Literal["open", "closed"]
IncidentKind = Literal["takedown", "audit_failure"]

TARGET_KINDS: tuple[str, ...] = get_args(TargetKind)
OUTBOX_STATUSES: tuple[str, ...] = get_args(OutboxStatus)
SAMPLE_STATUSES: tuple[str, ...] = get_args(SampleStatus)
INCIDENT_STATUSES: tuple[str, ...] = get_args(IncidentStatus)
INCIDENT_KINDS: tuple[str, ...] = get_args(IncidentKind)

_BIGINT = BigInteger().with_variant(Integer, "sqlite")


class ApiTokenRow(Base):
    """A machine client's bearer token: only its SHA-256 is kept; the token is shown once."""

    __tablename__ = "api_tokens"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: the first characters of the token, to tell tokens apart in listings.
    prefix: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class WebSessionRow(Base):
    """A logged-in browser: the cookie's SHA-256, its CSRF token and its expiry."""

    __tablename__ = "web_sessions"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class LoginAttemptRow(Base):
    """Password attempts, for rate limiting across processes that share the store."""

    __tablename__ = "login_attempts"
    __table_args__ = (Index("ix_login_attempts_username_ts", "username", "ts"),)

    id: Mapped[int] = mapped_column(_BIGINT, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64))
    client: Mapped[str] = mapped_column(String(64))
    ok: Mapped[bool] = mapped_column(Boolean)
    ts: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ApprovalVoteRow(Base):
    """One reviewer's decision on one creative of an approval (quorum counts distinct ones)."""

    __tablename__ = "approval_votes"
    __table_args__ = (one_of("decision", DECISIONS),)

    approval_id: Mapped[str] = mapped_column(ForeignKey("approvals.id"), primary_key=True)
    creative_id: Mapped[str] = mapped_column(ForeignKey("creatives.id"), primary_key=True)
    reviewer: Mapped[str] = mapped_column(String(64), primary_key=True)
    decision: Mapped[str] = mapped_column(String(16))
    comment: Mapped[str] = mapped_column(Text)
    acknowledged: Mapped[list[str]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class BrandPolicyRow(Base):
    """Per-brand workflow policy: approval quorum, auto-approval and audit sampling shares."""

    __tablename__ = "brand_policies"

    brand_id: Mapped[str] = mapped_column(ForeignKey("brands.id"), primary_key=True)
    quorum: Mapped[int] = mapped_column(Integer, default=1)
    auto_approve: Mapped[bool] = mapped_column(Boolean, default=False)
    #: risk tier -> share of auto-approved creatives sampled into the audit queue.
    sample_rates: Mapped[dict[str, float]] = mapped_column(JSON)
    #: composer template ids considered known (auto-approval needs one).
    known_templates: Mapped[list[str]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class DeliveryTargetRow(Base):
    """Where channel tasks go: a webhook (signed with ``secret``) or a directory of files."""

    __tablename__ = "delivery_targets"
    __table_args__ = (one_of("kind", TARGET_KINDS),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    #: NULL: every brand.
    brand_id: Mapped[str | None] = mapped_column(ForeignKey("brands.id"))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))
    #: webhook URL or export directory.
    address: Mapped[str] = mapped_column(String(1000))
    secret: Mapped[str] = mapped_column(String(200))
    #: channels this target takes; empty: all.
    channels: Mapped[list[str]] = mapped_column(JSON)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class OutboxRow(Base):
    """One message for one target, written in the business transaction, sent after commit."""

    __tablename__ = "outbox"
    __table_args__ = (
        one_of("status", OUTBOX_STATUSES),
        Index("ix_outbox_status_next_attempt_at", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(_BIGINT, primary_key=True, autoincrement=True)
    target_id: Mapped[str] = mapped_column(ForeignKey("delivery_targets.id"))
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    event: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AuditSampleRow(Base):
    """An auto-approved creative drawn into the post-hoc audit queue (后置抽样检查)."""

    __tablename__ = "audit_samples"
    __table_args__ = (one_of("status", SAMPLE_STATUSES),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    creative_id: Mapped[str] = mapped_column(ForeignKey("creatives.id"), unique=True)
    brand_id: Mapped[str] = mapped_column(ForeignKey("brands.id"), index=True)
    risk_tier: Mapped[str] = mapped_column(String(16))
    draw: Mapped[float] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(16))
    reviewer: Mapped[str | None] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")
    incident_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class IncidentRow(Base):
    """A take-down or a failed audit: what was hit, by whom, and why."""

    __tablename__ = "incidents"
    __table_args__ = (one_of("status", INCIDENT_STATUSES), one_of("kind", INCIDENT_KINDS))

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    brand_id: Mapped[str | None] = mapped_column(ForeignKey("brands.id"))
    #: what the call named: {"by": "creative"|"term"|"regex"|"campaign"|"brand", "value": ...}.
    scope: Mapped[dict[str, Any]] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(Text)
    affected: Mapped[list[str]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_by: Mapped[str | None] = mapped_column(String(64))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
