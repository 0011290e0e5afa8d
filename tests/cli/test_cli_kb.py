"""``huashu kb show`` and ``huashu kb diff`` on the snapshots a real ``huashu demo`` run saves."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from huashu.cli import app
from huashu.learn.store import KBRegistry, diff

runner = CliRunner()
WIDE = {"COLUMNS": "240"}


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The data directory of a 2-round demo: one knowledge-base snapshot per round."""
    root = tmp_path_factory.mktemp("kb")
    examples = Path(__file__).resolve().parents[2] / "examples"
    args = ["demo", "--pack", str(examples / "rural_bank.yaml"), "--users", "2000"]
    args += ["--rounds", "2", "--traffic", "800", "--seed", "3", "--data-dir", str(root)]
    result = runner.invoke(app, args, env=WIDE)
    assert result.exit_code == 0, result.output
    return root


def kb(data_dir: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["kb", *args, "--data-dir", str(data_dir)], env=WIDE)
    return result.exit_code, result.output


def test_the_demo_saves_one_snapshot_per_round(data_dir: Path) -> None:
    registry = KBRegistry(data_dir / "kb")
    listed = registry.list()
    assert len(listed) == 2
    assert listed[0].created_at < listed[1].created_at
    assert all(s.segments == 10 and s.entries > 100 for s in listed)
    assert registry.names("latest")["livestock.yes"] == "养殖户·有优惠"


def test_show_one_label_lists_every_segment_carrying_it(data_dir: Path) -> None:
    code, out = kb(data_dir, "show", "--segment", "养殖户")
    assert code == 0, out
    latest = KBRegistry(data_dir / "kb").load("latest")
    assert f"知识库快照 {latest.snapshot_id}" in out
    assert "养殖户·无优惠 (livestock.no)" in out
    assert "养殖户·有优惠 (livestock.yes)" in out
    assert "(crop." not in out and "种植户·" not in out
    top = latest.for_segment("livestock.yes")[0]
    assert re.search(rf"{re.escape(top.feature)}\s+│ {re.escape(f'{top.lift:+.1%}')}\s", out)


def test_show_json_matches_the_saved_snapshot(data_dir: Path) -> None:
    code, out = kb(
        data_dir, "show", "--segment", "livestock.yes", "--snapshot", "previous", "--json"
    )
    assert code == 0, out
    registry = KBRegistry(data_dir / "kb")
    previous = registry.load("previous")
    document = json.loads(out)
    assert document["snapshot_id"] == previous.snapshot_id
    [segment] = document["segments"]
    assert (segment["segment_key"], segment["segment_name"]) == ("livestock.yes", "养殖户·有优惠")
    assert [(e["feature"], e["lift"], e["support"]) for e in segment["entries"]] == [
        (e.feature, e.lift, e.support) for e in previous.for_segment("livestock.yes")
    ]
    assert segment["base_ctr"] == pytest.approx(previous.base_ctr("livestock.yes"))
    # every entry the segment has seen lists example creatives with their texts
    seen = [e for e in segment["entries"] if e["support"] > 0]
    assert seen and all(e["examples"] and e["examples"][0]["text"] for e in seen)


def test_diff_previous_latest_prints_one_line_per_change(data_dir: Path) -> None:
    registry = KBRegistry(data_dir / "kb")
    a, b = registry.load("previous"), registry.load("latest")
    expected = diff(a, b, names=registry.names("latest"))
    code, out = kb(data_dir, "diff", "previous", "latest")
    assert code == 0, out
    assert out.splitlines()[0] == (
        f"# Knowledge-base diff 知识库变化 `{a.snapshot_id}` -> `{b.snapshot_id}`"
    )
    assert [line[2:] for line in out.splitlines() if line.startswith("- ")] == [
        c.to_markdown() for c in expected
    ]
    # round 1's blind drafts already cover every phrase, so the second snapshot changes
    # entries (added and removed ones are covered in tests/learn/test_learn_registry.py);
    # words are listed bare, as in "养殖户: 补贴 +18% [+9%, +27%]"
    assert expected and any(c.feature.startswith("word:") for c in expected)
    bare = [c for c in expected if c.feature.startswith("word:")]
    assert all(f": {c.feature.removeprefix('word:')} " in out for c in bare)
    code, out = kb(data_dir, "diff", a.snapshot_id, b.snapshot_id, "--json", "--min-delta", "0.5")
    document = json.loads(out)
    assert (document["a"], document["b"]) == (a.snapshot_id, b.snapshot_id)
    moved = [c for c in document["changes"] if c["kind"] == "changed"]
    assert moved
    for c in moved:
        flipped = c["before"]["low_support"] != c["after"]["low_support"]
        assert abs(c["delta"]) > 0.5 or flipped
    assert len(document["changes"]) < len(expected)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "--snapshot", "kb-0000"], "错误: 找不到知识库快照 'kb-0000'"),
        (
            ["show", "--segment", "渔民"],
            "错误: 快照中没有人群 '渔民'；可选人群：crop.no (种植户·无优惠)",
        ),
        (["diff", "latest", "nope"], "错误: 找不到知识库快照 'nope'"),
        (["diff", "latest", "previous", "--min-delta", "-1"], "错误: min_delta 不能为负数"),
    ],
)
def test_bad_input_is_refused_in_chinese(data_dir: Path, args: list[str], message: str) -> None:
    code, out = kb(data_dir, *args)
    assert code == 2
    assert out.startswith(message)


def test_an_empty_data_dir_has_no_latest_snapshot(tmp_path: Path) -> None:
    code, out = kb(tmp_path, "show")
    assert code == 2
    assert out.strip() == f"错误: 没有 'latest' 快照：{tmp_path / 'kb'} 中只保存了 0 个"


def test_distill_by_hand_learns_what_the_demo_learnt(data_dir: Path) -> None:
    """``huashu kb distill`` re-distils the brand's knowledge base from the event store alone
    (creatives from the store, outcomes from the events): exactly the demo's last round (ids
    are content hashes), so no new version; run again, it says the data has not changed."""
    registry = KBRegistry(data_dir / "kb")
    demo_last = registry.list()[-1]
    code, out = kb(data_dir, "distill", "--json")
    assert code == 0, out
    (version,) = json.loads(out)
    assert version["brand_id"] == "chuntian-bank"
    assert (version["snapshot_id"], version["new"]) == (demo_last.snapshot_id, False)
    assert version["impressions"] > 0 and 0 < version["clicks"] < version["impressions"]
    saved = registry.list("chuntian-bank")
    assert len(saved) == 2 and saved[-1].trained_on == {
        k: version[k] for k in ("creatives", "impressions", "clicks")
    }

    code, out = kb(data_dir, "distill")
    assert code == 0, out
    assert f"数据未变，沿用 {version['snapshot_id']}" in out
    assert len(registry.list("chuntian-bank")) == 2


def test_distill_of_a_brand_without_outcomes_says_so(tmp_path: Path) -> None:
    examples = Path(__file__).resolve().parents[2] / "examples"
    load = runner.invoke(
        app, ["brand", "load", str(examples / "rural_bank.yaml"), "--data-dir", str(tmp_path)]
    )
    assert load.exit_code == 0, load.output
    code, out = kb(tmp_path, "distill", "--brand", "chuntian-bank")
    assert code != 0
    assert "还没有投放数据" in out
    code, out = kb(tmp_path, "distill")
    assert code == 0 and "没有可学习的投放数据" in out
