"""Windowed scanning (compliance/windows.py) finds exactly what a whole scan finds: every
built-in rule regex, on long text full of the rules' own examples, with windows forced on
wherever a pattern can be bounded; and term lists found from their rarest bigrams find what
the Aho-Corasick automaton finds."""

from __future__ import annotations

import random
import re

import pytest

from huashu.compliance import Checker, TermMatcher, homophones, windows
from huashu.compliance import matcher as matcher_module
from huashu.compliance.homophones import HomophoneMatcher
from huashu.compliance.prefilter import _PLAIN, hit_spans, whole_spans


def _regexes() -> list[tuple[str, re.Pattern[str]]]:
    checker = Checker.from_packs()
    out = []
    for compiled, _ in checker._rules:
        matcher = getattr(compiled.matcher, "pattern", None)
        for regex in (matcher, compiled.when, compiled.anchor, compiled.unless, *compiled.exempt):
            if isinstance(regex, re.Pattern):
                out.append((compiled.rule.id, regex))
    return out


def _long_text(seed: int) -> str:
    """The rules' examples (hits and legal copy), shuffled, some cut or glued, with noise."""
    rng = random.Random(seed)
    pieces = [t for r in Checker.from_packs().rules for t in (*r.examples.hit, *r.examples.legal)]
    out: list[str] = []
    while sum(map(len, out)) < 3 * windows.WINDOW_FROM:
        text = rng.choice(pieces)
        if rng.random() < 0.3:
            text = text[rng.randrange(len(text)) :]
        out.append(text + rng.choice(["", "。", "，", "\n", "！！！", " ", "1", "%"]))
    return "".join(out)


@pytest.mark.parametrize("seed", [1, 2])
def test_windows_find_what_a_whole_scan_finds(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    text = _long_text(seed)
    normalized = Checker.from_packs().normalizer.normalize(text)
    monkeypatch.setattr(windows, "MAX_SHARE", 1e9)  # windows wherever a pattern is bounded
    windowed = 0
    for rule_id, regex in _regexes():
        for view in (normalized.text, normalized.bare.text):
            assert hit_spans(regex, view) == whole_spans(regex, view), rule_id
            plan = windows.plan_for(_PLAIN.get(regex.pattern, regex.pattern))
            windowed += plan is not None and bool(plan.spans(view, regex))
    assert windowed > 20  # many patterns are found through windows


def test_short_text_is_scanned_whole() -> None:
    regex = re.compile("保本")
    assert hit_spans(regex, "保本保本") == [(0, 2), (2, 4)]


def test_plans() -> None:
    assert windows.plan_for("a*") is None  # can match empty
    assert windows.plan_for(r"(a)\1") is None  # group reference
    assert windows.plan_for("(?i)abc") is None  # flags
    plan = windows.plan_for("(?:先|提前)[^。]{0,10}?扣")
    assert plan is not None and plan.reach == 13 and ("扣",) in plan.sets
    unbounded = windows.plan_for("保本.+")
    assert unbounded is not None and unbounded.reach is None
    # an unbounded run of numerals reads at most the text's longest such run
    numeric = windows.plan_for(r"超过[\d一二三]+万?人")
    assert numeric is not None and (numeric.reach, numeric.runs) == (4, 1)
    unbounded_class = windows.plan_for(r"超过[\d一二三a]+人")
    assert unbounded_class is not None and unbounded_class.reach is None


def test_numeric_runs_bound_the_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """A long run of digits (or numerals) far from any other makes the reach, and the windows
    still find what a whole scan finds, matches longer than any fixed reach included."""
    monkeypatch.setattr(windows, "MAX_SHARE", 1e9)
    regex = re.compile(r"(?:超过|逾)[\d.一二三四五六七八九十百千万]+(?:名|位)?用户")
    filler = "普通的说明文字，没有数字。" * 3000
    text = filler + "超过" + "1" * 500 + "用户" + filler + "逾一万名用户" + "超过12" + filler
    index = windows.text_index(text)
    assert index.numeric_run == 500
    plan = windows.plan_for(regex.pattern)
    assert plan is not None and plan.runs == 1
    assert (
        plan.spans(text, regex)
        == whole_spans(regex, text)
        == [
            (len(filler), len(filler) + 504),
            (2 * len(filler) + 504, 2 * len(filler) + 510),
        ]
    )


def _term_matchers() -> list[tuple[str, TermMatcher | HomophoneMatcher]]:
    return [
        (compiled.rule.id, compiled.matcher)
        for compiled, _ in Checker.from_packs()._rules
        if isinstance(compiled.matcher, TermMatcher | HomophoneMatcher)
    ]


def _automaton_only(monkeypatch: pytest.MonkeyPatch) -> None:
    for module in (matcher_module, homophones):
        monkeypatch.setattr(module, "term_occurrences", lambda text, terms: None)


@pytest.mark.parametrize("seed", [3])
def test_term_occurrences_match_the_automaton(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    text = Checker.from_packs().normalizer.normalize(_long_text(seed)).bare.text
    monkeypatch.setattr(windows, "AUTOMATON_COST", 1e9)  # bigram occurrences always
    found = {rule_id: m.spans(text) for rule_id, m in _term_matchers()}
    assert sum(map(len, found.values())) > 100
    _automaton_only(monkeypatch)
    for rule_id, m in _term_matchers():
        assert m.spans(text) == found[rule_id], rule_id


def test_long_and_short_terms(monkeypatch: pytest.MonkeyPatch) -> None:
    long_term = "保本" * 700
    terms = [long_term, "保", "本保", "1万", "5"]
    text = ("x" + long_term + "15万保本" * 10) * 20
    assert len(text) >= windows.WINDOW_FROM
    monkeypatch.setattr(windows, "AUTOMATON_COST", 1e9)
    got = TermMatcher(terms).spans(text)
    _automaton_only(monkeypatch)
    assert got == TermMatcher(terms).spans(text)
    assert got


def test_an_alternation_too_wide_for_one_literal_set_is_windowed_per_alternative() -> None:
    # 60 alternatives, each with its own literal: together too many to list as one set.
    words = [chr(0x4E00 + 7 * i) + chr(0x4E01 + 7 * i) for i in range(60)]
    pattern = "|".join(f"{w}[^，。]{{0,3}}?(?:保本|稳赚)" for w in words)
    plan = windows.plan_for(pattern)
    assert plan is not None and plan.sets == () and len(plan.branches) == 60
    rng = random.Random(3)
    filler = "年化利率以合同为准，理财非存款。"
    text = "".join(
        rng.choice([*[filler] * 40, words[rng.randrange(60)] + "一定保本", "稳赚"])
        for _ in range(2000)
    )
    regex = re.compile(pattern)
    assert len(text) >= windows.WINDOW_FROM
    assert plan.spans(text, regex) == whole_spans(regex, text) != []
    assert hit_spans(regex, text) == whole_spans(regex, text)


def test_toneless_swaps_in_long_text_are_found_from_bigrams(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A term read with one tone changed (稳转不赔 for 稳赚不赔), found in long text from the
    toneless keys' rarest bigrams, is what the toneless automaton's walk finds."""
    terms = ["稳赚不赔", "保本保息", "零风险"]
    filler = "本行理财产品有风险，投资需谨慎。"
    text = (filler * 40 + "稳转不陪" + filler * 40 + "宝本保吸，灵风险" + "稳赚不赔") * 20
    assert len(text) >= windows.WINDOW_FROM
    monkeypatch.setattr(windows, "AUTOMATON_COST", 1e9)
    got = HomophoneMatcher(terms).spans(text)
    _automaton_only(monkeypatch)
    assert got == HomophoneMatcher(terms).spans(text)
    hits = {text[s:e] for s, e in got}
    assert {"稳转不陪", "稳赚不赔"} <= hits
