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

from huashu.channels import builtin_channels
from huashu.delivery import PolicySnapshot
from huashu.runtime import Runtime
from huashu.services.delivery import delivery_board, registry_for
from huashu.web.auth import Anyone
from huashu.web.backends import runtime_of
from huashu.web.i18n import channel_name, lang_of
from huashu.web.pages import fragment, render
from huashu.web.schemas_delivery import DeliveryStateOut

router = APIRouter()
HISTORY = 30
COLORS = ("#2f6fed", "#e8702a", "#1aa179", "#c2418b", "#8a63d2", "#b8a21a", "#5a7387")


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


def delivery_state(rt: Runtime) -> dict[str, Any]:
    """Campaigns, the latest snapshot's groups with posterior and burn-in per creative, and
    each group's allocation history."""
    snaps = history(rt)
    latest = registry_for(rt).latest()
    ids = [c for g in latest.groups for c in g.creative_ids] if latest else []
    board = delivery_board(rt.store, ids)
    rows, names = board.creatives, board.segment_names
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
                    "text": row.text if row else "",
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
        "campaigns": board.campaigns,
        "missing_targets": board.missing_targets,
        "never_started": sorted(board.never_started),
        "groups": groups,
    }


@router.get("/api/v1/delivery/state", tags=["delivery"], response_model=DeliveryStateOut)
def state_api(request: Request, who: Anyone) -> dict[str, Any]:
    """What the delivery page shows: campaigns (with ``missing_targets``: campaign id -> the
    channels no active delivery target takes; ``never_started``: paused campaigns that were
    never started, to start rather than resume), allocation, posterior, burn-in, history."""
    state = delivery_state(runtime_of(request))
    for g in state["groups"]:
        g.pop("chart")
    return {"ok": True, **state}


@router.get("/delivery", include_in_schema=False)
def page(request: Request, who: Anyone, part: str | None = None) -> HTMLResponse:
    """The page, or with ``part=live`` only its live part (what the page's script polls)."""
    state = delivery_state(runtime_of(request))
    if part == "live":
        return fragment(request, "_live.html", state=state, who=who)
    lang = lang_of(request)
    labels = {name: channel_name(name, lang) for name in builtin_channels()}
    return render(request, "delivery.html", who, "delivery", state=state, labels=labels)
