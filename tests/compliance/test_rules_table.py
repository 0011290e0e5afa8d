"""The base rule pack over a table of copy, evasions and exemptions included."""

from __future__ import annotations

from pathlib import Path

import pytest

from huashu.brand import load_brand_pack
from huashu.compliance import Checker
from huashu.compliance.inputs import generic_brand
from huashu.domain import BrandPack, Severity

ROOT = Path(__file__).resolve().parents[2]
B, R, W = Severity.BLOCK, Severity.REVIEW, Severity.WARN
SIG = "【春田农商银行】"


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker.from_packs()


@pytest.fixture(scope="module")
def brands() -> dict[str, BrandPack]:
    return {
        "finance": load_brand_pack(ROOT / "examples" / "rural_bank.yaml"),
        "cosmetics": load_brand_pack(ROOT / "examples" / "cosmetics_xhs.yaml"),
        "general": generic_brand(),
    }


CASES: list[tuple[str, str, str, list[tuple[str, Severity]]]] = [
    # absolute terms: review, with factual-parameter exemptions
    ("利率行业领先", "home_card", "finance", [("absolute-terms", R)]),
    ("全县最低利率", "home_card", "finance", [("absolute-claims", B)]),
    ("全网最低价", "xiaohongshu", "cosmetics", [("absolute-claims", B)]),
    (
        "１００％有效",
        "xiaohongshu",
        "cosmetics",
        [
            ("absolute-terms", R),
            ("efficacy-rate", B),
            ("fact.unsupported", R),
        ],
    ),
    ("国家级品质，行业第一", "home_card", "cosmetics", [("absolute-claims", B)] * 2),
    (
        "国家级非物质文化遗产",
        "home_card",
        "general",
        [("absolute-terms", R), ("official-designation", R)],
    ),
    ("放款最快", "home_card", "finance", [("absolute-terms", R)]),
    ("最高额度30万元", "home_card", "finance", []),
    ("最长3年，最快当天放款", "home_card", "finance", []),
    ("最低年化利率3.3%", "home_card", "finance", []),
    ("第一次申请也能办", "home_card", "finance", []),
    # guaranteed returns / no risk: block everywhere, evasions included
    ("正规银行贷款无风险", "home_card", "finance", [("guaranteed-returns", B)]),
    ("保 本理财", "home_card", "finance", [("guaranteed-returns", B)]),
    ("保-本", "xiaohongshu", "cosmetics", [("guaranteed-returns", B)]),
    ("无*风*险", "home_card", "cosmetics", [("guaranteed-returns", B)]),
    ("无\u200b风\u200d险", "home_card", "cosmetics", [("guaranteed-returns", B)]),
    ("稳稳稳赚", "home_card", "cosmetics", [("guaranteed-returns", B)]),
    ("保证收益，包赚", "home_card", "cosmetics", [("guaranteed-returns", B)] * 2),
    ("请确保本人操作", "home_card", "finance", []),
    # loan rates: annualised rate required, not less prominent, zero interest needs fees
    ("利率低至3.6%", "home_card", "finance", [("rate-needs-annual", B)]),
    ("日息低至0.02%", "home_card", "finance", [("rate-needs-annual", B), ("fact.rate", B)]),
    ("年化利率3.6%起", "home_card", "finance", []),
    # the annual rate right beside the daily one: its prominence is for a reviewer
    ("日息万分之二，年化利率7.3%", "home_card", "finance", [("rate-daily-beside-annual", R)] * 2),
    (
        "日息万分之二！一天只要2块钱，年化利率7.3%",
        "home_card",
        "finance",
        [("rate-daily-before-annual", B)] * 2 + [("loan-cost-before-annual", B)],
    ),
    ("年化利率7.3%，折合日息万分之二", "home_card", "finance", []),
    ("免息分期", "home_card", "finance", [("zero-interest-needs-fees", B)]),
    ("0利息借款", "home_card", "finance", [("zero-interest-needs-fees", B)]),
    ("免息分期，手续费以页面为准", "home_card", "finance", [("zero-interest-needs-fees", B)]),
    (
        "免息分期，手续费0.5%/期，年化利率10.8%（单利）",
        "home_card",
        "finance",
        [("fact.unsupported", R)],
    ),
    # a cosmetics brand's copy runs no loan rules unless it offers credit (分期, 免息...);
    # then the loan-price rules run, but a merchant's 免息分期 needs no fee list
    ("利率低至3.6%", "home_card", "cosmetics", [("fact.unsupported", R)]),
    (
        "利率低至3.6%，免息分期",
        "home_card",
        "cosmetics",
        [("fact.unsupported", R), ("rate-needs-annual", B)],
    ),
    # SMS: signature, opt-out, length
    (f"{SIG}春耕贷年化利率3.6%起，拒收请回复R", "sms", "finance", []),
    (f"{SIG}春耕贷年化利率3.6%起，回T退订", "sms", "finance", []),
    (f"{SIG}春耕贷年化利率3.6%起，退订回T", "sms", "finance", []),
    (f"{SIG}春耕贷年化利率3.6%起，回TD退订", "sms", "finance", []),
    ("春耕贷年化利率3.6%起，拒收请回复R", "sms", "finance", [("sms-signature", B)]),
    ("【别家银行】春耕贷年化利率3.6%起，拒收请回复R", "sms", "finance", [("sms-signature", B)]),
    (f"{SIG}春耕贷年化利率3.6%起", "sms", "finance", [("sms-opt-out", B)]),
    (f"{SIG}{'好' * 486}拒收请回复R", "sms", "finance", []),
    (f"{SIG}{'好' * 487}拒收请回复R", "sms", "finance", [("sms-length", B)]),
    ("春耕贷年化利率3.6%起", "home_card", "finance", []),
    # brand terms
    ("秒批到账", "home_card", "finance", [("brand-forbidden", B), ("loan-approval-promise", B)]),
    (
        "医学级修护",
        "xiaohongshu",
        "cosmetics",
        [("brand-forbidden", B), ("cosmetics-medical-claim", B)],
    ),
    ("零风险", "home_card", "finance", [("brand-forbidden", B), ("guaranteed-returns", B)]),
    # 单利 label (brand fact says 单利, or copy describes simple interest)
    ("年化利率3.6%起，利随本清", "dsp", "finance", [("rate-simple-label", B)]),
    ("年化利率3.6%起（单利），按日计息", "home_card", "finance", []),
    ("年化利率3.6%起，按日计息", "home_card", "finance", [("rate-simple-label", B)]),
    # approval promises and competitor comparison
    ("包下款，年化利率3.6%起", "home_card", "finance", [("loan-approval-promise", B)]),
    ("不承诺放款，年化利率3.6%起", "home_card", "finance", []),
    ("比别家都便宜", "home_card", "cosmetics", [("competitor-comparison", R)]),
    # cosmetics medical claims
    # 祛痘 is a cosmetics efficacy category (a human-use test, review); 治痘 is a medical claim
    ("祛 痘神器", "xiaohongshu", "cosmetics", [("cosmetics-efficacy-claim", R), ("voice-hype", W)]),
    ("治 痘神器", "xiaohongshu", "cosmetics", [("cosmetics-medical-claim", B), ("voice-hype", W)]),
    ("无激素温和配方", "xiaohongshu", "cosmetics", [("cosmetics-hormone-free", R)]),
    # 小红书 广告 label
    ("到手价129元，戳链接", "xiaohongshu", "cosmetics", [("xhs-ad-label", B)]),
    ("到手价129元，戳链接 #广告", "xiaohongshu", "cosmetics", []),
    ("不是广告！到手价129元，戳链接", "xiaohongshu", "cosmetics", [("xhs-ad-label", B)]),
    ("到手价129元，戳链接", "home_card", "cosmetics", []),
    ("换季护肤小心得，先收藏再说", "xiaohongshu", "cosmetics", []),
    # PII
    ("电话13800138000", "home_card", "cosmetics", [("pii-mobile", B)]),
    ("电话１３８ ００１３ ８０００", "home_card", "cosmetics", [("pii-mobile", B)]),
    ("编号13800138000123", "home_card", "cosmetics", []),
    ("身份证11010519491231002X", "home_card", "cosmetics", [("pii-resident-id", B)]),
    # labelled as an ID or a card: read as one even with a wrong check digit
    ("身份证110105194912310021", "home_card", "cosmetics", [("pii-resident-id", B)]),
    ("单号110105194912310021", "home_card", "cosmetics", [("pii-long-number", R)]),
    ("卡号6222 0202 0000 0000 006", "home_card", "cosmetics", [("pii-bank-card", B)]),
    ("卡号6222 0202 0000 0000 007", "home_card", "cosmetics", [("pii-bank-card", B)]),
    # brand voice: warnings only for brands whose voice asks for restraint
    ("爆款来袭，赶紧", "home_card", "finance", [("voice-hype", W)] * 2),
    ("真好用！！！", "home_card", "finance", [("voice-shouting", W)]),
    ("爆款来袭！！！", "home_card", "general", []),
    # clean copy passes
    ("春耕备耕正当时，年化利率3.6%起，立即申请", "home_card", "finance", []),
    ("油皮亲妈来了，清爽控油不紧绷", "xiaohongshu", "cosmetics", []),
]


@pytest.mark.parametrize(("text", "channel", "industry", "expected"), CASES)
def test_rule_table(
    checker: Checker,
    brands: dict[str, BrandPack],
    text: str,
    channel: str,
    industry: str,
    expected: list[tuple[str, Severity]],
) -> None:
    findings = checker.check_text(text, channel, brands[industry])
    assert sorted((f.rule_id, f.severity) for f in findings) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "channel", "rule_id", "start", "end", "matched"),
    [
        ("正规银行，无@风@险", "home_card", "guaranteed-returns", 5, 10, "无@风@险"),
        ("理财保 本哦", "home_card", "guaranteed-returns", 2, 5, "保 本"),
        ("通过率１００％", "home_card", "absolute-terms", 3, 7, "１００％"),
        ("春耕贷利率低至3.6%！", "home_card", "rate-needs-annual", 3, 11, "利率低至3.6%"),
        ("春耕贷年化利率3.6%起", "sms", "sms-signature", 0, 0, ""),
        ("【别家】春耕贷年化利率3.6%起", "sms", "sms-signature", 0, 4, "【别家】"),
        (f"{SIG}春耕贷", "sms", "sms-opt-out", 11, 11, ""),
        (f"{SIG}{'好' * 492}拒收请回复R", "sms", "sms-length", 500, 506, "拒收请回复R"),
    ],
)
def test_spans_point_at_original_text(
    checker: Checker,
    brands: dict[str, BrandPack],
    text: str,
    channel: str,
    rule_id: str,
    start: int,
    end: int,
    matched: str,
) -> None:
    [finding] = [
        f for f in checker.check_text(text, channel, brands["finance"]) if f.rule_id == rule_id
    ]
    assert (finding.start, finding.end, finding.matched) == (start, end, matched)
    assert text[start:end] == matched
    assert finding.field == "text"


def test_finding_carries_rule_text(checker: Checker, brands: dict[str, BrandPack]) -> None:
    [finding] = checker.check_text(
        "正规银行贷款无风险", "home_card", brands["finance"], field="body"
    )
    assert finding.field == "body"
    assert finding.basis == "广告法第二十五条；银发〔2019〕316号"
    assert finding.message_zh == "不得承诺或暗示保本、无风险、保收益"
    assert finding.suggestion_zh.startswith("删除该表述")


def test_signature_message_names_expected_signature(
    checker: Checker, brands: dict[str, BrandPack]
) -> None:
    [finding] = checker.check_text("春耕贷，拒收请回复R", "sms", brands["finance"])
    assert finding.message_zh.endswith("（应为 【春田农商银行】）")


@pytest.mark.parametrize(
    ("terms", "text", "count"), [(("春田",), "春田农商银行贷款", 0), (("春田", "农商"), "贷款", 2)]
)
def test_required_brand_terms(
    checker: Checker, brands: dict[str, BrandPack], terms: tuple[str, ...], text: str, count: int
) -> None:
    bank = brands["finance"]
    pack = bank.model_copy(
        update={"brand": bank.brand.model_copy(update={"required_terms": terms})}
    )
    findings = [
        f for f in checker.check_text(text, "home_card", pack) if f.rule_id == "brand-required"
    ]
    assert len(findings) == count
    assert all(f.severity == Severity.REVIEW for f in findings)


def test_every_example_phrase(checker: Checker, brands: dict[str, BrandPack]) -> None:
    verdicts: dict[str, set[Severity]] = {}
    for pack in brands.values():
        for bank in pack.phrases.values():
            for phrase in bank:
                findings = checker.check_text(pack.render(phrase), "home_card", pack)
                verdicts[phrase.id] = {f.severity for f in findings}
    assert verdicts.pop("benefit-safe") == {B}
    assert verdicts.pop("benefit-best") == {R}
    assert {pid for pid, sev in verdicts.items() if B in sev} == set()
    assert {pid for pid, sev in verdicts.items() if sev} == set()
