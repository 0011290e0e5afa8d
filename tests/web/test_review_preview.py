"""What the approval page is built from: scripts as lines by speaker (compliance highlights
kept), an SMS's billing parts, and a field's before/after since the last decision."""

from __future__ import annotations

from typing import Any

import pytest

from huashu.channels.live_script import beat_text
from huashu.channels.smart_call import branch
from huashu.channels.video_script import shot_text
from huashu.services.chat import marked
from huashu.services.preview import preview, sms_count
from huashu.workflow.history import diff_text, field_changes


def _card(
    channel: str, fields: dict[str, str], findings: tuple[dict[str, Any], ...] = ()
) -> dict[str, Any]:
    return {
        "channel": channel,
        "fields": fields,
        "marked": {
            name: marked(value, [f for f in findings if f["field"] == name])
            for name, value in fields.items()
        },
    }


def _said(step: dict[str, Any]) -> list[tuple[str, str]]:
    return [(line["speaker"], "".join(p["text"] for p in line["parts"])) for line in step["lines"]]


SCRIPTS = [
    (
        "smart_call",
        {
            "opening": "您好，我是春田农商银行的智能客服。",
            "objection_1": branch("靠谱吗？", "可到网点核实。"),
        },
        [
            ("opening", [("agent", "您好，我是春田农商银行的智能客服。")]),
            ("objection_1", [("customer", "靠谱吗？"), ("agent", "可到网点核实。")]),
        ],
    ),
    (
        "live_script",
        {"warmup": beat_text("欢迎来到直播间", "点个关注"), "close": beat_text("下次见", "")},
        [
            ("warmup", [("host", "欢迎来到直播间"), ("prompt", "点个关注")]),
            ("close", [("host", "下次见")]),
        ],
    ),
    (
        "video_script",
        {"shot_1": shot_text("近景：养殖户", "开春补栏正要用钱", "补栏用钱")},
        [
            (
                "shot_1",
                [
                    ("scene", "近景：养殖户"),
                    ("voiceover", "开春补栏正要用钱"),
                    ("caption", "补栏用钱"),
                ],
            )
        ],
    ),
]


@pytest.mark.parametrize(("channel", "fields", "expected"), SCRIPTS)
def test_scripts_read_as_lines_by_speaker(
    channel: str, fields: dict[str, str], expected: list[tuple[str, list[tuple[str, str]]]]
) -> None:
    shown = preview(_card(channel, fields))
    assert shown["kind"] == "dialogue"
    assert [(s["name"], _said(s)) for s in shown["steps"]] == expected


def test_a_highlight_survives_the_speaker_cut() -> None:
    text = branch("靠谱吗？", "绝对安全，可到网点核实。")
    start = text.index("绝对安全")
    finding = {"field": "objection_1", "start": start, "end": start + 4, "severity": "review"}
    shown = preview(_card("smart_call", {"objection_1": text}, (finding,)))
    agent = shown["steps"][0]["lines"][1]
    assert agent["speaker"] == "agent"
    assert [(p["text"], p["finding"] is not None) for p in agent["parts"]] == [
        ("绝对安全", True),
        ("，可到网点核实。", False),
    ]


@pytest.mark.parametrize(
    ("chars", "parts", "per_part"),
    [(1, 1, 70), (70, 1, 70), (71, 2, 67), (134, 2, 67), (135, 3, 67), (500, 8, 67)],
)
def test_sms_billing_parts(chars: int, parts: int, per_part: int) -> None:
    assert sms_count("字" * chars) == {"chars": chars, "parts": parts, "per_part": per_part}
    shown = preview(_card("sms", {"text": "字" * chars}))
    assert (shown["kind"], shown["chars"], shown["parts"]) == ("sms", chars, parts)


@pytest.mark.parametrize(
    ("before", "after", "parts"),
    [
        (
            "养殖户春耕贷，最高30万元",
            "养殖户春耕贷，额度最高30万",
            [
                ("same", "养殖户春耕贷，"),
                ("ins", "额度"),
                ("same", "最高30万"),
                ("del", "元"),
            ],
        ),
        (
            "年化利率3.6%起",
            "年化利率3.3%起",
            [("same", "年化利率3."), ("del", "6"), ("ins", "3"), ("same", "%起")],
        ),
        ("查看额度", "立即申请", [("del", "查看额度"), ("ins", "立即申请")]),
        ("", "新增的说明", [("ins", "新增的说明")]),
        ("相同", "相同", [("same", "相同")]),
    ],
)
def test_before_and_after(before: str, after: str, parts: list[tuple[str, str]]) -> None:
    assert [(p["op"], p["text"]) for p in diff_text(before, after)] == parts


def test_only_changed_fields_are_listed() -> None:
    before = {"title": "旧标题", "cta": "查看额度", "disclosure": "以审批为准"}
    after = {"title": "新标题", "cta": "查看额度"}
    assert [f["name"] for f in field_changes(before, after)] == ["title", "disclosure"]
