"""Delivery targets: validation (zh messages), the secret shown once and never listed or
audited, the admin API and the app's background worker, and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.web.server import mint_token, serve
from tests.workflow.outbox_support import SECRET, messages, seed_tasks, wait_for
from tests.workflow.webhook_server import Receiver, serve_receiver
from typer.testing import CliRunner

from huashu.config import Settings
from huashu.domain import InputError
from huashu.store import Store, repos
from huashu.workflow.targets import (
    create_target,
    deactivate_target,
    fingerprint,
    list_targets,
    update_target,
)

BAD: list[tuple[dict[str, object], str, str]] = [
    ({"kind": "webhook", "address": "ftp://example.com/x"}, "invalid_target_address", "http(s)"),
    ({"kind": "webhook", "address": "http://"}, "invalid_target_address", "主机名"),
    ({"kind": "webhook", "address": "https://h.example/x", "secret": "short"}, "weak_secret", "16"),
    ({"kind": "file", "address": "../outside"}, "invalid_target_address", "不可含 .."),
    ({"kind": "file", "address": "out", "secret": SECRET}, "unexpected_secret", "不需要密钥"),
    ({"kind": "sftp", "address": "x"}, "invalid_target_kind", "webhook 或 file"),
    ({"kind": "file", "address": "out", "channels": ["fax"]}, "unknown_channel", "未知渠道"),
    ({"kind": "file", "address": "out", "brand_id": "nobody"}, "not_found", "不存在"),
    ({"kind": "file", "address": "out", "name": " "}, "invalid_target_name", "名称"),
]


def test_targets_validate_and_keep_the_secret_back(store: Store, campaign_id: str) -> None:
    with store.session() as s:
        hook, secret = create_target(
            s,
            name="CRM",
            kind="webhook",
            address=" https://crm.example/hooks ",
            channels=["sms", "sms", "home_card"],
            actor="root",
        )
        export, none = create_target(
            s,
            name="导出",
            kind="file",
            address="/srv/exports",
            brand_id="chuntian-bank",
            actor="root",
        )
    assert secret is not None and len(secret) >= 32 and none is None
    assert hook["address"] == "https://crm.example/hooks"
    assert hook["channels"] == ["home_card", "sms"]
    assert hook["secret_fingerprint"] == fingerprint(secret) == f"{secret[:4]}…({len(secret)})"
    assert export["secret_fingerprint"] == "" and export["brand_id"] == "chuntian-bank"
    for kwargs, code, zh in BAD:
        args: dict[str, object] = {"name": "x", **kwargs}
        with store.session() as s, pytest.raises(InputError) as err:
            create_target(s, actor="root", **args)  # type: ignore[arg-type]
        assert (err.value.code, zh in err.value.message_zh) == (code, True), kwargs
    with store.session() as s:
        _, new_secret = update_target(s, hook["id"], actor="root", rotate_secret=True)
        assert new_secret is not None and new_secret != secret
        update_target(s, hook["id"], actor="root", channels=["sms", "home_card"])
        deactivate_target(s, export["id"], actor="root")
        listed = list_targets(s)
        active = list_targets(s, active=True)
        audit = repos.list_audit(s, object_type="delivery_target")
        with pytest.raises(InputError) as missing:
            update_target(s, "tgt-nope", actor="root", active=False)
    assert missing.value.message_zh == "投放目标 tgt-nope 不存在"
    assert [t["id"] for t in active] == [hook["id"]]
    assert [e["action"] for e in audit] == ["target.create"] * 2 + ["target.update"] * 2
    assert audit[2]["detail"] == {"secret_fingerprint": fingerprint(new_secret)}
    assert audit[3]["detail"] == {"active": False}
    dumped = json.dumps([listed, audit], ensure_ascii=False)
    assert secret not in dumped and new_secret not in dumped and 'secret":' not in dumped


def test_admin_api_and_background_worker(store: Store, campaign_id: str, tmp_path: Path) -> None:
    url = store.engine.url.render_as_string(hide_password=False)
    settings = Settings(
        data_dir=tmp_path / "data",
        database_url=url,
        outbox_interval_seconds=0.05,
        snapshot_rebuild_seconds=0,
        webhook_allow_networks=["127.0.0.0/8"],  # the receiver listens on loopback
    )
    receiver = Receiver(SECRET)
    with serve_receiver(receiver) as base, serve(settings) as admin:
        made = admin.post(
            "/api/v1/targets",
            json={"name": "CRM", "kind": "webhook", "address": f"{base}/hook", "secret": SECRET},
        ).json()
        assert made["ok"] and made["secret"] == SECRET
        generated = admin.post(
            "/api/v1/targets", json={"name": "g", "kind": "webhook", "address": f"{base}/x"}
        ).json()
        assert len(generated["secret"]) >= 32
        off = admin.patch(f"/api/v1/targets/{generated['target']['id']}", json={"active": False})
        assert off.json()["target"]["active"] is False and off.json()["secret"] is None
        listing = admin.get("/api/v1/targets")
        assert SECRET not in listing.text and generated["secret"] not in listing.text
        bad = admin.post("/api/v1/targets", json={"name": "x", "kind": "webhook", "address": "x"})
        assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_target_address"
        keys = seed_tasks(store, campaign_id, 2)  # the app's worker sends them
        wait_for(
            lambda: all(messages(store)[k].status == "delivered" for k in keys),
            what="the app's outbox worker",
        )
        assert sorted(receiver.processed) == sorted(keys)
        operator = {"Authorization": f"Bearer {mint_token(settings, 'operator')}"}
        outbox = admin.get("/api/v1/outbox", params={"status": "delivered"}, headers=operator)
        assert sorted(m["idempotency_key"] for m in outbox.json()["messages"]) == sorted(keys)
        assert admin.get("/api/v1/targets", headers=operator).status_code == 403
        msg_id = outbox.json()["messages"][0]["id"]
        assert admin.post(f"/api/v1/outbox/{msg_id}/retry", headers=operator).status_code == 403
        not_dead = admin.post(f"/api/v1/outbox/{msg_id}/retry")
        assert not_dead.status_code == 422 and not_dead.json()["error"]["code"] == "not_dead"
        wrong = admin.get("/api/v1/outbox", params={"status": "lost"})
        assert wrong.status_code == 422 and "未知的发件箱状态" in wrong.json()["error"]["message"]


def test_cli_targets_and_outbox(store: Store, campaign_id: str, tmp_path: Path) -> None:
    from huashu.cli import app

    url = store.engine.url.render_as_string(hide_password=False)
    env = {
        "HUASHU_DATABASE_URL": url,
        "HUASHU_DATA_DIR": str(tmp_path / "data"),
        "HUASHU_WEBHOOK_ALLOW_NETWORKS": '["127.0.0.0/8"]',
    }
    runner = CliRunner()
    added = runner.invoke(
        app, ["targets", "add", "--name", "导出", "--kind", "file", "--address", "exports"], env=env
    )
    assert added.exit_code == 0, added.output
    hook = runner.invoke(
        app,
        ["targets", "add", "--name", "h", "--kind", "webhook", "--address", "http://127.0.0.1:9/h"],
        env=env,
    )
    secret = hook.output.strip().splitlines()[-1]
    assert hook.exit_code == 0 and len(secret) >= 32
    listed = runner.invoke(app, ["targets", "list", "--json"], env=env)
    targets = json.loads(listed.output)
    assert secret not in listed.output and len(targets) == 2
    file_target = next(t for t in targets if t["kind"] == "file")
    hook_id = next(t["id"] for t in targets if t["kind"] == "webhook")
    assert runner.invoke(app, ["targets", "disable", hook_id], env=env).exit_code == 0
    keys = seed_tasks(store, campaign_id, 2)
    sent = runner.invoke(app, ["outbox", "deliver"], env=env)
    assert sent.exit_code == 0 and json.loads(sent.output)["delivered"] == 2
    assert len(list((tmp_path / "data" / "exports" / "sms").glob("*.json"))) == 2
    listing = runner.invoke(app, ["outbox", "list", "--status", "delivered", "--json"], env=env)
    assert sorted(m["idempotency_key"] for m in json.loads(listing.output)) == sorted(
        k for k in keys if k.endswith(file_target["id"])
    )
    bad = runner.invoke(
        app, ["targets", "add", "--name", "x", "--kind", "ftp", "--address", "y"], env=env
    )
    assert bad.exit_code == 2 and "未知投放目标类型" in bad.output
    retry = runner.invoke(app, ["outbox", "retry", "999"], env=env)
    assert retry.exit_code == 2 and "不存在" in retry.output
