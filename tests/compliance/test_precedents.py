"""The precedent model: built from the development sets only, rebuilt when they change, and a
block finding that cites the closest blocked case when no rule blocks."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from huashu.brand import load_brand_pack
from huashu.compliance import Checker
from huashu.compliance.evaluate_law import load_law_set
from huashu.compliance.inputs import generic_brand
from huashu.compliance.precedents import (
    MAX_CHARS,
    MIN_CHARS,
    RULE_ID,
    Precedent,
    PrecedentModel,
    data_digest,
    dev_set_paths,
    ngrams,
    precedent_finding,
    shipped_model,
    train,
    unvetted,
    vetted_texts,
)
from huashu.domain import Severity

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def model() -> PrecedentModel:
    return shipped_model()


def test_shipped_model_is_built_from_the_current_dev_sets(model: PrecedentModel) -> None:
    paths = dev_set_paths(DATA)
    assert len(paths) >= 67
    assert all("heldout" not in p.parts for p in paths)
    assert model.digest == data_digest(paths), "dev sets changed: run scripts/build_precedents.py"


def test_no_held_out_case_is_a_precedent(model: PrecedentModel) -> None:
    sets = (DATA / "heldout").glob("compliance_law*.yaml")
    held = {c.text for p in sets for c in load_law_set(p)}
    assert len(held) > 400
    assert not held & {p.text for p in model.blocked}


def test_retraining_gives_the_shipped_weights(model: PrecedentModel) -> None:
    cases = [c for p in dev_set_paths(DATA) for c in load_law_set(p)]
    weights, bias = train([(c.text, c.expect == "block") for c in cases])
    assert bias == pytest.approx(model.bias, abs=1e-9)
    assert np.allclose(weights.astype(np.float16), model.weights, atol=1e-3)
    assert len(model.blocked) == sum(c.expect == "block" for c in cases)


def test_a_set_left_out_is_caught_without_blocking_its_legal_copy() -> None:
    """Trained without dev67, the model at the shipped threshold blocks most of dev67's
    violations and (almost) none of its legal copy: what it does on copy it never saw."""
    paths = dev_set_paths(DATA)
    held = [p for p in paths if p.stem == "compliance_law_dev67"]
    rest = [c for p in paths if p not in held for c in load_law_set(p)]
    weights, bias = train([(c.text, c.expect == "block") for c in rest])
    fresh = PrecedentModel(weights, bias, shipped_model().threshold, "", [])
    cases = load_law_set(held[0])
    blocked = [fresh.score(c.text) >= fresh.threshold for c in cases if c.expect == "block"]
    legal = [fresh.score(c.text) >= fresh.threshold for c in cases if c.expect == "pass"]
    assert np.mean(blocked) >= 0.6
    assert np.mean(legal) <= 0.02


def test_ngrams_are_distinct_and_stable() -> None:
    assert len(ngrams("")) == 0
    assert len(ngrams("ab")) == 3  # a, b, ab
    assert len(ngrams("aaaa")) == 3  # a, aa, aaa once each
    assert np.array_equal(ngrams("保本保息"), ngrams("保本保息"))
    # full width and case fold to the same features
    assert np.array_equal(ngrams("ＡＰＰ"), ngrams("app"))
    # any code point, a lone surrogate from JSON included, is a feature, not an error
    assert len(ngrams("保本\ud800保息")) == 4 + 4 + 3  # 保 twice


def test_finding_cites_the_closest_blocked_case(model: PrecedentModel) -> None:
    fields = [("title", "产品介绍"), ("body", "家人们，这个鱼油多吃几粒也没事，效果直接翻倍")]
    finding = precedent_finding(model, fields)
    assert finding is not None
    assert finding.rule_id == RULE_ID and finding.severity == Severity.BLOCK
    assert finding.field == "body"
    # it points at the heaviest of the words its score rests on, in the copy
    assert finding.matched == fields[1][1][finding.start : finding.end]
    assert finding.matched == precedent_words(model, fields)[0]
    cited = next(p for p in model.blocked if f"判例 {p.id}" in finding.message_zh)
    assert finding.basis == (cited.basis or "广告法第二十八条")
    assert cited.concept in finding.message_zh
    # the words the score rests on are the text's own, trimmed of punctuation
    joined = "\n".join(text for _, text in fields)
    words = model.drivers(joined)
    assert 1 <= len(words) <= 3
    assert all(w in joined and w.strip("，。\n") == w for w in words)
    assert "、".join(words) in finding.message_zh


def precedent_words(model: PrecedentModel, fields: list[tuple[str, str]]) -> list[str]:
    return model.drivers("\n".join(text for _, text in fields))


def test_legal_and_unscored_copy_gets_nothing(model: PrecedentModel) -> None:
    legal = "【某农商银行】一年期定期存款挂牌利率以网点公告为准，详询客户经理。回T退订"
    assert model.score(legal) < model.threshold
    assert precedent_finding(model, [("text", legal)]) is None
    assert precedent_finding(model, [("text", "")]) is None
    risky = "家人们，这个鱼油多吃几粒也没事，效果直接翻倍"
    assert model.match(risky) is not None
    assert model.match(risky + "。" * MAX_CHARS) is None  # too long to score
    short = "今天吃点好的"  # a few words are the rules' business
    assert len(short) < MIN_CHARS and model.match(short) is None


def test_any_unicode_is_checked(model: PrecedentModel) -> None:
    text = "家人们，这个鱼油多吃几粒也没事\ud800，效果直接翻倍，\U0001f600快来"
    assert 0.0 <= model.score(text) <= 1.0
    Checker.from_packs(precedents=True).check_text(text, "live_script", generic_brand())


def test_checker_adds_it_only_where_no_rule_blocks() -> None:
    checker = Checker.from_packs(precedents=True)
    brand = generic_brand()
    risky = "家人们，这个鱼油多吃几粒也没事，效果直接翻倍"
    assert [f.rule_id for f in checker.check_text(risky, "live_script", brand)] == [RULE_ID]
    # a rule's block stands alone
    ruled = "本理财产品保本保息，稳赚不赔"
    ids = {f.rule_id for f in checker.check_text(ruled, "home_card", brand)}
    assert ids and RULE_ID not in ids
    off = Checker.from_packs(precedents=False)
    assert off.check_text(risky, "live_script", brand) == []
    assert off.fingerprint != checker.fingerprint


def test_a_model_of_two_cases_round_trips(tmp_path: Path) -> None:
    weights, bias = train([("稳赚不赔", True), ("天气不错", False)], bits=10, epochs=20)
    blocked = [Precedent("x1", "guaranteed-returns", "广告法第二十五条", "稳赚不赔")]
    built = PrecedentModel(weights, bias, 0.5, "d", blocked)
    built.save(tmp_path / "m.npz", tmp_path / "c.jsonl.gz")
    again = PrecedentModel.load(tmp_path / "m.npz", tmp_path / "c.jsonl.gz")
    assert again.blocked == built.blocked and again.digest == "d" and again.bits == 10
    assert again.score("稳赚不赔") > 0.5 > again.score("天气不错")
    assert again.nearest("保证稳赚不赔")[0].id == "x1"


def test_the_brands_own_phrases_are_not_judged() -> None:
    """Copy composed of the brand pack's vetted phrases is not scored (its framing alone, a
    signature and an opt-out, reads like an SMS blocked in the sets); copy written around
    them is, without them."""
    bank = load_brand_pack(Path(__file__).resolve().parents[2] / "examples" / "rural_bank.yaml")
    vetted = vetted_texts(bank)
    assert vetted and all(len(a) >= len(b) for a, b in itertools.pairwise(vetted))
    phrase = vetted[0]
    assert unvetted(f"开头{phrase}结尾", vetted) == "开头\n结尾"
    checker = Checker.from_packs(precedents=True)
    sms = f"【春田农商银行】{phrase}带上身份证到就近网点就能咨询。回T退订"
    assert RULE_ID not in {f.rule_id for f in checker.check_text(sms, "sms", bank)}
    draft = (
        "【春田农商银行】养殖户朋友，家里的猪崽子吃了我们推荐的饲料，个个长得飞快，"
        "一个月多赚好几千，想多赚钱就来网点找客户经理。回T退订"
    )
    assert RULE_ID in {f.rule_id for f in checker.check_text(draft, "sms", bank)}


def test_fingerprint_does_not_load_the_model() -> None:
    shipped_model.cache_clear()
    checker = Checker.from_packs(precedents=True)
    assert shipped_model.cache_info().currsize == 0
    assert checker.precedents is shipped_model()
    custom = Checker.from_packs(precedents=False)
    assert custom.precedents is None


def test_copy_of_registered_figures_is_left_to_the_rules() -> None:
    """Every figure confirmed by the brand's facts: how they are shown is the rate and fact
    rules' reading (an annual rate before a daily one is lawful), not the model's."""
    bank = load_brand_pack(Path(__file__).resolve().parents[2] / "examples" / "rural_bank.yaml")
    checker = Checker.from_packs(precedents=True)
    shown = "年化利率3.6%起，日息低至万分之一，随借随还"
    assert shipped_model().score(shown) >= shipped_model().threshold
    assert checker.check_text(shown, "home_card", bank) == []
    # a figure the facts do not confirm, or none at all: the model reads the copy
    unconfirmed = "年化利率2.9%起，日息低至万分之一，今天申请马上到账"
    ids = {f.rule_id for f in checker.check_text(unconfirmed, "home_card", bank)}
    assert any(i.startswith("fact.") for i in ids)
