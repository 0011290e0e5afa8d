"""对话 (chat): write a brief, watch the drafts stream in as a segment x channel grid with
compliance badges, banner previews and the facts each uses; edit inline, refine, submit."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from huashu.runtime import Runtime
from huashu.services import chat
from huashu.store import repos
from huashu.web.auth import Operator
from huashu.web.pages import fragment, render
from huashu.workflow import list_approvals

router = APIRouter(include_in_schema=False)


def _rt(request: Request) -> Runtime:
    rt: Runtime = request.app.state.runtime
    return rt


def cells(cards: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Cards by ``segment_key|channel``, the grid's cell key."""
    out: dict[str, list[dict[str, Any]]] = {}
    for c in cards:
        out.setdefault(f"{c['segment_key']}|{c['channel']}", []).append(c)
    return out


@router.get("/chat")
def chat_home(request: Request, who: Operator) -> HTMLResponse:
    with _rt(request).store.session() as s:
        brands = repos.list_brands(s)
        campaigns = repos.list_campaigns(s)[:20]
    return render(request, "chat.html", who, "chat", brands=brands, campaigns=campaigns)


@router.get("/chat/{campaign_id}")
def campaign_page(
    request: Request,
    campaign_id: str,
    who: Operator,
    stream: bool = False,
    n: int = Query(default=2, ge=1, le=chat.MAX_PER_CELL),
) -> HTMLResponse:
    rt = _rt(request)
    plan = chat.plan_of(rt, campaign_id, n)
    campaign, cards = chat.campaign_cards(rt, campaign_id)
    with rt.store.session() as s:
        turns = repos.list_turns(s, campaign_id)
        approvals = list_approvals(s, campaign_id)
    return render(
        request,
        "campaign.html",
        who,
        "chat",
        plan=plan,
        campaign=campaign,
        cells=cells(cards),
        count=len(cards),
        turns=turns,
        approvals=approvals,
        stream=stream and not cards,
    )


@router.get("/chat/{campaign_id}/cards")
def cards_fragment(
    request: Request,
    campaign_id: str,
    who: Operator,
    segment_key: str | None = None,
    channel: str | None = None,
    ids: str | None = None,
) -> HTMLResponse:
    """Cards of one cell, of given ids, or the whole grid: HTML the page's script swaps in."""
    rt = _rt(request)
    _, cards = chat.campaign_cards(rt, campaign_id)
    if segment_key is not None and channel is not None:
        cards = [c for c in cards if (c["segment_key"], c["channel"]) == (segment_key, channel)]
        return fragment(request, "_cards.html", cards=cards)
    if ids is not None:
        wanted = set(ids.split(","))
        return fragment(request, "_cards.html", cards=[c for c in cards if c["id"] in wanted])
    plan = chat.plan_of(rt, campaign_id, 0)
    return fragment(request, "_grid.html", plan=plan, cells=cells(cards))
