"""Secrets never reach the logs: with every logger at DEBUG (uvicorn's access log included),
a server configured with an LLM API key, a webhook target with a secret, API tokens in use,
good and bad password logins, and the LLM client retrying against an endpoint, the captured
log text holds none of the token, password, API key or webhook secret."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from pydantic import SecretStr

from huashu.channels import get_channel
from huashu.compliance import Checker
from huashu.config import Settings
from huashu.domain import Segment
from huashu.generate import GenerationRequest, LLMConfig, OpenAIGenerator
from huashu.web import create_app
from tests.generate.chat_server import Reply, chat_server
from tests.loopback import free_port
from tests.reliability.support import load_pack
from tests.web.server import PASSWORD, mint_token

API_KEY = "sk-live-4f1d9a7c2b8e6f30"
WEBHOOK_SECRET = "whsec-9c2e71b04a5d3f68"


@contextmanager
def _debug_server(app: Any) -> Iterator[str]:
    """uvicorn without its own logging config, so every record (access log too) reaches the
    root logger that caplog listens on."""
    port = free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_config=None, log_level="debug", access_log=True
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _scan(caplog: pytest.LogCaptureFixture, secrets: dict[str, str]) -> None:
    text = caplog.text + "\n".join(
        f"{r.getMessage()} {r.args!r} {r.exc_text or ''}" for r in caplog.records
    )
    assert len(caplog.records) > 20  # the capture really saw the traffic
    leaked = [name for name, value in secrets.items() if value in text]
    assert leaked == [], f"secrets in the logs: {leaked}"


def test_server_logs_hold_no_secret(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    settings = Settings(
        data_dir=tmp_path / "data",
        llm_api_key=SecretStr(API_KEY),
        outbox_interval_seconds=0.2,
        snapshot_rebuild_seconds=0,
        webhook_allow_networks=["127.0.0.0/8"],  # the webhook below is on loopback
    )
    token = mint_token(settings, "admin")
    with _debug_server(create_app(settings)) as base:
        auth = {"Authorization": f"Bearer {token}"}
        with httpx.Client(base_url=base, timeout=10) as client:
            target = client.post(
                "/api/v1/targets",
                headers=auth,
                json={
                    "name": "crm",
                    "kind": "webhook",
                    "address": f"http://127.0.0.1:{free_port()}/hook",  # nothing listens
                    "secret": WEBHOOK_SECRET,
                },
            )
            assert target.status_code == 200, target.text
            assert client.get("/api/v1/targets", headers=auth).status_code == 200
            assert client.get("/api/v1/auth/me", headers=auth).status_code == 200
            bad = {"Authorization": f"Bearer {token}x"}
            assert client.get("/api/v1/auth/me", headers=bad).status_code == 401
            for password in (PASSWORD + "!", PASSWORD):
                client.post(
                    "/api/v1/auth/login", json={"username": "admin-user", "password": password}
                )
            made = client.post("/api/v1/tokens", headers=auth, json={"name": "ci"})
            assert made.status_code == 200, made.text
            new_token = str(made.json().get("token", ""))
            assert new_token and new_token != token
            assert client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {new_token}"})
    _scan(
        caplog,
        {
            "token": token,
            "new token": new_token,
            "password": PASSWORD,
            "api key": API_KEY,
            "webhook secret": WEBHOOK_SECRET,
        },
    )


def test_llm_client_logs_hold_no_api_key(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    pack, _ = load_pack()
    card = {
        "title": "春耕备耕正当时",
        "subtitle": "春耕贷随借随还，年化利率3.6%起",
        "cta": "立即申请",
    }

    def script(body: dict[str, Any], index: int) -> Reply:
        if index == 0:
            return Reply(status=429, body='{"error": "slow down"}')
        if index == 1:
            return Reply(status=500, body="upstream failed")
        return Reply(json.dumps(card, ensure_ascii=False))

    with chat_server(script) as (url, rec):
        config = LLMConfig(
            base_url=url, model="m", api_key=SecretStr(API_KEY), max_retries=3, backoff_s=0.01
        )
        result = OpenAIGenerator(config, Checker.from_packs()).run(
            GenerationRequest(
                pack=pack,
                segment=Segment(key="s", name="养殖户", rule={}, labels={}),
                channel=get_channel("home_card"),
                n=1,
                seed=1,
                campaign_id="c",
            )
        )
    assert len(result.creatives) == 1
    assert rec.headers[0]["authorization"] == f"Bearer {API_KEY}"  # it was sent, not logged
    _scan(caplog, {"api key": API_KEY})
