"""投放 (delivery): campaigns with their controls (tasks, start, pause, resume) and a warning
naming the channels that no delivery target takes (start then asks to confirm), the live
allocation and click-rate posterior per segment x channel x creative from the latest policy
snapshot (burn-in arms marked), and the allocation over the last snapshots as charts. The page
re-reads its live part every few seconds; ``/api/v1/delivery/state`` serves the same data."""

from __future__ import annotations

from typing import Any

import numpy as np
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from huashu.audience.segments import cross_segments
from huashu.channels import builtin_channels
from huashu.delivery import PolicySnapshot
from huashu.domain import InputError
from huashu.runtime import Runtime
from huashu.services.delivery import registry_for
from huashu.store import repos
from huashu.store.models import CreativeRow
from huashu.web.auth import Anyone
from huashu.web.i18n import channel_name, lang_of
from huashu.web.pages import fragment, render
from huashu.web.schemas_delivery import DeliveryStateOut
from huashu.workflow.lifecycle import missing_targets, never_started

router = APIRouter()
HISTORY = 30
COLORS = ("#2f6fed", "#e8702a", "#1aa179", "#c2418b", "#8a63d2", "#b8a21a", "#5a7387")


def _rt(request: Request) -> Runtime:
    rt: Runtime = request.app.state.runtime
    return rt


def posterior(clicks: int, impressions: int, draws: int = 4000) -> tuple[float, float, float]:
    """Mean and central 95% interval of Beta(1 + clicks, 1 + misses), by seeded sampling."""
    a, b = 1 + clicks, 1 + max(impressions - clicks, 0)
    sample = np.random.default_rng(7).beta(a, b, draws)
    low, high = np.quantile(sample, [0.025, 0.975])
    return a / (a + b), float(low), float(high)


def history(rt: Runtime, limit: int = HISTORY) -> list[PolicySnapshot]:
    """The last ``limit`` snapshots saved, oldest first."""
    directory = registry_for(rt).directory
    if not directory.is_dir():
        return []
    files = sorted(directory.glob("*.json"), key=lambda p: p.stat().st_mtime)[-limit:]
    return [PolicySnapshot.from_json(p.read_text("utf-8")) for p in files]


def _chart(series: dict[str, list[float]], width: int = 320, height: int = 90) -> dict[str, Any]:
    """Polyline points (0..1 shares over snapshots) for an inline SVG; no client library."""
    lines = []
    for i, (cid, values) in enumerate(series.items()):
        step = width / max(len(values) - 1, 1)
        points = " ".join(f"{j * step:.1f},{height - v * height:.1f}" for j, v in enumerate(values))
        lines.append({"id": cid, "points": points, "color": COLORS[i % len(COLORS)]})
    return {"width": width, "height": height, "lines": lines}


def _shares(snap: PolicySnapshot) -> dict[tuple[str, str], dict[str, float]]:
    return {
        (g.segment_key, g.channel): dict(zip(g.creative_ids, g.probs, strict=True))
        for g in snap.groups
    }


def segment_names(s: Session) -> dict[str, str]:
    """Display names of every brand's segments: the pack's own, then those plans stored."""
    names: dict[str, str] = {}
    for brand in repos.list_brands(s):
        try:
            pack = repos.get_brand_pack(s, brand["id"])
        except InputError:  # a brand row without a readable pack: its stored segments only
            pack = None
        if pack is not None:
            names.update({seg.key: seg.name for seg in cross_segments(pack)})
        names.update({seg.key: seg.name for seg in repos.get_segments(s, brand["id"])})
    return names


def delivery_state(rt: Runtime) -> dict[str, Any]:
    """Campaigns, the latest snapshot's groups with posterior and burn-in per creative, and
    each group's allocation history."""
    snaps = history(rt)
    latest = registry_for(rt).latest()
    with rt.store.session() as s:
        campaigns = repos.list_campaigns(s)
        missing = missing_targets(s, [c["id"] for c in campaigns])
        fresh = never_started(s, [c["id"] for c in campaigns])
        ids = [c for g in latest.groups for c in g.creative_ids] if latest else []
        rows = {r.id: r for r in s.scalars(select(CreativeRow).where(CreativeRow.id.in_(ids)))}
        names = segment_names(s)
    groups = []
    n_min = int(latest.params.get("n_min", 0)) if latest else 0
    for g in latest.groups if latest else ():
        arms = []
        for cid, imp, clk, prob in zip(
            g.creative_ids, g.impressions, g.clicks, g.probs, strict=True
        ):
            mean, low, high = posterior(clk, imp)
            row = rows.get(cid)
            arms.append(
                {
                    "creative_id": cid,
                    "text": "\n".join(v for v in row.fields.values() if v) if row else "",
                    "status": row.status if row else "",
                    "impressions": imp,
                    "clicks": clk,
                    "allocation": prob,
                    "mean": mean,
                    "low": low,
                    "high": high,
                    "burn_in": imp < n_min,
                    "blocked": cid in latest.blocked if latest else False,
                }
            )
        series: dict[str, list[float]] = {cid: [] for cid in g.creative_ids}
        for snap in snaps:
            alloc = _shares(snap).get((g.segment_key, g.channel), {})
            for cid in series:
                series[cid].append(float(alloc.get(cid, 0.0)))
        groups.append(
            {
                "segment_key": g.segment_key,
                "segment_name": names.get(g.segment_key, g.segment_key),
                "channel": g.channel,
                "arms": arms,
                "chart": _chart(series),
            }
        )
    return {
        "snapshot_id": latest.snapshot_id if latest else None,
        "created_at": latest.created_at.isoformat() if latest else None,
        "n_min": n_min,
        "history": len(snaps),
        "campaigns": campaigns,
        "missing_targets": missing,
        "never_started": sorted(fresh),
        "groups": groups,
    }


@router.get("/api/v1/delivery/state", tags=["delivery"], response_model=DeliveryStateOut)
def state_api(request: Request, who: Anyone) -> dict[str, Any]:
    """What the delivery page shows: campaigns (with ``missing_targets``: campaign id -> the
    channels no active delivery target takes; ``never_started``: paused campaigns that were
    never started, to start rather than resume), allocation, posterior, burn-in, history."""
    state = delivery_state(_rt(request))
    for g in state["groups"]:
        g.pop("chart")
    return {"ok": True, **state}


@router.get("/delivery", include_in_schema=False)
def page(request: Request, who: Anyone, part: str | None = None) -> HTMLResponse:
    """The page, or with ``part=live`` only its live part (what the page's script polls)."""
    state = delivery_state(_rt(request))
    if part == "live":
        return fragment(request, "_live.html", state=state, who=who)
    lang = lang_of(request)
    labels = {name: channel_name(name, lang) for name in builtin_channels()}
    return render(request, "delivery.html", who, "delivery", state=state, labels=labels)
