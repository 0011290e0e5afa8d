"""JSON API for the knowledge base: saved snapshots, one snapshot's entries (optionally one
segment), and the diff between two snapshots. Snapshots are read from ``<data_dir>/kb/``."""

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
from huashu.web.auth import ALL_ROLES, allow

router = APIRouter(tags=["kb"])


def _registry(request: Request) -> KBRegistry:
    return KBRegistry.for_settings(request.app.state.settings)


@router.get("/kb/snapshots", dependencies=[allow(ALL_ROLES)])
def snapshots(request: Request) -> dict[str, Any]:
    """Every saved snapshot, oldest first."""
    return {"ok": True, "snapshots": [s.to_dict() for s in _registry(request).list()]}


@router.get("/kb/snapshots/{snapshot_id}", dependencies=[allow(ALL_ROLES)])
def snapshot(
    request: Request,
    snapshot_id: str,
    segment: str | None = Query(
        default=None, description="Segment key, display name, or one label of it."
    ),
) -> dict[str, Any]:
    """One snapshot (``latest``/``previous`` accepted) with its entries per segment."""
    registry = _registry(request)
    kb = registry.load(snapshot_id)
    names = registry.names(kb.snapshot_id)
    keys = kb.segments()
    if segment is not None:
        keys = select_segments(keys, names, segment)
    return {"ok": True, **snapshot_document(kb, names, keys)}


@router.get("/kb/diff", dependencies=[allow(ALL_ROLES)])
def kb_diff(
    request: Request,
    a: str = Query(description="Older snapshot id ('latest'/'previous' accepted)."),
    b: str = Query(description="Newer snapshot id ('latest'/'previous' accepted)."),
    min_delta: float = Query(default=0.0, ge=0.0),
) -> dict[str, Any]:
    """Added, removed and changed entries from snapshot ``a`` to snapshot ``b``."""
    registry = _registry(request)
    kb_a, kb_b = registry.load(a), registry.load(b)
    names = {**registry.names(kb_a.snapshot_id), **registry.names(kb_b.snapshot_id)}
    changes = diff(kb_a, kb_b, names=names, min_delta=min_delta)
    return {
        "ok": True,
        "a": kb_a.snapshot_id,
        "b": kb_b.snapshot_id,
        "changes": [c.to_dict() for c in changes],
        "markdown": diff_markdown(kb_a, kb_b, changes),
    }
