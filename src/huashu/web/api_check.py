"""JSON API for the compliance engine: check a text or a creative, optionally auto-fix."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["compliance"])
