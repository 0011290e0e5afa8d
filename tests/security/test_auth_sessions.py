"""Sessions, tokens and logins attacked through the API of a real server on loopback, on SQLite
and PostgreSQL: a password change or a deactivation ends every session and token of the user
(V8); failed logins make only the (account, address) pair that failed wait, with a backoff, and
an address spraying many accounts is refused, so no anonymous client can lock out an admin
(V9)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from tests.loopback import run_asgi
from tests.security.auth_support import (
    BACKENDS,
    PASSWORD,
    add_user,
    backend_settings,
    bearer,
    browser,
    error,
    login,
)

from huashu.config import Settings
from huashu.store import open_store
from huashu.store.logins import (
    Attempt,
    LoginLimits,
    LoginRefused,
    begin_attempt,
    finish_attempt,
)
from huashu.web import create_app

NEW_PASSWORD = "a-brand-new-passphrase"
ATTACKER = "203.0.113.66"


@pytest.fixture(params=BACKENDS)
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    with backend_settings(request.param, tmp_path) as made:
        yield made


def _refused_401(response: httpx.Response) -> bool:
    return response.status_code == 401 and error(response)["code"] == "unauthenticated"


# --- V8: a password change or a deactivation ends sessions and tokens --------------------


def test_a_new_password_ends_every_session_and_token(settings: Settings) -> None:
    token = add_user(settings, "victim", "operator")
    admin = add_user(settings, "root", "admin")
    with (
        run_asgi(create_app(settings)) as base,
        browser(base, "victim") as (stolen, csrf),
        httpx.Client(base_url=base, timeout=60) as anon,
        httpx.Client(base_url=base, timeout=60, headers=bearer(admin)) as root,
    ):
        # what an attacker holds: a logged-in browser session and an API token
        assert stolen.get("/api/v1/auth/me").status_code == 200
        assert anon.get("/api/v1/auth/me", headers=bearer(token)).status_code == 200

        changed = root.patch("/api/v1/users/victim", json={"password": NEW_PASSWORD})
        assert changed.status_code == 200, changed.text

        assert _refused_401(stolen.get("/api/v1/auth/me"))
        minted = stolen.post(
            "/api/v1/tokens", json={"name": "keep"}, headers={"X-CSRF-Token": csrf}
        )
        assert _refused_401(minted)
        assert _refused_401(anon.get("/api/v1/auth/me", headers=bearer(token)))
        assert login(base, "victim", PASSWORD).status_code == 401
        assert login(base, "victim", NEW_PASSWORD).status_code == 200

        ended = root.get("/api/v1/audit", params={"action": "user.credentials_ended"})
        detail = ended.json()["entries"][0]["detail"]
        assert detail == {"username": "victim", "reason": "password", "sessions": 1, "tokens": 1}
        tokens = root.get("/api/v1/tokens").json()["tokens"]
        assert all(t["revoked_at"] for t in tokens if t["username"] == "victim")


def test_deactivation_ends_sessions_and_tokens_for_good(settings: Settings) -> None:
    token = add_user(settings, "leaver", "reviewer")
    admin = add_user(settings, "root", "admin")
    with (
        run_asgi(create_app(settings)) as base,
        browser(base, "leaver") as (stolen, _),
        httpx.Client(base_url=base, timeout=60) as anon,
        httpx.Client(base_url=base, timeout=60, headers=bearer(admin)) as root,
    ):
        off = root.patch("/api/v1/users/leaver", json={"active": False})
        assert off.status_code == 200 and off.json()["user"]["active"] is False
        assert _refused_401(stolen.get("/api/v1/auth/me"))
        assert _refused_401(anon.get("/api/v1/auth/me", headers=bearer(token)))
        # a deactivated account cannot log in, and the answer does not tell it apart
        refused = login(base, "leaver")
        assert refused.status_code == 401 and error(refused)["code"] == "bad_credentials"

        # reactivating brings nothing old back: only a new login works
        assert root.patch("/api/v1/users/leaver", json={"active": True}).status_code == 200
        assert _refused_401(stolen.get("/api/v1/auth/me"))
        assert _refused_401(anon.get("/api/v1/auth/me", headers=bearer(token)))
        assert login(base, "leaver").status_code == 200


# --- V9: failed logins lock a pair, never an account for everyone ------------------------


def test_an_anonymous_client_cannot_lock_out_an_admin(settings: Settings) -> None:
    add_user(settings, "root", "admin")
    with run_asgi(create_app(settings)) as base:
        guesses = [login(base, "root", f"guess-{i}", ATTACKER).status_code for i in range(5)]
        assert guesses == [401] * 5
        # the attacker's address now waits, even with the right password ...
        refused = login(base, "root", PASSWORD, ATTACKER)
        assert refused.status_code == 429
        assert error(refused)["code"] == "too_many_attempts"
        wait = int(refused.headers["Retry-After"])
        assert 1 <= wait <= settings.login_backoff_seconds
        assert error(refused)["message"] == f"该账号在此地址登录失败次数过多，请 {wait} 秒后再试"
        # ... and the admin, from their own address, logs in at once
        assert login(base, "root", PASSWORD, "10.0.0.1").status_code == 200
        # another address starts from nothing: its guesses are checked, not refused
        assert login(base, "root", "guess-x", "198.51.100.7").status_code == 401


def test_an_address_spraying_many_accounts_is_refused(settings: Settings) -> None:
    add_user(settings, "root", "admin")
    sprayed = settings.model_copy(update={"login_client_max_failures": 6})
    with run_asgi(create_app(sprayed)) as base:
        codes = [login(base, f"user{i}", "Spring2024!", ATTACKER).status_code for i in range(6)]
        assert codes == [401] * 6
        refused = login(base, "user99", "Spring2024!", ATTACKER)
        assert refused.status_code == 429
        assert error(refused)["message"].startswith("此地址登录失败次数过多")
        assert int(refused.headers["Retry-After"]) <= settings.login_window_seconds
        assert login(base, "root", PASSWORD, "10.0.0.2").status_code == 200


def test_the_wait_doubles_per_failure_and_a_success_clears_it(settings: Settings) -> None:
    """The limiter itself, with the clock given (no waiting): 3 failures, then 10 s, 20 s,
    40 s; parallel guesses of a pair that failed are counted before they are checked; a clean
    pair is never made to wait; a success starts the count again."""
    add_user(settings, "root", "admin")
    limits = LoginLimits(
        max_failures=3,
        window=timedelta(hours=1),
        backoff=timedelta(seconds=10),
        client_max_failures=100,
    )
    t0 = datetime(2030, 1, 1, tzinfo=UTC)
    store = open_store(settings.resolved_database_url)

    def begin(at: float, username: str = "root") -> Attempt:
        when = t0 + timedelta(seconds=at)
        return store.run(lambda s: begin_attempt(s, username, ATTACKER, limits, now=when))

    def attempt(at: float, ok: bool = False) -> float:
        """Seconds refused for (0: allowed, then finished as ``ok``)."""
        try:
            started = begin(at)
        except LoginRefused as err:
            return err.retry_after
        when = t0 + timedelta(seconds=at)
        store.run(lambda s: finish_attempt(s, started, ok, now=when))
        return 0

    try:
        assert [attempt(t) for t in (0, 1, 2)] == [0, 0, 0]
        assert attempt(3) == 9  # 10 s after the third failure
        assert attempt(12) == 0
        assert attempt(31) == 1  # now 20 s
        assert attempt(32) == 0
        assert attempt(71) == 1  # now 40 s
        # two guesses at once: the first is recorded as failed before its check, so the
        # second waits
        begin(72)
        with pytest.raises(LoginRefused):
            begin(72)
        assert attempt(200, ok=True) == 0  # a success clears the pair
        assert [attempt(t) for t in (201, 202, 203)] == [0, 0, 0]
        # a pair with a clean record never waits on anything, however many at once
        for _ in range(10):
            begin(300, username="newcomer")
    finally:
        store.close()
