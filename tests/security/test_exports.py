"""Findings V3 and V11. V3: ``POST /api/v1/segments/export`` used the segment file's name as
a path, so ``name: /abs/dir`` or ``../..`` wrote member lists anywhere the server could write;
exports now go only to one folder of the export directory and a name that is a path gets a 422.
V11: CSV exports wrote cells such as ``=HYPERLINK(...)`` as they were, which a spreadsheet runs
as a formula; every CSV huashu writes now prefixes such cells with ``'``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from tests.security.data_layouts import LAYOUTS, layout
from tests.web.server import serve
from typer.testing import CliRunner

from huashu.cli import app
from huashu.csvsafe import safe_cell
from huashu.workflow.file_export import rebuild_csv

ROWS = 12
FORMULAS = ['=HYPERLINK("http://evil","x")', "+86138", "-1+2", "@SUM(A1)", "\tTAB", "\rCR"]


def _users() -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["user_id", "group", "phone", "=cmd"])
    for i in range(ROWS):
        phone = FORMULAS[i % len(FORMULAS)] if i < len(FORMULAS) else f"1380000{i:04d}"
        writer.writerow([f"u{i:02d}" if i else "=0", "a", phone, "=1+1"])
    return out.getvalue()


SPEC = {"min_size": 0, "segments": [{"key": "all", "rule": {"field": "group", "value": "a"}}]}


def _tree(root: Path) -> set[Path]:
    """Files and folders under ``root`` but outside the data directory (where the running
    server's journals and database files come and go)."""
    return {p for p in root.rglob("*") if not p.is_relative_to(root / "data")}


@pytest.mark.parametrize("name", LAYOUTS)
def test_exports_stay_in_the_export_directory(name: str, tmp_path: Path) -> None:
    lists = tmp_path / "lists"
    with (
        layout(name, tmp_path, export_dir=lists) as site,
        serve(site.settings, role="operator") as client,
    ):
        up = client.post("/api/v1/segments/upload?format=csv", content=_users())
        assert up.status_code == 200, up.text
        before = _tree(tmp_path)
        target = tmp_path / "escaped"
        for bad in (
            str(target),
            "../../escaped",
            "../escaped",
            "a/b",
            "..\\escaped",
            "C:\\escaped",
            "..",
            "x/../../escaped",
            "/etc/cron.d/x",
        ):
            spec = {**SPEC, "name": bad}
            response = client.post("/api/v1/segments/export", json={"spec": spec})
            assert response.status_code == 422, (bad, response.text)
            error = response.json()["error"]
            assert error["code"] == "bad_export_name"
            assert "导出目录" in error["message"]
        assert _tree(tmp_path) == before
        assert not list(tmp_path.parent.rglob("escaped*"))

        ok = client.post(
            "/api/v1/segments/export",
            json={"spec": {**SPEC, "name": "农行 春耕 2026"}, "format": "csv"},
        )
        assert ok.status_code == 200, ok.text
        folder = Path(ok.json()["directory"])
        assert folder.parent == lists.resolve()
        assert folder.name.startswith("农行_春耕_2026-")
        (only,) = ok.json()["files"]
        assert Path(only["path"]).parent == folder and only["rows"] == ROWS


@pytest.mark.parametrize("name", LAYOUTS)
def test_member_csv_cells_cannot_run_as_formulas(name: str, tmp_path: Path) -> None:
    with layout(name, tmp_path) as site, serve(site.settings, role="operator") as client:
        up = client.post("/api/v1/segments/upload?format=csv", content=_users())
        assert up.status_code == 200, up.text
        for fmt in ("csv", "parquet"):
            exported = client.post(
                "/api/v1/segments/export",
                json={"spec": SPEC, "format": fmt, "columns": ["phone", "=cmd"]},
            )
            assert exported.status_code == 200, exported.text
            (only,) = exported.json()["files"]
            path = Path(only["path"])
            if fmt == "parquet":  # not a spreadsheet format: values exactly as imported
                frame = pq.read_table(path).to_pandas()
                assert set(FORMULAS) <= set(frame["phone"])
                continue
            with path.open(encoding="utf-8", newline="") as fh:
                rows = list(csv.reader(fh))
            assert rows[0] == ["user_id", "phone", "'=cmd"]
            cells = [cell for row in rows for cell in row]
            assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
            phones = {row[1] for row in rows[1:]}
            assert {safe_cell(f) for f in FORMULAS} <= phones
            assert "'=0" in {row[0] for row in rows[1:]}
            assert "13800000011" in phones  # ordinary values untouched


def test_file_target_csv_cells_cannot_run_as_formulas(tmp_path: Path) -> None:
    (tmp_path / "sms").mkdir()
    body = {
        "message_id": 7,
        "idempotency_key": "k7",
        "event": "task.approved",
        "sent_at": "2026-06-01T08:00:00Z",
        "task": {
            "task_id": "t1",
            "campaign_id": '=HYPERLINK("http://evil")',
            "brand_id": "+b",
            "channel": "sms",
            "segment_key": "-2+3",
            "audience_ref": "@SUM(A1)",
            "creative_ids": ["=c1", "c2"],
        },
    }
    (tmp_path / "sms" / "k7.json").write_text(json.dumps(body), "utf-8")
    out = rebuild_csv(tmp_path, "sms")
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8-sig"))))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["campaign_id"] == '\'=HYPERLINK("http://evil")'
    assert (row["brand_id"], row["segment_key"], row["audience_ref"]) == (
        "'+b",
        "'-2+3",
        "'@SUM(A1)",
    )
    assert row["creative_ids"] == "'=c1|c2"
    assert row["task_id"] == "t1"


def test_rejected_events_csv_cells_cannot_run_as_formulas(tmp_path: Path) -> None:
    events = tmp_path / "events.csv"
    events.write_text('event_id,decision_id,kind\n"=1+1",nope,click\n', "utf-8")
    rejected = tmp_path / "rejected.csv"
    result = CliRunner().invoke(
        app,
        [
            "events",
            "import",
            str(events),
            "--rejected",
            str(rejected),
            "--data-dir",
            str(tmp_path / "data"),
        ],
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(rejected.read_text("utf-8"))))
    assert rows[1][0] == "'=1+1"
