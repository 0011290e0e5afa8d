"""Pieces of the session, login, duty and concurrency attack tests: settings over a store on
SQLite or PostgreSQL (a schema of its own) with the rural-bank brand, a campaign with checked
drafts, users with passwords, and logins from a chosen client address.

The server runs on loopback, where uvicorn trusts ``X-Forwarded-For`` (its default
``forwarded_allow_ips`` is 127.0.0.1, as for a reverse proxy on the same host), so a test picks
the address a login comes from the way a proxy would report it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any, TypeVar

import httpx
from tests.backends import BACKENDS as BACKENDS
from tests.backends import backend_store
from tests.campaigns import drafted
from tests.loopback import run_asgi

from huashu.brand.loader import load_brand_pack
from huashu.config import Settings
from huashu.runtime import Runtime
from huashu.store import credentials, open_store, repos
from huashu.web import create_app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
BRAND_FILE = EXAMPLES / "rural_bank.yaml"
T = TypeVar("T")
PASSWORD = "correct-horse-battery"
#: quiet servers: no background loops.
QUIET: dict[str, Any] = {
    "snapshot_rebuild_seconds": 0,
    "outbox_interval_seconds": 0,
    "kb_distill_seconds": 0,
}


@contextmanager
def backend_settings(backend: str, tmp_path: Path, **extra: Any) -> Iterator[Settings]:
    """Settings of a server whose operational store is a migrated, empty store on
    ``backend`` holding the rural-bank brand (PostgreSQL is skipped without its URL)."""
    with backend_store(backend, tmp_path) as store:
        store.upgrade()
        with store.session() as s:
            repos.save_brand(s, load_brand_pack(BRAND_FILE), BRAND_FILE.read_text("utf-8"))
        url = store.engine.url.render_as_string(hide_password=False)
        yield Settings(data_dir=tmp_path / "data", database_url=url, **{**QUIET, **extra})


def add_user(settings: Settings, username: str, role: str, password: str = PASSWORD) -> str:
    """Create the user with a password; return a fresh API token of it (the operational
    store only, so a running server may hold the event store)."""
    store = open_store(settings.resolved_database_url)
    try:
        with store.session() as s:
            repos.ensure_user(s, username, role)
            credentials.set_password(s, username, password, actor="test")
            return credentials.create_token(s, username, "tests", actor="test")[1]
    finally:
        store.close()


def drafted_campaign(settings: Settings, author: str = "operator-user") -> str:
    """A campaign briefed by ``author`` with checked drafts (2 segments x 2 channels x 2)."""
    with Runtime.open(settings) as rt:
        pack = load_brand_pack(BRAND_FILE)
        plan, _ = drafted(rt, pack, BRAND_FILE.read_text("utf-8"), author)
    return plan.campaign_id


def login(
    base: str, username: str, password: str = PASSWORD, address: str = "10.0.0.1"
) -> httpx.Response:
    """One password login from ``address``, in a client of its own (its own cookie jar)."""
    with httpx.Client(base_url=base, timeout=60) as client:
        return client.post(
            "/api/v1/auth/login",
            json={"username": username, "password": password},
            headers={"X-Forwarded-For": address},
        )


@contextmanager
def browser(
    base: str, username: str, password: str = PASSWORD
) -> Iterator[tuple[httpx.Client, str]]:
    """A cookie-authenticated client (a browser's web login) and its CSRF token."""
    with httpx.Client(base_url=base, timeout=60) as client:
        answer = client.post(
            "/api/v1/auth/login", json={"username": username, "password": password}
        )
        assert answer.status_code == 200, answer.text
        yield client, str(answer.json()["csrf_token"])


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def error(response: httpx.Response) -> dict[str, Any]:
    """The JSON error envelope's ``error`` of a refused request."""
    found: dict[str, Any] = response.json()["error"]
    return found


@contextmanager
def served(settings: Settings, *tokens: str) -> Iterator[list[httpx.Client]]:
    """A live server of ``create_app(settings)`` and one client per API token."""
    with run_asgi(create_app(settings)) as base, ExitStack() as stack:
        yield [
            stack.enter_context(httpx.Client(base_url=base, timeout=60, headers=bearer(t)))
            for t in tokens
        ]


def together(n: int, call: Callable[[int], T]) -> list[T]:
    """``call(0..n-1)`` from n threads released at the same moment."""
    gate = threading.Barrier(n)

    def run(i: int) -> T:
        gate.wait()
        return call(i)

    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(run, range(n)))
