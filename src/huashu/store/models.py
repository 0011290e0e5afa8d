"""SQLAlchemy 2 table models of the operational store and the status vocabularies they allow.

Every id is a string: brands, creatives and compliance reports bring their own; the store mints
``<prefix>-<12 hex>`` ids for users, briefs, campaigns, approvals and channel tasks (``new_id``).
Audit entries alone have an autoincrement integer id, which orders the log.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, Literal, get_args

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

Role = Literal["operator", "reviewer", "analyst", "admin"]
#: campaigns and creatives share one life cycle (see ``huashu.workflow.states``).
LifeStatus = Literal[
    "draft",
    "pending_review",
    "approved",
    "rejected",
    "scheduled",
    "live",
    "paused",
    "taken_down",
    "archived",
]
CampaignStatus = LifeStatus
CreativeStatus = LifeStatus
ApprovalStatus = Literal["pending", "approved", "rejected"]
Decision = Literal["approved", "rejected"]
TaskStatus = Literal["pending", "pushed", "live", "paused", "cancelled", "done"]

ROLES: tuple[str, ...] = get_args(Role)
CAMPAIGN_STATUSES: tuple[str, ...] = get_args(CampaignStatus)
CREATIVE_STATUSES: tuple[str, ...] = get_args(CreativeStatus)
APPROVAL_STATUSES: tuple[str, ...] = get_args(ApprovalStatus)
DECISIONS: tuple[str, ...] = get_args(Decision)
TASK_STATUSES: tuple[str, ...] = get_args(TaskStatus)
VERDICTS: tuple[str, ...] = ("pass", "review", "block")

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp on every backend (SQLite stores it naive, in UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def one_of(column: str, values: tuple[str, ...], *, nullable: bool = False) -> CheckConstraint:
    allowed = ", ".join(f"'{v}'" for v in values)
    sql = f"{column} IN ({allowed})"
    if nullable:
        sql = f"{column} IS NULL OR {sql}"
    return CheckConstraint(sql, name=column)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class BrandRow(Base):
    __tablename__ = "brands"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    industry: Mapped[str] = mapped_column(String(32))
    pack_yaml: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class FactRow(Base):
    __tablename__ = "facts"

    brand_id: Mapped[str] = mapped_column(ForeignKey("brands.id"), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    label: Mapped[str] = mapped_column(String(200))
    value: Mapped[str] = mapped_column(String(500))
    position: Mapped[int] = mapped_column(Integer)


class SegmentRow(Base):
    __tablename__ = "segments"

    brand_id: Mapped[str] = mapped_column(ForeignKey("brands.id"), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    rule: Mapped[dict[str, Any]] = mapped_column(JSON)
    labels: Mapped[dict[str, str]] = mapped_column(JSON)
    size: Mapped[int | None] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer)


class UserRow(Base):
    __tablename__ = "users"
    __table_args__ = (one_of("role", ROLES),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    #: argon2id hash; NULL for an account that cannot log in with a password.
    password_hash: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class BriefRow(Base):
    __tablename__ = "briefs"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    brand_id: Mapped[str] = mapped_column(ForeignKey("brands.id"))
    text: Mapped[str] = mapped_column(Text)
    channels: Mapped[list[str]] = mapped_column(JSON)
    focus: Mapped[list[str]] = mapped_column(JSON)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CampaignRow(Base):
    __tablename__ = "campaigns"
    __table_args__ = (one_of("status", CAMPAIGN_STATUSES),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    brand_id: Mapped[str] = mapped_column(ForeignKey("brands.id"))
    brief_id: Mapped[str | None] = mapped_column(ForeignKey("briefs.id"))
    name: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CreativeRow(Base):
    __tablename__ = "creatives"
    __table_args__ = (
        one_of("status", CREATIVE_STATUSES),
        Index("ix_creatives_campaign_id_status", "campaign_id", "status"),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    campaign_id: Mapped[str] = mapped_column(ForeignKey("campaigns.id"))
    brand_id: Mapped[str] = mapped_column(ForeignKey("brands.id"))
    segment_key: Mapped[str] = mapped_column(String(200))
    channel: Mapped[str] = mapped_column(String(32))
    fields: Mapped[dict[str, str]] = mapped_column(JSON)
    phrase_ids: Mapped[dict[str, str]] = mapped_column(JSON)
    provenance: Mapped[dict[str, Any]] = mapped_column(JSON)
    round: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ComplianceReportRow(Base):
    __tablename__ = "compliance_reports"
    __table_args__ = (one_of("verdict", VERDICTS),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    creative_id: Mapped[str] = mapped_column(ForeignKey("creatives.id"), index=True)
    verdict: Mapped[str] = mapped_column(String(16))
    findings: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    rule_packs: Mapped[list[str]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ApprovalRow(Base):
    __tablename__ = "approvals"
    __table_args__ = (one_of("status", APPROVAL_STATUSES),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    campaign_id: Mapped[str] = mapped_column(ForeignKey("campaigns.id"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    requested_by: Mapped[str] = mapped_column(String(64))
    #: distinct reviewers who must approve each creative (the brand policy's at filing time).
    quorum: Mapped[int] = mapped_column(Integer, default=1)
    decided_by: Mapped[str | None] = mapped_column(String(64))
    comment: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ApprovalItemRow(Base):
    __tablename__ = "approval_items"
    __table_args__ = (one_of("decision", DECISIONS, nullable=True),)

    approval_id: Mapped[str] = mapped_column(ForeignKey("approvals.id"), primary_key=True)
    creative_id: Mapped[str] = mapped_column(ForeignKey("creatives.id"), primary_key=True)
    decision: Mapped[str | None] = mapped_column(String(16))
    acknowledged_findings: Mapped[list[str]] = mapped_column(JSON)
    comment: Mapped[str] = mapped_column(Text, default="")


class ChannelTaskRow(Base):
    __tablename__ = "channel_tasks"
    __table_args__ = (
        one_of("status", TASK_STATUSES),
        UniqueConstraint("campaign_id", "channel", "segment_key"),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    campaign_id: Mapped[str] = mapped_column(ForeignKey("campaigns.id"))
    channel: Mapped[str] = mapped_column(String(32))
    segment_key: Mapped[str] = mapped_column(String(200))
    creative_ids: Mapped[list[str]] = mapped_column(JSON)
    audience_ref: Mapped[str] = mapped_column(String(300))
    allocation_policy: Mapped[str] = mapped_column(String(64))
    send_window: Mapped[str] = mapped_column(String(11))
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AuditRow(Base):
    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_object_type_object_id", "object_type", "object_id"),)

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    ts: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    object_type: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[str] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: hash chain: ``hash`` = SHA-256 over ``prev_hash`` and this entry's canonical JSON.
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
