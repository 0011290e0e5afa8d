"""应急 (emergency console: take down by creative, term, regex, campaign or brand after a
preview of what it hits; the incident list) and 审计 (the audit trail with the verification
of its hash chain)."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from huashu.services import emergency
from huashu.services.audit import AuditFilter, audit_log_page
from huashu.web import audit_view
from huashu.web.auth import REVIEW, Principal, Responder, allow
from huashu.web.backends import store_of
from huashu.web.i18n import lang_of
from huashu.web.pages import render

router = APIRouter(include_in_schema=False)


@router.get("/emergency")
def emergency_page(request: Request, who: Responder) -> HTMLResponse:
    """在投素材: the creatives on air (live in a live campaign, what the decide path serves);
    待上线: the others a take-down still concerns (approved or scheduled, or live in a paused
    or not yet started campaign), each with a take-down shortcut; the form and the incidents."""
    read = emergency.console(store_of(request))
    return render(
        request,
        "emergency.html",
        who,
        "emergency",
        live=read.on_air,
        waiting=read.waiting,
        incidents=list(reversed(read.incidents)),
        names={cid: c["name"] for cid, c in read.campaigns.items()},
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
    chosen = AuditFilter(
        object_type=object_type or None,
        object_id=object_id or None,
        action=action or None,
        actor=actor or None,
    )
    read = audit_log_page(store_of(request), chosen, page=page, page_size=audit_view.PAGE_SIZE)
    page, pages, total, facets = read.page, read.pages, read.total, read.facets
    who: Principal = request.state.principal
    return render(
        request,
        "audit.html",
        who,
        "audit",
        entries=[audit_view.entry(row, lang) for row in read.entries],
        verification=read.verification.as_dict(),
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
