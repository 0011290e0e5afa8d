"""A real uvicorn server on loopback serving ``create_app(settings)``, for HTTP tests.

``serve`` hands back a client that authenticates as a user of the given role (an admin by
default) with a real API token minted in the store; ``mint_token`` makes more.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from huashu.config import Settings
from huashu.store import credentials, open_store, repos
from huashu.web import create_app
from tests.loopback import run_asgi

PASSWORD = "correct-horse-battery"


def mint_token(settings: Settings, role: str, username: str | None = None) -> str:
    """Create (or reuse) the user ``<role>-user`` with a password and return a new token.

    The password is set once: setting it again would end the user's earlier tokens."""
    name = username or f"{role}-user"
    store = open_store(settings.resolved_database_url)
    try:
        store.upgrade()
        with store.session() as s:
            repos.ensure_user(s, name, role)
            user = repos.get_user(s, name)
            if user is None or not user.has_password:
                credentials.set_password(s, name, PASSWORD, actor="test")
            _, token = credentials.create_token(s, name, "tests", actor="test")
    finally:
        store.close()
    return token


@contextmanager
def serve(settings: Settings, role: str | None = "admin") -> Iterator[httpx.Client]:
    """A client of a live server; with ``role=None`` it sends no credentials."""
    headers = {"Authorization": f"Bearer {mint_token(settings, role)}"} if role else {}
    with (
        run_asgi(create_app(settings)) as base,
        httpx.Client(base_url=base, timeout=10, headers=headers) as client,
    ):
        yield client


def start_campaign(settings: Settings, campaign_id: str) -> dict[str, object]:
    """开始投放 as an operator does it: ``POST /api/v1/campaigns/<id>/start`` on a live server,
    confirming the start when some channels have no delivery target (the page's dialog)."""
    with serve(settings, role="operator") as client:
        answer = client.post(f"/api/v1/campaigns/{campaign_id}/start", json={"confirm": True})
    assert answer.status_code == 200, answer.text
    campaign: dict[str, object] = answer.json()["campaign"]
    assert campaign["status"] == "live", campaign
    return campaign
