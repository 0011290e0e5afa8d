"""The CLI, the JSON API (a real server on loopback) and the dashboard show the same numbers
as the service, and the charts render as PNG and SVG."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from huashu.analytics.service import Metrics
from huashu.cli import app
from huashu.config import Settings
from huashu.events import open_event_store
from tests.analytics.fixtures import hand_tables
from tests.web.server import serve


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir whose event store holds the hand fixture (events logged, CSVs imported by
    the CLI)."""
    root = tmp_path_factory.mktemp("metrics-cli")
    tables = hand_tables()
    with open_event_store(Settings(data_dir=root).resolved_events_url) as store:
        store.log_events(tables["events"])
    runner = CliRunner()
    for name in ("signups", "actions", "costs"):
        csv = root / f"{name}.csv"
        tables[name].to_csv(csv, index=False)
        result = runner.invoke(app, ["metrics", "import", name, str(csv), "--data-dir", str(root)])
        assert result.exit_code == 0, result.output
        assert "rejected 0" in result.output
    return root


def _cli(data_dir: Path, *args: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(app, ["metrics", *args, "--json", "--data-dir", str(data_dir)])
    assert result.exit_code == 0, result.output
    rows: list[dict[str, object]] = json.loads(result.output)
    return rows


def test_cli_and_api_agree(data_dir: Path) -> None:
    roi = _cli(data_dir, "roi", "--by", "channel")
    assert {r["slice"]: r["roi"] for r in roi} == {"dsp": 2.5, "home_card": 0.0, "sms": 1.25}
    funnel = _cli(data_dir, "funnel")
    assert [r["users"] for r in funnel] == [4, 3, 2, 1]
    retention = _cli(data_dir, "retention")
    attribution = _cli(data_dir, "attribution", "--order", "1,2")
    assert {r["channel"]: r["first_touch"] for r in attribution} == {
        "dsp": 0.0,
        "home_card": 0.0,
        "sms": 2.0,
    }
    with serve(Settings(data_dir=data_dir)) as client:
        assert client.get("/api/v1/metrics/roi", params={"by": "channel"}).json()["rows"] == roi
        assert client.get("/api/v1/metrics/funnel").json()["rows"] == funnel
        assert client.get("/api/v1/metrics/retention").json()["rows"] == retention
        body = client.get("/api/v1/metrics/attribution", params={"orders": "1,2"}).json()
        assert body["conversions"] == attribution
        assert (body["total_conversions"], body["unattributed_conversions"]) == (2.0, 0)
        bad = client.get("/api/v1/metrics/roi", params={"by": "city"})
        assert bad.status_code == 422
        assert bad.json()["error"]["code"] == "bad_slice"
        assert bad.json()["error"]["message"].startswith("不能按 'city' 切分")
        png = client.get("/api/v1/metrics/charts/roi.png")
        assert (png.headers["content-type"], png.content[:4]) == ("image/png", b"\x89PNG")
        svg = client.get("/api/v1/metrics/charts/cohorts.svg")
        assert svg.headers["content-type"].startswith("image/svg+xml")
        assert b"<svg" in svg.content
        page = client.get("/api/v1/metrics/dashboard").text
        assert "增长与归因看板" in page and 'src="charts/attribution.svg?by=channel"' in page
        posted = client.post(
            "/api/v1/metrics/import/costs",
            content="day,channel,cost\n2026-01-20,sms,-3\n",
        )
        assert posted.json()["error"]["code"] == "negative_cost"


def test_cli_chart_and_error(data_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "funnel.svg"
    result = runner.invoke(
        app, ["metrics", "chart", "funnel", str(out), "--data-dir", str(data_dir)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8").lstrip().startswith("<?xml")
    bad = runner.invoke(app, ["metrics", "roi", "--by", "city", "--data-dir", str(data_dir)])
    assert bad.exit_code == 2
    assert "不能按 'city' 切分" in bad.output


def test_paths_csv_attribution(data_dir: Path, tmp_path: Path) -> None:
    csv = tmp_path / "paths.csv"
    csv.write_text(
        "path,total_conversions,total_conversion_value,total_null\n"
        "a > b,1,10,1\na,2,20,0\nb,1,10,1\n",
        "utf-8",
    )
    rows = _cli(data_dir, "attribution", "--paths", str(csv))
    assert {r["channel"]: round(float(r["markov_1"]), 6) for r in rows} == {"a": 2.4, "b": 1.6}


def test_charts_render_every_kind(data_dir: Path) -> None:
    with open_event_store(Settings(data_dir=data_dir).resolved_events_url) as store:
        metrics = Metrics(store)
        for name in ("cohorts", "funnel", "roi", "attribution"):
            assert metrics.chart(name, "png")[:4] == b"\x89PNG"
