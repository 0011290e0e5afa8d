"""JSON API and dashboard for analytics: growth metrics, unit economics, attribution, charts,
and CSV imports of signups, actions and costs (the same service the CLI uses)."""

from __future__ import annotations

import hashlib
import html
import io
from typing import Any, Literal

import pandas as pd
from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from huashu.analytics.service import CHARTS, DEFAULT_STEPS, Metrics, records, version_of
from huashu.domain import InputError
from huashu.web.auth import ALL_ROLES, OPERATE, allow
from huashu.web.data_view import slice_names
from huashu.web.schemas_common import JSON_ERRORS
from huashu.web.schemas_metrics import AttributionOut, ImportedOut, RowsOut

router = APIRouter(tags=["analytics"])

_MEDIA = {"png": "image/png", "svg": "image/svg+xml"}


def metrics_of(request: Request) -> Metrics:
    """The app's metrics service (its aggregates kept per event-store state, see
    :mod:`huashu.analytics.cache`)."""
    metrics: Metrics = request.app.state.metrics
    return metrics


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _ints(text: str) -> list[int]:
    try:
        return [int(part) for part in _split(text)]
    except ValueError as err:
        raise InputError(
            f"expected comma-separated integers, got {text!r}",
            message_zh=f"应为逗号分隔的整数，收到 {text!r}",
            code="bad_integers",
        ) from err


@router.get("/metrics/new-users", response_model=RowsOut, dependencies=[allow(ALL_ROLES)])
def new_users(
    request: Request, by: str | None = None, period: Literal["day", "week"] = "day"
) -> dict[str, Any]:
    return {"ok": True, "rows": records(metrics_of(request).new_users(by=by, period=period))}


@router.get("/metrics/retention", response_model=RowsOut, dependencies=[allow(ALL_ROLES)])
def retention(
    request: Request, days: str = "1,7,30", by: str | None = None, as_of: str | None = None
) -> dict[str, Any]:
    frame = metrics_of(request).retention(days=_ints(days), by=by, as_of=as_of)
    return {"ok": True, "rows": records(frame)}


@router.get("/metrics/cohorts", response_model=RowsOut, dependencies=[allow(ALL_ROLES)])
def cohorts(
    request: Request, period: Literal["day", "week"] = "week", max_offset: int = 8
) -> dict[str, Any]:
    frame = metrics_of(request).cohorts(period=period, max_offset=max_offset)
    return {"ok": True, "rows": records(frame)}


@router.get("/metrics/funnel", response_model=RowsOut, dependencies=[allow(ALL_ROLES)])
def funnel(
    request: Request,
    steps: str = ",".join(DEFAULT_STEPS),
    by: str | None = None,
    within_days: float | None = None,
) -> dict[str, Any]:
    frame = metrics_of(request).funnel(_split(steps), by=by, within_days=within_days)
    return {"ok": True, "rows": records(frame)}


@router.get("/metrics/roi", response_model=RowsOut, dependencies=[allow(ALL_ROLES)])
def roi(request: Request, by: str | None = "channel") -> dict[str, Any]:
    return {"ok": True, "rows": records(metrics_of(request).economics(by=by))}


@router.get("/metrics/attribution", response_model=AttributionOut, dependencies=[allow(ALL_ROLES)])
def attribution(
    request: Request, key: str = "channel", orders: str = "1", half_life: float = 7.0
) -> dict[str, Any]:
    result, unattributed = metrics_of(request).attribution(
        key=key, orders=_ints(orders), half_life=half_life
    )
    return {
        "ok": True,
        "conversions": records(result.conversions.reset_index()),
        "value": records(result.value.reset_index()),
        "removal_effects": records(result.removal_effects.reset_index()),
        "conversion_probability": {str(k): v for k, v in result.conversion_probability.items()},
        "total_conversions": result.total_conversions,
        "total_value": result.total_value,
        "paths": result.paths,
        "unique_paths": result.unique_paths,
        "unattributed_conversions": unattributed,
    }


@router.get(
    "/metrics/charts/{name}.{fmt}",
    response_class=Response,
    responses={
        200: {"content": {"image/png": {}, "image/svg+xml": {}}, "description": "The chart"},
        304: {"description": "Unchanged since the image whose ETag came in If-None-Match"},
        **JSON_ERRORS,
    },
    dependencies=[allow(ALL_ROLES)],
)
def chart(
    request: Request,
    name: str,
    fmt: str,
    by: str | None = None,
    lang: Literal["zh", "en"] | None = None,
    v: str | None = None,
) -> Response:
    """A chart in ``lang`` (default: the ``lang`` setting). A chart with nothing to show (no
    costs, no journeys) is still an image that says why. ``v`` is ignored (the page puts the
    data version there so browsers never reuse an older image); the ETag is that of the data
    state the image was drawn on (while a newer one is drawn in the background, the older
    image keeps its older ETag), and a matching ``If-None-Match`` gets 304."""
    if fmt not in _MEDIA:
        raise InputError(
            f"chart format must be png or svg, got {fmt}",
            message_zh=f"图表格式应为 png 或 svg，收到 {fmt}",
            code="bad_chart_format",
        )
    metrics = metrics_of(request)
    lang = lang or ("en" if request.app.state.settings.lang == "en" else "zh")
    kept = metrics.chart_kept(
        name, "svg" if fmt == "svg" else "png", lang=lang, names=slice_names(lang), by=by
    )
    key = f"{version_of(kept.state)}|{name}|{fmt}|{by}|{lang}"
    etag = '"' + hashlib.sha256(key.encode()).hexdigest()[:24] + '"'
    headers = {"ETag": etag, "Cache-Control": "private, no-cache"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(content=kept.get(), media_type=_MEDIA[fmt], headers=headers)


@router.post("/metrics/import/{table}", response_model=ImportedOut, dependencies=[allow(OPERATE)])
async def import_csv(request: Request, table: str) -> dict[str, Any]:
    """Body: the CSV text (formats in docs/analytics.md). Operators and admins: importing
    writes the event store, and analysts only read."""
    body = (await request.body()).decode("utf-8-sig")
    try:
        frame = pd.read_csv(io.StringIO(body), dtype=str, keep_default_na=False)
    except (ValueError, pd.errors.ParserError) as err:
        raise InputError(
            f"cannot read CSV: {err}", message_zh=f"无法读取 CSV：{err}", code="bad_file"
        ) from err
    result = metrics_of(request).import_frame(table, frame)
    return {
        "ok": True,
        "table": table,
        "inserted": result.inserted,
        "duplicates": result.duplicates,
        "rejected": result.rejected,
    }


@router.get(
    "/metrics/dashboard",
    response_class=HTMLResponse,
    responses=JSON_ERRORS,
    dependencies=[allow(ALL_ROLES)],
)
def dashboard(request: Request, by: str = "channel") -> HTMLResponse:
    """The analytics dashboard: the ROI table and the four charts (SVG)."""
    lang = request.app.state.settings.lang
    frame = metrics_of(request).economics(by=by)
    table = frame.to_html(index=False, float_format=lambda v: f"{v:.4g}", na_rep="-")
    title = "增长与归因看板" if lang == "zh" else "Growth and attribution"
    images = "".join(
        f'<figure><img src="charts/{name}.svg?by={html.escape(by)}" alt="{name}"></figure>'
        for name in CHARTS
    )
    page = (
        f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title>"
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}"
        "img{max-width:100%}</style></head>"
        f"<body><h1>{title}</h1>{table}{images}</body></html>"
    )
    return HTMLResponse(page)
