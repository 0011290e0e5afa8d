"""Auto-fixes (only when asked, then re-checked), SMS routes for finance content, and the
checks the closed-loop demo relies on."""

from __future__ import annotations

from pathlib import Path

import pytest

from huashu.brand import load_brand_pack
from huashu.channels import get_channel
from huashu.compliance import Checker
from huashu.domain import BrandPack, Verdict
from huashu.generate.compose import all_compositions, compose_fields

ROOT = Path(__file__).resolve().parents[2]
SIG = "【春田农商银行】"


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker.from_packs()


@pytest.fixture(scope="module")
def bank() -> BrandPack:
    return load_brand_pack(ROOT / "examples" / "rural_bank.yaml")


@pytest.fixture(scope="module")
def cosmetics() -> BrandPack:
    return load_brand_pack(ROOT / "examples" / "cosmetics_xhs.yaml")


@pytest.fixture(scope="module")
def credit() -> BrandPack:
    return load_brand_pack(ROOT / "tests" / "data" / "brands" / "credit_app.yaml")


def test_fix_sms_rate_and_pii(checker: Checker, bank: BrandPack) -> None:
    text = "春耕贷利率低至3.6%，客户经理电话13800138000"
    assert {f.rule_id for f in checker.check_text(text, "sms", bank)} == {
        "sms-signature",
        "sms-opt-out",
        "rate-needs-annual",
        "pii-mobile",
    }
    result = checker.fix({"text": text}, "sms", bank)
    assert result.fields == {
        "text": f"{SIG}春耕贷利率低至3.6%（年化利率3.6%起），客户经理电话138****8000。拒收请回复R"
    }
    assert result.verdict == Verdict.PASS and result.findings == ()
    assert sorted(a.rule_id for a in result.applied) == [
        "pii-mobile",
        "rate-needs-annual",
        "sms-opt-out",
        "sms-signature",
    ]


def test_fix_replaces_a_wrong_signature(checker: Checker, bank: BrandPack) -> None:
    result = checker.fix({"text": "【别家银行】年化利率3.6%起。回T退订"}, "sms", bank)
    assert result.fields["text"] == f"{SIG}年化利率3.6%起。回T退订"
    assert result.verdict == Verdict.PASS


def test_fix_leaves_what_is_not_mechanical(checker: Checker, bank: BrandPack) -> None:
    text = f"{SIG}贷款无风险，年化2.5%。拒收请回复R"
    result = checker.fix({"text": text}, "sms", bank)
    assert result.fields == {"text": text} and result.applied == ()
    assert [f.rule_id for f in result.findings] == ["guaranteed-returns", "fact.rate"]
    assert result.verdict == Verdict.BLOCK


def test_fix_simple_rate_label(checker: Checker, credit: BrandPack) -> None:
    result = checker.fix({"title": "安心借年化利率7.2%起，最高可借20万元"}, "home_card", credit)
    assert result.fields["title"] == "安心借年化利率7.2%起（单利），最高可借20万元"
    assert result.verdict == Verdict.PASS


@pytest.mark.parametrize(
    ("fields", "fixed"),
    [
        (
            {"title": "油皮亲妈", "body": "到手价129元，戳链接", "label": ""},
            {"title": "油皮亲妈", "body": "到手价129元，戳链接", "label": "广告"},
        ),
        (
            {"title": "油皮亲妈", "body": "到手价129元，戳链接"},
            {"title": "广告｜油皮亲妈", "body": "到手价129元，戳链接"},
        ),
    ],
)
def test_fix_ad_label(
    checker: Checker, cosmetics: BrandPack, fields: dict[str, str], fixed: dict[str, str]
) -> None:
    assert [f.rule_id for f in checker.check_fields(fields, "xiaohongshu", cosmetics)] == [
        "xhs-ad-label"
    ]
    result = checker.fix(fields, "xiaohongshu", cosmetics)
    assert result.fields == fixed and result.verdict == Verdict.PASS


def test_check_does_not_fix(checker: Checker, bank: BrandPack) -> None:
    fields = {"text": "春耕贷年化利率3.6%起"}
    checker.check_fields(fields, "sms", bank)
    assert fields == {"text": "春耕贷年化利率3.6%起"}


@pytest.mark.parametrize(
    ("brand", "text", "route", "blocked"),
    [
        ("bank", f"{SIG}春耕贷年化利率3.6%起。拒收请回复R", None, False),
        ("bank", f"{SIG}春耕贷年化利率3.6%起。拒收请回复R", "own", False),
        ("bank", f"{SIG}春耕贷年化利率3.6%起。拒收请回复R", "OWN", False),
        ("bank", f"{SIG}春耕贷年化利率3.6%起。拒收请回复R", "aliyun", True),
        ("bank", f"{SIG}感谢您的支持。拒收请回复R", "aliyun", True),
        ("cosmetics", "【青禾】到手价129元。拒收请回复R", "aliyun", False),
        ("cosmetics", "【青禾】精华支持免息分期。拒收请回复R", "aliyun", True),
    ],
)
def test_sms_route(
    checker: Checker,
    bank: BrandPack,
    cosmetics: BrandPack,
    brand: str,
    text: str,
    route: str | None,
    blocked: bool,
) -> None:
    pack = bank if brand == "bank" else cosmetics
    findings = checker.check_text(text, "sms", pack, sms_route=route)
    route_findings = [f for f in findings if f.rule_id == "sms-finance-route"]
    assert bool(route_findings) == blocked
    if blocked:
        assert route_findings[0].message_zh.endswith(f"（通道：{route}）")


def test_report_id_depends_on_route(checker: Checker, bank: BrandPack) -> None:
    from huashu.domain import Creative, Provenance

    creative = Creative(
        id="c1",
        brand_id=bank.id,
        segment_key="all",
        channel="sms",
        fields={"text": f"{SIG}年化利率3.6%起。拒收请回复R"},
        provenance=Provenance(backend="compose", model="-", template_version="1", seed=1),
    )
    own = checker.check(creative, bank)
    cloud = checker.check(creative, bank, sms_route="aliyun")
    assert own.verdict == Verdict.PASS and cloud.verdict == Verdict.BLOCK
    assert own.id == checker.check(creative, bank, sms_route="own").id != cloud.id


def test_demo_compositions_keep_their_verdicts(checker: Checker, bank: BrandPack) -> None:
    """Every composition of the demo pack: only benefit-safe blocks, only benefit-best reviews."""
    for channel in bank.channels:
        spec = get_channel(channel)
        for combo in all_compositions(bank, spec):
            fields = compose_fields(bank, spec, combo)
            rules = {f.rule_id for f in checker.check_fields(fields, channel, bank)}
            expected = set()
            if combo.get("benefit") == "benefit-safe":
                expected.add("guaranteed-returns")
            if combo.get("benefit") == "benefit-best":
                expected.add("absolute-terms")
            assert rules == expected, (fields, rules)


def test_demo_cosmetics_notes_pass(checker: Checker, cosmetics: BrandPack) -> None:
    for channel in cosmetics.channels:
        spec = get_channel(channel)
        for combo in all_compositions(cosmetics, spec):
            fields = compose_fields(cosmetics, spec, combo)
            assert checker.check_fields(fields, channel, cosmetics) == [], fields
