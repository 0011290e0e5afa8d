"""``huashu check``: text or file in, verdict and findings out (JSON or text), fixes on demand,
clear errors for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from huashu.cli import app

ROOT = Path(__file__).resolve().parents[2]
BANK = str(ROOT / "examples" / "rural_bank.yaml")
runner = CliRunner()


def _json(args: list[str]) -> tuple[int, dict[str, object]]:
    result = runner.invoke(app, ["check", *args, "--json"])
    return result.exit_code, json.loads(result.output)


def test_json_verdict_and_findings() -> None:
    code, out = _json(["春耕贷年化2.5%，无风险", "--brand", BANK])
    assert code == 1
    assert out["verdict"] == "block"
    findings = out["findings"]
    assert isinstance(findings, list)
    assert [(f["rule_id"], f["matched"], f["start"], f["end"]) for f in findings] == [
        ("fact.rate", "2.5%", 5, 9),
        ("guaranteed-returns", "无风险", 10, 13),
    ]
    assert findings[0]["basis"].startswith("广告法第二十八条")


def test_pass_and_exit_codes() -> None:
    text = "【春田农商银行】春耕贷年化利率3.6%起。拒收请回复R"
    assert _json([text, "--brand", BANK, "--channel", "sms"])[0] == 0
    review = ["春耕贷利率行业领先，年化利率3.6%起", "--brand", BANK]
    assert _json(review)[0] == 0
    assert _json([*review, "--fail-on", "review"])[0] == 1
    assert _json(["无风险", "--fail-on", "never"])[0] == 0


def test_sms_route_option() -> None:
    text = "【春田农商银行】春耕贷年化利率3.6%起。拒收请回复R"
    code, out = _json([text, "--brand", BANK, "--channel", "sms", "--sms-route", "aliyun"])
    assert code == 1
    assert [f["rule_id"] for f in out["findings"]] == ["sms-finance-route"]  # type: ignore[union-attr]


def test_fix_from_file(tmp_path: Path) -> None:
    path = tmp_path / "copy.txt"
    path.write_text("春耕贷利率低至3.6%", encoding="utf-8")
    code, out = _json(["--file", str(path), "--brand", BANK, "--channel", "sms", "--fix"])
    assert code == 0
    assert out["fixed"] == "【春田农商银行】春耕贷利率低至3.6%（年化利率3.6%起）。拒收请回复R"
    assert out["verdict"] == "pass" and out["findings"] == []
    assert sorted(a["rule_id"] for a in out["applied"]) == [  # type: ignore[union-attr]
        "rate-needs-annual",
        "sms-opt-out",
        "sms-signature",
    ]


def test_without_brand_any_signature_is_accepted() -> None:
    code, out = _json(["【任意品牌】周末上新。回T退订", "--channel", "sms"])
    assert (code, out["verdict"], out["brand"]) == (0, "pass", "generic")
    code, out = _json(["日息万分之五", "--industry", "finance"])
    rules = {f["rule_id"] for f in out["findings"]}  # type: ignore[union-attr]
    assert rules == {"rate-needs-annual", "fact.unsupported"}


@pytest.mark.parametrize(
    "signature", ["【温馨提示】", "【会员福利】", "【】", "【 12345 】", "【A】"]
)
def test_without_brand_a_signature_must_name_the_sender(signature: str) -> None:
    code, out = _json([f"{signature}周末上新。回T退订", "--channel", "sms"])
    assert (code, out["verdict"]) == (1, "block")
    (finding,) = out["findings"]  # type: ignore[misc]
    assert finding["rule_id"] == "sms-signature"
    assert "不是发送者的名称" in finding["message_zh"]


@pytest.mark.parametrize(
    "signature", ["【锦程银行客服中心】", "【ＬＵＭＩ】", "【JD】", "【京东】"]
)
def test_without_brand_a_named_signature_passes(signature: str) -> None:
    assert _json([f"{signature}周末上新。回T退订", "--channel", "sms"])[1]["verdict"] == "pass"


def test_text_output_in_chinese() -> None:
    result = runner.invoke(app, ["check", "正规银行贷款无风险", "--brand", BANK])
    assert result.exit_code == 1
    assert "拦截 (block)" in result.output
    assert "[block] guaranteed-returns text@6-9 “无风险”" in result.output
    assert "建议：删除该表述" in result.output


def _bad_file(tmp_path: Path, content: bytes) -> str:
    path = tmp_path / "copy.txt"
    path.write_bytes(content)
    return str(path)


BAD: list[tuple[list[str], str, str]] = [
    ([""], "empty_text", "待检查的文案为空"),
    (["  \n "], "empty_text", "待检查的文案为空"),
    ([], "text_or_file", "请给出待检查的文案或 --file（二者选一）"),
    (["好", "--channel", "wechat"], "unknown_channel", "未知渠道“wechat”"),
    (["好", "--industry", "games"], "unknown_industry", "未知行业“games”"),
    (["好", "--file", "/nonexistent/copy.txt"], "text_or_file", "二者选一"),
    (["--file", "/nonexistent/copy.txt"], "file_not_found", "文件 /nonexistent/copy.txt 不存在"),
    (["好", "--brand", "/nonexistent/pack.yaml"], "brand_pack_not_found", "不存在"),
]


@pytest.mark.parametrize(("args", "code", "message"), BAD)
def test_bad_input(args: list[str], code: str, message: str) -> None:
    exit_code, out = _json(args)
    assert exit_code == 2
    error = out["error"]
    assert isinstance(error, dict)
    assert error["code"] == code and message in error["message"]


def test_invalid_utf8_and_huge_files(tmp_path: Path) -> None:
    code, out = _json(["--file", _bad_file(tmp_path, "保本".encode() + b"\xff\xfe")])
    assert code == 2
    assert out["error"] == {
        "code": "invalid_utf8",
        "message": f"file {tmp_path / 'copy.txt'}不是有效的 UTF-8 编码：第 6 字节（0xff）无法解码",
        "details": {"offset": 6},
    }
    code, out = _json(["--file", _bad_file(tmp_path, "好".encode() * 1_000_001)])
    assert code == 2
    assert out["error"]["code"] == "text_too_large"  # type: ignore[index]


def test_malformed_rule_pack(tmp_path: Path) -> None:
    pack = tmp_path / "house.yaml"
    pack.write_text("id: house\nversion: '1'\nrules: [{id: x, kind: terms}]\n", encoding="utf-8")
    code, out = _json(["好", "--rules", str(pack)])
    assert code == 2
    assert out["error"]["code"] == "invalid_rule_pack"  # type: ignore[index]
    assert out["error"]["details"]["rule_id"] == "x"  # type: ignore[index]


def test_industry_inferred_and_shown() -> None:
    """No --brand, no --industry: the copy names its industry and its rules run."""
    code, out = _json(["借1000元 一天不到5毛钱，不查征信"])
    assert code == 1
    assert out["industry"] == {
        "industries": ["finance"],
        "source": "inferred",
        "cues": {"finance": ["征信"]},
    }
    rules = {f["rule_id"] for f in out["findings"]}  # type: ignore[union-attr]
    assert {"loan-cost-needs-annual", "loan-approval-promise"} <= rules
    result = runner.invoke(app, ["check", "降血压 降血脂 一瓶搞定，鱼油软胶囊"])
    assert result.exit_code == 1
    assert "行业：health_food（由文案推断" in result.output
    assert "health-disease-claim" in result.output
    code, out = _json(["周末去公园散步"])
    assert out["industry"]["source"] == "all"  # type: ignore[index]
    code, out = _json(["周末去公园散步", "--industry", "general"])
    assert out["industry"] == {"industries": ["general"], "source": "option", "cues": {}}


def _jsonl(tmp_path: Path, lines: list[str], *extra: str) -> tuple[int, list[dict[str, object]]]:
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "--file", str(path), "--jsonl", *extra])
    return result.exit_code, [json.loads(line) for line in result.output.splitlines()]


def test_jsonl_batch(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": "春耕贷年化利率3.6%起（单利）", "industry": "finance"}),
        json.dumps("保本理财，稳赚不赔"),
        "",
        "not json",
        json.dumps({"id": 7, "text": "精华消炎祛痘", "channel": "dsp"}),
        json.dumps({"id": "x", "text": "好", "channel": "wechat"}),
        json.dumps({"text": 3}),
    ]
    code, out = _jsonl(tmp_path, lines)
    assert code == 2  # bad lines are reported, the good ones checked
    assert [(o["line"], o["id"], o["ok"]) for o in out] == [
        (1, "a", True),
        (2, None, True),
        (4, None, False),
        (5, 7, True),
        (6, "x", False),
        (7, None, False),
    ]
    assert [o.get("verdict") for o in out] == ["review", "block", None, "block", None, None]
    assert out[2]["error"]["code"] == "invalid_json"  # type: ignore[index]
    assert out[4]["error"]["code"] == "unknown_channel"  # type: ignore[index]
    assert out[5]["error"]["code"] == "invalid_line"  # type: ignore[index]
    assert out[3]["channel"] == "dsp"
    code, out = _jsonl(tmp_path, [json.dumps("年化利率3.6%起")], "--industry", "finance")
    assert (code, out[0]["verdict"]) == (0, "review")
    code, out = _jsonl(tmp_path, [json.dumps("保本")], "--fail-on", "never")
    assert code == 0


def test_jsonl_needs_a_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", "保本", "--jsonl"])
    assert result.exit_code == 2
    assert json.loads(result.output)["error"]["code"] == "jsonl_needs_file"
    result = runner.invoke(app, ["check", "--file", str(tmp_path / "none"), "--jsonl"])
    assert json.loads(result.output)["error"]["code"] == "file_not_found"


def test_fix_leaves_a_signature_at_the_end_alone() -> None:
    text = "周末上新。回T退订【禾木家居】"
    code, out = _json([text, "--channel", "sms", "--fix"])
    assert code == 0
    assert out["fixed"] == text  # no 【品牌】 placeholder put over the sender's own name
    assert [(f["rule_id"], f["severity"]) for f in out["findings"]] == [("sms-signature", "review")]


def test_precedents_switch(tmp_path: Path) -> None:
    """The precedent model sends copy no rule names to review by default, blocks it with
    ``--precedents block`` and is silent with ``--precedents off``, in one check and in a
    batch."""
    draft = (
        "【春田农商银行】养殖户朋友，家里的猪崽子吃了我们推荐的饲料，个个长得飞快，"
        "一个月多赚好几千，想多赚钱就来网点找客户经理。回T退订"
    )
    code, out = _json([draft, "--channel", "sms", "--precedents", "block"])
    assert code == 1 and out["verdict"] == "block"
    findings = out["findings"]
    assert isinstance(findings, list)
    assert [f["rule_id"] for f in findings] == ["precedent-similar"]
    assert findings[0]["matched"] in draft and "主要字词" in findings[0]["message_zh"]
    code, out = _json([draft, "--channel", "sms"])
    assert code == 0 and out["verdict"] == "review"
    assert isinstance(out["findings"], list)
    assert [f["severity"] for f in out["findings"]] == ["review"]
    code, out = _json([draft, "--channel", "sms", "--precedents", "off"])
    assert code == 0 and out["verdict"] == "pass"
    line = json.dumps({"text": draft, "channel": "sms"}, ensure_ascii=False)
    assert _jsonl(tmp_path, [line], "--precedents", "block")[0] == 1
    assert _jsonl(tmp_path, [line], "--fail-on", "review")[0] == 1
    assert _jsonl(tmp_path, [line], "--precedents", "off", "--fail-on", "review")[0] == 0
    bad = runner.invoke(app, ["check", draft, "--precedents", "maybe"])
    assert bad.exit_code == 2 and "maybe" in bad.output
