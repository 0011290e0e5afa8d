"""Refinement turns keep an English rendering of the assistant's answer beside the Chinese one,
so the chat shows a conversation in the page's language.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("refinement_turns") as batch:
        batch.add_column(sa.Column("content_en", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("refinement_turns") as batch:
        batch.drop_column("content_en")
