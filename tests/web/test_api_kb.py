"""The knowledge-base API over HTTP: snapshot list, one snapshot (optionally one segment), diff."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import numpy as np
import pandas as pd
import pytest

from huashu.config import Settings
from huashu.learn import KnowledgeBase, distill
from huashu.learn.store import KBRegistry, diff
from tests.web.server import serve

NAMES = {
    "livestock.yes": "养殖户·有优惠",
    "livestock.no": "养殖户·无优惠",
    "crop.no": "种植户·无优惠",
}


def round_kb(round_: int) -> KnowledgeBase:
    """Round ``round_`` of a campaign: 6 creatives per segment, ``phrase:subsidy`` (on even
    ones) doubles CTR for the livestock segments; round 2 adds ``phrase:spring``."""
    rng = np.random.default_rng(round_)
    features = {
        f"c{i}": (["phrase:subsidy"] if i % 2 == 0 else []) + (["phrase:rate"] if i < 3 else [])
        for i in range(6)
    }
    if round_ > 1:
        features["c5"] = [*features["c5"], "phrase:spring"]
    rows = []
    for segment in NAMES:
        for i in range(6):
            ctr = 0.04 if i % 2 == 0 and segment.startswith("livestock") else 0.02
            n = 4_000 * round_
            rows.append((segment, f"c{i}", n, int(rng.binomial(n, ctr))))
    frame = pd.DataFrame(rows, columns=["segment_key", "creative_id", "impressions", "clicks"])
    when = datetime(2024, 3, 1, tzinfo=UTC) + timedelta(days=round_)
    return distill(frame, features, created_at=when)


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, list[KnowledgeBase]]:
    settings = Settings(data_dir=tmp_path_factory.mktemp("api-kb") / "data")
    kbs = [round_kb(1), round_kb(2)]
    for kb in kbs:
        KBRegistry.for_settings(settings).save(kb, names=NAMES)
    return settings, kbs


@pytest.fixture(scope="module")
def client(saved: tuple[Settings, list[KnowledgeBase]]) -> Iterator[httpx.Client]:
    with serve(saved[0]) as http:
        yield http


def test_snapshots_are_listed_oldest_first(
    saved: tuple[Settings, list[KnowledgeBase]], client: httpx.Client
) -> None:
    _, kbs = saved
    response = client.get("/api/v1/kb/snapshots")
    assert response.status_code == 200
    assert response.json() == {
        "ok": True,
        "snapshots": [
            {
                "snapshot_id": kb.snapshot_id,
                "created_at": kb.created_at.isoformat(),
                "segments": 3,
                "entries": len(kb.entries),
                "brand_id": "",
                "trained_on": {},
            }
            for kb in kbs
        ],
    }


def test_one_snapshot_by_label_by_key_and_whole(
    saved: tuple[Settings, list[KnowledgeBase]], client: httpx.Client
) -> None:
    _, (first, latest) = saved
    by_label = client.get("/api/v1/kb/snapshots/latest", params={"segment": "养殖户"}).json()
    by_key = client.get(f"/api/v1/kb/snapshots/{first.snapshot_id}?segment=crop.no").json()
    whole = client.get(f"/api/v1/kb/snapshots/{first.snapshot_id}").json()
    assert by_label["snapshot_id"] == latest.snapshot_id
    assert [s["segment_key"] for s in by_label["segments"]] == ["livestock.no", "livestock.yes"]
    top = by_label["segments"][1]["entries"][0]
    assert (top["feature"], top["low"] > 0) == ("phrase:subsidy", True)
    assert top["lift"] == pytest.approx(latest.for_segment("livestock.yes")[0].lift)
    [crop] = by_key["segments"]
    assert crop["segment_name"] == "种植户·无优惠"
    assert crop["base_ctr"] == pytest.approx(0.02, rel=0.2)
    assert [e["feature"] for e in crop["entries"]] == [
        e.feature for e in first.for_segment("crop.no")
    ]
    assert [s["segment_key"] for s in whole["segments"]] == sorted(NAMES)


def test_diff_reports_added_and_changed_entries(
    saved: tuple[Settings, list[KnowledgeBase]], client: httpx.Client
) -> None:
    _, (first, latest) = saved
    body = client.get("/api/v1/kb/diff", params={"a": "previous", "b": "latest"}).json()
    expected = diff(first, latest, names=NAMES)
    assert (body["ok"], body["a"], body["b"]) == (True, first.snapshot_id, latest.snapshot_id)
    assert [c["line"] for c in body["changes"]] == [c.to_markdown() for c in expected]
    added = {(c["segment_key"], c["feature"]) for c in body["changes"] if c["kind"] == "added"}
    assert added == {(s, "phrase:spring") for s in NAMES}
    assert body["markdown"].startswith(
        f"# Knowledge-base diff 知识库变化 `{first.snapshot_id}` -> `{latest.snapshot_id}`"
    )


@pytest.mark.parametrize(
    ("path", "status", "code", "message"),
    [
        ("/api/v1/kb/snapshots/kb-nope", 404, "not_found", "找不到知识库快照 'kb-nope'"),
        (
            "/api/v1/kb/diff?a=latest&b=kb-nope",
            404,
            "not_found",
            "找不到知识库快照 'kb-nope'",
        ),
        (
            "/api/v1/kb/snapshots/latest?segment=渔民",
            422,
            "unknown_segment",
            "快照中没有人群 '渔民'；可选人群：crop.no (种植户·无优惠)、"
            "livestock.no (养殖户·无优惠)、livestock.yes (养殖户·有优惠)",
        ),
        ("/api/v1/kb/diff?a=latest", 422, "invalid_request", "请求参数有误"),
        ("/api/v1/kb/diff?a=latest&b=latest&min_delta=-1", 422, "invalid_request", "请求参数有误"),
    ],
)
def test_bad_requests_get_the_error_envelope(
    client: httpx.Client, path: str, status: int, code: str, message: str
) -> None:
    response = client.get(path)
    assert response.status_code == status
    body = response.json()
    assert (body["ok"], body["error"]["code"], body["error"]["message"]) == (False, code, message)


def test_no_snapshots_yet_is_an_empty_list_and_latest_is_not_found(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    with serve(settings) as client:
        assert client.get("/api/v1/kb/snapshots").json() == {"ok": True, "snapshots": []}
        body = client.get("/api/v1/kb/snapshots/latest").json()
    assert body["error"]["code"] == "not_found"
    assert (
        body["error"]["message"]
        == f"没有 'latest' 快照：{tmp_path / 'data' / 'kb'} 中只保存了 0 个"
    )
