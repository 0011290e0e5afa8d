"""Webhook targets, played through the API of a real server on loopback: internal addresses
(V7), at save time and at send time, the admin allow-list, what a target answered (admins only)
and credentials in webhook URLs (V14)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.loopback import read_body, run_asgi, serve_lifespan
from tests.security.input_support import BACKENDS, Site, seeded
from tests.web.server import serve
from tests.workflow.outbox_support import SECRET, messages, seed_tasks, wait_for
from tests.workflow.webhook_server import Receiver, serve_receiver

from huashu.store.models_workflow import DeliveryTargetRow
from huashu.workflow.delivery import MAX_ERROR_BODY


@pytest.fixture(params=BACKENDS)
def site(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Site]:
    with seeded(request.param, tmp_path) as made:
        yield made


def _target(address: str, **extra: Any) -> dict[str, Any]:
    return {"name": "crm", "kind": "webhook", "address": address, "secret": SECRET, **extra}


#: (address, the kind of address it is)
INTERNAL = [
    ("http://127.0.0.1:8000/hook", "loopback"),
    ("http://localhost:8000/hook", "loopback"),
    ("http://127.1/hook", "loopback"),
    ("http://2130706433/hook", "loopback"),  # 127.0.0.1 as one decimal number
    ("http://[::1]:8000/hook", "loopback"),
    ("http://[::ffff:127.0.0.1]/hook", "loopback"),
    ("http://10.0.0.5/hook", "private"),
    ("https://192.168.1.10/hook", "private"),
    ("http://[fd00::1]/hook", "private"),
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://0.0.0.0:8000/", "unspecified"),
    ("http://100.64.0.1/hook", "non-public"),
]


@pytest.mark.parametrize(("address", "kind"), INTERNAL)
def test_internal_webhook_addresses_are_refused(site: Site, address: str, kind: str) -> None:
    with serve(site.settings) as admin:
        made = admin.post("/api/v1/targets", json=_target(address))
        public = admin.post("/api/v1/targets", json=_target("https://93.184.215.14/hook"))
        moved = admin.patch(
            f"/api/v1/targets/{public.json()['target']['id']}", json={"address": address}
        )
        assert [t["address"] for t in admin.get("/api/v1/targets").json()["targets"]] == [
            "https://93.184.215.14/hook"
        ]
    for answer in (made, moved):
        assert answer.status_code == 422, answer.text
        error = answer.json()["error"]
        assert error["code"] == "blocked_address" and error["details"]["kind"] == kind
        assert "webhook_allow_networks" in error["message"]


def test_the_allow_list_opens_only_its_networks(tmp_path: Path) -> None:
    receiver = Receiver(SECRET)
    with (
        seeded(
            "sqlite",
            tmp_path,
            webhook_allow_networks=["127.0.0.0/8"],
            outbox_interval_seconds=0.05,
        ) as site,
        serve_receiver(receiver) as base,
        serve(site.settings) as admin,
    ):
        assert admin.post("/api/v1/targets", json=_target(f"{base}/hook")).status_code == 200
        other = admin.post("/api/v1/targets", json=_target("http://10.0.0.5/hook"))
        assert other.status_code == 422 and other.json()["error"]["code"] == "blocked_address"
        keys = seed_tasks(site.store, site.campaign_id, 2)
        wait_for(
            lambda: all(messages(site.store)[k].status == "delivered" for k in keys),
            what="delivery to the allowed loopback receiver",
        )
    assert sorted(receiver.processed) == sorted(keys)


def test_the_address_is_checked_again_when_sending(tmp_path: Path) -> None:
    """A target saved when its name pointed elsewhere (or before the guard existed) whose name
    now resolves to loopback, as DNS rebinding would make it: nothing is sent, the message is
    dead with the reason."""
    receiver = Receiver(SECRET)
    with (
        seeded("sqlite", tmp_path, outbox_interval_seconds=0.05) as site,
        serve_receiver(receiver) as base,
    ):
        with site.store.session() as s:
            s.add(
                DeliveryTargetRow(
                    id="tgt-old",
                    brand_id=None,
                    name="old",
                    kind="webhook",
                    address=base.replace("127.0.0.1", "localhost") + "/hook",
                    secret=SECRET,
                    channels=[],
                    active=True,
                )
            )
        keys = seed_tasks(site.store, site.campaign_id, 1)
        with serve(site.settings):
            wait_for(lambda: messages(site.store)[keys[0]].status == "dead", what="a refusal")
    row = messages(site.store)[keys[0]]
    assert row.last_error.startswith("refused: webhook host localhost (")
    assert "is a loopback address" in row.last_error
    assert receiver.calls == []


def _answering(status: int, body: bytes) -> Any:
    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            await serve_lifespan(receive, send)
            return
        await read_body(receive)
        await send({"type": "http.response.start", "status": status, "headers": []})
        await send({"type": "http.response.body", "body": body})

    return app


def test_what_a_target_answers_is_shown_to_admins_only(tmp_path: Path) -> None:
    leak = b"Traceback: db=postgres://crm:pw@10.0.0.7/crm " + b"x" * 5000
    with (
        seeded("sqlite", tmp_path, webhook_allow_networks=["127.0.0.0/8"]) as site,
        run_asgi(_answering(400, leak)) as base,
        serve(site.settings) as admin,
    ):
        assert admin.post("/api/v1/targets", json=_target(f"{base}/hook")).status_code == 200
        [key] = seed_tasks(site.store, site.campaign_id, 1)
        from huashu.workflow.delivery import deliver_due
        from huashu.workflow.netguard import AddressGuard

        deliver_due(site.store, guard=AddressGuard.from_settings(site.settings))
        assert messages(site.store)[key].status == "dead"
        as_admin = admin.get("/api/v1/outbox").json()["messages"][0]["last_error"]
        as_operator = admin.get("/api/v1/outbox", headers=site.token("operator")).json()
        audit = admin.get("/api/v1/audit", headers=site.token("analyst")).text
    assert "Traceback" in as_admin and len(as_admin) < 100 + MAX_ERROR_BODY
    assert as_operator["messages"][0]["last_error"] == "permanent failure, HTTP 400"
    assert "outbox.dead" in audit and "Traceback" not in audit


def test_credentials_in_webhook_urls_are_refused_or_redacted(
    site: Site, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with site.store.session() as s:  # saved before the guard refused such URLs
        s.add(
            DeliveryTargetRow(
                id="tgt-legacy",
                brand_id=None,
                name="legacy",
                kind="webhook",
                address="https://crm:hunter2@hooks.invalid/legacy",
                secret=SECRET,
                channels=[],
                active=True,
            )
        )
    with serve(site.settings) as admin:
        refused = admin.post("/api/v1/targets", json=_target("https://crm:hunter2@hooks.invalid/x"))
        token = admin.post(
            "/api/v1/targets", json=_target("https://hooks.invalid/x?access_token=TOKEN-123&a=1")
        )
        renamed = admin.patch("/api/v1/targets/tgt-legacy", json={"name": "legacy crm"})
        moved = admin.patch(
            f"/api/v1/targets/{token.json()['target']['id']}",
            json={"address": "https://hooks.invalid/y?sign=SIGN-456"},
        )
        listing = admin.get("/api/v1/targets")
        audit = admin.get("/api/v1/audit", headers=site.token("analyst"))
    assert refused.status_code == 422
    assert refused.json()["error"]["code"] == "credentials_in_url"
    assert token.json()["target"]["address"] == "https://hooks.invalid/x?access_token=***&a=1"
    assert moved.json()["target"]["address"] == "https://hooks.invalid/y?sign=***"
    assert renamed.json()["target"]["address"] == "https://***@hooks.invalid/legacy"
    assert audit.status_code == 200
    for text in (refused.text, listing.text, audit.text, renamed.text, caplog.text):
        for secret in ("hunter2", "TOKEN-123", "SIGN-456"):
            assert secret not in text
