"""Two uvicorn workers (``huashu serve --workers 2``) sharing PostgreSQL as the operational
store and the event store, and one data directory: the workflow over HTTP, concurrent decide +
events from several threads (events may reach the worker that did not answer the decision),
and a take-down and a pause seen by both workers within a second."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from huashu.runtime import Runtime
from tests.reliability.support import (
    backend_settings,
    running,
    seed_drafts,
    stored_events,
    token_for,
)

pytestmark = pytest.mark.postgres
GROUPS = [(s, c) for s in ("livestock.yes", "livestock.no") for c in ("home_card", "sms")]


def _fresh(base: str, token: str) -> httpx.Client:
    """A client opening a new connection per request, so requests spread over the workers."""
    return httpx.Client(
        base_url=base,
        headers={"Authorization": f"Bearer {token}", "Connection": "close"},
        limits=httpx.Limits(max_keepalive_connections=0),
        timeout=30,
    )


def _workflow(base: str, tokens: dict[str, str], campaign_id: str) -> None:
    with _fresh(base, tokens["operator"]) as op, _fresh(base, tokens["reviewer"]) as rev:
        approval = op.post(f"/api/v1/campaigns/{campaign_id}/submit").json()["approval"]
        detail = rev.get(f"/api/v1/approvals/{approval['id']}").json()["approval"]
        decisions = {
            item["creative_id"]: "approved" if item["creative"]["verdict"] == "pass" else "rejected"
            for item in detail["items"]
        }
        decided = rev.post(
            f"/api/v1/approvals/{approval['id']}/decide", json={"decisions": decisions}
        )
        assert decided.status_code == 200, decided.text
        tasks = op.post(f"/api/v1/campaigns/{campaign_id}/tasks", json={})
        assert tasks.status_code == 200 and tasks.json()["tasks"], tasks.text
        started = op.post(f"/api/v1/campaigns/{campaign_id}/start", json={"confirm": True})
        assert started.status_code == 200, started.text
        assert op.post("/api/v1/snapshots/rebuild").status_code == 200


def _traffic(base: str, token: str, thread: int, rounds: int, out: list[dict[str, Any]]) -> None:
    with _fresh(base, token) as client:
        for r in range(rounds):
            segment, channel = GROUPS[(thread + r) % len(GROUPS)]
            body = {
                "requests": [
                    {
                        "user_id": thread * 10_000 + r * 20 + i,
                        "segment_key": segment,
                        "channel": channel,
                    }
                    for i in range(20)
                ]
            }
            decided = client.post("/api/v1/decide", json=body)
            assert decided.status_code == 200, decided.text
            events = [
                {
                    "event_id": f"{d['decision_id']}:i",
                    "decision_id": d["decision_id"],
                    "kind": "impression",
                }
                for d in decided.json()["decisions"]
            ]
            stored = client.post("/api/v1/events", json={"events": events})
            assert stored.status_code == 200, stored.text
            prefixes = {d["decision_id"].rsplit("-", 1)[0] for d in decided.json()["decisions"]}
            out.append({"sent": len(events), "services": prefixes, **stored.json()})


def _served(client: httpx.Client, segment: str, channel: str) -> set[str] | None:
    """Creatives one 100-request decide batch serves, or None when none may be served."""
    body = {
        "requests": [{"user_id": i, "segment_key": segment, "channel": channel} for i in range(100)]
    }
    response = client.post("/api/v1/decide", json=body)
    if response.status_code == 422 and response.json()["error"]["code"] == "no_arms":
        return None
    assert response.status_code == 200, response.text
    return {d["creative_id"] for d in response.json()["decisions"]}


def _until(check: Any, limit: float = 1.0) -> float:
    """Seconds until ``check()`` holds on 8 fresh connections in a row (fails after 3 s);
    asserts it took at most ``limit``."""
    start = time.monotonic()
    streak = 0
    while streak < 8:
        streak = streak + 1 if check() else 0
        assert time.monotonic() - start < 3.0, "not propagated within 3 s"
    took = time.monotonic() - start
    assert took <= limit, f"took {took:.2f} s"
    return took


def test_two_workers_share_postgres(tmp_path: Path) -> None:
    with backend_settings(
        "postgres", tmp_path, snapshot_rebuild_seconds=0, outbox_interval_seconds=0
    ) as settings:
        with Runtime.open(settings) as rt:
            campaign_id = seed_drafts(rt)
        tokens = {r: token_for(settings, r) for r in ("operator", "reviewer", "admin")}
        with running(settings, workers=2, log_path=tmp_path / "serve.log") as server:
            _workflow(server.base, tokens, campaign_id)
            results: list[dict[str, Any]] = []
            threads = [
                threading.Thread(
                    target=_traffic, args=(server.base, tokens["operator"], t, 6, results)
                )
                for t in range(4)
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=120)
            assert len(results) == 24
            for result in results:
                assert result["rejected"] == [] and result["inserted"] == result["sent"], result
            assert stored_events(settings) == (480, 480)
            # each worker's decide service names its decisions: both workers answered
            assert len(set().union(*(r["services"] for r in results))) == 2

            with _fresh(server.base, tokens["operator"]) as op:
                victim = sorted(_served(op, *GROUPS[0]) or [])[0]
                with _fresh(server.base, tokens["admin"]) as admin:
                    down = admin.post(
                        "/api/v1/takedowns",
                        json={"by": "creative", "value": victim, "reason": "test"},
                    )
                    assert down.status_code == 200, down.text
                _until(lambda: victim not in (_served(op, *GROUPS[0]) or set()))
                paused = op.post(f"/api/v1/campaigns/{campaign_id}/pause", json={"reason": "t"})
                assert paused.status_code == 200, paused.text
                _until(lambda: _served(op, *GROUPS[1]) is None)
        journals = settings.data_dir / "journal"
        assert not any(journals.iterdir())  # both workers flushed and removed their journals
