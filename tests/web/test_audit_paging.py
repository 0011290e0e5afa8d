"""``GET /api/v1/audit`` pages the log newest first: ``limit`` entries from ``offset``, the
``total`` matching the filters and the ``next_offset`` of the older page; a bad page gets a
422 that says which bound it broke (in Chinese for operators)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from huashu.config import Settings
from huashu.store import open_store, repos
from tests.web.server import serve

ENTRIES = 7


@pytest.fixture(scope="module")
def reviewer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    settings = Settings(data_dir=Path(tmp_path_factory.mktemp("audit")), snapshot_rebuild_seconds=0)
    store = open_store(settings.resolved_database_url)
    try:
        store.upgrade()
        with store.session() as s:
            for i in range(ENTRIES):
                repos.audit(s, "tester", "thing.touch", "thing", f"t{i}", {"n": i})
    finally:
        store.close()
    with serve(settings, role="reviewer") as client:
        yield client


def test_pages_follow_next_offset_down_to_the_first_entry(reviewer: httpx.Client) -> None:
    seen: list[str] = []
    params: dict[str, str | int] = {"object_type": "thing", "limit": 3}
    pages = 0
    while True:
        page = reviewer.get("/api/v1/audit", params=params)
        assert page.status_code == 200, page.text
        body = page.json()
        assert body["total"] == ENTRIES and body["limit"] == 3
        seen += [e["object_id"] for e in body["entries"]]
        pages += 1
        if body["next_offset"] is None:
            break
        params["offset"] = body["next_offset"]
    assert pages == 3
    assert seen == [f"t{i}" for i in reversed(range(ENTRIES))]  # newest first, none twice


def test_the_default_page_and_the_filters(reviewer: httpx.Client) -> None:
    body = reviewer.get("/api/v1/audit").json()
    assert body["limit"] == 100 and body["offset"] == 0 and body["next_offset"] is None
    assert body["total"] == len(body["entries"]) >= ENTRIES
    one = reviewer.get("/api/v1/audit", params={"object_id": "t3", "actor": "tester"}).json()
    assert [e["detail"] for e in one["entries"]] == [{"n": 3}] and one["total"] == 1
    for offset in (50, 10**30):
        past = reviewer.get("/api/v1/audit", params={"object_type": "thing", "offset": offset})
        assert past.status_code == 200, past.text
        assert past.json()["entries"] == [] and past.json()["next_offset"] is None


@pytest.mark.parametrize(
    ("params", "status", "code", "message"),
    [
        ({"limit": 0}, 422, "bad_page", "每页条数 limit 应在 1 到 1000 之间，收到 0"),
        ({"limit": 1001}, 422, "bad_page", "每页条数 limit 应在 1 到 1000 之间，收到 1001"),
        ({"offset": -1}, 422, "bad_page", "起始位置 offset 不能为负数，收到 -1"),
        ({"limit": "many"}, 422, "invalid_request", "请求参数有误"),
        ({"offset": "1.5"}, 422, "invalid_request", "请求参数有误"),
    ],
)
def test_a_bad_page_is_refused(
    reviewer: httpx.Client, params: dict[str, object], status: int, code: str, message: str
) -> None:
    answer = reviewer.get("/api/v1/audit", params=params)
    assert answer.status_code == status
    error = answer.json()["error"]
    assert (error["code"], error["message"]) == (code, message)
