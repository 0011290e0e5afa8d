"""The precedent model's second reading of a rule's block (``softening.py``): a context
rule's block on copy that reads like a warning becomes a review; other blocks stand."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from huashu.compliance import Checker
from huashu.compliance.inputs import generic_brand
from huashu.compliance.precedents import PrecedentModel, shipped_model, train
from huashu.compliance.softening import softened
from huashu.domain import Finding, Severity

#: a bank's call-back script asking whether a seller promised returns: lawful, and the
#: guaranteed-returns rule blocks it on its own
CALL_BACK = (
    "您好，这里是本行客服回访。请问销售人员有没有向您承诺过“保本保收益”或者“稳赚”？"
    "如果有，请告诉我们，我们会登记核查。"
)


@pytest.fixture(scope="module")
def on() -> Checker:
    return Checker.from_packs(precedents=True)


def test_a_warning_the_rules_block_goes_to_review(on: Checker) -> None:
    brand = generic_brand()
    ruled = Checker.from_packs().check_text(CALL_BACK, "smart_call", brand)
    assert ruled and {f.severity for f in ruled} == {Severity.BLOCK}
    found = on.check_text(CALL_BACK, "smart_call", brand)
    assert [f.rule_id for f in found] == [f.rule_id for f in ruled]
    assert {f.severity for f in found} == {Severity.REVIEW}
    assert all("判例模型评分" in f.message_zh and "review" in f.message_en for f in found)
    assert shipped_model().score(CALL_BACK) < shipped_model().floor


def test_a_claim_stays_blocked(on: Checker) -> None:
    claim = "本行这款理财产品保本保收益，稳赚不赔，年化6%，欢迎到网点咨询"
    found = on.check_text(claim, "home_card", generic_brand())
    assert Severity.BLOCK in {f.severity for f in found}


def test_a_rule_that_reading_does_not_change_stands(on: Checker) -> None:
    """A missing signature is a block however lawful the copy reads."""
    bill = "【安和银行】您本月的信用卡账单已出，应还金额2,368.50元，最后还款日12月20日。"
    model = shipped_model()
    assert model.score(bill) < model.floor
    found = on.check_text(bill, "sms", generic_brand())
    assert "sms-signature" in {f.rule_id for f in found if f.severity == Severity.BLOCK}


def _finding(rule_id: str) -> Finding:
    return Finding(
        rule_id=rule_id,
        severity=Severity.BLOCK,
        basis="广告法第二十五条",
        field="body",
        start=0,
        end=2,
        matched="保本",
        message_zh="承诺保本",
        message_en="promises principal",
    )


def test_floor_zero_length_and_rule_kind(tmp_path: Path) -> None:
    weights, bias = train([("稳赚不赔保本保息", True), ("今天天气不错出门走走", False)], bits=10)
    model = PrecedentModel(weights, bias, 0.9, "d", [], floor=0.99)
    fields = [("body", "请问有没有人向您承诺过保本？如有请告诉我们，我们会登记核查")]
    ctx, other = _finding("guaranteed-returns"), _finding("sms-opt-out")
    out = softened(model, fields, [ctx, other], {"guaranteed-returns"})
    assert [f.severity for f in out] == [Severity.REVIEW, Severity.BLOCK]
    # too short to be scored, or a floor of 0: nothing changes
    assert softened(model, [("body", "保本")], [ctx], {"guaranteed-returns"}) == [ctx]
    zero = PrecedentModel(weights, bias, 0.9, "d", [], floor=0.0)
    assert softened(zero, fields, [ctx], {"guaranteed-returns"}) == [ctx]
    # the floor is saved with the model
    model.save(tmp_path / "m.npz", tmp_path / "c.jsonl.gz")
    again = PrecedentModel.load(tmp_path / "m.npz", tmp_path / "c.jsonl.gz")
    assert again.floor == pytest.approx(0.99)
    assert np.allclose(again.weights, model.weights.astype(np.float16), atol=1e-3)


def test_the_shipped_floor_is_low(on: Checker) -> None:
    """Chosen by leave-one-set-out (scripts/build_precedents.py): between 0.01 and 0.10."""
    assert 0.01 <= shipped_model().floor <= 0.10
    assert on.precedents is shipped_model()


def test_review_mode_flags_and_softens() -> None:
    """``precedents="review"`` (the product's default): copy that reads like a blocked case
    goes to review instead of being blocked; the second reading is the same."""
    review = Checker.from_packs(precedents="review")
    risky = "家人们，这个鱼油多吃几粒也没事，效果直接翻倍"
    found = review.check_text(risky, "live_script", generic_brand())
    assert [(f.rule_id, f.severity) for f in found] == [("precedent-similar", Severity.REVIEW)]
    assert {f.severity for f in review.check_text(CALL_BACK, "smart_call", generic_brand())} == {
        Severity.REVIEW
    }
    fingerprints = {
        Checker.from_packs(precedents=m).fingerprint for m in ("off", "review", "block")
    }
    assert len(fingerprints) == 3
    with pytest.raises(ValueError, match="precedents must be one of"):
        Checker.from_packs(precedents="sometimes")  # type: ignore[arg-type]


def test_short_copy_does_not_load_the_model() -> None:
    """``huashu check 测试`` stays fast in the default mode: a few words are not scored, so
    the model's data is not read."""
    shipped_model.cache_clear()
    review = Checker.from_packs(precedents="review")
    assert review.check_text("保本理财", "banner", generic_brand())
    assert review.check_text("测试", "banner", generic_brand()) == []
    assert shipped_model.cache_info().currsize == 0
