"""Property tests: the engine never crashes on any Unicode, and every span indexes the
original text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from huashu.brand import load_brand_pack
from huashu.compliance import Checker, Normalizer, TermMatcher, redact, term_regex
from huashu.domain import BrandPack

ROOT = Path(__file__).resolve().parents[2]
CHANNELS = ("sms", "home_card", "smart_call", "dsp", "xiaohongshu")
#: Mostly copy-like characters (CJK, digits, evasion symbols, full-width and traditional forms)
#: mixed with arbitrary code points, surrogates and combining marks included.
COPY_CHARS = st.sampled_from(
    list("保本无风险稳赚年化利率日息万分之一最高额度元起期限单利广告拒收请回复R【】")
    + list("0123456789%.,:-~/ @*\u200b\u3000１２３％無風險賺額")
    + ["\u0301", "\u00bd", "\u3371", "\ufb01", "\ud800", "\U0002a6d6", "\x00", "\n"]
)
TEXT = st.text(alphabet=st.one_of(COPY_CHARS, st.characters()), max_size=120)


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker.from_packs()


@pytest.fixture(scope="module")
def bank() -> BrandPack:
    return load_brand_pack(ROOT / "examples" / "rural_bank.yaml")


@settings(
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=TEXT, channel=st.sampled_from(CHANNELS), route=st.sampled_from([None, "aliyun"]))
def test_any_text_checks_and_spans_index_the_original(
    checker: Checker, bank: BrandPack, text: str, channel: str, route: str | None
) -> None:
    findings = checker.check_fields(
        {"title": text, "body": text[::-1]}, channel, bank, sms_route=route
    )
    for f in findings:
        original = text if f.field == "title" else text[::-1]
        assert 0 <= f.start <= f.end <= len(original)
        if not f.rule_id.startswith("pii-"):
            assert f.matched == original[f.start : f.end]


@settings(max_examples=300, deadline=None, database=None)
@given(text=TEXT)
def test_normalised_characters_map_into_the_original(text: str) -> None:
    norm = Normalizer().normalize(text)
    for view in (norm, norm.bare):
        assert len(view.offsets) == len(view.ends) == len(view.text)
        for k in range(len(view.text)):
            assert 0 <= view.offsets[k] < view.ends[k] <= len(text)
        assert list(view.offsets) == sorted(view.offsets)
        start, end = view.original_span(0, len(view.text))
        assert 0 <= start <= end <= len(text)


@settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=TEXT)
def test_fix_never_crashes_and_redaction_is_idempotent(
    checker: Checker, bank: BrandPack, text: str
) -> None:
    result = checker.fix({"text": text}, "sms", bank)
    assert set(result.fields) == {"text"}
    assert redact(redact(text)) == redact(text)


@settings(max_examples=300, deadline=None, database=None)
@given(
    terms=st.lists(st.text(alphabet="年化利率2.5%春天保本", min_size=1, max_size=5), max_size=12),
    text=st.text(alphabet="年化利率2.5%春天保本", max_size=60),
)
def test_term_matcher_agrees_with_a_regex_alternation(terms: list[str], text: str) -> None:
    matcher = TermMatcher(terms)
    source = term_regex(terms)
    expected = [m.span() for m in re.finditer(source, text)] if source else []
    assert matcher.spans(text) == expected


#: Characters the context rules read: negations, quotes, separators, warnings.
CONTEXT_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(
            list('不非没别无骗子说诈骗“”「」『』"｜|：、，。！？保本稳赚秒批治疗最好第一')
        ),
        COPY_CHARS,
        st.characters(),
    ),
    max_size=120,
)


@settings(
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=CONTEXT_TEXT, channel=st.sampled_from(CHANNELS))
def test_every_industry_pack_on_any_text(checker: Checker, text: str, channel: str) -> None:
    """All industry packs, context (negation, quotes) and word boundaries: no crash, spans
    index the original."""
    from huashu.compliance.inputs import generic_brand
    from huashu.domain.brand import ALL_INDUSTRIES

    findings = checker.check_text(text, channel, generic_brand(), industries=ALL_INDUSTRIES)
    for f in findings:
        assert 0 <= f.start <= f.end <= len(text)
        if not f.rule_id.startswith("pii-"):
            assert f.matched == text[f.start : f.end]
