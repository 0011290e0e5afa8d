"""The store under concurrency, through the API of a real server on loopback, on SQLite and
PostgreSQL (V6): 32 simultaneous correct logins all succeed; 8 simultaneous 提交审批 of the
same campaign file it once and answer the rest 409 naming the approval; 8 simultaneous
approvals of it decide it once; ``huashu brand load`` and ``brand list`` work beside a server
busy writing. No answer is a 5xx. Requests start together at a barrier; nothing is timed."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import httpx
import pytest
from tests.loopback import run_asgi
from tests.security.auth_support import (
    BACKENDS,
    BRAND_FILE,
    add_user,
    backend_settings,
    bearer,
    drafted_campaign,
    error,
    login,
    served,
    together,
)

from huashu.config import Settings
from huashu.web import create_app
from huashu.web.auth import SESSION_COOKIE

HUASHU = str(Path(sys.executable).with_name("huashu"))
T = TypeVar("T")


@pytest.fixture(params=BACKENDS)
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    with backend_settings(request.param, tmp_path) as made:
        yield made


def test_32_simultaneous_logins_all_succeed(settings: Settings) -> None:
    for i in range(8):
        add_user(settings, f"op{i}", "operator")
    with run_asgi(create_app(settings)) as base:
        # half of them the same account from the same address, the rest spread out
        answers = together(
            32,
            lambda i: (
                login(base, "op0") if i < 16 else login(base, f"op{i % 8}", address=f"10.0.1.{i}")
            ),
        )
        codes = [a.status_code for a in answers]
        assert codes == [200] * 32, [a.text for a in answers if a.status_code != 200][:3]
        assert len({a.cookies[SESSION_COOKIE] for a in answers}) == 32
        # and every session works
        cookie = {SESSION_COOKIE: answers[0].cookies[SESSION_COOKIE]}
        with httpx.Client(base_url=base, timeout=60, cookies=cookie) as client:
            assert client.get("/api/v1/auth/me").json()["user"]["username"] == "op0"


def _acknowledgements(client: httpx.Client, approval_id: str) -> dict[str, list[str]]:
    detail = client.get(f"/api/v1/approvals/{approval_id}").json()["approval"]
    return {
        item["creative_id"]: [f["rule_id"] for f in item["creative"]["findings"]["review"]]
        for item in detail["items"]
    }


def test_a_double_submit_files_once_and_a_double_approve_decides_once(
    settings: Settings,
) -> None:
    campaign_id = drafted_campaign(settings, author="operator-user")
    operator = add_user(settings, "operator-user", "operator")
    reviewer = add_user(settings, "laoli", "reviewer")
    with served(settings, operator, reviewer) as (op, rev):
        submits = together(8, lambda _: op.post(f"/api/v1/campaigns/{campaign_id}/submit"))
        assert sorted(r.status_code for r in submits) == [200] + [409] * 7
        [filed] = [r.json()["approval"]["id"] for r in submits if r.status_code == 200]
        for refused in (r for r in submits if r.status_code == 409):
            assert error(refused)["code"] == "invalid_state"
            assert error(refused)["details"]["approval_id"] == filed
            assert filed in error(refused)["message"]
        listed = op.get("/api/v1/approvals", params={"campaign_id": campaign_id}).json()
        assert [a["id"] for a in listed["approvals"]] == [filed]

        body = {"approve_all": True, "acknowledged": _acknowledgements(rev, filed)}
        decides = together(8, lambda _: rev.post(f"/api/v1/approvals/{filed}/decide", json=body))
        assert sorted(r.status_code for r in decides) == [200] + [409] * 7
        assert {error(r)["code"] for r in decides if r.status_code == 409} == {"invalid_state"}
        approval = rev.get(f"/api/v1/approvals/{filed}").json()["approval"]
        assert approval["status"] == "approved"
        assert all(len(item["votes"]) == 1 for item in approval["items"])


def test_the_cli_loads_a_brand_beside_a_busy_server(settings: Settings) -> None:
    token = add_user(settings, "op0", "operator")
    env = {k: v for k, v in os.environ.items() if not k.startswith("HUASHU_")}
    env["HUASHU_DATABASE_URL"] = str(settings.database_url)
    where = ["--data-dir", str(settings.data_dir)]
    with (
        run_asgi(create_app(settings)) as base,
        httpx.Client(base_url=base, timeout=60, headers=bearer(token)) as client,
    ):
        stop = threading.Event()
        codes: list[int] = []

        def busy() -> None:  # each new token is a write: its row and an audit entry
            while not stop.is_set():
                codes.append(client.post("/api/v1/tokens", json={"name": "busy"}).status_code)

        workers = [threading.Thread(target=busy) for _ in range(4)]
        for worker in workers:
            worker.start()
        try:
            runs = [
                subprocess.run(
                    [HUASHU, "brand", *command, *where],
                    env=env,
                    capture_output=True,
                    text=True,
                    timeout=300,
                )
                for command in (["load", str(BRAND_FILE)], ["list"])
            ]
        finally:
            stop.set()
            for worker in workers:
                worker.join()
    for done in runs:
        assert done.returncode == 0, done.stdout + done.stderr
    assert "chuntian-bank" in runs[1].stdout
    assert codes and set(codes) == {200}
