"""The copy-quality gate: another segment's words, offers to segments that do not qualify, the
product, the channel's action and shape, near-duplicates; and the gate on whole campaigns of
both example packs (0 wrong-audience drafts, 0 ineligible offers, the product named)."""

from __future__ import annotations

import pytest

from huashu.audience import cross_segments
from huashu.channels import get_channel
from huashu.compliance import Checker
from huashu.domain import BrandPack, ComplianceReport, Creative, Provenance, Segment, Severity
from huashu.generate import ComposeGenerator, GenerationRequest
from huashu.generate.copycheck import (
    copy_findings,
    duplicate_findings,
    failing,
    with_copy_findings,
)
from huashu.generate.plan import content_plan

LIVESTOCK_NO = Segment(
    key="livestock.no",
    name="养殖户·无优惠",
    rule={"occupation": "livestock", "rate_discount_eligible": False},
    labels={"occupation": "养殖户", "discount": "无优惠"},
)


def _rules(fields: dict[str, str], channel: str, pack: BrandPack) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in copy_findings(fields, channel, pack, LIVESTOCK_NO):
        out.setdefault(f.rule_id, []).append(f.matched)
    return out


SMS_OK = (
    "【春田农商银行】养殖户朋友，开春补栏正要用钱吧？春耕贷最高额度30万元，年化利率3.6%起。"
    "带上身份证到就近网点就能咨询，额度以审批结果为准。拒收请回复R"
)


def test_a_segment_true_sms_passes(bank_pack: BrandPack) -> None:
    assert failing(copy_findings({"text": SMS_OK}, "sms", bank_pack, LIVESTOCK_NO)) == []


@pytest.mark.parametrize(
    ("text", "rule", "matched"),
    [
        (SMS_OK.replace("养殖户朋友", "种植户看过来"), "copy.other_segment", "种植户"),
        (SMS_OK.replace("补栏", "买种苗、化肥"), "copy.other_segment", "种苗"),
        (
            SMS_OK.replace("年化利率3.6%起", "优惠后年化利率3.3%起"),
            "copy.ineligible_offer",
            "3.3%起",
        ),
        (
            SMS_OK.replace("春耕贷最高", "您可享春耕利率优惠，最高"),
            "copy.ineligible_offer",
            "春耕利率优惠",
        ),
        (SMS_OK.replace("带上身份证到就近网点就能咨询", "戳链接了解"), "copy.cta_channel", "链接"),
        (SMS_OK.replace("春耕贷最高", "贷款最高"), "copy.product_missing", ""),
        (SMS_OK * 2, "copy.structure", ""),
    ],
)
def test_sms_findings(bank_pack: BrandPack, text: str, rule: str, matched: str) -> None:
    found = _rules({"text": text}, "sms", bank_pack)
    assert rule in found, found
    assert matched in found[rule]


def test_qualifying_segment_is_told_its_offer(bank_pack: BrandPack) -> None:
    """养殖户·有优惠 quoted only the standard 3.6% is sent to review; with the offer it passes,
    and a card that quotes no rate at all is not asked to."""
    eligible = LIVESTOCK_NO.model_copy(
        update={
            "key": "livestock.yes",
            "name": "养殖户·有优惠",
            "rule": {"occupation": "livestock", "rate_discount_eligible": True},
        }
    )
    standard = copy_findings({"text": SMS_OK}, "sms", bank_pack, eligible)
    assert [f.matched for f in standard if f.rule_id == "copy.offer_missing"] == ["3.6%起"]
    told = SMS_OK.replace("年化利率3.6%起", "您可享春耕利率优惠，优惠后年化利率3.3%起")
    assert failing(copy_findings({"text": told}, "sms", bank_pack, eligible)) == []
    card = {"title": "养殖户补栏，春耕贷来帮忙", "subtitle": "补栏买饲料都能用", "cta": "查看额度"}
    assert failing(copy_findings(card, "home_card", bank_pack, eligible)) == []


def test_sms_must_name_its_reader(bank_pack: BrandPack) -> None:
    anonymous = SMS_OK.replace("养殖户朋友，开春补栏正要用钱吧？", "")
    rules = {
        f.rule_id: f.severity
        for f in copy_findings({"text": anonymous}, "sms", bank_pack, LIVESTOCK_NO)
    }
    assert rules == {"copy.not_addressed": Severity.REVIEW}


def test_own_identity_is_not_another_segments(bank_pack: BrandPack) -> None:
    """养殖户's own words are never flagged, and the own word 养殖户 is not read as 养殖 of
    another value; a draft that never names its reader gets a warning only."""
    fields = {"title": "春耕贷利率说明", "subtitle": "年化利率3.6%起", "cta": "了解春耕贷"}
    findings = copy_findings(fields, "home_card", bank_pack, LIVESTOCK_NO)
    assert [f.rule_id for f in findings] == ["copy.not_addressed"]
    assert findings[0].severity == Severity.WARN


def test_call_and_note_shapes(bank_pack: BrandPack, cosmetics_pack: BrandPack) -> None:
    call = {
        "opening": "您好，我是春田农商银行的智能客服。春耕贷了解一下。",
        "message": "春耕贷最高额度30万元，年化利率3.6%起。",
        "objection_1": "客户：靠谱吗？\n坐席：您可以去网点核实。",
        "close": "点击下方链接申请。感谢接听，再见。",
    }
    found = _rules(call, "smart_call", bank_pack)
    assert {"点击", "下方", "链接"} <= set(found["copy.cta_channel"])
    assert len(found["copy.structure"]) == 2  # no permission question, one objection turn
    note = {"title": "油皮学生党｜精华💧", "body": "清爽。\n#青禾", "label": ""}
    messages = [f.message_zh for f in copy_findings(note, "xiaohongshu", cosmetics_pack, None)]
    assert any("正文" in m for m in messages) and any("话题标签" in m for m in messages)
    assert any("广告" in m for m in messages)


def test_near_duplicates_and_merged_reports(bank_pack: BrandPack) -> None:
    def creative(cid: str, text: str) -> Creative:
        return Creative(
            id=cid,
            brand_id=bank_pack.id,
            segment_key="livestock.no",
            channel="sms",
            fields={"text": text},
            provenance=Provenance(backend="openai", model="m", template_version="t", seed=0),
        )

    a, b = creative("a", SMS_OK), creative("b", SMS_OK.replace("。拒收", "！拒收"))
    twins = duplicate_findings([a, b])
    assert list(twins) == ["b"] and twins["b"][0].rule_id == "copy.near_duplicate"
    report = Checker.from_packs().check(a, bank_pack)
    merged = with_copy_findings(report, twins["b"])
    assert merged.verdict == "review" and merged.id != report.id
    assert with_copy_findings(report, []) is report
    assert ComplianceReport.verdict_of(list(merged.findings)) == merged.verdict


@pytest.mark.parametrize(
    ("pack_name", "brief"),
    [
        (
            "bank_pack",
            "给养殖户、种植户、小微企业主、个体工商户和工薪客户推春耕贷，短信、首页卡片和外呼",
        ),
        ("cosmetics_pack", "给油皮、干皮、敏感肌的学生党、职场新人和轻熟龄写小红书笔记和首页卡片"),
    ],
)
def test_compose_campaigns_are_segment_true(
    pack_name: str, brief: str, request: pytest.FixtureRequest
) -> None:
    """Every draft of a whole campaign (every segment x channel, 3 each): no other segment's
    words, no offer to a segment that does not qualify, the product named in >= 95%."""
    pack: BrandPack = request.getfixturevalue(pack_name)
    segments = cross_segments(pack)
    channels = tuple(pack.channels)
    plan = content_plan(pack, brief, segments, channels)
    generator = ComposeGenerator(checker=Checker.from_packs())
    drafts: list[tuple[Segment, Creative]] = []
    for channel in channels:
        for seg in segments:
            request_ = GenerationRequest(
                pack=pack, segment=seg, channel=get_channel(channel), n=3, seed=1, plan=plan
            )
            drafts += [(seg, c) for c in generator.generate(request_)]
    assert len(drafts) >= 0.9 * 3 * len(segments) * len(channels)
    rules = [f.rule_id for seg, c in drafts for f in copy_findings(c.fields, c.channel, pack, seg)]
    assert rules.count("copy.other_segment") == 0
    assert rules.count("copy.ineligible_offer") == 0
    assert rules.count("copy.cta_channel") == 0
    assert pack.product is not None
    named = sum(pack.product.name in c.text for _, c in drafts)
    assert named / len(drafts) >= 0.95
