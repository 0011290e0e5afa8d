"""Workflow: credentials, reviewer votes and quorum, brand policies, delivery targets and the
outbox, sampled audits, incidents, the full life cycle of campaigns and creatives, and the
hash-chained audit log (existing entries are chained in id order).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from huashu.store.chain import GENESIS, entry_hash

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIFE = (
    "'draft', 'pending_review', 'approved', 'rejected', 'scheduled', 'live', 'paused', "
    "'taken_down', 'archived'"
)
OLD_CAMPAIGN = "'draft', 'pending_review', 'approved', 'rejected', 'live', 'paused', 'archived'"
OLD_CREATIVE = "'draft', 'pending_review', 'approved', 'rejected', 'live', 'taken_down'"
TASKS = "'pending', 'pushed', 'live', 'paused', 'cancelled', 'done'"
OLD_TASKS = "'pending', 'pushed', 'live', 'paused', 'done'"


def _status_check(table: str, allowed: str) -> None:
    with op.batch_alter_table(table) as batch:
        batch.drop_constraint(op.f(f"ck_{table}_status"), type_="check")
        batch.create_check_constraint(op.f(f"ck_{table}_status"), sa.text(f"status IN ({allowed})"))


def _chain_existing_audit() -> None:
    conn = op.get_bind()
    rows = conn.execute(
        sa.text(
            "SELECT id, ts, actor, action, object_type, object_id, detail "
            "FROM audit_log ORDER BY id"
        )
    ).mappings()
    prev = GENESIS
    updates = []
    for row in rows:
        detail = row["detail"]
        digest = entry_hash(
            prev,
            ts=row["ts"],
            actor=row["actor"],
            action=row["action"],
            object_type=row["object_type"],
            object_id=row["object_id"],
            detail=detail,
        )
        updates.append({"id": row["id"], "prev": prev, "hash": digest})
        prev = digest
    for update in updates:
        conn.execute(
            sa.text("UPDATE audit_log SET prev_hash = :prev, hash = :hash WHERE id = :id"), update
        )


def upgrade() -> None:
    op.create_table(
        "login_attempts",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("client", sa.String(length=64), nullable=False),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("ts", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_attempts")),
    )
    op.create_index(
        "ix_login_attempts_username_ts", "login_attempts", ["username", "ts"], unique=False
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_api_tokens_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_tokens_token_hash")),
    )
    op.create_index(op.f("ix_api_tokens_user_id"), "api_tokens", ["user_id"], unique=False)
    op.create_table(
        "brand_policies",
        sa.Column("brand_id", sa.String(length=64), nullable=False),
        sa.Column("quorum", sa.Integer(), nullable=False),
        sa.Column("auto_approve", sa.Boolean(), nullable=False),
        sa.Column("sample_rates", sa.JSON(), nullable=False),
        sa.Column("known_templates", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["brand_id"], ["brands.id"], name=op.f("fk_brand_policies_brand_id_brands")
        ),
        sa.PrimaryKeyConstraint("brand_id", name=op.f("pk_brand_policies")),
    )
    op.create_table(
        "delivery_targets",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("brand_id", sa.String(length=64), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("address", sa.String(length=1000), nullable=False),
        sa.Column("secret", sa.String(length=200), nullable=False),
        sa.Column("channels", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('webhook', 'file')", name=op.f("ck_delivery_targets_kind")),
        sa.ForeignKeyConstraint(
            ["brand_id"], ["brands.id"], name=op.f("fk_delivery_targets_brand_id_brands")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delivery_targets")),
    )
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("brand_id", sa.String(length=64), nullable=True),
        sa.Column("scope", sa.JSON(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("affected", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_by", sa.String(length=64), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("kind IN ('takedown', 'audit_failure')", name=op.f("ck_incidents_kind")),
        sa.CheckConstraint("status IN ('open', 'closed')", name=op.f("ck_incidents_status")),
        sa.ForeignKeyConstraint(
            ["brand_id"], ["brands.id"], name=op.f("fk_incidents_brand_id_brands")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
    )
    op.create_table(
        "web_sessions",
        sa.Column("id_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_web_sessions_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id_hash", name=op.f("pk_web_sessions")),
    )
    op.create_index(op.f("ix_web_sessions_user_id"), "web_sessions", ["user_id"], unique=False)
    op.create_table(
        "outbox",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("target_id", sa.String(length=64), nullable=False),
        sa.Column("idempotency_key", sa.String(length=200), nullable=False),
        sa.Column("event", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'delivered', 'dead')", name=op.f("ck_outbox_status")
        ),
        sa.ForeignKeyConstraint(
            ["target_id"],
            ["delivery_targets.id"],
            name=op.f("fk_outbox_target_id_delivery_targets"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_outbox_idempotency_key")),
    )
    op.create_index(
        "ix_outbox_status_next_attempt_at", "outbox", ["status", "next_attempt_at"], unique=False
    )
    op.create_table(
        "approval_votes",
        sa.Column("approval_id", sa.String(length=64), nullable=False),
        sa.Column("creative_id", sa.String(length=64), nullable=False),
        sa.Column("reviewer", sa.String(length=64), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("acknowledged", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "decision IN ('approved', 'rejected')", name=op.f("ck_approval_votes_decision")
        ),
        sa.ForeignKeyConstraint(
            ["approval_id"], ["approvals.id"], name=op.f("fk_approval_votes_approval_id_approvals")
        ),
        sa.ForeignKeyConstraint(
            ["creative_id"], ["creatives.id"], name=op.f("fk_approval_votes_creative_id_creatives")
        ),
        sa.PrimaryKeyConstraint(
            "approval_id", "creative_id", "reviewer", name=op.f("pk_approval_votes")
        ),
    )
    op.create_table(
        "audit_samples",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("creative_id", sa.String(length=64), nullable=False),
        sa.Column("brand_id", sa.String(length=64), nullable=False),
        sa.Column("risk_tier", sa.String(length=16), nullable=False),
        sa.Column("draw", sa.Float(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reviewer", sa.String(length=64), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("incident_id", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'passed', 'failed')", name=op.f("ck_audit_samples_status")
        ),
        sa.ForeignKeyConstraint(
            ["brand_id"], ["brands.id"], name=op.f("fk_audit_samples_brand_id_brands")
        ),
        sa.ForeignKeyConstraint(
            ["creative_id"], ["creatives.id"], name=op.f("fk_audit_samples_creative_id_creatives")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_samples")),
        sa.UniqueConstraint("creative_id", name=op.f("uq_audit_samples_creative_id")),
    )
    op.create_index(op.f("ix_audit_samples_brand_id"), "audit_samples", ["brand_id"], unique=False)

    op.add_column(
        "approval_items", sa.Column("comment", sa.Text(), nullable=False, server_default="")
    )
    op.add_column(
        "approvals", sa.Column("quorum", sa.Integer(), nullable=False, server_default="1")
    )
    op.add_column("users", sa.Column("password_hash", sa.String(length=200), nullable=True))
    op.add_column(
        "users", sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true())
    )
    op.add_column("audit_log", sa.Column("prev_hash", sa.String(length=64), nullable=True))
    op.add_column("audit_log", sa.Column("hash", sa.String(length=64), nullable=True))
    _chain_existing_audit()
    with op.batch_alter_table("audit_log") as batch:
        batch.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=False)
        batch.alter_column("hash", existing_type=sa.String(length=64), nullable=False)
        batch.create_unique_constraint(op.f("uq_audit_log_hash"), ["hash"])
    with op.batch_alter_table("approval_items") as batch:
        batch.alter_column("comment", existing_type=sa.Text(), server_default=None)
    with op.batch_alter_table("approvals") as batch:
        batch.alter_column("quorum", existing_type=sa.Integer(), server_default=None)
    with op.batch_alter_table("users") as batch:
        batch.alter_column("active", existing_type=sa.Boolean(), server_default=None)
    _status_check("campaigns", LIFE)
    _status_check("creatives", LIFE)
    _status_check("channel_tasks", TASKS)


def downgrade() -> None:
    _status_check("channel_tasks", OLD_TASKS)
    _status_check("creatives", OLD_CREATIVE)
    _status_check("campaigns", OLD_CAMPAIGN)
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_constraint(op.f("uq_audit_log_hash"), type_="unique")
        batch.drop_column("hash")
        batch.drop_column("prev_hash")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("active")
        batch.drop_column("password_hash")
    with op.batch_alter_table("approvals") as batch:
        batch.drop_column("quorum")
    with op.batch_alter_table("approval_items") as batch:
        batch.drop_column("comment")
    op.drop_index(op.f("ix_audit_samples_brand_id"), table_name="audit_samples")
    op.drop_table("audit_samples")
    op.drop_table("approval_votes")
    op.drop_index("ix_outbox_status_next_attempt_at", table_name="outbox")
    op.drop_table("outbox")
    op.drop_index(op.f("ix_web_sessions_user_id"), table_name="web_sessions")
    op.drop_table("web_sessions")
    op.drop_table("incidents")
    op.drop_table("delivery_targets")
    op.drop_table("brand_policies")
    op.drop_index(op.f("ix_api_tokens_user_id"), table_name="api_tokens")
    op.drop_table("api_tokens")
    op.drop_index("ix_login_attempts_username_ts", table_name="login_attempts")
    op.drop_table("login_attempts")
