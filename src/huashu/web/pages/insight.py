"""知识库 (knowledge base: per-segment phrase lift with intervals, the diff between two
snapshots) and 数据 (growth metrics and attribution) pages."""

from __future__ import annotations

from typing import Any

import pandas as pd
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from huashu.analytics.service import CHARTS, Metrics
from huashu.domain import InputError
from huashu.learn.store import KBRegistry, diff, snapshot_document
from huashu.web.auth import Anyone
from huashu.web.pages import render

router = APIRouter(include_in_schema=False)


@router.get("/kb")
def kb_page(
    request: Request,
    who: Anyone,
    snapshot: str | None = None,
    base: str | None = None,
    brand: str | None = None,
) -> HTMLResponse:
    """A brand's snapshot entries per segment (its latest by default; the brand of the newest
    snapshot by default) and its diff against ``base`` (the snapshot before it by default)."""
    registry = KBRegistry.for_settings(request.app.state.settings)
    everything = registry.list()
    brands = sorted({s.brand_id for s in everything})
    if brand not in brands:
        brand = everything[-1].brand_id if everything else None
    saved = registry.list(brand) if brand is not None else []
    doc: dict[str, Any] | None = None
    changes: list[dict[str, Any]] = []
    base_id = None
    if saved:
        kb = registry.load(snapshot or "latest", brand)
        names = registry.names(kb.snapshot_id)
        doc = snapshot_document(kb, names, kb.segments())
        ids = [s.snapshot_id for s in saved]
        at = ids.index(kb.snapshot_id) if kb.snapshot_id in ids else len(ids) - 1
        base_id = base or (ids[at - 1] if at > 0 else None)
        if base_id is not None:
            older = registry.load(base_id)
            merged = {**registry.names(older.snapshot_id), **names}
            changes = [c.to_dict() for c in diff(older, kb, names=merged)]
    return render(
        request,
        "kb.html",
        who,
        "kb",
        saved=[s.to_dict() for s in saved],
        brands=brands,
        brand=brand,
        doc=doc,
        base_id=base_id,
        changes=changes,
    )


@router.get("/data")
def data_page(request: Request, who: Anyone, by: str = "channel") -> HTMLResponse:
    """Unit economics per ``by`` and the cohort, funnel, ROI and attribution charts."""
    metrics = Metrics(request.app.state.runtime.events)
    table: list[dict[str, Any]] = []
    columns: list[str] = []
    error = ""
    try:
        frame: pd.DataFrame = metrics.economics(by=by)
        columns = [str(c) for c in frame.columns]
        table = [
            {
                c: ("-" if pd.isna(v) else f"{v:,.4g}" if isinstance(v, float) else v)
                for c, v in row.items()
            }
            for row in frame.to_dict(orient="records")
        ]
    except InputError as err:
        error = err.localized(request.app.state.settings.lang)
    return render(
        request,
        "data.html",
        who,
        "data",
        by=by,
        columns=columns,
        table=table,
        charts=CHARTS if table else (),
        error=error,
    )
