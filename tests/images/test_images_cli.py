"""``huashu banner``: presets, rendering files within limits, refusing blocked copy, reporting
overflow with a proof image, and bad input in Chinese."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from huashu.cli import app
from huashu.images import read_metadata

runner = CliRunner()


def test_presets_lists_every_size() -> None:
    result = runner.invoke(app, ["banner", "presets", "--channel", "home_card"])
    assert result.exit_code == 0
    for size in ("750x300", "1080x450", "690x240"):
        assert f"home_card-{size}" in result.output


def test_render_writes_every_preset(tmp_path: Path, examples_dir: Path) -> None:
    args = ["banner", "render", "--brand", str(examples_dir / "rural_bank.yaml")]
    args += ["--out", str(tmp_path), "--title", "种植户看过来", "--cta", "立即申请"]
    args += ["--subtitle", "低息贷款减轻负担，年化利率3.6%起", "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["ok"] is True
    assert [b["preset"] for b in summary["banners"]] == [
        "home_card-750x300",
        "home_card-1080x450",
        "home_card-690x240",
    ]
    for banner in summary["banners"]:
        data = Path(banner["file"]).read_bytes()
        assert len(data) == banner["bytes"] <= 300 * 1024
        assert read_metadata(data)["fields"]["title"]["text"] == "种植户看过来"


def test_render_one_size_as_webp_from_a_creative_file(tmp_path: Path, examples_dir: Path) -> None:
    creative = {
        "id": "d1",
        "brand_id": "qinghe-skin",
        "segment_key": "dry",
        "channel": "dsp",
        "fields": {
            "headline": "干皮秋冬救星",
            "description": "一整天水润，50ml129元",
            "cta": "戳链接试试",
        },
        "provenance": {"backend": "compose", "model": "m", "template_version": "t", "seed": 1},
    }
    path = tmp_path / "c.json"
    path.write_text(json.dumps(creative, ensure_ascii=False), "utf-8")
    args = ["banner", "render", "--brand", str(examples_dir / "cosmetics_xhs.yaml")]
    args += ["--creative", str(path), "--size", "800x800", "--format", "webp"]
    args += ["--out", str(tmp_path / "out"), "--background", "pattern:rings"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    (written,) = (tmp_path / "out").iterdir()
    assert written.name == "d1-dsp-800x800.webp"
    meta = read_metadata(written.read_bytes())
    assert meta["background"]["pattern"] == "rings"
    assert meta["fields"]["callout"]["text"] == "到手价129元"


def test_blocked_copy_is_not_rendered(tmp_path: Path, examples_dir: Path) -> None:
    args = ["banner", "render", "--brand", str(examples_dir / "rural_bank.yaml")]
    args += ["--out", str(tmp_path / "out"), "--title", "稳赚不赔的好贷款", "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    summary = json.loads(result.output)
    assert summary["verdict"] == "block"
    assert "guaranteed-returns" in {f["rule_id"] for f in summary["findings"]}
    assert not (tmp_path / "out").exists()


def test_overflow_writes_a_proof_and_exits_1(tmp_path: Path, examples_dir: Path) -> None:
    args = ["banner", "render", "--brand", str(examples_dir / "rural_bank.yaml")]
    args += ["--out", str(tmp_path), "--size", "690x240", "--subtitle", "年化利率3.6%起"]
    args += ["--title", "春耕备耕正当时，低息贷款减轻负担，随借随还更灵活，线上申请最快当天放款"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "放不下" in result.output and "标题放不下" in result.output
    assert (tmp_path / "cli-home_card-690x240.proof.png").is_file()


def test_bad_input_is_a_chinese_error(tmp_path: Path, examples_dir: Path) -> None:
    args = ["banner", "render", "--brand", str(examples_dir / "rural_bank.yaml")]
    args += ["--out", str(tmp_path), "--title", "春耕", "--size", "100x100"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "没有“100x100”尺寸的横幅" in result.output
