"""JSON API of the chat: brand packs, a brief -> plan, the drafts streamed as server-sent
events, follow-up refinement turns, inline edits and banner previews of a creative.

The stream starts drafting when none runs, so it is a POST (a cookie-authenticated caller
sends the session's CSRF token like for any other change); GET routes change nothing."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from huashu.domain import InputError
from huashu.services import chat, drafting, lifecycle
from huashu.services.brands import list_brands, load_brand_text
from huashu.services.preview import banner_source
from huashu.services.understanding import understand_brief
from huashu.web.auth import Admin, Anyone, Operator
from huashu.web.backends import runtime_of
from huashu.web.i18n import lang_of
from huashu.web.jobs import DraftJobs
from huashu.web.schemas_briefs import (
    BrandsOut,
    BriefStateOut,
    CardEnvelope,
    LoadedBrandOut,
    PlanEnvelope,
    ProgressOut,
    RefinedOut,
    UnderstandingOut,
)
from huashu.web.schemas_common import JSON_ERRORS

router = APIRouter(tags=["chat"])
log = logging.getLogger("huashu.web.chat")


class BrandBody(BaseModel):
    #: the brand pack's YAML text (see examples/*.yaml).
    yaml: str = Field(min_length=1, max_length=2_000_000)


class BriefBody(BaseModel):
    brand_id: str = Field(min_length=1, max_length=200)
    #: parse_brief refuses a brief over its limit with a message that says so; this bound
    #: only keeps absurd bodies out.
    text: str = Field(min_length=1, max_length=20_000)
    n: int = Field(default=2, ge=1, le=chat.MAX_PER_CELL)


class RefineBody(BaseModel):
    instruction: str = Field(min_length=1, max_length=2000)
    #: only these creatives (a rejected card rewritten by its reviewer's comment)
    creative_ids: list[str] | None = Field(default=None, min_length=1, max_length=200)


class EditBody(BaseModel):
    fields: dict[str, str] = Field(min_length=1)


@router.get("/brands", response_model=BrandsOut)
def brands(request: Request, who: Anyone) -> dict[str, Any]:
    return {"ok": True, "brands": list_brands(runtime_of(request).store)}


@router.post("/brands", response_model=LoadedBrandOut)
def load_brand(request: Request, body: BrandBody, who: Admin) -> dict[str, Any]:
    """Load (or replace) a brand pack from its YAML text."""
    brand = load_brand_text(runtime_of(request).store, body.yaml, who.username)
    return {"ok": True, "brand": brand.as_dict()}


@router.post("/briefs", response_model=PlanEnvelope)
def brief(request: Request, body: BriefBody, who: Operator) -> dict[str, Any]:
    """File a campaign for the brief and return its plan; drafts come from ``stream_url``."""
    plan = chat.plan_brief(runtime_of(request), body.brand_id, body.text, body.n, who.username)
    return {"ok": True, "plan": plan}


class UnderstandBody(BaseModel):
    brand_id: str = Field(min_length=1, max_length=200)
    text: str = Field(min_length=1, max_length=20_000)


@router.post("/briefs/understand", response_model=UnderstandingOut)
def understand(request: Request, body: UnderstandBody, who: Operator) -> dict[str, Any]:
    """What huashu understood of the brief, filing nothing: product, offers, the channels and
    segments it would draft, and the unknown channels and audiences it names
    (``needs_confirmation``: ask the operator before filing; ``refusal``: nothing to draft)."""
    understanding = understand_brief(runtime_of(request), body.brand_id, body.text)
    return {"ok": True, "understanding": understanding}


@router.get("/briefs/{campaign_id}", response_model=BriefStateOut)
def brief_state(request: Request, campaign_id: str, who: Anyone) -> dict[str, Any]:
    """The plan and every visible creative of the campaign, as the chat grid shows them."""
    rt = runtime_of(request)
    plan = chat.plan_of(rt, campaign_id, 0)
    _, cards = chat.campaign_cards(rt, campaign_id)
    return {"ok": True, "plan": plan, "creatives": cards}


#: seconds between two looks at the store while a stream waits for the next cell.
POLL_SECONDS = 0.25
#: waits between two keep-alive comments on an idle stream (about 15 s).
KEEPALIVE = 60


def _jobs(request: Request) -> DraftJobs:
    jobs: DraftJobs = request.app.state.draft_jobs
    return jobs


async def _sse(events: Iterator[dict[str, Any]], lang: str) -> AsyncIterator[str]:
    """The events as server-sent events. Each step reads the store in the thread pool; the
    waits between steps are asynchronous, so an open stream holds no thread while idle."""
    idle = 0
    try:
        while True:
            event = await run_in_threadpool(next, events, None)
            if event is None:
                return
            name = event.pop("event")
            if name == "wait":
                idle += 1
                if idle % KEEPALIVE == 0:
                    yield ": keep-alive\n\n"
                await asyncio.sleep(POLL_SECONDS)
                continue
            yield f"event: {name}\ndata: {json.dumps(event, ensure_ascii=False)}\n\n"
    except InputError as err:
        payload = {"code": err.code, "message": err.localized(lang)}
        yield f"event: failed\ndata: {json.dumps(payload, ensure_ascii=False)}\n\n"
    except Exception:  # the client is told, the log has the traceback
        log.exception("drafting stream failed")
        message = "服务器内部错误，请稍后重试" if lang == "zh" else "internal error"
        payload = {"code": "internal_error", "message": message}
        yield f"event: failed\ndata: {json.dumps(payload, ensure_ascii=False)}\n\n"


def _progress(request: Request, campaign_id: str) -> dict[str, Any]:
    rt = runtime_of(request)
    # the job's state first, then the store's count: a job that finishes between the two
    # reads then shows "running" with every cell (the next poll says "done"), never "done"
    # with a count read before its last cell was stored
    job = _jobs(request).get(campaign_id)
    out = job.as_dict(lang_of(request)) if job is not None else None
    done, cells = drafting.drafting_progress(rt, campaign_id)
    if out is None:
        out = {"state": "done" if done >= cells else "idle", "n": None, "message": None}
    return {"campaign_id": campaign_id, "cells": cells, "done": done, **out}


@router.post("/briefs/{campaign_id}/drafts", response_model=ProgressOut)
def start_drafting(
    request: Request,
    campaign_id: str,
    who: Operator,
    n: int = Query(default=2, ge=1, le=chat.MAX_PER_CELL),
    seed: int = Query(default=0, ge=0),
) -> dict[str, Any]:
    """Start drafting the campaign's cells as a server-side job (no-op while one runs or when
    every cell is drafted); follow it with ``progress`` or ``stream``."""
    _jobs(request).ensure(runtime_of(request), campaign_id, n, who.username, seed=seed)
    return {"ok": True, **_progress(request, campaign_id)}


@router.get("/briefs/{campaign_id}/progress", response_model=ProgressOut)
def progress(request: Request, campaign_id: str, who: Anyone) -> dict[str, Any]:
    """How far the campaign's drafting is: cells drafted of cells planned (read from the
    store) and the job's state: running, done, failed (with its message), stopped or idle."""
    return {"ok": True, **_progress(request, campaign_id)}


@router.post(
    "/briefs/{campaign_id}/stream",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}}, **JSON_ERRORS},
)
def stream(
    request: Request,
    campaign_id: str,
    who: Operator,
    n: int = Query(default=2, ge=1, le=chat.MAX_PER_CELL),
    seed: int = Query(default=0, ge=0),
) -> StreamingResponse:
    """Server-sent events: ``plan``, one ``cell`` per segment x channel (its checked drafts),
    then ``done`` (or ``failed`` with the error). Drafting runs as a server-side job, started
    here when none runs and cells are left (hence POST, with CSRF for a browser session); the
    stream only reports it, so a client that closes it stops nothing and one that reconnects
    gets the drafted cells replayed."""
    rt = runtime_of(request)
    lifecycle.get_campaign(rt.store, campaign_id)  # 404 not_found before the stream starts
    job = _jobs(request).ensure(rt, campaign_id, n, who.username, seed=seed)
    events = drafting.stream_drafts(rt, campaign_id, job.status)
    return StreamingResponse(
        _sse(events, lang_of(request)),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


@router.post("/briefs/{campaign_id}/refine", response_model=RefinedOut)
def refine(request: Request, campaign_id: str, body: RefineBody, who: Operator) -> dict[str, Any]:
    """A follow-up turn ("短信再短一点"): refined drafts replace the ones they came from."""
    result = chat.refine_campaign(
        runtime_of(request),
        campaign_id,
        body.instruction,
        who.username,
        lang=lang_of(request),
        creative_ids=body.creative_ids,
    )
    return {"ok": True, **result}


@router.patch("/creatives/{creative_id}", response_model=CardEnvelope)
def edit(request: Request, creative_id: str, body: EditBody, who: Operator) -> dict[str, Any]:
    """Edit a draft's field texts; it is re-checked and the edit audited."""
    card = chat.edit_creative(runtime_of(request), creative_id, body.fields, who.username)
    return {"ok": True, "creative": card}


@router.get(
    "/creatives/{creative_id}/banner.png",
    response_class=Response,
    responses={200: {"content": {"image/png": {}}}, **JSON_ERRORS},
)
def banner(request: Request, creative_id: str, who: Anyone, size: str | None = None) -> Response:
    """A PNG preview of the creative's banner (home card and DSP channels)."""
    from huashu.images import BannerRenderer, find_cjk_fonts, get_preset, presets_for

    source = banner_source(runtime_of(request).store, creative_id)
    creative, pack = source.creative, source.pack
    preset = get_preset(creative.channel, size) if size else presets_for(creative.channel)[0]
    renderer: BannerRenderer | None = getattr(request.app.state, "banner_renderer", None)
    if renderer is None:
        renderer = BannerRenderer(find_cjk_fonts())
        request.app.state.banner_renderer = renderer
    image = renderer.render(pack, creative, preset).image
    image.thumbnail((preset.width // 2, preset.height // 2))
    import io

    out = io.BytesIO()
    image.convert("RGB").save(out, "PNG", optimize=False)
    return Response(
        out.getvalue(), media_type="image/png", headers={"Cache-Control": "private, max-age=60"}
    )
