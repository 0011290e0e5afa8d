"""A real uvicorn server on loopback serving ``create_app(settings)``, for HTTP tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from huashu.config import Settings
from huashu.web import create_app
from tests.loopback import run_asgi


@contextmanager
def serve(settings: Settings) -> Iterator[httpx.Client]:
    with run_asgi(create_app(settings)) as base, httpx.Client(base_url=base, timeout=10) as client:
        yield client
