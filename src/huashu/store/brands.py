"""Brands (pack YAML and facts), their segments, and operator briefs."""

from __future__ import annotations

from typing import Any

import yaml
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from huashu.domain import BrandPack, Brief, Fact, Segment
from huashu.store.errors import duplicate, not_found
from huashu.store.models import BrandRow, BriefRow, FactRow, SegmentRow, new_id


def save_brand(session: Session, pack: BrandPack, pack_yaml: str) -> str:
    """Insert or update the brand of ``pack``; its facts are replaced. ``pack_yaml`` is the
    source text ``pack`` was loaded from and is what :func:`get_brand_pack` parses back."""
    row = session.get(BrandRow, pack.id)
    if row is None:
        row = BrandRow(id=pack.id)
        session.add(row)
    row.name = pack.brand.name
    row.industry = pack.brand.industry
    row.pack_yaml = pack_yaml
    session.flush()
    session.execute(delete(FactRow).where(FactRow.brand_id == pack.id))
    session.add_all(
        FactRow(brand_id=pack.id, key=f.key, label=f.label, value=f.value, position=i)
        for i, f in enumerate(pack.facts)
    )
    session.flush()
    return pack.id


def brand_row(session: Session, brand_id: str) -> BrandRow:
    row = session.get(BrandRow, brand_id)
    if row is None:
        raise not_found("brand", brand_id)
    return row


def get_brand_pack(session: Session, brand_id: str) -> BrandPack:
    return BrandPack.model_validate(yaml.safe_load(brand_row(session, brand_id).pack_yaml))


def get_brand_yaml(session: Session, brand_id: str) -> str:
    return brand_row(session, brand_id).pack_yaml


def list_brands(session: Session) -> list[dict[str, Any]]:
    """JSON-ready brand summaries, by id."""
    return [
        {
            "id": row.id,
            "name": row.name,
            "industry": row.industry,
            "created_at": row.created_at.isoformat(),
        }
        for row in session.scalars(select(BrandRow).order_by(BrandRow.id))
    ]


def get_facts(session: Session, brand_id: str) -> list[Fact]:
    brand_row(session, brand_id)
    rows = session.scalars(
        select(FactRow).where(FactRow.brand_id == brand_id).order_by(FactRow.position)
    )
    return [Fact(key=r.key, label=r.label, value=r.value) for r in rows]


def save_segments(session: Session, brand_id: str, segments: list[Segment]) -> None:
    """Replace the brand's segments with ``segments``, keeping their order."""
    brand_row(session, brand_id)
    keys = [s.key for s in segments]
    for key in keys:
        if keys.count(key) > 1:
            raise duplicate("segment", key)
    session.execute(delete(SegmentRow).where(SegmentRow.brand_id == brand_id))
    session.add_all(
        SegmentRow(
            brand_id=brand_id,
            key=s.key,
            name=s.name,
            rule=dict(s.rule),
            labels=dict(s.labels),
            size=s.size,
            description=s.description,
            position=i,
        )
        for i, s in enumerate(segments)
    )
    session.flush()


def get_segments(session: Session, brand_id: str) -> list[Segment]:
    rows = session.scalars(
        select(SegmentRow).where(SegmentRow.brand_id == brand_id).order_by(SegmentRow.position)
    )
    return [
        Segment(
            key=r.key,
            name=r.name,
            rule=r.rule,
            labels=r.labels,
            size=r.size,
            description=r.description,
        )
        for r in rows
    ]


def save_brief(session: Session, brief: Brief, created_by: str) -> str:
    brand_row(session, brief.brand_id)
    row = BriefRow(
        id=new_id("brief"),
        brand_id=brief.brand_id,
        text=brief.text,
        channels=list(brief.channels),
        focus=list(brief.focus),
        created_by=created_by,
    )
    session.add(row)
    session.flush()
    return row.id


def get_brief(session: Session, brief_id: str) -> Brief:
    row = session.get(BriefRow, brief_id)
    if row is None:
        raise not_found("brief", brief_id)
    return Brief.model_validate(
        {
            "text": row.text,
            "brand_id": row.brand_id,
            "channels": row.channels,
            "focus": row.focus,
        }
    )
