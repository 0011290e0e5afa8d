"""JSON API for audiences: user import, segment preview/apply, sizes, overlaps, profiles."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["segments"])
