"""Every route has an access rule, and a live server enforces it for every role:
anonymous -> 401, a role the rule leaves out -> 403, an allowed role gets past the check."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.routing import APIRoute

from huashu.config import Settings
from huashu.web import create_app
from huashu.web.auth import ALL_ROLES, Authorize, Public
from tests.web.server import mint_token, serve

ROLES = sorted(ALL_ROLES)


def _rule(route: APIRoute) -> Authorize | Public | None:
    found = [d.call for d in route.dependant.dependencies if isinstance(d.call, Authorize | Public)]
    assert len(found) <= 1, f"{route.path} declares {len(found)} access rules"
    return found[0] if found else None


def _flatten(routes: list[Any], prefix: str = "") -> Iterator[tuple[str, APIRoute]]:
    for route in routes:
        if isinstance(route, APIRoute):
            yield prefix + route.path, route
        elif hasattr(route, "original_router"):  # an included router (FastAPI >= 0.16x)
            inner = prefix + route.include_context.prefix
            yield from _flatten(route.original_router.routes, inner)
        elif hasattr(route, "routes"):  # a plain Mount
            yield from _flatten(route.routes, prefix + getattr(route, "path", ""))


def _routes(settings: Settings) -> list[tuple[str, APIRoute]]:
    return list(_flatten(create_app(settings).routes))


def _concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "x", path).replace("x.x", "x.png")


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(data_dir=Path(tmp_path_factory.mktemp("authz")), snapshot_rebuild_seconds=0)


@pytest.fixture(scope="module")
def live(settings: Settings) -> Iterator[tuple[httpx.Client, dict[str, str]]]:
    tokens = {role: mint_token(settings, role) for role in ROLES}
    with serve(settings, role=None) as client:
        yield client, tokens


def test_every_route_declares_a_rule(settings: Settings) -> None:
    missing = [f"{sorted(r.methods)} {path}" for path, r in _routes(settings) if _rule(r) is None]
    assert missing == []
    public = sorted(path for path, r in _routes(settings) if isinstance(_rule(r), Public))
    assert public == ["/api/v1/auth/login", "/healthz", "/login", "/login"]  # GET + POST form


def _cases(settings: Settings) -> list[tuple[str, str, frozenset[str]]]:
    out = []
    for path, route in _routes(settings):
        rule = _rule(route)
        if isinstance(rule, Authorize):
            for method in sorted(route.methods):
                out.append((method, _concrete(path), rule.roles))
    return out


def test_the_matrix_over_every_route_and_role(
    settings: Settings, live: tuple[httpx.Client, dict[str, str]]
) -> None:
    client, tokens = live
    cases = _cases(settings)
    assert len(cases) >= 40
    wrong: list[str] = []
    for method, path, roles in cases:
        # web pages send browsers without credentials to the login page; the API answers 401
        page = not path.startswith("/api/")
        anonymous = client.request(method, path)
        bogus = client.request(method, path, headers={"Authorization": "Bearer hs_nope"})
        if page:
            for what, got in (("anonymous", anonymous), ("bad token", bogus)):
                if got.status_code != 303 or not got.headers["location"].startswith("/login"):
                    wrong.append(f"{what} {method} {path}: {got.status_code}")
        else:
            if anonymous.status_code != 401 or (
                anonymous.json()["error"]["code"] != "unauthenticated"
            ):
                wrong.append(f"anonymous {method} {path}: {anonymous.status_code}")
            if bogus.status_code != 401:
                wrong.append(f"bad token {method} {path}: {bogus.status_code}")
        for role in ROLES:
            response = client.request(
                method, path, headers={"Authorization": f"Bearer {tokens[role]}"}
            )
            status = response.status_code
            if role in roles and (status in (401, 403) or status >= 500):
                wrong.append(f"{role} {method} {path}: allowed but got {status}")
            refused = status == 403 and (page or response.json()["error"]["code"] == "forbidden")
            if role not in roles and not refused:
                wrong.append(f"{role} {method} {path}: should be 403, got {status}")
    assert wrong == []


def _login(client: httpx.Client, username: str, password: str) -> httpx.Response:
    return client.post("/api/v1/auth/login", json={"username": username, "password": password})


def test_session_login_csrf_and_logout(settings: Settings) -> None:
    mint_token(settings, "operator", "cookie-op")
    with serve(settings, role=None) as client:
        response = _login(client, "cookie-op", "correct-horse-battery")
        assert response.status_code == 200, response.text
        csrf = response.json()["csrf_token"]
        cookie = response.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=lax" in cookie
        assert client.get("/api/v1/auth/me").json()["user"]["username"] == "cookie-op"
        # a change through the cookie needs the session's CSRF token
        no_csrf = client.post("/api/v1/tokens", json={"name": "ci"})
        assert no_csrf.status_code == 403 and no_csrf.json()["error"]["code"] == "csrf_failed"
        wrong = client.post("/api/v1/tokens", json={"name": "ci"}, headers={"X-CSRF-Token": "x"})
        assert wrong.status_code == 403
        ok = client.post("/api/v1/tokens", json={"name": "ci"}, headers={"X-CSRF-Token": csrf})
        assert ok.status_code == 200 and ok.json()["token"].startswith("hs_")
        assert client.post("/api/v1/auth/logout", headers={"X-CSRF-Token": csrf}).status_code == 200
        assert client.get("/api/v1/auth/me").status_code == 401


def test_login_rate_limit(settings: Settings) -> None:
    mint_token(settings, "analyst", "guessme")
    with serve(settings, role=None) as client:
        codes = [_login(client, "guessme", f"wrong-{i}").status_code for i in range(5)]
        assert codes == [401] * 5
        # the right password is refused too while the window lasts
        blocked = _login(client, "guessme", "correct-horse-battery")
        assert blocked.status_code == 429
        assert blocked.json()["error"]["code"] == "too_many_attempts"


def test_revoked_token_is_refused_at_once(settings: Settings) -> None:
    token = mint_token(settings, "operator", "revoke-me")
    with serve(settings) as admin, serve(settings, role=None) as anon:
        headers = {"Authorization": f"Bearer {token}"}
        assert anon.get("/api/v1/auth/me", headers=headers).status_code == 200
        mine = [
            t for t in admin.get("/api/v1/tokens").json()["tokens"] if t["username"] == "revoke-me"
        ]
        assert admin.delete(f"/api/v1/tokens/{mine[0]['id']}").status_code == 200
        assert anon.get("/api/v1/auth/me", headers=headers).status_code == 401


def test_operators_cannot_touch_other_users_tokens(settings: Settings) -> None:
    mint_token(settings, "reviewer", "other")
    with serve(settings, role="operator") as op, serve(settings) as admin:
        other = [
            t for t in admin.get("/api/v1/tokens").json()["tokens"] if t["username"] == "other"
        ]
        refused = op.delete(f"/api/v1/tokens/{other[0]['id']}")
        minted = op.post("/api/v1/tokens", json={"name": "x", "username": "other"})
        assert refused.status_code == minted.status_code == 403
        # the service's refusal reads as the web layer's own (same code, same zh message)
        assert refused.json()["error"]["code"] == minted.json()["error"]["code"] == "forbidden"
        assert refused.json()["error"]["message"] == minted.json()["error"]["message"]
        assert "他人的令牌" in refused.json()["error"]["message"]
        listed: list[dict[str, Any]] = op.get("/api/v1/tokens").json()["tokens"]
        assert {t["username"] for t in listed} == {"operator-user"}
        assert all("token" not in t and "token_hash" not in t for t in listed)


def test_oversize_body_gets_413(settings: Settings) -> None:
    small = settings.model_copy(update={"max_body_bytes": 4096})
    with serve(small) as client:
        big = client.post(
            "/api/v1/check", content=b"x" * 5000, headers={"content-type": "text/plain"}
        )
        assert big.status_code == 413 and big.json()["error"]["code"] == "body_too_large"
        assert big.json()["error"]["message"] == "请求体超过上限 4096 字节"
        english = client.post(
            "/api/v1/check?lang=en", content=b"x" * 5000, headers={"content-type": "text/plain"}
        )
        assert english.json()["error"]["message"] == "request body exceeds 4096 bytes"
        client.cookies.set("huashu_lang", "en")
        by_cookie = client.post(
            "/api/v1/check", content=b"x" * 5000, headers={"content-type": "text/plain"}
        )
        assert by_cookie.json()["error"]["message"] == "request body exceeds 4096 bytes"
        client.cookies.delete("huashu_lang")

        def chunks() -> Iterator[bytes]:
            for _ in range(10):
                yield b"y" * 1000

        streamed = client.post(
            "/api/v1/check", content=chunks(), headers={"content-type": "text/plain"}
        )
        assert streamed.status_code == 413
        assert client.post("/api/v1/check", json={"text": "春耕贷"}).status_code == 200


def test_fresh_token_used_by_many_threads_at_once(settings: Settings) -> None:
    """The first use of a token refreshes last_used_at; on SQLite that write once turned
    concurrent first requests into 'database is locked' 500s."""
    from concurrent.futures import ThreadPoolExecutor

    token = mint_token(settings, "operator", "burst")
    with serve(settings, role=None) as client:
        headers = {"Authorization": f"Bearer {token}"}

        def me(_: int) -> int:
            return client.get("/api/v1/auth/me", headers=headers).status_code

        with ThreadPoolExecutor(16) as pool:
            codes = list(pool.map(me, range(64)))
    assert codes == [200] * 64
    with serve(settings) as admin:
        burst = [
            t for t in admin.get("/api/v1/tokens").json()["tokens"] if t["username"] == "burst"
        ]
    assert burst[-1]["last_used_at"] is not None
