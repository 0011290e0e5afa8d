"""审批 (review): the queue of pending approvals and one approval's creatives as they will
appear, with their findings highlighted and what changed since their last decision;
acknowledge review findings, approve or reject each creative or all at once (全部通过 never
acknowledges a finding: creatives with unacknowledged ones are left undecided), with comments."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from huashu.services import approvals
from huashu.services.preview import preview
from huashu.web.auth import Reviewer
from huashu.web.backends import store_of
from huashu.web.pages import render

router = APIRouter(include_in_schema=False)


@router.get("/review")
def queue(request: Request, who: Reviewer) -> HTMLResponse:
    """Pending approvals; ``mine`` are those still waiting for this reviewer's vote."""
    read = approvals.review_queue(store_of(request))
    names = read.campaign_names
    rows: list[dict[str, Any]] = []
    for a in read.pending:
        voted = all(
            any(v["reviewer"] == who.username for v in i["votes"])
            for i in a["items"]
            if i["decision"] is None
        )
        rows.append({**a, "campaign_name": names.get(a["campaign_id"], ""), "voted": voted})
    recent = [a for a in reversed(read.recent) if a["status"] != "pending"]
    return render(request, "review.html", who, "review", pending=rows, recent=recent, names=names)


def _review_findings(card: dict[str, Any]) -> list[str]:
    return [f["rule_id"] for f in card["findings"] if f["severity"] == "review"]


@router.get("/review/{approval_id}")
def approval_page(
    request: Request,
    approval_id: str,
    who: Reviewer,
    skipped: int = Query(default=0, ge=0, le=10_000),
) -> HTMLResponse:
    """One approval: each creative as it will appear (banner, SMS with its billing parts,
    scripts as dialogue), what changed since its last decision, its findings and the vote.
    ``skipped``: how many creatives the last 全部通过 left undecided for unacknowledged
    review findings (the page says so and marks them)."""
    read = approvals.approval_review(store_of(request), approval_id)
    approval, campaign, cards, changes = read.approval, read.campaign, read.cards, read.changes
    pending = approval["status"] == "pending"
    items = []
    for i in approval["items"]:
        card = cards.get(i["creative_id"])
        if card is None:
            continue
        mine = next((v for v in i["votes"] if v["reviewer"] == who.username), None)
        needs_ack = _review_findings(card)
        items.append(
            {
                **i,
                "card": card,
                "preview": preview(card),
                "changes": changes.get(card["id"]),
                "mine": mine,
                "open": pending and i["decision"] is None and mine is None,
                "needs_ack": bool(needs_ack),
            }
        )
    return render(
        request,
        "approval.html",
        who,
        "review",
        approval=approval,
        campaign=campaign,
        items=items,
        skipped=skipped if pending else 0,
    )
