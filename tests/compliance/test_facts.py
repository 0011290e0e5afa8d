"""Fact check (广告法第二十八条): figures in copy against the brand pack's facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from huashu.brand import load_brand_pack
from huashu.compliance import Checker, normalize
from huashu.compliance.claims import extract_claims, parse_number
from huashu.domain import BrandPack, Severity

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker.from_packs()


@pytest.fixture(scope="module")
def brands() -> dict[str, BrandPack]:
    return {
        "bank": load_brand_pack(ROOT / "examples" / "rural_bank.yaml"),
        "cos": load_brand_pack(ROOT / "examples" / "cosmetics_xhs.yaml"),
        "app": load_brand_pack(ROOT / "tests" / "data" / "brands" / "credit_app.yaml"),
        "shop": load_brand_pack(ROOT / "tests" / "data" / "brands" / "shop_app.yaml"),
    }


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("3.6", 3.6),
        ("二十", 20.0),
        ("一百二十九", 129.0),
        ("三点六", 3.6),
        ("两", 2.0),
        ("十", 10.0),
    ],
)
def test_parse_number(token: str, value: float) -> None:
    assert parse_number(token) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        ("年化利率3.6%起", [("rate", 3.6, "floor", "annual")]),
        ("日息万分之一", [("rate", 0.01, "exact", "daily")]),
        ("月利率低至0.3%", [("rate", 0.3, "floor", "monthly")]),
        ("最高额度30万元", [("amount", 300000.0, "ceiling", "annual")]),
        ("贷款期限最长3年", [("term", 36.0, "ceiling", "annual")]),
        ("可分12期", [("term", 12.0, "exact", "annual")]),
        ("最快30分钟送达", [("duration", 30.0, "floor", "annual")]),
        ("容量50ml", [("quantity", 50.0, "exact", "annual")]),
        ("5%烟酰胺", [("percent", 5.0, "exact", "annual")]),
        ("满199减30", [("amount", 199.0, "exact", "annual"), ("amount", 30.0, "exact", "annual")]),
        ("三十万元额度", [("amount", 300000.0, "exact", "annual")]),
        # not claims: dates, times, ordinals, history, codes, idioms
        ("2025年3月31日前，08:00-21:00，第3期", []),
        ("本地银行，服务乡亲二十年，28天自测记录", []),
        ("拒收请回复R，回复1办理", []),
        ("十万火急，一万个理由", []),
    ],
)
def test_claims(text: str, claims: list[tuple[str, float, str, str]]) -> None:
    got = extract_claims(normalize(text).text)
    assert [(c.family, c.value, c.qualifier, c.period) for c in got] == [
        (f, pytest.approx(v), q, p) for f, v, q, p in claims
    ]


CASES: list[tuple[str, str, list[str]]] = [
    ("bank", "年化利率3.6%起，最高额度30万元，贷款期限最长3年", []),
    ("bank", "优惠后年化利率3.3%起；最低年化利率3.3%", []),
    ("bank", "年化利率5%，借5万元", []),
    ("bank", "年化2.5%", ["fact.rate"]),
    ("bank", "年化利率低至3%", ["fact.rate"]),
    # (the annual rate beside the daily one: a review of prominence since round 59)
    ("bank", "日利率0.005%，年化利率3.6%起", ["rate-daily-beside-annual", "fact.rate"]),
    ("bank", "年化利率3.6%起，日息低至万分之一", []),
    ("bank", "最高额度50万元", ["fact.amount"]),
    ("bank", "最长5年", ["fact.term"]),
    ("bank", "期限最長五年", ["fact.term"]),
    ("bank", "通过率98%", ["fact.unsupported"]),
    ("bank", "3个工作日内放款", ["fact.unsupported"]),
    ("cos", "5%烟酰胺，50ml到手价129元", []),
    ("cos", "10%烟酰胺", ["fact.percent"]),
    ("cos", "98%的人说好用", ["fact.unsupported"]),
    ("cos", "30ml小样", ["fact.quantity"]),
    ("cos", "到手价99元", ["fact.amount"]),
    ("cos", "原价199元", ["fact.unsupported", "reference-price"]),
    ("shop", "会员月卡只要9.9元", ["fact.amount"]),
    ("shop", "买10元以上水果赠一盒小番茄", []),
    ("shop", "最快10分钟送达", ["fact.duration"]),
    ("app", "每借1000元日息0.2元起，年化利率（单利）7.2%起", ["rate-daily-before-annual"]),
]


@pytest.mark.parametrize(("brand", "text", "rules"), CASES)
def test_fact_check(
    checker: Checker, brands: dict[str, BrandPack], brand: str, text: str, rules: list[str]
) -> None:
    findings = checker.check_text(text, "home_card", brands[brand])
    assert sorted(f.rule_id for f in findings if f.severity != Severity.WARN) == sorted(rules)


def test_message_names_value_and_fact(checker: Checker, brands: dict[str, BrandPack]) -> None:
    [finding] = checker.check_text("春耕贷年化2.5%", "home_card", brands["bank"])
    assert finding.rule_id == "fact.rate" and finding.severity == Severity.BLOCK
    assert (finding.start, finding.end, finding.matched) == (5, 9, "2.5%")
    assert finding.message_zh == (
        "利率与品牌事实不符：“2.5%”与品牌事实“优惠后年化利率3.3%起”、“年化利率3.6%起”不符"
    )
    assert "'2.5%' contradicts the brand fact(s) '优惠后年化利率3.3%起'" in finding.message_en
    [daily] = [
        f
        for f in checker.check_text("年化利率3.6%起，日利率0.005%", "home_card", brands["bank"])
        if f.rule_id == "fact.rate"
    ]
    assert "（折合年化约1.8%）" in daily.message_zh


def test_fact_span_points_at_original(checker: Checker, brands: dict[str, BrandPack]) -> None:
    text = "最高額度 ５０ 萬元，年化利率3.6%起"
    [finding] = checker.check_text(text, "home_card", brands["bank"])
    assert finding.rule_id == "fact.amount"
    assert text[finding.start : finding.end] == finding.matched == "５０ 萬元"


def test_brand_without_facts_reviews_every_figure(
    checker: Checker, brands: dict[str, BrandPack]
) -> None:
    bank = brands["bank"]
    bare = bank.model_copy(update={"facts": ()})
    findings = checker.check_text("年化利率3.6%起，最高额度30万元", "home_card", bare)
    assert [(f.rule_id, f.severity, f.matched) for f in findings] == [
        ("fact.unsupported", Severity.REVIEW, "3.6%"),
        ("fact.unsupported", Severity.REVIEW, "30万元"),
    ]
