"""Pinyin inside a pattern rule's wording (compliance/pinyin.py): syllables put back as the
rule's own characters, hits reported on the letters as written, English left alone."""

from __future__ import annotations

import re

import pytest

from huashu.compliance import Checker
from huashu.compliance.inputs import ANY_SIGNATURE, generic_brand
from huashu.compliance.pinyin import extra_spans, merge, rule_chars, split


def test_split_reads_whole_runs_of_syllables_only() -> None:
    assert split("ting") == ("ting",)
    assert split("baozheng") == ("bao", "zheng")
    assert split("spf") is None  # not pinyin
    assert split("app") is None
    assert split("zhuangzhuangzhuangzhuangzhuang") is None  # more syllables than a word


def test_rule_chars_are_the_patterns_own() -> None:
    chars = rule_chars("停药|停服|降压药")
    assert chars["ting"] == ("停",)
    assert chars["yao"] == ("药",)
    assert "bao" not in chars


def test_u_umlaut_is_typed_v_or_u() -> None:
    from huashu.compliance.homophones import spellings, toneless

    assert toneless("lǜ") == "lv"
    assert spellings("lǜ") == ("lv", "lu")
    assert spellings("bǎo") == ("bao",)
    assert "率" in rule_chars("日利率")["lv"]


def test_letters_after_a_digit_are_read() -> None:
    pattern = re.compile("一天[^，]{0,4}?[0-9]+块")
    text = "借1万一天不到2kuai"

    def find(t: str) -> list[tuple[int, int]]:
        return [m.span() for m in pattern.finditer(t)]

    assert [text[s:e] for s, e in extra_spans(text, pattern.pattern, find)] == ["一天不到2kuai"]


def test_rule_chars_read_every_reading_of_a_character() -> None:
    # 椎 is read chui first and zhui in 颈椎: a writer spelling 颈zhui病 means 颈椎病
    chars = rule_chars("(?:改善|缓解)(?:颈椎病|腰椎病)")
    assert "椎" in chars["zhui"]
    assert "椎" in chars["chui"]


def test_extra_spans_cover_a_syllable_put_back_and_map_to_the_letters() -> None:
    pattern = re.compile("降压药(?:可以|就能)?停")
    text = "老人家降压药可以ting了"

    def find(t: str) -> list[tuple[int, int]]:
        return [m.span() for m in pattern.finditer(t)]

    spans = extra_spans(text, pattern.pattern, find)
    assert [text[s:e] for s, e in spans] == ["降压药可以ting"]
    # the plain text holds no match; a match of the plain text is not reported twice
    assert find(text) == []
    assert extra_spans("降压药可以停了", pattern.pattern, find) == []
    assert merge([(0, 3)], [(1, 4), (5, 6)]) == [(0, 3), (5, 6)]


def test_english_next_to_chinese_is_not_read_as_pinyin() -> None:
    pattern = re.compile("停售")

    def find(t: str) -> list[tuple[int, int]]:
        return [m.span() for m in pattern.finditer(t)]

    assert extra_spans("SPF50防晒霜app专享", pattern.pattern, find) == []


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker.from_packs()


@pytest.mark.parametrize(
    ("industry", "text", "expected"),
    [
        ("health_food", "吃了这个，降糖药就可以ting了", "block"),
        ("insurance", "这款分红险bao证fen红，每年都有", "block"),
        ("insurance", "ting售倒计时，最后两天", "block"),
        ("health_food", "坚持吃三个月，改善颈zhui病", "block"),
        # legal copy with letters stays legal
        ("insurance", "App内可查看保单，分红水平不确定，可能为零", "pass"),
        ("general", "新款ting子灯已上架", "pass"),
    ],
)
def test_pinyin_evasions_of_pattern_rules(
    checker: Checker, industry: str, text: str, expected: str
) -> None:
    findings = checker.check_text(
        text, "home_card", generic_brand(), options=ANY_SIGNATURE, industries=(industry,)
    )
    blocked = any(f.severity.value == "block" for f in findings)
    assert blocked == (expected == "block"), [f.rule_id for f in findings]
