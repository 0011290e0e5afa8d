"""``huashu events import``: events from a file linked to logged decisions, idempotently."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from huashu.cli import app
from huashu.config import Settings
from huashu.delivery import DecideService, decisions_frame
from huashu.runtime import Runtime
from tests.delivery.test_delivery_decide import snapshot

runner = CliRunner()


def test_import_links_events_and_reports_rejections(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    decisions = DecideService(snapshot(), random_state=1).decide_many(
        [(i, "farm", "home_card", "") for i in range(3)]
    )
    with Runtime.open(settings) as rt:
        rt.events.log_decisions(decisions_frame(decisions))
    rows = [
        {"event_id": f"e{i}", "decision_id": d.decision_id, "kind": "click", "value": ""}
        for i, d in enumerate(decisions)
    ]
    rows.append({"event_id": "bad", "decision_id": "nope", "kind": "click", "value": ""})
    source = tmp_path / "events.csv"
    pd.DataFrame(rows).to_csv(source, index=False)
    args = ["events", "import", str(source), "--data-dir", str(settings.data_dir)]
    first = runner.invoke(app, [*args, "--rejected", str(tmp_path / "rejected.csv")])
    assert first.exit_code == 0, first.output
    assert "导入 3 条，重复 0 条，拒绝 1 条" in first.output
    again = runner.invoke(app, args)
    assert "导入 0 条，重复 3 条，拒绝 1 条" in again.output
    rejected = pd.read_csv(tmp_path / "rejected.csv")
    assert rejected.to_dict(orient="records") == [
        {"event_id": "bad", "reason": "unknown decision 'nope'"}
    ]


def test_import_names_missing_columns(tmp_path: Path) -> None:
    source = tmp_path / "events.csv"
    pd.DataFrame({"event_id": ["e1"]}).to_csv(source, index=False)
    result = runner.invoke(app, ["events", "import", str(source), "--data-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "缺少列：decision_id、kind" in result.output
