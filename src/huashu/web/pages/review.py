"""审批 (review): the queue of pending approvals and one approval's creatives with their
findings highlighted on the text; acknowledge review findings, approve or reject each creative
or all at once, with comments."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from huashu.runtime import Runtime
from huashu.services import chat
from huashu.store import repos
from huashu.web.auth import Reviewer
from huashu.web.pages import render
from huashu.workflow import get_approval, list_approvals

router = APIRouter(include_in_schema=False)


def _rt(request: Request) -> Runtime:
    rt: Runtime = request.app.state.runtime
    return rt


@router.get("/review")
def queue(request: Request, who: Reviewer) -> HTMLResponse:
    """Pending approvals; ``mine`` are those still waiting for this reviewer's vote."""
    with _rt(request).store.session() as s:
        pending = list_approvals(s, status="pending")
        names = {c["id"]: c["name"] for c in repos.list_campaigns(s)}
        decided = list_approvals(s, status=None)[-20:]
    rows: list[dict[str, Any]] = []
    for a in pending:
        voted = any(v["reviewer"] == who.username for i in a["items"] for v in i["votes"])
        rows.append({**a, "campaign_name": names.get(a["campaign_id"], ""), "voted": voted})
    recent = [a for a in reversed(decided) if a["status"] != "pending"]
    return render(request, "review.html", who, "review", pending=rows, recent=recent, names=names)


@router.get("/review/{approval_id}")
def approval_page(request: Request, approval_id: str, who: Reviewer) -> HTMLResponse:
    rt = _rt(request)
    with rt.store.session() as s:
        approval = get_approval(s, approval_id)
        campaign = repos.get_campaign(s, approval["campaign_id"])
        pack = repos.get_brand_pack(s, campaign["brand_id"])
        ids = [i["creative_id"] for i in approval["items"]]
        cards = {c["id"]: c for c in chat.creative_cards(s, campaign["id"], pack, ids=ids)}
    items = [
        {**i, "card": cards[i["creative_id"]]}
        for i in approval["items"]
        if i["creative_id"] in cards
    ]
    return render(
        request, "approval.html", who, "review", approval=approval, campaign=campaign, items=items
    )
