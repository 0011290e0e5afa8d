"""应急 (emergency console: take down by creative, term, regex, campaign or brand after a
preview of what it hits; the incident list) and 审计 (the audit trail with the verification
of its hash chain)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from huashu.store import repos
from huashu.web import audit_view
from huashu.web.auth import REVIEW, Principal, Responder, allow
from huashu.web.i18n import lang_of
from huashu.web.pages import render
from huashu.workflow import list_incidents
from huashu.workflow.states import SERVABLE

router = APIRouter(include_in_schema=False)


@router.get("/emergency")
def emergency_page(request: Request, who: Responder) -> HTMLResponse:
    """Servable creatives (each with a take-down shortcut), the form and the incidents."""
    with request.app.state.store.session() as s:
        names = {c["id"]: c["name"] for c in repos.list_campaigns(s)}
        live: list[dict[str, Any]] = []
        for status in SERVABLE:
            for c in repos.list_creatives(s, status=status):
                live.append(
                    {
                        "id": c.id,
                        "brand_id": c.brand_id,
                        "channel": c.channel,
                        "segment_key": c.segment_key,
                        "text": c.text,
                        "status": status,
                    }
                )
        incidents = list_incidents(s)
    return render(
        request,
        "emergency.html",
        who,
        "emergency",
        live=live,
        incidents=list(reversed(incidents)),
        names=names,
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
