"""Drafting runs as a server-side job: a client that drops the event stream after the first
cell stops nothing; progress (read from the store) reaches every cell, a cell the generator
gave nothing for counts as done (audited), reopening the stream replays the finished grid, and
two requests never draft a cell twice. A brief the reader refuses is answered in its words."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select

from huashu.brand.loader import load_brand_pack
from huashu.config import Settings
from huashu.domain import Creative
from huashu.generate import GenerationRequest, Generator
from huashu.services import drafting
from huashu.services.drafting import CELL_EMPTY
from huashu.store import open_store, repos
from huashu.store.models import AuditRow
from huashu.web import create_app
from tests.loopback import run_asgi
from tests.web.server import mint_token

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
BRIEF = "给养殖户推春耕贷款，年化利率3.6%起，首页卡片+短信"  # 2 segments x 2 channels
#: the cell the slow generator gives no draft for
EMPTY = ("livestock.no", "sms")


class SlowGenerator:
    """The real generator, a little slow per cell, with one cell that yields nothing; it
    counts the cells it is asked for."""

    def __init__(self, inner: Generator, delay: float) -> None:
        self.inner = inner
        self.name = inner.name
        self.delay = delay
        self.calls: Counter[tuple[str, str]] = Counter()
        self._lock = threading.Lock()

    def generate(self, request: GenerationRequest) -> list[Creative]:
        key = (request.segment.key, str(request.channel.name))
        with self._lock:
            self.calls[key] += 1
        time.sleep(self.delay)
        if key == EMPTY:
            return []
        return self.inner.generate(request)


def _seeded(tmp_path: Path) -> tuple[Settings, dict[str, str]]:
    settings = Settings(data_dir=tmp_path, snapshot_rebuild_seconds=0, outbox_interval_seconds=0)
    token = mint_token(settings, "operator")
    store = open_store(settings.resolved_database_url)
    try:
        path = EXAMPLES / "rural_bank.yaml"
        with store.session() as s:
            repos.save_brand(s, load_brand_pack(path), path.read_text("utf-8"))
    finally:
        store.close()
    return settings, {"Authorization": f"Bearer {token}"}


@contextmanager
def _serve(settings: Settings, headers: dict[str, str]) -> Iterator[tuple[httpx.Client, FastAPI]]:
    app = create_app(settings)
    with (
        run_asgi(app) as base,
        httpx.Client(base_url=base, timeout=20, headers=headers) as client,
    ):
        yield client, app


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[httpx.Client, FastAPI, Settings]]:
    settings, headers = _seeded(tmp_path)
    with _serve(settings, headers) as (client, app):
        yield client, app, settings


def _events(lines: Iterator[str]) -> Iterator[tuple[str, str]]:
    name = ""
    for line in lines:
        if line.startswith("event: "):
            name = line[len("event: ") :]
        elif line.startswith("data: "):
            yield name, line[len("data: ") :]


def _plan(client: httpx.Client, text: str = BRIEF) -> dict[str, Any]:
    response = client.post(
        "/api/v1/briefs", json={"brand_id": "chuntian-bank", "text": text, "n": 1}
    )
    assert response.status_code == 200, response.text
    plan: dict[str, Any] = response.json()["plan"]
    return plan


def test_drafting_goes_on_after_the_stream_is_dropped(
    served: tuple[httpx.Client, FastAPI, Settings],
) -> None:
    client, app, settings = served
    slow = SlowGenerator(app.state.runtime.generator, delay=0.4)
    app.state.runtime.generator = slow
    plan = _plan(client)
    campaign_id = plan["campaign_id"]
    assert plan["cells"] == 4 and plan["cells_done"] == 0

    # the stream starts the job; the client goes away after the first cell
    with client.stream("POST", f"/api/v1/briefs/{campaign_id}/stream?n=1") as response:
        assert response.status_code == 200
        seen = []
        for name, _ in _events(response.iter_lines()):
            seen.append(name)
            if name == "cell":
                break
    assert seen == ["plan", "cell"]
    early = client.get(f"/api/v1/briefs/{campaign_id}/progress").json()
    assert early["state"] == "running" and early["done"] < early["cells"] == 4

    # a second start while it runs is the same job: no cell is drafted twice
    again = client.post(f"/api/v1/briefs/{campaign_id}/drafts?n=1")
    assert again.status_code == 200 and again.json()["state"] == "running"

    deadline = time.monotonic() + 30
    while True:
        progress = client.get(f"/api/v1/briefs/{campaign_id}/progress").json()
        if progress["state"] != "running" or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert progress == {
        "ok": True,
        "campaign_id": campaign_id,
        "cells": 4,
        "done": 4,
        "state": "done",
        "n": 1,
        "message": None,
    }
    assert set(slow.calls.values()) == {1} and len(slow.calls) == 4

    # the creatives are there (three cells; the empty one is done, and audited)
    state = client.get(f"/api/v1/briefs/{campaign_id}").json()
    assert state["plan"]["cells_done"] == 4
    cells = {(c["segment_key"], c["channel"]) for c in state["creatives"]}
    assert len(cells) == 3 and EMPTY not in cells
    store = open_store(settings.resolved_database_url)
    try:
        with store.session() as s:
            audited = list(
                s.scalars(
                    select(AuditRow.detail).where(
                        AuditRow.action == CELL_EMPTY, AuditRow.object_id == campaign_id
                    )
                )
            )
    finally:
        store.close()
    assert [(d["segment_key"], d["channel"]) for d in audited] == [EMPTY]

    # reopening the stream replays the finished grid at once, and drafts nothing
    with client.stream("POST", f"/api/v1/briefs/{campaign_id}/stream?n=1") as response:
        replay = list(_events(response.iter_lines()))
    assert [name for name, _ in replay] == ["plan", "cell", "cell", "cell", "cell", "done"]
    assert len(slow.calls) == 4 and set(slow.calls.values()) == {1}

    # the campaign page, reopened, shows the finished grid and no stream
    page = client.get(f"/chat/{campaign_id}")
    assert page.status_code == 200
    assert 'data-stream=""' in page.text and 'class="spinner"' not in page.text
    assert page.text.count("data-creative=") == 3 and "empty-cell" in page.text


def test_progress_never_says_done_with_cells_missing(
    served: tuple[httpx.Client, FastAPI, Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The job can finish its last cell while a progress request is between its two reads
    (the job's state and the store's count). Here the count of the first request after the
    job starts is read, then the request waits until the job has finished: "done" must come
    with every cell, whatever order the two reads are in."""
    client, app, _ = served
    app.state.runtime.generator = SlowGenerator(app.state.runtime.generator, delay=0.2)
    campaign_id = _plan(client)["campaign_id"]
    real = drafting.drafting_progress
    armed = threading.Event()

    def count_then_let_the_job_finish(rt: Any, cid: str) -> tuple[int, int]:
        counted = real(rt, cid)
        if armed.is_set() and not threading.current_thread().name.startswith("drafts-"):
            armed.clear()
            job = app.state.draft_jobs.get(cid)
            deadline = time.monotonic() + 15
            while job is not None and job.state == "running" and time.monotonic() < deadline:
                time.sleep(0.05)
        return counted

    monkeypatch.setattr(drafting, "drafting_progress", count_then_let_the_job_finish)
    assert client.post(f"/api/v1/briefs/{campaign_id}/drafts?n=1").json()["state"] == "running"
    armed.set()
    raced = client.get(f"/api/v1/briefs/{campaign_id}/progress").json()
    assert raced["state"] != "done" or raced["done"] == raced["cells"] == 4, raced
    final = client.get(f"/api/v1/briefs/{campaign_id}/progress").json()
    assert (final["state"], final["done"], final["cells"]) == ("done", 4, 4)


def test_a_reopened_page_follows_a_running_job(
    served: tuple[httpx.Client, FastAPI, Settings],
) -> None:
    client, app, _ = served
    app.state.runtime.generator = SlowGenerator(app.state.runtime.generator, delay=0.5)
    campaign_id = _plan(client)["campaign_id"]
    started = client.post(f"/api/v1/briefs/{campaign_id}/drafts?n=1").json()
    assert started["state"] == "running"
    page = client.get(f"/chat/{campaign_id}")  # no ?stream=1: the page follows the job
    assert f'data-stream="/api/v1/briefs/{campaign_id}/stream?n=1"' in page.text
    with client.stream("POST", f"/api/v1/briefs/{campaign_id}/stream?n=1") as response:
        names = [name for name, _ in _events(response.iter_lines())]
    assert names == ["plan", "cell", "cell", "cell", "cell", "done"]


def test_a_restart_stops_the_job_between_cells_and_the_next_stream_resumes(
    tmp_path: Path,
) -> None:
    settings, headers = _seeded(tmp_path)
    with _serve(settings, headers) as (client, app):
        first = SlowGenerator(app.state.runtime.generator, delay=0.5)
        app.state.runtime.generator = first
        campaign_id = _plan(client)["campaign_id"]
        assert client.post(f"/api/v1/briefs/{campaign_id}/drafts?n=1").json()["state"] == (
            "running"
        )
        time.sleep(0.2)
    # the shutdown let the cell in hand finish and stopped before the next
    assert 1 <= len(first.calls) < 4
    with _serve(settings, headers) as (client, app):
        second = SlowGenerator(app.state.runtime.generator, delay=0.05)
        app.state.runtime.generator = second
        left = client.get(f"/api/v1/briefs/{campaign_id}/progress").json()
        assert left["state"] == "idle" and left["done"] == len(first.calls)
        with client.stream("POST", f"/api/v1/briefs/{campaign_id}/stream?n=1") as response:
            names = [name for name, _ in _events(response.iter_lines())]
        assert names == ["plan", "cell", "cell", "cell", "cell", "done"]
        assert client.get(f"/api/v1/briefs/{campaign_id}/progress").json()["done"] == 4
    assert not set(first.calls) & set(second.calls)  # no cell drafted twice
    assert len(first.calls) + len(second.calls) == 4


def test_unknown_campaigns_are_refused(served: tuple[httpx.Client, FastAPI, Settings]) -> None:
    client, _, _ = served
    for method, path in (
        ("GET", "/api/v1/briefs/cmp-nope/progress"),
        ("POST", "/api/v1/briefs/cmp-nope/drafts"),
        ("POST", "/api/v1/briefs/cmp-nope/stream"),
    ):
        response = client.request(method, path)
        assert response.status_code == 404, (path, response.text)
        assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    ("text", "code", "words"),
    [
        ("给养殖户推春耕贷，只投抖音", "channel_not_enabled", ["抖音", "已读懂"]),
        ("给大学生推春耕贷，短信", "unknown_audience", ["大学生", "可选人群"]),
        ("春耕贷" * 1500, "brief_too_long", ["4,500", "上限 4,000"]),
    ],
)
def test_a_refused_brief_says_why(
    served: tuple[httpx.Client, FastAPI, Settings], text: str, code: str, words: list[str]
) -> None:
    client, _, _ = served
    response = client.post(
        "/api/v1/briefs", json={"brand_id": "chuntian-bank", "text": text, "n": 1}
    )
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == code
    assert all(w in error["message"] for w in words), error["message"]
