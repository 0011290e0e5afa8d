"""``huashu segments``: import, tiers, preview, apply, export from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from tests.audience.conftest import EXAMPLES, population, transactions
from typer.testing import CliRunner

from huashu.cli import app

runner = CliRunner()


def test_segments_commands_end_to_end(tmp_path: Path) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    users = population("rural_bank", 3_000).drop(columns=["value_tier"])
    users.to_csv(tmp_path / "users.csv", index=False)
    tx = transactions(users.user_id.to_numpy())
    tx.insert(0, "tx_id", np.arange(len(tx)))
    tx.to_csv(tmp_path / "tx.csv", index=False)

    result = runner.invoke(
        app, ["segments", "import", str(tmp_path / "users.csv"), "--json", *data]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["rows"] == 3_000
    assert {c["name"]: c["type"] for c in report["columns"]}["rate_discount_eligible"] == "boolean"

    shown = runner.invoke(
        app,
        [
            "segments",
            "import",
            str(tmp_path / "tx.csv"),
            "--table",
            "transactions",
            "--id",
            "tx_id",
            *data,
        ],
    )
    assert shown.exit_code == 0, shown.output
    assert "transactions" in shown.output and "timestamp" in shown.output

    tiers = runner.invoke(
        app, ["segments", "tiers", "--transactions", "transactions", "--as-of", "2026-12-31", *data]
    )
    assert tiers.exit_code == 0, tiers.output
    counts = dict(line.split("\t") for line in tiers.output.splitlines() if "\t" in line)
    assert sum(int(v.replace(",", "")) for v in counts.values()) == 3_000

    spec = (EXAMPLES / "segments" / "rural_bank.yaml").read_text("utf-8")
    spec_file = tmp_path / "bank.yaml"
    spec_file.write_text(
        spec.replace("small: merge", "small: merge\nvalue_tiers: {table: user_value}"), "utf-8"
    )

    preview = runner.invoke(app, ["segments", "preview", str(spec_file), "--json", *data])
    assert preview.exit_code == 0, preview.output
    plan = json.loads(preview.output)
    sizes = {s["key"]: s["size"] for s in plan["segments"]}
    assert sizes["farmers"] == int(users.occupation.isin(["livestock", "crop"]).sum())
    assert plan["overlap"]["keys"][0] == "farmers"

    table_view = runner.invoke(app, ["segments", "preview", str(spec_file), "--overlap", *data])
    assert table_view.exit_code == 0, table_view.output
    assert "rural_bank: 3,000 users, min size 200" in table_view.output
    assert "overlap farmers & young_farmers" in table_view.output

    applied = runner.invoke(app, ["segments", "apply", str(spec_file), *data])
    assert applied.exit_code == 0, applied.output
    assert "segment_members_catalog" in applied.output

    out = tmp_path / "lists"
    exported = runner.invoke(
        app,
        [
            "segments",
            "export",
            str(spec_file),
            "--out",
            str(out),
            "--format",
            "csv",
            "--segment",
            "farmers",
            *data,
        ],
    )
    assert exported.exit_code == 0, exported.output
    assert (out / "farmers.csv").read_text("utf-8").count("\n") == sizes["farmers"] + 1


def test_segments_errors_are_chinese_with_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("segments:\n  - key: a\n    rule: {field: age, op: '>', value: abc}\n", "utf-8")
    data = ["--data-dir", str(tmp_path / "data")]
    (tmp_path / "u.csv").write_text("user_id,age\n1,30\n", "utf-8")
    assert runner.invoke(app, ["segments", "import", str(tmp_path / "u.csv"), *data]).exit_code == 0
    result = runner.invoke(app, ["segments", "preview", str(bad), *data])
    assert result.exit_code == 2
    assert "人群 'a'：rule：字段 'age' 是数值类型，取值 'abc' 类型不符" in result.output.replace(
        "\n", ""
    )
    missing = runner.invoke(app, ["segments", "preview", str(tmp_path / "nope.yaml"), *data])
    assert missing.exit_code == 2 and "不存在" in missing.output
    bad_type = runner.invoke(
        app, ["segments", "import", str(tmp_path / "u.csv"), "--type", "age", *data]
    )
    assert bad_type.exit_code == 2 and "--type 应形如 列名=类型" in bad_type.output
