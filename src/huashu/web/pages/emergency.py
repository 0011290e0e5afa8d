"""应急 (emergency console: take down by creative, term, regex, campaign or brand after a
preview of what it hits; the incident list) and 审计 (the audit trail with the verification
of its hash chain)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from huashu.store import repos
from huashu.web.auth import REVIEW, Principal, Responder, allow
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
    object_id: str | None = None,
    limit: int = Query(default=200, ge=1, le=5000),
) -> HTMLResponse:
    with request.app.state.store.session() as s:
        entries = repos.list_audit(s, object_id=object_id, limit=limit, newest_first=True)
        verification = repos.verify_audit(s).as_dict()
    who: Principal = request.state.principal
    return render(
        request,
        "audit.html",
        who,
        "audit",
        entries=entries,
        verification=verification,
        object_id=object_id or "",
    )
