"""Generation records: refinement conversations (one row per turn) and yield (良品率) counts
per generation run, backend and channel, with the repository functions that read and write
them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import CheckConstraint, Index, Integer, String, Text, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from huashu.domain import InputError
from huashu.store.models import Base, UTCDateTime, new_id, one_of, utcnow

TURN_ROLES: tuple[str, ...] = ("operator", "assistant")


class RefinementTurnRow(Base):
    __tablename__ = "refinement_turns"
    __table_args__ = (
        one_of("role", TURN_ROLES),
        Index(
            "ix_refinement_turns_conversation_id_position",
            "conversation_id",
            "position",
            unique=True,
        ),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    conversation_id: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(16))
    content: Mapped[str] = mapped_column(Text)
    #: the assistant's answer in English (None: operator turns, and turns stored before 0004)
    content_en: Mapped[str | None] = mapped_column(Text)
    creative_id: Mapped[str | None] = mapped_column(String(64), index=True)
    actor: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class GenerationYieldRow(Base):
    __tablename__ = "generation_yields"
    __table_args__ = (
        CheckConstraint("first_pass <= after_repair AND after_repair <= attempts", name="counts"),
        Index("ix_generation_yields_backend_channel", "backend", "channel"),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    campaign_id: Mapped[str | None] = mapped_column(String(64), index=True)
    backend: Mapped[str] = mapped_column(String(32))
    channel: Mapped[str] = mapped_column(String(32))
    attempts: Mapped[int] = mapped_column(Integer)
    first_pass: Mapped[int] = mapped_column(Integer)
    after_repair: Mapped[int] = mapped_column(Integer)
    duplicates: Mapped[int] = mapped_column(Integer)
    prompt_tokens: Mapped[int] = mapped_column(Integer)
    completion_tokens: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


@dataclass(frozen=True)
class StoredTurn:
    position: int
    role: str
    content: str
    creative_id: str | None
    actor: str
    content_en: str | None = None

    def text(self, lang: str) -> str:
        """The turn in ``lang``: the English rendering where there is one, else as stored."""
        return self.content_en if lang == "en" and self.content_en else self.content


@dataclass(frozen=True)
class YieldSummary:
    """Summed counts for one backend x channel."""

    backend: str
    channel: str
    attempts: int
    first_pass: int
    after_repair: int
    duplicates: int
    prompt_tokens: int
    completion_tokens: int


def save_turns(
    session: Session,
    conversation_id: str,
    turns: list[tuple[str, str, str | None]],
    actor: str,
    english: Sequence[str | None] = (),
) -> list[int]:
    """Append ``(role, content, creative_id)`` turns to a conversation, with ``english[i]``
    the English rendering of turn ``i`` where given; returns positions."""
    for role, _, _ in turns:
        if role not in TURN_ROLES:
            raise InputError(
                f"unknown turn role {role!r}",
                message_zh=f"未知的对话角色 {role}",
                code="invalid_role",
                details={"role": role, "allowed": list(TURN_ROLES)},
            )
    last = session.scalar(
        select(func.max(RefinementTurnRow.position)).where(
            RefinementTurnRow.conversation_id == conversation_id
        )
    )
    start = -1 if last is None else last
    positions: list[int] = []
    for offset, (role, content, creative_id) in enumerate(turns, start=1):
        session.add(
            RefinementTurnRow(
                id=new_id("turn"),
                conversation_id=conversation_id,
                position=start + offset,
                role=role,
                content=content,
                content_en=english[offset - 1] if offset <= len(english) else None,
                creative_id=creative_id,
                actor=actor,
            )
        )
        positions.append(start + offset)
    session.flush()
    return positions


def list_turns(session: Session, conversation_id: str) -> list[StoredTurn]:
    rows = session.scalars(
        select(RefinementTurnRow)
        .where(RefinementTurnRow.conversation_id == conversation_id)
        .order_by(RefinementTurnRow.position)
    )
    return [
        StoredTurn(r.position, r.role, r.content, r.creative_id, r.actor, r.content_en)
        for r in rows
    ]


def record_yield(
    session: Session,
    *,
    campaign_id: str | None,
    backend: str,
    channel: str,
    attempts: int,
    first_pass: int,
    after_repair: int,
    duplicates: int = 0,
    prompt_tokens: int = 0,
    completion_tokens: int = 0,
) -> str:
    if not 0 <= first_pass <= after_repair <= attempts:
        raise InputError(
            f"yield counts must satisfy 0 <= first_pass ({first_pass}) <= after_repair "
            f"({after_repair}) <= attempts ({attempts})",
            message_zh="良品率计数不合法：须满足 0 ≤ 一次通过 ≤ 修复后通过 ≤ 总数",
            code="invalid_yield",
        )
    row = GenerationYieldRow(
        id=new_id("yld"),
        campaign_id=campaign_id,
        backend=backend,
        channel=channel,
        attempts=attempts,
        first_pass=first_pass,
        after_repair=after_repair,
        duplicates=duplicates,
        prompt_tokens=prompt_tokens,
        completion_tokens=completion_tokens,
    )
    session.add(row)
    session.flush()
    return row.id


def yield_summary(session: Session, campaign_id: str | None = None) -> list[YieldSummary]:
    """Counts summed per backend x channel (of one campaign, or of all runs)."""
    y = GenerationYieldRow
    query = select(
        y.backend,
        y.channel,
        func.sum(y.attempts),
        func.sum(y.first_pass),
        func.sum(y.after_repair),
        func.sum(y.duplicates),
        func.sum(y.prompt_tokens),
        func.sum(y.completion_tokens),
    ).group_by(y.backend, y.channel)
    if campaign_id is not None:
        query = query.where(y.campaign_id == campaign_id)
    return [
        YieldSummary(str(b), str(c), *(int(v or 0) for v in rest))
        for b, c, *rest in session.execute(query.order_by(y.backend, y.channel))
    ]
