"""数据 and 审计 through a live server: Chinese headers and numbers (no 2.1e+04, no nan), charts
that load as images (also with no journeys to attribute), aggregates kept per data state
(warmed at start, the previous figures answered at once while new ones are computed), and an
audit log paged and filtered down to its oldest entries, details in Chinese."""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pandas as pd
import pytest
from fastapi import FastAPI

from huashu.analytics.charts import cjk_family
from huashu.config import Settings
from huashu.web import create_app, data_warmer
from tests.analytics.fixtures import event_frame
from tests.loopback import run_asgi
from tests.web.data_pages import (
    COMMENT,
    EN_HEADERS,
    JUNK,
    ZH_HEADERS,
    seed_analytics,
    seed_audit,
)
from tests.web.server import mint_token, serve


def _text(page: str) -> str:
    """The visible text of a page (tags and the document head dropped)."""
    body = page.split("<body", 1)[-1]
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def _headers(page: str) -> list[str]:
    table = page.split('id="economics"', 1)[1].split("</thead>", 1)[0]
    return [html.unescape(h).strip() for h in re.findall(r"<th[^>]*>([^<]*)</th>", table)]


def _charts(page: str) -> list[str]:
    return [html.unescape(src) for src in re.findall(r'<img[^>]*src="([^"]+)"', page)]


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    made = Settings(
        data_dir=tmp_path_factory.mktemp("data-audit"),
        snapshot_rebuild_seconds=0,
        outbox_interval_seconds=0,
    )
    seed_analytics(made)
    seed_audit(made)
    return made


@contextmanager
def live(settings: Settings, role: str) -> Iterator[tuple[FastAPI, httpx.Client]]:
    """Like :func:`serve`, also handing back the app (to read its aggregate cache)."""
    app = create_app(settings)
    headers = {"Authorization": f"Bearer {mint_token(settings, role)}"}
    with (
        run_asgi(app) as base,
        httpx.Client(base_url=base, timeout=30, headers=headers) as client,
    ):
        yield app, client


def test_data_page_is_chinese_with_chinese_numbers(settings: Settings) -> None:
    with serve(settings, role="analyst") as client:
        page = client.get("/data")
        charts = {src: client.get(src) for src in _charts(page.text)}
    assert page.status_code == 200
    assert _headers(page.text) == ZH_HEADERS
    text = _text(page.text)
    assert JUNK.search(text) is None, JUNK.search(text)
    assert re.search(r"\d(\.\d+)?万", text)  # revenue in 万
    assert re.search(r"\d+\.\d%|\d+ 天|尚未回本", text) or "投入产出比" in text
    for label in ("短信", "首页卡片", "信息流", "小红书", "数据截至", "按渠道", "按人群"):
        assert label in text, label
    assert [src.split("/")[-1].split(".")[0] for src in charts] == [
        "cohorts",
        "funnel",
        "roi",
        "attribution",
    ]
    for src, chart in charts.items():
        assert chart.status_code == 200, (src, chart.text[:200])
        assert chart.headers["content-type"].startswith("image/svg+xml")
        assert b"<svg" in chart.content[:2000]
        assert "lang=zh" in src


def test_data_page_in_english_and_by_segment(settings: Settings) -> None:
    with serve(settings, role="analyst") as client:
        english = client.get("/data", params={"lang": "en"}).text
        by_segment = client.get("/data", params={"by": "segment_key", "lang": "zh"}).text
        srcs = _charts(english)
        en_chart = client.get(srcs[3]).content
        zh_chart = client.get(srcs[3].replace("lang=en", "lang=zh")).content
    assert _headers(english) == EN_HEADERS
    assert "SMS" in _text(english) and "短信" not in _text(english)
    assert all("lang=en" in src for src in srcs)
    if cjk_family() is not None:  # without a CJK font (make fonts) both are drawn in English
        assert en_chart != zh_chart  # the chart's words follow the language
    assert _headers(by_segment)[0] == "人群"
    text = _text(by_segment)
    assert JUNK.search(text) is None
    assert "—" in text and "成本按投放位购买" in text  # no cost by segment, said so


def test_charts_are_images_without_journeys_or_funnel(tmp_path: Path) -> None:
    """Imported signups, actions and costs but no logged touches: attribution has no journey
    (it answered 400) and the funnel no first step (it answered 500); both are images now."""
    settings = Settings(data_dir=tmp_path, snapshot_rebuild_seconds=0, outbox_interval_seconds=0)
    seed_analytics(settings, users=400, events=False)
    with serve(settings, role="analyst") as client:
        page = client.get("/data")
        answers = {src: client.get(src) for src in _charts(page.text)}
    assert len(answers) == 4
    for src, answer in answers.items():
        assert answer.status_code == 200, (src, answer.text[:300])
        assert answer.headers["content-type"].startswith("image/svg+xml")


def test_aggregates_are_kept_until_the_data_changes(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, snapshot_rebuild_seconds=0, outbox_interval_seconds=0)
    seed_analytics(settings, users=800)
    with live(settings, "operator") as (app, client):
        assert app.state.data_warmer.warmed.wait(60)  # its first round done (counts steady)
        cache = app.state.metrics.cache
        first = client.get("/data").text
        src = _charts(first)[2]
        chart = client.get(src)
        etag = chart.headers["etag"]
        computed = cache.misses
        assert client.get("/data").text == first
        assert client.get(src).content == chart.content
        assert cache.misses == computed  # both answered from the kept aggregates
        assert client.get(src, headers={"If-None-Match": etag}).status_code == 304

        imported = client.post(
            "/api/v1/metrics/import/costs", content="day,channel,cost\n2026-03-05,sms,99999\n"
        )
        assert imported.json()["inserted"] == 1
        changed = client.get("/data").text
        assert cache.misses > computed
        assert changed != first and _charts(changed)[2] != src  # new numbers, new chart URL
        again = client.get(src, headers={"If-None-Match": etag})
        assert again.status_code == 200 and again.headers["etag"] != etag


def _figures(page: str) -> str:
    return page.split('id="economics"', 1)[1].split("</tbody>", 1)[0]


def test_first_visit_warmed_then_stale_figures_at_once_then_new_ones(tmp_path: Path) -> None:
    """The default views are computed when the server starts, so the first visit computes
    nothing; after new data the next visit answers the previous figures at once (the request
    computes nothing, the page says when they were computed and that newer ones are on the
    way) while one background thread recomputes; a later visit shows the new figures."""
    settings = Settings(data_dir=tmp_path, snapshot_rebuild_seconds=0, outbox_interval_seconds=0)
    seed_analytics(settings, users=800)
    with live(settings, "operator") as (app, client):
        warmer = app.state.data_warmer
        assert warmer.warmed.wait(60) and warmer.rounds == 1
        warmer.close()  # no periodic round during the test
        cache = app.state.metrics.cache
        first = client.get("/data").text
        charts = {src: client.get(src) for src in _charts(first)}
        assert all(c.status_code == 200 for c in charts.values())
        assert cache.misses == 0  # the page and its four charts were ready
        assert "数据更新于" in _text(first) and "data-updating" not in first

        events = event_frame([(1, "2026-03-06 09:00", "click", "sms", 0.0)])
        events["event_id"] = "arrived-1"
        assert app.state.runtime.events.log_events(events) == 1  # as the delivery path logs
        cost = pd.DataFrame(
            [("2026-03-06", "c1", "sms", "", "p9", "cr1", "55555")],
            columns=["day", "campaign", "channel", "creator", "placement", "creative_id", "cost"],
        )
        assert app.state.metrics.tables.import_frame("costs", cost).inserted == 1  # elsewhere

        stale = client.get("/data").text
        assert _figures(stale) == _figures(first)  # the previous figures, answered at once
        assert cache.misses == 0 and cache.stale >= 1  # the request computed nothing
        assert "数据更新于" in _text(stale) and "data-updating" in stale
        src, old = next(iter(charts.items()))
        kept = client.get(src, headers={"If-None-Match": old.headers["etag"]})
        assert kept.status_code == 304  # the older image, under its older ETag, meanwhile
        assert cache.wait(60)
        assert cache.refreshes >= 2 and cache.misses == 0

        fresh = client.get("/data").text
        assert _figures(fresh) != _figures(first)  # the new cost
        assert "data-updating" not in fresh and "数据更新于" in _text(fresh)
        redrawn = client.get(src, headers={"If-None-Match": old.headers["etag"]})
        assert redrawn.status_code == 200 and redrawn.headers["etag"] != old.headers["etag"]
        assert cache.misses == 0


def test_warming_does_not_hold_up_start_or_shutdown(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the warmer is busy the server answers; at shutdown the warmer stops."""
    entered = threading.Event()

    def slow(metrics: object, langs: object, stop: threading.Event) -> int:
        entered.set()
        stop.wait(60)  # a warm round that only ends when asked to
        return 0

    monkeypatch.setattr(data_warmer, "warm_views", slow)
    with live(settings, "analyst") as (app, client):
        warmer = app.state.data_warmer
        assert entered.wait(60)
        assert client.get("/healthz").json()["ok"] is True
        assert client.get("/data").status_code == 200  # computed by the request itself
        assert not warmer.warmed.is_set() and warmer.running
    assert not warmer.running  # stopped with the app


def _ids(page: str) -> list[int]:
    return [int(i) for i in re.findall(r'data-entry="(\d+)"', page)]


def _next(page: str) -> str | None:
    found = re.search(r'href="([^"]+)" rel="next"', page)
    return html.unescape(found.group(1)) if found else None


def test_audit_pages_reach_every_entry(settings: Settings) -> None:
    seen: list[int] = []
    pages = 0
    with serve(settings, role="analyst") as client:
        url: str | None = "/audit"
        while url is not None:
            page = client.get(url)
            assert page.status_code == 200
            ids = _ids(page.text)
            assert 0 < len(ids) <= 50
            seen += ids
            pages += 1
            url = _next(page.text)
        beyond = client.get("/audit", params={"page": pages + 5}).text
    assert seen == list(range(seen[0], 0, -1))  # newest first, every entry once, down to #1
    assert seen[0] >= 1297 and pages == -(-seen[0] // 50)
    assert f"第 {pages} / {pages} 页" in _text(beyond)  # past the end: the last page


def test_audit_filters_reach_old_entries_in_chinese(settings: Settings) -> None:
    with serve(settings, role="analyst") as client:
        first = client.get("/audit", params={"actor": "laoli"}).text
        pages = int(re.search(r"第 1 / (\d+) 页", _text(first)).group(1))  # type: ignore[union-attr]
        last = client.get("/audit", params={"actor": "laoli", "page": pages}).text
        decided = client.get("/audit", params={"action": "approval.decide", "page": 2}).text
        users = client.get("/audit", params={"object_type": "user"}).text
        one = client.get("/audit", params={"object_id": "a1"}).text
        english = client.get("/audit", params={"action": "approval.decide", "lang": "en"}).text
    assert pages > 1
    assert set(re.findall(r'href="\?actor=([^"&]+)"', first + last)) == {"laoli"}
    assert 2 in _ids(last)  # laoli's oldest entry, the log's second
    text = _text(decided)
    assert "审批决定" in text and COMMENT in text and "已通过" in text
    assert re.search(r"\\u[0-9a-fA-F]{4}", decided) is None  # also not in the raw record
    assert "approval.decide" in decided  # the code stays as the action's tooltip
    assert "新建用户" in _text(users) and "分析" in _text(users)
    assert "Review decided" in _text(english) and "Approved" in _text(english)
    assert _ids(one) == [2] and "审批单" in _text(one)
    assert '<option value="approval.decide" selected>审批决定</option>' in decided
