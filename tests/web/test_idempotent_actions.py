"""Actions are safe to repeat, through the API of a live server on loopback, on SQLite and
PostgreSQL (issue 22): a second 提交审批, decision, 开始投放 or take-down gets the same
result or a 409 saying it is already done, never a 5xx, whether it comes after the first or
at the same moment (requests released together at a barrier; nothing is timed)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest

from huashu.config import Settings
from tests.security.auth_support import (
    BACKENDS,
    add_user,
    backend_settings,
    drafted_campaign,
    error,
    served,
    together,
)

T = TypeVar("T")


@pytest.fixture(params=BACKENDS)
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    with backend_settings(request.param, tmp_path) as made:
        yield made


def _acknowledged(client: httpx.Client, approval_id: str) -> dict[str, Any]:
    detail = client.get(f"/api/v1/approvals/{approval_id}").json()["approval"]
    acks = {
        item["creative_id"]: [f["rule_id"] for f in item["creative"]["findings"]["review"]]
        for item in detail["items"]
    }
    return {"approve_all": True, "acknowledged": acks}


def _no_5xx(answers: list[httpx.Response]) -> None:
    assert all(a.status_code < 500 for a in answers), [a.text for a in answers]


def _drafted(settings: Settings) -> tuple[str, list[str]]:
    """A campaign with checked drafts; its id and API tokens of an operator (its author), a
    reviewer and an admin."""
    campaign_id = drafted_campaign(settings, author="operator-user")
    tokens = [
        add_user(settings, "operator-user", "operator"),
        add_user(settings, "laoli", "reviewer"),
        add_user(settings, "root", "admin"),
    ]
    return campaign_id, tokens


def test_sequential_repeats_of_submit_decide_start_and_take_down(settings: Settings) -> None:
    campaign_id, tokens = _drafted(settings)
    with served(settings, *tokens) as (op, rev, root):
        answers: list[httpx.Response] = []
        submit = f"/api/v1/campaigns/{campaign_id}/submit"
        answers += [op.post(submit), op.post(submit)]
        assert [a.status_code for a in answers[-2:]] == [200, 409]
        filed = answers[-2].json()["approval"]["id"]
        assert error(answers[-1])["code"] == "invalid_state"
        assert error(answers[-1])["details"]["approval_id"] == filed

        decide = f"/api/v1/approvals/{filed}/decide"
        body = _acknowledged(rev, filed)
        answers += [rev.post(decide, json=body), rev.post(decide, json=body)]
        assert [a.status_code for a in answers[-2:]] == [200, 409]
        assert error(answers[-1])["code"] == "invalid_state"
        assert answers[-2].json()["approval"]["status"] == "approved"
        # filing again once decided: nothing new, already done
        answers.append(op.post(submit))
        assert answers[-1].status_code == 409
        assert error(answers[-1])["code"] == "already_submitted"
        assert error(answers[-1])["details"]["approval_id"] == filed
        assert filed in error(answers[-1])["message"]

        start = f"/api/v1/campaigns/{campaign_id}/start"
        answers += [op.post(start, json={"confirm": True}), op.post(start, json={"confirm": True})]
        first, again = answers[-2].json(), answers[-1].json()
        assert [a.status_code for a in answers[-2:]] == [200, 200]
        assert (first["changed"], again["changed"]) == (True, False)
        assert again["campaign"] == first["campaign"] and first["campaign"]["status"] == "live"
        # a repeat with nothing left to start needs no confirmation either
        answers.append(op.post(start))
        assert answers[-1].status_code == 200 and answers[-1].json()["changed"] is False
        trail = rev.get("/api/v1/audit", params={"object_id": campaign_id}).json()["entries"]
        assert [e["action"] for e in trail].count("campaign.live") == 1

        live = op.get(f"/api/v1/campaigns/{campaign_id}").json()["creatives"]
        victim = sorted(c["id"] for c in live if c["status"] == "live")[0]
        takedown = {"by": "creative", "value": victim, "reason": "客诉"}
        answers += [root.post("/api/v1/takedowns", json=takedown)]
        answers += [root.post("/api/v1/takedowns", json=takedown)]
        assert [a.status_code for a in answers[-2:]] == [200, 409]
        incident = answers[-2].json()["incident"]["id"]
        assert error(answers[-1])["code"] == "already_taken_down"
        assert error(answers[-1])["details"]["incident_id"] == incident
        assert incident in error(answers[-1])["message"]

        whole = {"by": "campaign", "value": campaign_id, "reason": "活动叫停"}
        answers += [root.post("/api/v1/takedowns", json=whole)]
        answers += [root.post("/api/v1/takedowns", json=whole)]
        assert [a.status_code for a in answers[-2:]] == [200, 409]
        assert error(answers[-1])["code"] == "already_taken_down"
        incidents = root.get("/api/v1/incidents").json()["incidents"]
        assert len(incidents) == 2
    _no_5xx(answers)


def test_simultaneous_starts_start_once_and_take_downs_take_down_once(
    settings: Settings,
) -> None:
    campaign_id, tokens = _drafted(settings)
    with served(settings, *tokens) as (op, rev, root):
        filed = op.post(f"/api/v1/campaigns/{campaign_id}/submit").json()["approval"]["id"]
        decided = rev.post(f"/api/v1/approvals/{filed}/decide", json=_acknowledged(rev, filed))
        assert decided.status_code == 200, decided.text
        target = {"name": "CRM 导出", "kind": "file", "address": "exports/crm"}
        assert root.post("/api/v1/targets", json=target).status_code == 200
        tasks = op.post(f"/api/v1/campaigns/{campaign_id}/tasks", json={}).json()["tasks"]
        assert tasks

        start = f"/api/v1/campaigns/{campaign_id}/start"
        starts = together(8, lambda _: op.post(start))
        _no_5xx(starts)
        assert [s.status_code for s in starts] == [200] * 8
        assert sorted(s.json()["changed"] for s in starts) == [False] * 7 + [True]
        assert {s.json()["campaign"]["status"] for s in starts} == {"live"}
        trail = rev.get("/api/v1/audit", params={"object_id": campaign_id}).json()["entries"]
        assert [e["action"] for e in trail].count("campaign.live") == 1
        messages = op.get("/api/v1/outbox", params={"limit": 1000}).json()["messages"]
        assert sum(m["event"] == "task.start" for m in messages) == len(tasks)

        live = op.get(f"/api/v1/campaigns/{campaign_id}").json()["creatives"]
        victim = sorted(c["id"] for c in live if c["status"] == "live")[0]
        body = {"by": "creative", "value": victim, "reason": "客诉"}
        downs = together(8, lambda _: root.post("/api/v1/takedowns", json=body))
        _no_5xx(downs)
        assert sorted(d.status_code for d in downs) == [200] + [409] * 7
        [done] = [d.json()["incident"]["id"] for d in downs if d.status_code == 200]
        for refused in (d for d in downs if d.status_code == 409):
            assert error(refused)["code"] == "already_taken_down"
            assert error(refused)["details"]["incident_id"] == done
        assert [i["id"] for i in root.get("/api/v1/incidents").json()["incidents"]] == [done]
