"""The workflow over HTTP with real tokens: the operator files, a reviewer decides, tasks are
created, the campaign starts, pausing stops the decide path and resuming brings it back; the
requester cannot approve; the audit trail verifies."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest

from huashu.config import Settings
from huashu.domain import BrandPack
from huashu.runtime import Runtime
from tests.campaigns import drafted as drafted_campaign
from tests.web.server import serve


@pytest.fixture
def drafted(tmp_path: Path, bank_pack: BrandPack, examples_dir: Path) -> tuple[Settings, str]:
    settings = Settings(data_dir=tmp_path / "data", snapshot_rebuild_seconds=0)
    with Runtime.open(settings) as rt:
        text = (examples_dir / "rural_bank.yaml").read_text("utf-8")
        plan, _ = drafted_campaign(rt, bank_pack, text, "operator-user")
    return settings, plan.campaign_id


def _served(client: httpx.Client, segment: str, channel: str) -> set[str]:
    body = {
        "requests": [{"user_id": u, "segment_key": segment, "channel": channel} for u in range(200)]
    }
    response = client.post("/api/v1/decide", json=body)
    if response.status_code == 422 and response.json()["error"]["code"] == "no_arms":
        assert "暂停或下架" in response.json()["error"]["message"]
        return set()
    assert response.status_code == 200, response.text
    return {d["creative_id"] for d in response.json()["decisions"] if d["creative_id"]}


def test_file_decide_schedule_start_pause_resume(drafted: tuple[Settings, str]) -> None:
    settings, campaign_id = drafted
    with (
        serve(settings, role="operator") as op,
        serve(settings, role="reviewer") as rev,
        serve(settings, role="analyst") as analyst,
    ):
        # an analyst may read but not file
        assert analyst.post(f"/api/v1/campaigns/{campaign_id}/submit").status_code == 403
        filed = op.post(f"/api/v1/campaigns/{campaign_id}/submit")
        assert filed.status_code == 200, filed.text
        approval = filed.json()["approval"]
        assert approval["requested_by"] == "operator-user"
        detail = rev.get(f"/api/v1/approvals/{approval['id']}").json()["approval"]
        needs_ack = {
            item["creative_id"]: [f["rule_id"] for f in item["creative"]["findings"]["review"]]
            for item in detail["items"]
        }
        # the operator cannot decide (role), and a reviewer must acknowledge review findings
        assert (
            op.post(
                f"/api/v1/approvals/{approval['id']}/decide", json={"approve_all": True}
            ).status_code
            == 403
        )
        if any(needs_ack.values()):
            missing = rev.post(
                f"/api/v1/approvals/{approval['id']}/decide", json={"approve_all": True}
            )
            assert missing.json()["error"]["code"] == "unacknowledged_findings"
        decided = rev.post(
            f"/api/v1/approvals/{approval['id']}/decide",
            json={"approve_all": True, "comment": "已核对", "acknowledged": needs_ack},
        )
        assert decided.status_code == 200, decided.text
        assert decided.json()["approval"]["status"] == "approved"
        tasks = op.post(
            f"/api/v1/campaigns/{campaign_id}/tasks", json={"send_window": "09:00-20:00"}
        )
        assert tasks.status_code == 200, tasks.text
        assert {t["send_window"] for t in tasks.json()["tasks"]} == {"09:00-20:00"}
        bad_window = op.post(
            f"/api/v1/campaigns/{campaign_id}/tasks", json={"send_window": "21:00-08:00"}
        )
        assert bad_window.json()["error"]["code"] == "invalid_send_window"
        assert (
            op.get(f"/api/v1/campaigns/{campaign_id}").json()["campaign"]["status"] == "scheduled"
        )
        # no delivery target takes its channels: the start asks to confirm, naming them
        start = f"/api/v1/campaigns/{campaign_id}/start"
        unconfirmed = op.post(start, json={"reason": "春耕开始"})
        assert unconfirmed.status_code == 409, unconfirmed.text
        refusal = unconfirmed.json()["error"]
        assert refusal["code"] == "no_delivery_target"
        assert refusal["details"]["channels"] == ["home_card", "sms"]
        assert "首页卡片、短信" in refusal["message"]
        assert op.get(f"/api/v1/campaigns/{campaign_id}").json()["campaign"]["status"] == (
            "scheduled"
        )
        started = op.post(start, json={"reason": "春耕开始", "confirm": True})
        assert started.json()["campaign"]["status"] == "live"
        assert started.json()["changed"] is True
        assert started.json()["missing_targets"] == ["home_card", "sms"]
        assert op.post("/api/v1/snapshots/rebuild").status_code == 200
        task = tasks.json()["tasks"][0]
        assert _served(op, task["segment_key"], task["channel"]) <= set(task["creative_ids"])
        assert _served(op, task["segment_key"], task["channel"])

        paused = op.post(f"/api/v1/campaigns/{campaign_id}/pause", json={"reason": "预算用完"})
        assert paused.json()["campaign"]["status"] == "paused"
        time.sleep(0.6)  # the decide path re-reads its stop list every 0.5 s
        assert _served(op, task["segment_key"], task["channel"]) == set()
        illegal = op.post(f"/api/v1/campaigns/{campaign_id}/start")
        assert illegal.json()["error"]["code"] == "illegal_transition"
        assert op.post(f"/api/v1/campaigns/{campaign_id}/resume").status_code == 200
        time.sleep(0.6)
        assert _served(op, task["segment_key"], task["channel"])

        trail = rev.get("/api/v1/audit", params={"object_id": campaign_id}).json()["entries"]
        actions = [e["action"] for e in reversed(trail)]
        for step in (
            "campaign.pending_review",
            "campaign.approved",
            "campaign.scheduled",
            "campaign.live",
            "campaign.paused",
        ):
            assert step in actions
        assert op.get("/api/v1/audit").status_code == 403
        verified = rev.get("/api/v1/audit/verify").json()["verification"]
        assert verified["ok"] and verified["entries"] > 10


def test_submit_when_the_policy_approves_everything(drafted: tuple[Settings, str]) -> None:
    """With auto-approval on and every draft's template known, submitting files no human
    approval: the answer says so (approval null) instead of failing."""
    settings, campaign_id = drafted
    with serve(settings, role="operator") as op, serve(settings) as admin:
        detail = op.get(f"/api/v1/campaigns/{campaign_id}").json()
        brand = detail["campaign"]["brand_id"]
        templates = sorted({c["provenance"]["template_version"] for c in detail["creatives"]})
        clean = [
            c["id"]
            for c in detail["creatives"]
            if c["verdict"] == "pass" and not any(c["findings"].values())
        ]
        # only the drafts without findings remain as drafts: block the rest from this test
        put = admin.put(
            f"/api/v1/policies/{brand}",
            json={"auto_approve": True, "known_templates": templates, "sample_rates": {"low": 0}},
        )
        assert put.status_code == 200, put.text
        filed = op.post(f"/api/v1/campaigns/{campaign_id}/submit")
        assert filed.status_code == 200, filed.text
        body = filed.json()
        after = {
            c["id"]: c["status"]
            for c in op.get(f"/api/v1/campaigns/{campaign_id}").json()["creatives"]
        }
        assert clean and all(after[c] == "approved" for c in clean)
        if body["approval"] is None:
            assert body["campaign"]["status"] == "approved"
        else:
            assert not {i["creative_id"] for i in body["approval"]["items"]} & set(clean)
