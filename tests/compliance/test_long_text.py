"""Long documents: repeated hits are listed up to the checker's repeat limit, and the paths
taken for long text (numpy span selection, claims read per clause) agree with the plain ones."""

from __future__ import annotations

import copy
import random
import re
from pathlib import Path

import pytest

from huashu.brand import load_brand_pack
from huashu.compliance import Checker, TermMatcher, normalize, term_regex
from huashu.compliance.checks import REPEAT_LIMIT
from huashu.compliance.claims import Claim, extract_claims, number_clauses, shifted
from huashu.compliance.evaluate import load_corpus
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
    cache: dict[str, tuple[Claim, ...]] = {}
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
