"""JSON API of the chat: brand packs, a brief -> plan, the drafts streamed as server-sent
events, follow-up refinement turns, inline edits and banner previews of a creative."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from huashu.brand.loader import load_brand_pack
from huashu.domain import InputError
from huashu.runtime import Runtime
from huashu.services import chat
from huashu.store import repos
from huashu.web.auth import Admin, Anyone, Operator

router = APIRouter(tags=["chat"])


class BrandBody(BaseModel):
    #: the brand pack's YAML text (see examples/*.yaml).
    yaml: str = Field(min_length=1, max_length=2_000_000)


class BriefBody(BaseModel):
    brand_id: str = Field(min_length=1, max_length=200)
    text: str = Field(min_length=1, max_length=2000)
    n: int = Field(default=2, ge=1, le=chat.MAX_PER_CELL)


class RefineBody(BaseModel):
    instruction: str = Field(min_length=1, max_length=2000)


class EditBody(BaseModel):
    fields: dict[str, str] = Field(min_length=1)


def _rt(request: Request) -> Runtime:
    rt: Runtime = request.app.state.runtime
    return rt


def load_brand_text(rt: Runtime, text: str, actor: str) -> dict[str, Any]:
    """Validate a brand pack's YAML (the same checks as the CLI) and save it in the store."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "brand.yaml"
        path.write_text(text, encoding="utf-8")
        pack = load_brand_pack(path)
    with rt.store.session() as s:
        repos.save_brand(s, pack, text)
        repos.audit(s, actor, "brand.load", "brand", pack.id, {"name": pack.brand.name})
    return {"id": pack.id, "name": pack.brand.name, "channels": list(pack.channels)}


@router.get("/brands")
def brands(request: Request, who: Anyone) -> dict[str, Any]:
    with _rt(request).store.session() as s:
        return {"ok": True, "brands": repos.list_brands(s)}


@router.post("/brands")
def load_brand(request: Request, body: BrandBody, who: Admin) -> dict[str, Any]:
    """Load (or replace) a brand pack from its YAML text."""
    return {"ok": True, "brand": load_brand_text(_rt(request), body.yaml, who.username)}


@router.post("/briefs")
def brief(request: Request, body: BriefBody, who: Operator) -> dict[str, Any]:
    """File a campaign for the brief and return its plan; drafts come from ``stream_url``."""
    plan = chat.plan_brief(_rt(request), body.brand_id, body.text, body.n, who.username)
    return {"ok": True, "plan": plan}


@router.get("/briefs/{campaign_id}")
def brief_state(request: Request, campaign_id: str, who: Anyone) -> dict[str, Any]:
    """The plan and every visible creative of the campaign, as the chat grid shows them."""
    rt = _rt(request)
    plan = chat.plan_of(rt, campaign_id, 0)
    _, cards = chat.campaign_cards(rt, campaign_id)
    return {"ok": True, "plan": plan, "creatives": cards}


def _sse(events: Iterator[dict[str, Any]], lang: str) -> Iterator[str]:
    try:
        for event in events:
            name = event.pop("event")
            yield f"event: {name}\ndata: {json.dumps(event, ensure_ascii=False)}\n\n"
    except InputError as err:
        payload = {"code": err.code, "message": err.localized(lang)}
        yield f"event: failed\ndata: {json.dumps(payload, ensure_ascii=False)}\n\n"


@router.get(
    "/briefs/{campaign_id}/stream",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}}},
)
def stream(
    request: Request,
    campaign_id: str,
    who: Operator,
    n: int = Query(default=2, ge=1, le=chat.MAX_PER_CELL),
    seed: int = Query(default=0, ge=0),
) -> StreamingResponse:
    """Server-sent events: ``plan``, one ``cell`` per segment x channel (its checked drafts),
    then ``done`` (or ``failed`` with the error)."""
    rt = _rt(request)
    with rt.store.session() as s:
        repos.get_campaign(s, campaign_id)  # 400 not_found before the stream starts
    events = chat.stream_drafts(rt, campaign_id, n, who.username, seed=seed)
    return StreamingResponse(
        _sse(events, rt.settings.lang),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


@router.post("/briefs/{campaign_id}/refine")
def refine(request: Request, campaign_id: str, body: RefineBody, who: Operator) -> dict[str, Any]:
    """A follow-up turn ("短信再短一点"): refined drafts replace the ones they came from."""
    result = chat.refine_campaign(_rt(request), campaign_id, body.instruction, who.username)
    return {"ok": True, **result}


@router.patch("/creatives/{creative_id}")
def edit(request: Request, creative_id: str, body: EditBody, who: Operator) -> dict[str, Any]:
    """Edit a draft's field texts; it is re-checked and the edit audited."""
    card = chat.edit_creative(_rt(request), creative_id, body.fields, who.username)
    return {"ok": True, "creative": card}


@router.get(
    "/creatives/{creative_id}/banner.png",
    response_class=Response,
    responses={200: {"content": {"image/png": {}}}},
)
def banner(request: Request, creative_id: str, who: Anyone, size: str | None = None) -> Response:
    """A PNG preview of the creative's banner (home card and DSP channels)."""
    from huashu.images import BannerRenderer, find_cjk_fonts, get_preset, presets_for

    rt = _rt(request)
    with rt.store.session() as s:
        creative = repos.get_creative(s, creative_id)
        pack = repos.get_brand_pack(s, creative.brand_id)
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
