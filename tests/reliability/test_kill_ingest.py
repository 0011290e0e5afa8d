"""No event lost or doubled when the server is killed with SIGKILL during event ingestion: the
client retries every batch with the same event ids after the restart, and the event store
holds each event exactly once. An answered batch was stored before its answer (its retry
finds every event a duplicate). Embedded SQLite + DuckDB, and PostgreSQL."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.reliability.support import (
    Server,
    backend_settings,
    seed_approved,
    stored_events,
    token_for,
)

BACKENDS = [
    pytest.param("embedded", id="embedded"),
    pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
]
SEGMENTS = ("livestock.yes", "livestock.no")
CHANNELS = ("home_card", "sms")


def _decisions(client: httpx.Client, batches: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for b in range(batches):
        body = {
            "requests": [
                {
                    "user_id": b * 50 + i,
                    "segment_key": SEGMENTS[i % 2],
                    "channel": CHANNELS[(i // 2) % 2],
                }
                for i in range(50)
            ]
        }
        response = client.post("/api/v1/decide", json=body)
        assert response.status_code == 200, response.text
        out += response.json()["decisions"]
    return out


def _event_batches(decisions: list[dict[str, Any]], size: int) -> list[list[dict[str, Any]]]:
    events = []
    for n, d in enumerate(decisions):
        events.append(
            {
                "event_id": f"{d['decision_id']}:i",
                "decision_id": d["decision_id"],
                "kind": "impression",
            }
        )
        if n % 3 == 0:
            events.append(
                {
                    "event_id": f"{d['decision_id']}:c",
                    "decision_id": d["decision_id"],
                    "kind": "click",
                }
            )
    return [events[i : i + size] for i in range(0, len(events), size)]


@pytest.mark.parametrize("backend", BACKENDS)
def test_sigkill_during_ingestion_then_retry_stores_every_event_once(
    backend: str, tmp_path: Path
) -> None:
    with backend_settings(
        backend, tmp_path, snapshot_rebuild_seconds=0, outbox_interval_seconds=0
    ) as settings:
        seed_approved(settings)
        headers = {"Authorization": f"Bearer {token_for(settings, 'operator')}"}
        server = Server(settings, log_path=tmp_path / "serve.log")
        server.start()
        try:
            with httpx.Client(base_url=server.base, headers=headers, timeout=30) as client:
                decisions = _decisions(client, 16)  # 800 decisions, journaled
            batches = _event_batches(decisions, 100)  # 1,067 events in 11 batches
            answered: dict[int, dict[str, Any]] = {}
            failed: list[int] = []

            def post_all() -> None:
                with httpx.Client(base_url=server.base, headers=headers, timeout=30) as client:
                    for i, batch in enumerate(batches):
                        try:
                            response = client.post("/api/v1/events", json={"events": batch})
                        except httpx.HTTPError:
                            failed.append(i)
                            continue
                        assert response.status_code == 200, response.text
                        answered[i] = response.json()

            poster = threading.Thread(target=post_all)
            poster.start()
            deadline = time.monotonic() + 60
            while len(answered) < 4 and poster.is_alive() and time.monotonic() < deadline:
                time.sleep(0.001)
            server.kill9()  # mid-way: the fifth batch is usually in flight
            poster.join(timeout=60)
            assert 4 <= len(answered) < len(batches) and failed, (len(answered), failed)
            for result in answered.values():
                assert result["rejected"] == [] and result["duplicates"] == 0

            server.start()  # the restarted server adopts the killed one's decision journal
            with httpx.Client(base_url=server.base, headers=headers, timeout=30) as client:
                retried = [
                    client.post("/api/v1/events", json={"events": b}).json() for b in batches
                ]
        finally:
            server.stop()
        for i, (batch, result) in enumerate(zip(batches, retried, strict=True)):
            assert result["ok"] and result["rejected"] == [], result
            assert result["inserted"] + result["duplicates"] == len(batch)
            if i in answered:  # answered before the kill: already stored
                assert result["duplicates"] == len(batch)
        total = sum(len(b) for b in batches)
        assert stored_events(settings) == (total, total)
