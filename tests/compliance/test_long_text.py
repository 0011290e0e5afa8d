"""Long documents: repeated hits are listed up to the checker's repeat limit, and the paths
taken for long text (numpy span selection, claims read per clause) agree with the plain ones."""

from __future__ import annotations

import copy
import random
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.compliance import _reference_claims as reference

from huashu.brand import load_brand_pack
from huashu.compliance import Checker, Normalizer, TermMatcher, normalize, term_regex
from huashu.compliance.checks import REPEAT_LIMIT, CheckContext, FieldText
from huashu.compliance.claims import ClauseCache, extract_claims, number_clauses, shifted
from huashu.compliance.evaluate import load_corpus
from huashu.compliance.factcheck import brand_fact_claims, judged_claims
from huashu.compliance.matcher import HASH_FROM, VECTOR_FROM
from huashu.compliance.pii import _RUN, _runs, find_pii
from huashu.compliance.termhash import HashedTerms
from huashu.domain import BrandPack

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker.from_packs()


@pytest.fixture(scope="module")
def bank() -> BrandPack:
    return load_brand_pack(ROOT / "examples" / "rural_bank.yaml")


def test_repeated_hits_are_capped_and_counted(checker: Checker, bank: BrandPack) -> None:
    text = "本行最低，" * 8 + "无风险。"
    found = [
        f for f in checker.check_text(text, "home_card", bank) if f.rule_id == "absolute-terms"
    ]
    assert len(found) == REPEAT_LIMIT
    assert [f.start for f in found] == [2 + 5 * k for k in range(REPEAT_LIMIT)]
    assert "共出现 8 次，仅列出前 5 处" in found[-1].message_zh
    assert "occurs 8 times" in found[-1].message_en
    assert all("共出现" not in f.message_zh for f in found[:-1])
    every = checker.with_repeat_limit(None).check_text(text, "home_card", bank)
    assert len([f for f in every if f.rule_id == "absolute-terms"]) == 8
    # the verdict does not depend on the limit
    assert {f.rule_id for f in every} == {
        f.rule_id for f in checker.check_text(text, "home_card", bank)
    }


def test_repeat_limit_must_be_positive() -> None:
    with pytest.raises(ValueError, match="repeat_limit"):
        Checker.from_packs(repeat_limit=0)


def test_repeated_fact_claims_are_capped(checker: Checker, bank: BrandPack) -> None:
    text = "年化利率2.1%起，" * 7
    found = [f for f in checker.check_text(text, "home_card", bank) if f.rule_id == "fact.rate"]
    every = [
        f
        for f in checker.with_repeat_limit(None).check_text(text, "home_card", bank)
        if f.rule_id == "fact.rate"
    ]
    assert len(every) == 7
    assert found == [*every[: REPEAT_LIMIT - 1], found[-1]]
    assert "共出现 7 次" in found[-1].message_zh


def test_long_text_term_spans_agree_with_a_regex_alternation() -> None:
    rng = random.Random(3)
    alphabet = "年化利率2.5%春天保本3"
    for _ in range(30):
        terms = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 5))) for _ in range(8)]
        text = "".join(rng.choice(alphabet) for _ in range(VECTOR_FROM + rng.randint(0, 500)))
        expected = [m.span() for m in re.finditer(term_regex(terms), text)]
        assert TermMatcher(terms).spans(text) == expected


def test_claims_are_read_per_clause_in_long_text() -> None:
    clause = normalize("年化利率3.6%起，最高可借30万元，期限最长3年；日息万分之一。").text
    copies = 80
    text = clause * copies
    assert len(text) >= VECTOR_FROM
    one = extract_claims(clause)
    assert len(one) >= 4
    expected = [shifted(c, k * len(clause)) for k in range(copies) for c in one]
    assert extract_claims(text) == expected
    cache: ClauseCache = {}
    assert extract_claims(text, cache) == expected
    assert extract_claims(text, cache) == expected
    assert number_clauses("春天，3月；无数字") == [(3, 5)]


def test_large_dictionaries_hashed_agree_with_the_automaton() -> None:
    rng = random.Random(11)
    alphabet = "年化利率2.5%春天保本3最低万元"
    for _ in range(6):
        terms = {
            "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 7)))
            for _ in range(HASH_FROM + 200)
        }
        hashed = TermMatcher(terms)
        assert hashed._hashed is not None
        walked = copy.copy(hashed)
        walked._hashed = None
        text = "".join(rng.choice(alphabet) for _ in range(VECTOR_FROM + rng.randint(0, 3000)))
        expected = [m.span() for m in re.finditer(term_regex(terms), text)]
        assert hashed.spans(text) == walked.spans(text) == expected
        assert HashedTerms.build(terms) is not None


def test_pii_runs_in_long_text_match_the_plain_scan() -> None:
    rng = random.Random(5)
    alphabet = "0123456789０１２３ -.xX\u3000\u2012\u200b年利"
    for _ in range(300):
        text = "".join(
            rng.choice(alphabet) if rng.random() < 0.9 else rng.choice("ab万元")
            for _ in range(rng.randint(2000, 2600))
        )
        assert [m.span() for m in _runs(text)] == [m.span() for m in _RUN.finditer(text)]
    mobile = "客服电话13800138000，" * 300
    assert len(find_pii(mobile)) == 300


def test_every_hit_listed_is_a_superset_of_the_capped_findings(
    checker: Checker, bank: BrandPack
) -> None:
    samples = load_corpus(ROOT / "tests" / "data" / "compliance_corpus.yaml")
    rng = random.Random(2)
    text = "\n".join(rng.choice(samples).text for _ in range(1500))
    capped = checker.check_text(text, "home_card", bank)
    every = checker.with_repeat_limit(None).check_text(text, "home_card", bank)
    listed = {f.model_dump_json() for f in every}
    notes = [f for f in capped if f.model_dump_json() not in listed]
    # only the last listed finding of a repeated hit differs: it carries the count
    assert notes and all("共出现" in f.message_zh for f in notes)
    assert {(f.rule_id, f.start) for f in notes} <= {(f.rule_id, f.start) for f in every}
    assert {f.rule_id for f in capped} == {f.rule_id for f in every}


def _corpus_texts(held_out: bool = False) -> list[str]:
    names = ("compliance_corpus.yaml", "compliance_holdout.yaml")[: 2 if held_out else 1]
    return [s.text for name in names for s in load_corpus(ROOT / "tests" / "data" / name)]


def _fresh_numbers(megabytes: float, seed: int) -> str:
    """The corpus samples shuffled and repeated, every digit redrawn at random (as in
    benchmarks/compliance_speed.py): few clauses repeat."""
    rng = random.Random(seed)
    texts = _corpus_texts()
    out: list[str] = []
    size = 0
    while size < megabytes * 1e6:
        text = "".join(str(rng.randrange(10)) if c.isdigit() else c for c in rng.choice(texts))
        out.append(text)
        size += len(text.encode()) + 1
    return "\n".join(out)


def test_claims_read_as_the_reference_does_on_the_corpora() -> None:
    normalizer = Normalizer()
    texts = [normalizer.normalize(t).text for t in _corpus_texts(held_out=True)]
    for text in texts:
        assert extract_claims(text) == reference.extract_claims(text), text
    joined = "\n".join(texts)
    assert extract_claims(joined) == reference.extract_claims(joined)


def test_claims_and_verdicts_as_the_reference_on_fresh_numbers(bank: BrandPack) -> None:
    normalizer = Normalizer()
    norm = normalizer.normalize(_fresh_numbers(1.0, 5))
    expected = reference.extract_claims(norm.text)
    assert len(expected) > 10_000
    cache: ClauseCache = {}
    assert extract_claims(norm.text, cache) == expected
    assert extract_claims(norm.text, cache) == expected  # from the memo
    facts = brand_fact_claims(bank, normalizer)
    shared: dict[object, object] = {}
    for _ in range(2):  # judged afresh, then from the memos
        ctx = CheckContext(
            channel="home_card",
            brand=bank,
            fields=(FieldText("text", norm),),
            normalizer=normalizer,
            shared=shared,
        )
        got = [(v.claim, v.rule, v.facts) for v in judged_claims(ctx)]
        judged = [(c, *reference._judge(c, facts)) for c in expected]
        assert got == [(c, rule, about) for c, rule, about in judged if rule is not None]
        assert len(got) > 5_000


#: Pieces of copy around numbers: digits, Chinese numerals, units, qualifiers, the words a
#: claim is read with, clause boundaries.
_PIECES = st.sampled_from(
    [
        *"0123456789零〇一二两三四五六七八九十百千点.-~至到第",
        *[
            "%",
            "百分之",
            "万分之",
            "千分之",
            "¥",
            "满",
            "减",
            "元",
            "块",
            "万",
            "亿",
            "千元",
            "万元",
            "亿元",
        ],
        *[
            "个月",
            "月",
            "年",
            "期",
            "天",
            "日",
            "分钟",
            "小时",
            "工作日",
            "个工作日",
            "内",
            "毫升",
            "ml",
            "mg",
            "毫克",
            "千克",
            "kg",
            "升",
            "克",
        ],
        *[
            "g",
            "l",
            "x",
            "钱包",
            "人",
            "底",
            "起",
            "以上",
            "以内",
            "以下",
            "封顶",
            "低至",
            "最低",
            "最高",
            "最长",
            "不超过",
            "可达",
        ],
        *[
            "年化利率",
            "日利率",
            "日息",
            "月息",
            "每月",
            "利率",
            "费率",
            "/月",
            "的",
            "额度",
            "期限",
            "可借",
            "分期",
            "到账",
        ],
        *["放款", "最快", "送达", "核心成分", "烟酰胺", "会员月卡", "春"],
        *"，。！？；：、\n ",
    ]
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_claims_read_as_the_reference_does_on_generated_copy(text: str) -> None:
    assert extract_claims(text) == reference.extract_claims(text)
    long = (text + "，") * (2000 // (len(text) + 1) + 1)  # the vectorised clause split
    assert extract_claims(long) == reference.extract_claims(long)
