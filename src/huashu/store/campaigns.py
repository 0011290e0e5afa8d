"""Campaigns: creation, status, and JSON-ready summaries with creative counts per status."""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from huashu.domain import InputError
from huashu.store.errors import not_found
from huashu.store.models import (
    CAMPAIGN_STATUSES,
    CREATIVE_STATUSES,
    BrandRow,
    BriefRow,
    CampaignRow,
    CreativeRow,
    new_id,
)


def create_campaign(
    session: Session,
    brand_id: str,
    brief_id: str | None,
    name: str,
    *,
    id_seed: str | None = None,
) -> str:
    """A new campaign in status ``draft``; returns its id.

    The id is random, or with ``id_seed`` derived from it and the number of campaigns already
    stored (unique in this store, and the same on a fresh store): a seeded run then gets the
    same campaign id, hence the same creative ids and the same arm order in the bandit."""
    if session.get(BrandRow, brand_id) is None:
        raise not_found("brand", brand_id)
    if brief_id is not None and session.get(BriefRow, brief_id) is None:
        raise not_found("brief", brief_id)
    if not name.strip():
        raise InputError(
            "campaign name must not be empty",
            message_zh="活动名称不能为空",
            code="invalid_campaign",
        )
    if id_seed is None:
        campaign_id = new_id("cmp")
    else:
        count = session.scalar(select(func.count()).select_from(CampaignRow)) or 0
        digest = hashlib.sha256(f"{id_seed}/{brand_id}/{count}".encode()).hexdigest()
        campaign_id = f"cmp-{digest[:12]}"
    row = CampaignRow(
        id=campaign_id, brand_id=brand_id, brief_id=brief_id, name=name, status="draft"
    )
    session.add(row)
    session.flush()
    return row.id


def campaign_row(session: Session, campaign_id: str, *, lock: bool = False) -> CampaignRow:
    """The campaign's row; ``lock``: re-read it ``FOR UPDATE`` (PostgreSQL), so concurrent
    transactions that lock it go one after the other."""
    row = session.get(CampaignRow, campaign_id, with_for_update=lock, populate_existing=lock)
    if row is None:
        raise not_found("campaign", campaign_id)
    return row


def set_campaign_status(session: Session, campaign_id: str, status: str) -> None:
    if status not in CAMPAIGN_STATUSES:
        raise InputError(
            f"unknown campaign status {status!r}",
            message_zh=f"未知活动状态 {status}",
            code="invalid_status",
            details={"status": status, "allowed": list(CAMPAIGN_STATUSES)},
        )
    campaign_row(session, campaign_id).status = status
    session.flush()


def _counts(session: Session, campaign_ids: list[str]) -> dict[str, dict[str, int]]:
    counts = {cid: dict.fromkeys(CREATIVE_STATUSES, 0) for cid in campaign_ids}
    if not campaign_ids:
        return counts
    query = (
        select(CreativeRow.campaign_id, CreativeRow.status, func.count())
        .where(CreativeRow.campaign_id.in_(campaign_ids))
        .group_by(CreativeRow.campaign_id, CreativeRow.status)
    )
    for campaign_id, status, n in session.execute(query):
        counts[campaign_id][status] = n
    return counts


def _summary(row: CampaignRow, counts: dict[str, int]) -> dict[str, Any]:
    return {
        "id": row.id,
        "brand_id": row.brand_id,
        "brief_id": row.brief_id,
        "name": row.name,
        "status": row.status,
        "created_at": row.created_at.isoformat(),
        "creatives": counts,
        "creative_count": sum(counts.values()),
    }


def get_campaign(session: Session, campaign_id: str) -> dict[str, Any]:
    """One campaign summary, shaped like the items of :func:`list_campaigns`."""
    row = campaign_row(session, campaign_id)
    return _summary(row, _counts(session, [row.id])[row.id])


def list_campaigns(session: Session, brand_id: str | None = None) -> list[dict[str, Any]]:
    """Campaign summaries, newest first; ``creatives`` counts every creative status (0 too)."""
    query = select(CampaignRow).order_by(CampaignRow.created_at.desc(), CampaignRow.id.desc())
    if brand_id is not None:
        query = query.where(CampaignRow.brand_id == brand_id)
    rows = list(session.scalars(query))
    counts = _counts(session, [r.id for r in rows])
    return [_summary(r, counts[r.id]) for r in rows]
