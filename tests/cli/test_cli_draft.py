"""``huashu draft``: a brief on a brand pack becomes checked creatives, as JSON for scripts or a
table for people; a brief that cannot be honoured is refused with what was and was not
understood (exit 2, message on stderr, nothing on stdout)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from huashu.audience import cross_segments
from huashu.cli import app
from huashu.domain import BrandPack
from huashu.generate.copycheck import copy_findings

runner = CliRunner()
#: compose backend, Chinese messages, a wide terminal: the same output on every machine
ENV = {"HUASHU_GENERATOR": "compose", "HUASHU_LANG": "zh", "COLUMNS": "200"}
SPRING = "给养殖户和种植户推春耕贷，短信和首页卡片，突出利率优惠和审批快"
KEYS = {"segment_key", "segment_name", "channel", "text", "fields", "export", "verdict", "findings"}


def _draft(examples_dir: Path, *args: str) -> Result:
    pack = str(examples_dir / "rural_bank.yaml")
    return runner.invoke(app, ["draft", "--brand", pack, *args], env=ENV)


def _json(result: Result) -> dict[str, Any]:
    assert result.exit_code == 0, result.output
    out: dict[str, Any] = json.loads(result.stdout)
    return out


def _refused(result: Result) -> str:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.output
    return result.stderr.replace("\n", "")


@pytest.fixture(scope="module")
def spring(examples_dir: Path) -> tuple[dict[str, Any], str]:
    result = _draft(examples_dir, "--brief", SPRING, "--n", "5", "--json")
    return _json(result), result.stderr


def test_json_is_one_object_with_plan_notes_and_creatives(
    spring: tuple[dict[str, Any], str],
) -> None:
    out, stderr = spring
    assert set(out) == {"plan", "not_honoured", "creatives"}
    assert out["plan"]["product"] == "春耕贷"
    assert out["not_honoured"] == []
    # the plan goes to stderr, before any creative, so stdout stays pure JSON
    assert "产品：春耕贷" in stderr
    assert len(out["creatives"]) == 4 * 2 * 5
    for c in out["creatives"]:
        assert set(c) >= KEYS
        assert c["verdict"] in {"pass", "review", "block"}
        assert c["text"] == "\n".join(v for v in c["fields"].values() if v)
        assert c["export"]["channel"] == c["channel"]
        if c["channel"] == "sms":  # the delivery format counts the characters sent
            assert c["export"]["chars"] == len(c["text"])
        else:
            assert (c["export"]["title"], c["export"]["cta"]) == (
                c["fields"]["title"],
                c["fields"]["cta"],
            )
            assert {"width": 750, "height": 300} in c["export"]["banners"]
        for f in c["findings"]:
            assert f["rule_id"] and f["message_zh"]


def test_spring_brief_stays_with_its_segments_channels_and_product(
    spring: tuple[dict[str, Any], str], bank_pack: BrandPack
) -> None:
    creatives = spring[0]["creatives"]
    segments = {s.key: s for s in cross_segments(bank_pack)}
    assert {c["channel"] for c in creatives} == {"sms", "home_card"}
    for c in creatives:
        segment = segments[c["segment_key"]]
        assert segment.labels["occupation"] in {"养殖户", "种植户"}, c["segment_name"]
        assert c["segment_name"] == segment.name
        gate = {f.rule_id for f in copy_findings(c["fields"], c["channel"], bank_pack, segment)}
        assert not gate & {"copy.other_segment", "copy.ineligible_offer"}, (c["text"], gate)
        if c["channel"] == "sms":  # the full message as sent: signature and opt-out
            assert c["text"].startswith(f"【{bank_pack.brand.sms_signature}】")
            assert "拒收" in c["text"]
    named = sum("春耕贷" in c["text"] for c in creatives)
    assert named >= 0.95 * len(creatives)


def test_table_without_json(examples_dir: Path) -> None:
    result = _draft(examples_dir, "--brief", "给养殖户推春耕贷，短信", "--n", "1")
    assert result.exit_code == 0, result.output
    assert "人群" in result.stdout and "养殖户·有优惠" in result.stdout
    assert "春耕贷" in result.stdout and "通过" in result.stdout
    assert "产品：春耕贷" in result.stderr and "产品" not in result.stdout


def test_brief_naming_no_known_audience_or_channel_is_refused(examples_dir: Path) -> None:
    message = _refused(_draft(examples_dir, "--brief", "给退休教师在抖音推一下", "--json"))
    assert "退休教师" in message and "抖音" in message
    assert "短信" in message  # what the brand can deliver on


def test_unknown_audience_is_refused_even_with_channels(examples_dir: Path) -> None:
    result = _draft(examples_dir, "--brief", "给退休教师推一下", "--channels", "sms")
    message = _refused(result)
    assert "退休教师" in message and "养殖户" in message


def test_brief_over_4000_characters_is_refused(examples_dir: Path) -> None:
    message = _refused(_draft(examples_dir, "--brief", "给养殖户推春耕贷" * 625, "--json"))
    assert "4,000" in message and "5,000" in message


def test_english_brief_is_drafted_in_chinese_and_says_so(examples_dir: Path) -> None:
    brief = "SMS for livestock farmers about fast approval"
    out = _json(_draft(examples_dir, "--brief", brief, "--n", "1", "--json"))
    assert [n["kind"] for n in out["not_honoured"]] == ["language"]
    assert "英文" in out["not_honoured"][0]["zh"]
    assert "English" in out["not_honoured"][0]["en"]
    assert out["creatives"]
    assert {c["channel"] for c in out["creatives"]} == {"sms"}
    assert all(c["segment_name"].startswith("养殖户") for c in out["creatives"])


def test_channels_override_the_brief(examples_dir: Path) -> None:
    args = ["--brief", SPRING, "--channels", "home_card", "--n", "1", "--json"]
    out = _json(_draft(examples_dir, *args))
    assert {c["channel"] for c in out["creatives"]} == {"home_card"}
    assert [n["kind"] for n in out["not_honoured"]] == ["channel_overridden"]


@pytest.mark.parametrize("channels", ["foo", "sms,foo", ","])
def test_unknown_channel_lists_the_known_ones(examples_dir: Path, channels: str) -> None:
    message = _refused(_draft(examples_dir, "--brief", SPRING, "--channels", channels))
    assert "--channels" in message and "home_card" in message and "sms" in message


def test_channel_the_pack_does_not_enable(examples_dir: Path) -> None:
    message = _refused(_draft(examples_dir, "--brief", SPRING, "--channels", "xiaohongshu"))
    assert "xiaohongshu" in message and "home_card" in message


@pytest.mark.parametrize("n", ["0", "11"])
def test_count_out_of_range(examples_dir: Path, n: str) -> None:
    assert "--n" in _refused(_draft(examples_dir, "--brief", SPRING, "--n", n))


def test_english_messages(examples_dir: Path) -> None:
    result = _draft(examples_dir, "--brief", "给退休教师在抖音推一下", "--lang", "en")
    message = _refused(result)
    assert message.startswith("error:") and "抖音" in message and "退休教师" in message


def test_missing_pack(tmp_path: Path) -> None:
    args = ["draft", "--brand", str(tmp_path / "none.yaml"), "--brief", SPRING]
    assert "none.yaml" in _refused(runner.invoke(app, args, env=ENV))
