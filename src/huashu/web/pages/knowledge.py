"""知识库 page: a brand's knowledge base read per segment, in words: what to use and what to
avoid, a chart of lifts and intervals, search and paging over segments, and what changed since
the version before."""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from huashu.domain import BrandPack, InputError
from huashu.learn.store import KBRegistry, KBSnapshotInfo
from huashu.services import brands as brand_service
from huashu.store import Store
from huashu.web.auth import Anyone
from huashu.web.backends import store_of
from huashu.web.i18n import lang_of
from huashu.web.kb_view import (
    SegmentView,
    changes,
    count_text,
    level_text,
    phrase_texts,
    segment_name,
    segment_view,
)
from huashu.web.pages import render

router = APIRouter(include_in_schema=False)

#: segments per page: the default and the range ``per`` is held to
PER_PAGE = 10
PER_PAGE_RANGE = (5, 50)


def _brand(store: Store, brand_id: str) -> tuple[BrandPack | None, dict[str, str]]:
    """The brand's pack (None when the store no longer has it) and segment names by key."""
    if not brand_id:
        return None, {}
    try:
        found = brand_service.brand_segments(store, brand_id)
    except InputError:
        return None, {}
    return found.pack, found.names


def _brand_names(store: Store) -> dict[str, str]:
    return {str(b["id"]): str(b["name"]) for b in brand_service.list_brands(store)}


def _cadence(seconds: float, lang: str) -> str:
    """How often ``serve`` learns, in words: 每 10 分钟 / every 10 minutes ('' when off)."""
    if seconds <= 0:
        return ""
    if seconds >= 60 and seconds % 60 == 0:
        n = int(seconds // 60)
        return f"每 {n} 分钟" if lang == "zh" else f"every {n} minute{'s' * (n != 1)}"
    return f"每 {seconds:g} 秒" if lang == "zh" else f"every {seconds:g} seconds"


def _when(info: KBSnapshotInfo) -> str:
    return info.created_at.astimezone().strftime("%Y-%m-%d %H:%M")


@router.get("/kb")
def kb_page(
    request: Request,
    who: Anyone,
    brand: str | None = None,
    snapshot: str | None = None,
    base: str | None = None,
    q: str = "",
    segment: str | None = None,
    page: int = 1,
    per: int = PER_PAGE,
) -> HTMLResponse:
    """A brand's knowledge base (the brand of the newest version by default, its latest
    version by default): segments matching ``q`` by traffic, ``per`` a page; the selected
    ``segment`` (display name) with its 用 / 少用 lists, chart and changes since ``base`` (the
    version before by default)."""
    store = store_of(request)
    settings = request.app.state.settings
    lang = lang_of(request)
    registry = KBRegistry.for_settings(settings)
    everything = registry.list()
    brand_ids = sorted({s.brand_id for s in everything})
    if brand not in brand_ids:
        brand = everything[-1].brand_id if everything else None
    known = _brand_names(store)
    brands = [{"id": b, "name": known.get(b, b)} for b in brand_ids]
    saved = registry.list(brand) if brand is not None else []
    common: dict[str, Any] = {
        "brands": brands,
        "brand": brand,
        "brand_name": known.get(brand or "", brand or ""),
        "versions": [
            {"id": s.snapshot_id, "when": _when(s), "segments": s.segments} for s in reversed(saved)
        ],
        "cadence": _cadence(settings.kb_distill_seconds, lang),
    }
    if not saved:
        return render(request, "kb.html", who, "kb", kb=None, **common)

    kb = registry.load(snapshot or "latest", brand)
    info = next((s for s in saved if s.snapshot_id == kb.snapshot_id), saved[-1])
    pack, brand_segments = _brand(store, brand or "")
    phrases = phrase_texts(pack)
    names = {**brand_segments, **registry.names(kb.snapshot_id)}
    keys = kb.segments()
    named = {k: segment_name(k, names, i, lang) for i, k in enumerate(keys)}
    term = q.strip()
    views = {k: segment_view(kb, k, named[k], phrases, lang, term) for k in keys}
    # a term that names segments picks those; otherwise the segments whose wording has it
    shown = [k for k in keys if term.casefold() in named[k].casefold()]
    if term and not shown:
        shown = [k for k in keys if views[k].found]
    shown.sort(key=lambda k: (-views[k].impressions, named[k]))

    per = min(max(per, PER_PAGE_RANGE[0]), PER_PAGE_RANGE[1])
    pages = max(1, math.ceil(len(shown) / per))
    picked = next((k for k in shown if segment in (k, named[k])), None)
    if picked is not None and segment is not None and "page" not in request.query_params:
        page = shown.index(picked) // per + 1
    page = min(max(page, 1), pages)
    on_page = shown[(page - 1) * per : page * per]
    if picked not in on_page:
        picked = on_page[0] if on_page else None

    def href(**change: Any) -> str:
        params: dict[str, Any] = {
            "brand": brand if len(brand_ids) > 1 else None,
            "snapshot": snapshot,
            "base": base,
            "q": term or None,
            "page": page if page > 1 else None,
            "per": per if per != PER_PAGE else None,
        }
        params.update(change)
        query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
        return f"/kb?{query}" if query else "/kb"

    detail: SegmentView | None = None
    base_info: KBSnapshotInfo | None = None
    if picked is not None:
        detail = views[picked]
        ids = [s.snapshot_id for s in saved]
        at = ids.index(kb.snapshot_id) if kb.snapshot_id in ids else len(ids) - 1
        base_id = base or (ids[at - 1] if at > 0 else None)
        if base_id is not None:
            older = registry.load(base_id)
            base_info = next((s for s in saved if s.snapshot_id == older.snapshot_id), None)
            detail.changes = changes(older, kb, picked, phrases, lang)

    trained = dict(info.trained_on)
    return render(
        request,
        "kb.html",
        who,
        "kb",
        kb=kb,
        info={
            "id": kb.snapshot_id,
            "when": _when(info),
            "creatives": count_text(trained["creatives"], lang) if "creatives" in trained else "",
            "impressions": count_text(trained.get("impressions", 0), lang),
            "clicks": count_text(trained.get("clicks", 0), lang),
            "trained": bool(trained),
        },
        base_when=_when(base_info) if base_info is not None else "",
        level=level_text(kb.level),
        min_support=count_text(kb.min_support, lang),
        q=term,
        total=len(keys),
        listed=[
            {
                "name": named[k],
                "impressions": views[k].impressions_text,
                "use": len(views[k].use),
                "avoid": len(views[k].avoid),
                "top": views[k].use[0].text if views[k].use else "",
                "found": len(views[k].found),
                "href": href(segment=named[k]) + "#kb-detail",
                "current": k == picked,
            }
            for k in on_page
        ],
        matched=len(shown),
        page=page,
        pages=pages,
        prev_href=href(page=page - 1) if page > 1 else "",
        next_href=href(page=page + 1) if page < pages else "",
        clear_href=href(q=None, page=None),
        detail=detail,
        snapshot=snapshot or "",
        per=per,
        per_default=PER_PAGE,
        **common,
    )
