"""应急 (emergency console: take down by creative, term, regex, campaign or brand after a
preview of what it hits; the incident list) and 审计 (the audit trail with the verification
of its hash chain)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select

from huashu.store import repos
from huashu.store.models import CreativeRow
from huashu.web import audit_view
from huashu.web.auth import REVIEW, Principal, Responder, allow
from huashu.web.i18n import lang_of
from huashu.web.pages import render
from huashu.workflow import list_incidents
from huashu.workflow.states import SERVABLE

router = APIRouter(include_in_schema=False)


def _row(c: CreativeRow, campaigns: dict[str, dict[str, Any]]) -> dict[str, Any]:
    campaign = campaigns.get(c.campaign_id, {})
    return {
        "id": c.id,
        "brand_id": c.brand_id,
        "campaign_name": campaign.get("name", ""),
        "campaign_status": campaign.get("status", ""),
        "channel": c.channel,
        "segment_key": c.segment_key,
        "text": "\n".join(v for v in c.fields.values() if v),
        "status": c.status,
    }


@router.get("/emergency")
def emergency_page(request: Request, who: Responder) -> HTMLResponse:
    """在投素材: the creatives on air (live in a live campaign, what the decide path serves);
    待上线: the others a take-down still concerns (approved or scheduled, or live in a paused
    or not yet started campaign), each with a take-down shortcut; the form and the incidents."""
    with request.app.state.store.session() as s:
        campaigns = {c["id"]: c for c in repos.list_campaigns(s)}
        served = {c.id for c in repos.on_air_creatives(s)}
        query = (
            select(CreativeRow)
            .where(CreativeRow.status.in_(SERVABLE))
            .order_by(CreativeRow.created_at, CreativeRow.id)
        )
        rows = [_row(c, campaigns) for c in s.scalars(query)]
        on_air = [r for r in rows if r["id"] in served]
        waiting = [r for r in rows if r["id"] not in served]
        incidents = list_incidents(s)
    return render(
        request,
        "emergency.html",
        who,
        "emergency",
        live=on_air,
        waiting=waiting,
        incidents=list(reversed(incidents)),
        names={cid: c["name"] for cid, c in campaigns.items()},
    )


@router.get("/audit", dependencies=[allow(REVIEW | {"analyst"})])
def audit_page(
    request: Request,
    actor: str | None = None,
    action: str | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    page: int = Query(default=1, ge=1),
) -> HTMLResponse:
    """The audit log newest first, 50 entries a page, filtered by actor, action, object type
    and object id; every entry reachable by paging."""
    lang = lang_of(request)
    filters = {
        "actor": actor or "",
        "action": action or "",
        "object_type": object_type or "",
        "object_id": object_id or "",
    }
    chosen = {k: v or None for k, v in filters.items()}
    with request.app.state.store.session() as s:
        total = repos.count_audit(s, **chosen)
        pages = max(1, -(-total // audit_view.PAGE_SIZE))
        page = min(page, pages)
        rows = repos.list_audit(
            s,
            **chosen,
            limit=audit_view.PAGE_SIZE,
            offset=(page - 1) * audit_view.PAGE_SIZE,
            newest_first=True,
        )
        facets = repos.audit_facets(s)
        verification = repos.verify_audit(s).as_dict()
    who: Principal = request.state.principal
    return render(
        request,
        "audit.html",
        who,
        "audit",
        entries=[audit_view.entry(row, lang) for row in rows],
        verification=verification,
        filters=filters,
        actors=[(a, a) for a in facets["actor"]],
        actions=audit_view.options(facets["action"], audit_view.action_name, lang),
        objects=audit_view.options(facets["object_type"], audit_view.object_name, lang),
        page=page,
        pages=pages,
        total=total,
        prev_url=audit_view.page_url(filters, page - 1) if page > 1 else "",
        next_url=audit_view.page_url(filters, page + 1) if page < pages else "",
        filtered=any(filters.values()),
        words={key: audit_view.text(key, lang) for key in audit_view.TEXT},
        page_text=audit_view.text("page", lang, page=page, pages=pages, total=f"{total:,}"),
    )
