"""对话 (chat): write a brief, watch the drafts stream in as a segment x channel grid with
compliance badges, banner previews and the facts each uses; edit inline, refine, submit. A
campaign whose channels lack a delivery target says so here too."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from huashu.domain import InputError
from huashu.generate.plan import TONES
from huashu.services import chat
from huashu.services.understanding import understand_brief
from huashu.web.auth import Operator
from huashu.web.backends import runtime_of, store_of
from huashu.web.i18n import lang_of, translator
from huashu.web.jobs import DraftJobs
from huashu.web.pages import fragment, render

router = APIRouter(include_in_schema=False)


def plan_view(plan: dict[str, Any], lang: str) -> dict[str, Any]:
    """The content plan of ``plan`` (:func:`huashu.services.chat.plan_of`) in words for the
    page: Chinese from the plan itself, English built from its fields."""
    cp = plan["content_plan"]
    zh = lang == "zh"
    labels: dict[str, str] = cp.get("angle_labels", {})

    def angle(key: str) -> str:
        return labels.get(key, key) if zh else key.replace("_", " ")

    tone = cp.get("tone", "neutral")
    if zh:
        tone_text = TONES[tone][0] if tone in TONES else t_zh("plan.tone_default")
    else:
        tone_text = tone if tone in TONES else t_en("plan.tone_default")
    return {
        "product": cp.get("product", ""),
        "product_kind": cp.get("product_kind", ""),
        "product_description": cp.get("product_description", ""),
        "offers": cp.get("offers", []),
        "angles": [angle(a) for a in cp.get("angles", ())],
        "avoid": [angle(a) for a in cp.get("avoid_angles", ())],
        "tone": tone_text,
        "channels": [
            {
                "channel": c["channel"],
                "action": c["action_zh"] if zh else t_en(f"plan.action.{c['channel']}"),
                "ctas": list(c["ctas"][:3]),
            }
            for c in cp.get("channels", [])
        ],
        "not_honoured": [n["zh"] if zh else n["en"] for n in plan.get("not_honoured", [])],
    }


def t_zh(key: str) -> str:
    return translator("zh").get(key, "")


def t_en(key: str) -> str:
    return translator("en").get(key, "")


def cells(cards: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Cards by ``segment_key|channel``, the grid's cell key."""
    out: dict[str, list[dict[str, Any]]] = {}
    for c in cards:
        out.setdefault(f"{c['segment_key']}|{c['channel']}", []).append(c)
    return out


def to_fix(cards: list[dict[str, Any]], reviews: dict[str, dict[str, Any]]) -> dict[str, int]:
    """Rejected creatives still to fix (``rejected``) and those fixed since, waiting to be
    filed again (``fixed``: drafts whose last decision, or their source's, was a rejection)."""
    rejected = [c for c in cards if c["status"] == "rejected"]
    fixed = [
        c
        for c in cards
        if c["status"] == "draft" and reviews.get(c["id"], {}).get("decision") == "rejected"
    ]
    return {"rejected": len(rejected), "fixed": len(fixed)}


def submit_state(
    status: str, approvals: list[dict[str, Any]], cards: list[dict[str, Any]]
) -> dict[str, Any]:
    """Whether 提交审批 can file something now: not while an approval is pending or once the
    campaign is archived or taken down; else while the campaign is a draft, or whenever it
    has a checked draft that compliance did not block (a rejected creative edited or
    rewritten, a new draft of a live campaign)."""
    pending = next((a["id"] for a in approvals if a["status"] == "pending"), None)
    fileable = any(c["status"] == "draft" and c["verdict"] in ("pass", "review") for c in cards)
    locked = pending is not None or status in ("archived", "taken_down")
    return {
        "enabled": not locked and (status == "draft" or fileable),
        "locked": locked,
        "pending": pending,
    }


@router.get("/chat")
def chat_home(request: Request, who: Operator) -> HTMLResponse:
    home = chat.chat_home(store_of(request))
    return render(
        request,
        "chat.html",
        who,
        "chat",
        brands=home.brands,
        campaigns=home.campaigns,
        missing_targets=home.missing_targets,
    )


class UnderstandBody(BaseModel):
    brand_id: str = Field(min_length=1, max_length=200)
    #: the brief's own limit is checked (and explained) by the brief reader
    text: str = Field(min_length=1, max_length=20_000)


@router.post("/chat/understand")
def understand_fragment(request: Request, body: UnderstandBody, who: Operator) -> HTMLResponse:
    """What was understood of a brief, before anything is filed: the panel the chat shows
    (and asks to confirm or adjust when something was not understood). Changes nothing."""
    try:
        seen = understand_brief(runtime_of(request), body.brand_id, body.text)
    except InputError as err:
        return fragment(
            request, "_understanding.html", u=None, error=err.localized(lang_of(request))
        )
    return fragment(request, "_understanding.html", u=seen, error=None)


@router.get("/chat/{campaign_id}")
def campaign_page(
    request: Request,
    campaign_id: str,
    who: Operator,
    stream: bool = False,
    n: int = Query(default=2, ge=1, le=chat.MAX_PER_CELL),
) -> HTMLResponse:
    """The campaign's plan, its drafting progress and grid. While cells are left to draft (a
    draft campaign, a running job, or ``?stream=1``) the page follows the server-side job's
    event stream, which starts the job when none runs."""
    rt = runtime_of(request)
    plan = chat.plan_of(rt, campaign_id, n)
    campaign, cards = chat.campaign_cards(rt, campaign_id)
    trail = chat.campaign_trail(rt.store, campaign_id)
    approvals, reviews = trail.approvals, trail.reviews
    jobs: DraftJobs = request.app.state.draft_jobs
    job = jobs.get(campaign_id)
    running = job is not None and job.state == "running"
    left = plan["cells_done"] < plan["cells"]
    follow = left and (stream or running or campaign["status"] == "draft")
    stream_url = f"/api/v1/briefs/{campaign_id}/stream?n={job.n if running and job else n}"
    return render(
        request,
        "campaign.html",
        who,
        "chat",
        plan=plan,
        view=plan_view(plan, lang_of(request)),
        campaign=campaign,
        cells=cells(cards),
        done=set(plan["done_cells"]),
        count=len(cards),
        turns=trail.turns,
        approvals=approvals,
        missing_targets=trail.missing_targets,
        stream=follow,
        stream_url=stream_url if follow else "",
        reviews=reviews,
        to_fix=to_fix(cards, reviews),
        submit=submit_state(campaign["status"], approvals, cards),
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
    rt = runtime_of(request)
    _, cards = chat.campaign_cards(rt, campaign_id)
    reviews = chat.reviews_of(rt.store, campaign_id)
    if segment_key is not None and channel is not None:
        cards = [c for c in cards if (c["segment_key"], c["channel"]) == (segment_key, channel)]
        return fragment(request, "_cards.html", cards=cards, empty_note=True, reviews=reviews)
    if ids is not None:
        wanted = set(ids.split(","))
        chosen = [c for c in cards if c["id"] in wanted]
        return fragment(request, "_cards.html", cards=chosen, reviews=reviews)
    plan = chat.plan_of(rt, campaign_id, 0)
    grid = cells(cards)
    return fragment(
        request,
        "_grid.html",
        plan=plan,
        cells=grid,
        done=set(plan["done_cells"]),
        reviews=reviews,
    )
