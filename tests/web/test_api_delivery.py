"""Delivery over HTTP: rebuild a snapshot, decide in batches, ingest outcome events."""

from __future__ import annotations

from pathlib import Path

import pytest

from huashu.config import Settings
from huashu.domain import BrandPack, Verdict
from huashu.runtime import Runtime
from huashu.store import repos
from huashu.workflow import decide_approval, submit_for_approval
from tests.campaigns import drafted as drafted_campaign
from tests.web.server import serve


@pytest.fixture
def approved(tmp_path: Path, bank_pack: BrandPack, examples_dir: Path) -> Settings:
    """A store with an approved campaign: 2 creatives per segment x channel for 养殖户."""
    settings = Settings(data_dir=tmp_path / "data")
    with Runtime.open(settings) as rt:
        text = (examples_dir / "rural_bank.yaml").read_text("utf-8")
        plan, batch = drafted_campaign(rt, bank_pack, text, "op", n=3, seed=1)
        with rt.store.session() as s:
            repos.ensure_user(s, "op", "operator")
            repos.ensure_user(s, "rev", "reviewer")
            approval = submit_for_approval(s, plan.campaign_id, "op")
            decide_approval(
                s,
                approval,
                "rev",
                {
                    c.id: "approved" if batch.reports[c.id].verdict == Verdict.PASS else "rejected"
                    for c in batch.creatives
                    if batch.reports[c.id].verdict != Verdict.BLOCK
                },
            )
    return settings


def test_decide_requires_a_snapshot_then_serves_with_propensities(approved: Settings) -> None:
    with serve(approved) as client:
        body = {"requests": [{"user_id": 1, "segment_key": "livestock.yes", "channel": "sms"}]}
        missing = client.post("/api/v1/decide", json=body)
        assert missing.status_code == 400
        assert missing.json()["error"]["code"] == "no_snapshot"
        assert "快照" in missing.json()["error"]["message"]

        rebuilt = client.post("/api/v1/snapshots/rebuild").json()
        assert rebuilt["ok"] and rebuilt["groups"] == 4

        many = {
            "requests": [
                {"user_id": i, "segment_key": "livestock.yes", "channel": "home_card"}
                for i in range(200)
            ]
        }
        decisions = client.post("/api/v1/decide", json=many).json()["decisions"]
        assert len(decisions) == 200
        assert all(0 < d["propensity"] <= 1 for d in decisions)
        assert {d["snapshot_id"] for d in decisions} == {rebuilt["snapshot_id"]}

        events = [
            {
                "event_id": f"{d['decision_id']}:impression",
                "decision_id": d["decision_id"],
                "kind": "impression",
            }
            for d in decisions
        ]
        events.append({"event_id": "x1", "decision_id": "nope", "kind": "click"})
        events.append(
            {"event_id": "x2", "decision_id": decisions[0]["decision_id"], "kind": "like"}
        )
        events.append(
            {
                "event_id": "x3",
                "decision_id": decisions[0]["decision_id"],
                "kind": "conversion",
                "ts": "2099-01-01T00:00:00+00:00",
            }
        )
        first = client.post("/api/v1/events", json={"events": events}).json()
        again = client.post("/api/v1/events", json={"events": events}).json()
    assert first["inserted"] == 200 and first["duplicates"] == 0
    assert again["inserted"] == 0 and again["duplicates"] == 200
    assert [r["reason"] for r in first["rejected"]] == [
        "unknown decision 'nope'",
        "unknown kind 'like'",
        "conversion outside the 7-day window",
    ]
    with Runtime.open(approved) as rt:
        stats = rt.events.arm_stats()
    assert stats["impressions"].sum() == 200


@pytest.mark.parametrize(
    ("path", "body", "code"),
    [
        ("/api/v1/decide", {"requests": []}, "invalid_request"),
        (
            "/api/v1/decide",
            {"requests": [{"user_id": "x", "segment_key": "s", "channel": "c"}]},
            "invalid_request",
        ),
        (
            "/api/v1/events",
            {"events": [{"event_id": "", "decision_id": "d", "kind": "click"}]},
            "invalid_request",
        ),
    ],
)
def test_bad_bodies_get_the_envelope(
    approved: Settings, path: str, body: dict[str, object], code: str
) -> None:
    with serve(approved) as client:
        response = client.post(path, json=body)
    assert response.status_code == 422
    assert response.json()["ok"] is False
    assert response.json()["error"]["code"] == code


def test_concurrent_decides_are_all_served_and_logged(approved: Settings) -> None:
    """Handlers run on a thread pool; the embedded event store must not be used by two
    threads at once (regression: concurrent decides crashed the DuckDB connection)."""
    from concurrent.futures import ThreadPoolExecutor

    with serve(approved) as client:
        client.post("/api/v1/snapshots/rebuild").raise_for_status()

        def call(i: int) -> int:
            body = {"requests": [{"user_id": i, "segment_key": "livestock.no", "channel": "sms"}]}
            return client.post("/api/v1/decide", json=body).status_code

        with ThreadPoolExecutor(max_workers=16) as pool:
            codes = list(pool.map(call, range(400)))
    assert codes == [200] * 400
    with Runtime.open(approved) as rt:
        assert rt.events.counts()["decisions"] == 400


def test_snapshot_cadence_rebuilds_in_the_background(approved: Settings) -> None:
    import time

    from huashu.services.delivery import SnapshotCadence, registry_for

    with Runtime.open(approved) as rt:
        registry = registry_for(rt)
        assert registry.latest_id() is None
        cadence = SnapshotCadence(rt, 0.2)
        try:
            deadline = time.monotonic() + 10
            while registry.latest_id() is None and time.monotonic() < deadline:
                time.sleep(0.05)
        finally:
            cadence.close()
        latest = registry.latest()
    assert latest is not None
    assert {g.segment_key for g in latest.groups} == {"livestock.yes", "livestock.no"}
