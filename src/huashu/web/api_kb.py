"""JSON API for the knowledge base: saved snapshots (optionally one brand's), one snapshot's
entries (optionally one segment), the diff between two snapshots, and a distillation now.
Snapshots are read from ``<data_dir>/kb/``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request

from huashu.learn.store import (
    KBRegistry,
    diff,
    diff_markdown,
    select_segments,
    snapshot_document,
)
from huashu.services.knowledge import distill_all, distill_brand
from huashu.web.auth import ALL_ROLES, OPERATE, allow
from huashu.web.backends import runtime_of
from huashu.web.schemas_kb import DiffOut, SnapshotOut, SnapshotsOut, VersionsOut

router = APIRouter(tags=["kb"])


def _registry(request: Request) -> KBRegistry:
    return KBRegistry.for_settings(request.app.state.settings)


BrandQuery = Query(
    default=None, description="Brand id: only its versions ('latest'/'previous' among them)."
)


@router.get("/kb/snapshots", response_model=SnapshotsOut, dependencies=[allow(ALL_ROLES)])
def snapshots(request: Request, brand: str | None = BrandQuery) -> dict[str, Any]:
    """Every saved snapshot (of ``brand`` when given), oldest first."""
    return {"ok": True, "snapshots": [s.to_dict() for s in _registry(request).list(brand)]}


@router.post("/kb/distill", response_model=VersionsOut, dependencies=[allow(OPERATE)])
def distill_now(request: Request, brand: str | None = BrandQuery) -> dict[str, Any]:
    """Re-distil ``brand``'s knowledge base (or every brand's with outcomes) from the event
    store now; a new version is saved only when outcomes or creatives changed."""
    rt = runtime_of(request)
    versions = [distill_brand(rt, brand)] if brand is not None else distill_all(rt)
    return {"ok": True, "versions": [v.to_dict() for v in versions]}


@router.get(
    "/kb/snapshots/{snapshot_id}", response_model=SnapshotOut, dependencies=[allow(ALL_ROLES)]
)
def snapshot(
    request: Request,
    snapshot_id: str,
    segment: str | None = Query(
        default=None, description="Segment key, display name, or one label of it."
    ),
    brand: str | None = BrandQuery,
) -> dict[str, Any]:
    """One snapshot (``latest``/``previous`` accepted) with its entries per segment."""
    registry = _registry(request)
    kb = registry.load(snapshot_id, brand)
    names = registry.names(kb.snapshot_id)
    keys = kb.segments()
    if segment is not None:
        keys = select_segments(keys, names, segment)
    return {"ok": True, **snapshot_document(kb, names, keys)}


@router.get("/kb/diff", response_model=DiffOut, dependencies=[allow(ALL_ROLES)])
def kb_diff(
    request: Request,
    a: str = Query(description="Older snapshot id ('latest'/'previous' accepted)."),
    b: str = Query(description="Newer snapshot id ('latest'/'previous' accepted)."),
    min_delta: float = Query(default=0.0, ge=0.0),
    brand: str | None = BrandQuery,
) -> dict[str, Any]:
    """Added, removed and changed entries from snapshot ``a`` to snapshot ``b``."""
    registry = _registry(request)
    kb_a, kb_b = registry.load(a, brand), registry.load(b, brand)
    names = {**registry.names(kb_a.snapshot_id), **registry.names(kb_b.snapshot_id)}
    changes = diff(kb_a, kb_b, names=names, min_delta=min_delta)
    return {
        "ok": True,
        "a": kb_a.snapshot_id,
        "b": kb_b.snapshot_id,
        "changes": [c.to_dict() for c in changes],
        "markdown": diff_markdown(kb_a, kb_b, changes),
    }
