"""Generation records: refinement conversations and yield counts per backend and channel.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "refinement_turns",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("conversation_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("creative_id", sa.String(length=64), nullable=True),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "role IN ('operator', 'assistant')", name=op.f("ck_refinement_turns_role")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refinement_turns")),
    )
    op.create_index(
        "ix_refinement_turns_conversation_id_position",
        "refinement_turns",
        ["conversation_id", "position"],
        unique=True,
    )
    op.create_index(
        op.f("ix_refinement_turns_creative_id"), "refinement_turns", ["creative_id"], unique=False
    )
    op.create_table(
        "generation_yields",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("campaign_id", sa.String(length=64), nullable=True),
        sa.Column("backend", sa.String(length=32), nullable=False),
        sa.Column("channel", sa.String(length=32), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("first_pass", sa.Integer(), nullable=False),
        sa.Column("after_repair", sa.Integer(), nullable=False),
        sa.Column("duplicates", sa.Integer(), nullable=False),
        sa.Column("prompt_tokens", sa.Integer(), nullable=False),
        sa.Column("completion_tokens", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "first_pass <= after_repair AND after_repair <= attempts",
            name=op.f("ck_generation_yields_counts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_generation_yields")),
    )
    op.create_index(
        "ix_generation_yields_backend_channel",
        "generation_yields",
        ["backend", "channel"],
        unique=False,
    )
    op.create_index(
        op.f("ix_generation_yields_campaign_id"), "generation_yields", ["campaign_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_generation_yields_campaign_id"), table_name="generation_yields")
    op.drop_index("ix_generation_yields_backend_channel", table_name="generation_yields")
    op.drop_table("generation_yields")
    op.drop_index(op.f("ix_refinement_turns_creative_id"), table_name="refinement_turns")
    op.drop_index("ix_refinement_turns_conversation_id_position", table_name="refinement_turns")
    op.drop_table("refinement_turns")
