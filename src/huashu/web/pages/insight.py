"""数据 (growth metrics and attribution) page; 知识库 is in ``knowledge.py``."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from huashu.analytics.labels import slice_word
from huashu.analytics.service import newest_of, version_of
from huashu.domain import InputError
from huashu.services.brands import segment_names
from huashu.web import data_view
from huashu.web.api_metrics import metrics_of
from huashu.web.auth import Anyone
from huashu.web.backends import store_of
from huashu.web.i18n import lang_of, translator
from huashu.web.pages import render

router = APIRouter(include_in_schema=False)


@router.get("/data")
def data_page(request: Request, who: Anyone, by: str = "channel") -> HTMLResponse:
    """Unit economics per ``by`` and the cohort, funnel, ROI and attribution charts, from the
    kept aggregates (the charts load as images after the page). After new events the figures
    last computed are shown at once, at most ``analytics_max_stale_seconds`` old, while newer
    ones are computed in the background; the page says when its figures were computed."""
    metrics = metrics_of(request)
    lang = lang_of(request)
    t = translator(lang)
    newest = version = computed = ""
    updating = False
    columns: list[data_view.Column] = []
    rows: list[list[data_view.Cell]] = []
    error = ""
    segments: dict[str, str] = {}
    if by == "segment_key":
        segments = segment_names(store_of(request))
    try:
        if by not in data_view.BY_OPTIONS:  # said with the slices' names, not their keys
            words = [slice_word(key, lang) for key in data_view.BY_OPTIONS]
            sep = "、" if lang == "zh" else ", "
            error = data_view.text("bad_by", lang, by=by, options=sep.join(words))
            newest = metrics.as_of()
        else:
            kept = metrics.economics_kept(by=by)
            newest, version = newest_of(kept.state), version_of(kept.state)
            when = kept.computed_at.astimezone().strftime("%H:%M:%S")
            computed = t["data.computed"].format(when=when)
            updating = kept.fresh is not True
            columns, rows = data_view.economics_table(kept.get(), by, lang, segments)
    except InputError as err:
        error = err.localized(lang)
    return render(
        request,
        "data.html",
        who,
        "data",
        by=by,
        options=[
            (key, data_view.text("by.option", lang, slice=slice_word(key, lang)))
            for key in data_view.BY_OPTIONS
        ],
        columns=columns,
        rows=rows,
        charts=data_view.chart_list(by, lang, version) if rows else [],
        as_of=data_view.text("as_of", lang, when=newest) if newest else "",
        computed=computed,
        updating=t["data.updating"] if updating else "",
        no_cost_slice=by == "segment_key" and bool(rows),
        words={
            key: data_view.text(key, lang)
            for key in ("by", "economics", "hint", "no_cost_slice", "swipe", "zoom")
        },
        error=error,
    )
