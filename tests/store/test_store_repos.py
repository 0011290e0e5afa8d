"""Repository round trips, transactions and errors, shared by the SQLite and PostgreSQL backends."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from huashu.domain import (
    BrandPack,
    Brief,
    ComplianceReport,
    Creative,
    Fact,
    Finding,
    InputError,
    Provenance,
    Segment,
    Severity,
    Verdict,
)
from huashu.store import Store, open_store, repos

SEGMENTS = [
    Segment(
        key="occupation.livestock|discount.yes",
        name="养殖户·有优惠",
        rule={"occupation": "livestock", "rate_discount_eligible": True},
        labels={"occupation": "养殖户", "discount": "有优惠"},
        size=1200,
        description="春耕前需要买饲料的养殖户",
    ),
    Segment(
        key="age.band",
        name="年龄段",
        rule={"age_band": 3, "score": 0.75},
        labels={},
    ),
]


def make_creative(creative_id: str, brand_id: str = "chuntian-bank", **update: Any) -> Creative:
    values: dict[str, Any] = {
        "id": creative_id,
        "brand_id": brand_id,
        "segment_key": "occupation.livestock|discount.yes",
        "channel": "sms",
        "fields": {
            "title": "养殖户专属资金支持",
            "body": "年化利率3.6%起，拒收请回复R",
            "cta": "立即申请",
        },
        "phrase_ids": {"hook": "hook-livestock", "offer": "offer-rate"},
        "provenance": Provenance(
            backend="compose",
            model="compose-v1",
            template_version="t3",
            seed=7,
            kb_snapshot_id="kb-1",
        ),
        "round": 2,
    }
    values.update(update)
    return Creative.model_validate(values)


def make_report(report_id: str, creative_id: str, *severities: Severity) -> ComplianceReport:
    findings = tuple(
        Finding(
            rule_id=f"rule-{i}",
            severity=sev,
            basis="广告法第九条第三项",
            field="body",
            start=0,
            end=2,
            matched="最佳",
            message_zh="含绝对化用语“最佳”",
            message_en="absolute term",
            suggestion_zh="改为“更优”",
        )
        for i, sev in enumerate(severities)
    )
    return ComplianceReport(
        id=report_id,
        creative_id=creative_id,
        verdict=ComplianceReport.verdict_of(findings),
        findings=findings,
        rule_packs=("ad-law", "finance"),
    )


@pytest.fixture
def campaign_id(store: Store, rural_pack: BrandPack, rural_yaml: str) -> str:
    with store.session() as s:
        repos.save_brand(s, rural_pack, rural_yaml)
        return repos.create_campaign(s, rural_pack.id, None, "春耕贷")


def test_brand_round_trip_and_facts_replaced(
    store: Store, rural_pack: BrandPack, rural_yaml: str
) -> None:
    with store.session() as s:
        assert repos.save_brand(s, rural_pack, rural_yaml) == "chuntian-bank"
    with store.session() as s:
        assert repos.get_brand_pack(s, "chuntian-bank") == rural_pack
        assert repos.get_brand_yaml(s, "chuntian-bank") == rural_yaml
        assert repos.get_facts(s, "chuntian-bank") == list(rural_pack.facts)
        [brand] = repos.list_brands(s)
    assert (brand["id"], brand["name"], brand["industry"]) == (
        "chuntian-bank",
        "春田农商银行",
        "finance",
    )
    assert datetime.fromisoformat(brand["created_at"]).tzinfo == UTC
    fewer = rural_pack.model_copy(
        update={"facts": (Fact(key="term", label="贷款期限", value="最长5年"),)}
    )
    with store.session() as s:
        repos.save_brand(s, fewer, rural_yaml)
    with store.session() as s:
        assert repos.get_facts(s, "chuntian-bank") == [
            Fact(key="term", label="贷款期限", value="最长5年")
        ]
        assert len(repos.list_brands(s)) == 1


def test_segments_round_trip_in_order_and_replace(store: Store, campaign_id: str) -> None:
    with store.session() as s:
        repos.save_segments(s, "chuntian-bank", SEGMENTS)
    with store.session() as s:
        got = repos.get_segments(s, "chuntian-bank")
    assert got == SEGMENTS
    assert got[0].rule["rate_discount_eligible"] is True
    assert isinstance(got[1].rule["age_band"], int)
    with store.session() as s:
        repos.save_segments(s, "chuntian-bank", SEGMENTS[1:])
    with store.session() as s:
        assert repos.get_segments(s, "chuntian-bank") == SEGMENTS[1:]
        assert repos.get_segments(s, "unknown-brand") == []


def test_brief_round_trip(store: Store, campaign_id: str) -> None:
    brief = Brief(
        text="给养殖户推春耕贷，突出利率优惠",
        brand_id="chuntian-bank",
        channels=("sms", "home_card"),
        focus=("养殖户", "有优惠"),
    )
    with store.session() as s:
        brief_id = repos.save_brief(s, brief, created_by="xiaowang")
        linked = repos.create_campaign(s, "chuntian-bank", brief_id, "养殖户春耕")
    with store.session() as s:
        assert repos.get_brief(s, brief_id) == brief
        assert repos.get_campaign(s, linked)["brief_id"] == brief_id
    assert brief_id.startswith("brief-")


def test_creative_round_trip_keeps_field_order(store: Store, campaign_id: str) -> None:
    creative = make_creative("c-1", fields={"body": "正文在前", "title": "标题在后"})
    with store.session() as s:
        assert repos.save_creative(s, campaign_id, creative) == "c-1"
    with store.session() as s:
        got = repos.get_creative(s, "c-1")
        assert repos.get_creative_status(s, "c-1") == "draft"
    assert got == creative
    assert list(got.fields) == ["body", "title"]
    assert got.text == "正文在前\n标题在后"


def test_json_columns_store_readable_chinese(store: Store, campaign_id: str) -> None:
    with store.session() as s:
        repos.save_creative(s, campaign_id, make_creative("c-1"))
        raw = s.execute(text("SELECT CAST(fields AS TEXT) FROM creatives")).scalar_one()
    assert "养殖户专属资金支持" in raw


def test_list_creatives_filters_and_status(store: Store, campaign_id: str) -> None:
    with store.session() as s:
        other = repos.create_campaign(s, "chuntian-bank", None, "另一个活动")
        repos.save_creative(s, campaign_id, make_creative("c-1"))
        repos.save_creative(s, campaign_id, make_creative("c-2", channel="home_card"), "approved")
        repos.save_creative(s, other, make_creative("c-3"))
    with store.session() as s:
        assert [c.id for c in repos.list_creatives(s)] == ["c-1", "c-2", "c-3"]
        assert [c.id for c in repos.list_creatives(s, campaign_id=campaign_id)] == ["c-1", "c-2"]
        assert [c.id for c in repos.list_creatives(s, status="approved")] == ["c-2"]
        assert [c.id for c in repos.list_creatives(s, other, "approved")] == []
        repos.set_creative_status(s, "c-3", "taken_down")
    with store.session() as s:
        assert repos.get_creative_status(s, "c-3") == "taken_down"


def test_report_round_trip_and_becomes_current(store: Store, campaign_id: str) -> None:
    first = make_report("r-1", "c-1", Severity.BLOCK)
    second = make_report("r-2", "c-1", Severity.REVIEW, Severity.WARN)
    with store.session() as s:
        repos.save_creative(s, campaign_id, make_creative("c-1"))
        assert repos.report_for_creative(s, "c-1") is None
        repos.save_report(s, first)
        repos.save_report(s, second)
    with store.session() as s:
        assert repos.get_report(s, "r-1") == first
        assert repos.report_for_creative(s, "c-1") == second
        assert repos.get_creative(s, "c-1").provenance.compliance_report_id == "r-2"
    assert second.verdict is Verdict.REVIEW
    assert second.findings[0].message_zh == "含绝对化用语“最佳”"


def test_list_campaigns_counts_every_status(store: Store, campaign_id: str) -> None:
    with store.session() as s:
        newer = repos.create_campaign(s, "chuntian-bank", None, "秋收贷")
        repos.save_creative(s, campaign_id, make_creative("c-1"))
        repos.save_creative(s, campaign_id, make_creative("c-2"))
        repos.save_creative(s, campaign_id, make_creative("c-3"), "approved")
        repos.set_campaign_status(s, campaign_id, "pending_review")
    with store.session() as s:
        summaries = repos.list_campaigns(s)
        assert repos.list_campaigns(s, brand_id="nobody") == []
    assert [c["id"] for c in summaries] == [newer, campaign_id]
    first = summaries[1]
    assert first["name"] == "春耕贷"
    assert first["status"] == "pending_review"
    assert first["creative_count"] == 3
    assert first["creatives"] == {
        "draft": 2,
        "pending_review": 0,
        "approved": 1,
        "rejected": 0,
        "scheduled": 0,
        "live": 0,
        "paused": 0,
        "taken_down": 0,
        "archived": 0,
    }
    assert summaries[0]["creative_count"] == 0


def test_ensure_user_is_idempotent_and_updates_role(store: Store) -> None:
    with store.session() as s:
        first = repos.ensure_user(s, "laoli", "reviewer", "老李")
        assert repos.ensure_user(s, "laoli", "reviewer", "老李") == first
        repos.ensure_user(s, "xiaowang", "operator")
    with store.session() as s:
        repos.ensure_user(s, "laoli", "admin")
        users = repos.list_users(s)
        assert repos.get_user(s, "nobody") is None
    assert [(u.username, u.display_name, u.role) for u in users] == [
        ("laoli", "老李", "admin"),
        ("xiaowang", "xiaowang", "operator"),
    ]


def test_audit_log_appends_and_filters(store: Store) -> None:
    with store.session() as s:
        first = repos.audit(
            s, "xiaowang", "campaign.planned", "campaign", "cmp-1", {"brief": "春耕贷"}
        )
        repos.audit(s, "laoli", "creative.approved", "creative", "c-1")
        repos.audit(s, "laoli", "creative.approved", "creative", "c-2")
    with store.session() as s:
        entries = repos.list_audit(s)
        by_object = repos.list_audit(s, object_type="creative", object_id="c-2")
        by_action = repos.list_audit(s, action="creative.approved")
    assert [e["id"] for e in entries] == [first, first + 1, first + 2]
    assert entries[0]["detail"] == {"brief": "春耕贷"}
    assert entries[1]["detail"] == {}
    assert datetime.fromisoformat(entries[0]["ts"]).tzinfo == UTC
    assert [e["object_id"] for e in by_object] == ["c-2"]
    assert len(by_action) == 2


def test_failed_transaction_leaves_nothing(
    store: Store, rural_pack: BrandPack, rural_yaml: str
) -> None:
    with store.session() as s:
        repos.save_brand(s, rural_pack, rural_yaml)
    with pytest.raises(RuntimeError, match="boom"), store.session() as s:
        cid = repos.create_campaign(s, "chuntian-bank", None, "春耕贷")
        repos.save_creative(s, cid, make_creative("c-1"))
        repos.save_creative(s, cid, make_creative("c-2"))
        raise RuntimeError("boom")
    with store.session() as s:
        assert repos.list_campaigns(s) == []
        assert repos.list_creatives(s) == []


def test_duplicate_keeps_transaction_usable(store: Store, campaign_id: str) -> None:
    with store.session() as s:
        repos.save_creative(s, campaign_id, make_creative("c-1"))
        with pytest.raises(InputError, match="creative 'c-1' already exists"):
            repos.save_creative(s, campaign_id, make_creative("c-1"))
        repos.save_creative(s, campaign_id, make_creative("c-2"))
    with store.session() as s:
        assert [c.id for c in repos.list_creatives(s)] == ["c-1", "c-2"]


Action = Callable[[Session, str], object]

BAD_INPUT: list[tuple[Action, str, str, str]] = [
    (
        lambda s, cid: [repos.save_creative(s, cid, make_creative("c-1")) for _ in range(2)],
        "duplicate",
        "creative 'c-1' already exists",
        "素材 c-1 已存在",
    ),
    (
        lambda s, cid: [
            repos.save_creative(s, cid, make_creative("c-1")),
            repos.save_report(s, make_report("r-1", "c-1")),
            repos.save_report(s, make_report("r-1", "c-1")),
        ],
        "duplicate",
        "compliance report 'r-1' already exists",
        "合规报告 r-1 已存在",
    ),
    (
        lambda s, cid: repos.save_segments(s, "chuntian-bank", [SEGMENTS[0], SEGMENTS[0]]),
        "duplicate",
        "segment 'occupation.livestock|discount.yes' already exists",
        "segment occupation.livestock|discount.yes 已存在",
    ),
    (
        lambda s, cid: repos.create_campaign(s, "nope", None, "x"),
        "not_found",
        "brand 'nope' not found",
        "品牌 nope 不存在",
    ),
    (
        lambda s, cid: repos.create_campaign(s, "chuntian-bank", "brief-0", "x"),
        "not_found",
        "brief 'brief-0' not found",
        "需求 brief-0 不存在",
    ),
    (
        lambda s, cid: repos.create_campaign(s, "chuntian-bank", None, "  "),
        "invalid_campaign",
        "campaign name must not be empty",
        "活动名称不能为空",
    ),
    (
        lambda s, cid: repos.save_creative(s, "cmp-0", make_creative("c-1")),
        "not_found",
        "campaign 'cmp-0' not found",
        "活动 cmp-0 不存在",
    ),
    (
        lambda s, cid: repos.save_creative(s, cid, make_creative("c-9", brand_id="other")),
        "brand_mismatch",
        "creative 'c-9' belongs to brand 'other', campaign",
        "素材 c-9 属于品牌 other，活动",
    ),
    (
        lambda s, cid: repos.save_creative(s, cid, make_creative("c-1"), "published"),
        "invalid_status",
        "unknown creative status 'published'",
        "未知素材状态 published",
    ),
    (
        lambda s, cid: repos.get_creative(s, "c-0"),
        "not_found",
        "creative 'c-0' not found",
        "素材 c-0 不存在",
    ),
    (
        lambda s, cid: repos.get_report(s, "r-0"),
        "not_found",
        "compliance report 'r-0' not found",
        "合规报告 r-0 不存在",
    ),
    (
        lambda s, cid: repos.save_report(s, make_report("r-1", "c-0")),
        "not_found",
        "creative 'c-0' not found",
        "素材 c-0 不存在",
    ),
    (
        lambda s, cid: repos.get_brand_pack(s, "nope"),
        "not_found",
        "brand 'nope' not found",
        "品牌 nope 不存在",
    ),
    (
        lambda s, cid: repos.set_campaign_status(s, cid, "done"),
        "invalid_status",
        "unknown campaign status 'done'",
        "未知活动状态 done",
    ),
    (
        lambda s, cid: repos.ensure_user(s, "laoli", "boss"),
        "invalid_role",
        "unknown role 'boss'; expected one of: operator, reviewer, analyst, admin",
        "未知角色 boss，可选：operator、reviewer、analyst、admin",
    ),
    (
        lambda s, cid: repos.ensure_user(s, " ", "admin"),
        "invalid_user",
        "username must not be empty",
        "用户名不能为空",
    ),
]


@pytest.mark.parametrize(("action", "code", "message", "message_zh"), BAD_INPUT)
def test_bad_input(
    store: Store, campaign_id: str, action: Action, code: str, message: str, message_zh: str
) -> None:
    with pytest.raises(InputError) as caught, store.session() as s:
        action(s, campaign_id)
    assert caught.value.code == code
    assert str(caught.value).startswith(message)
    assert caught.value.message_zh.startswith(message_zh)


def test_seeded_campaign_ids_repeat_on_a_fresh_store_and_stay_unique(
    store: Store, campaign_id: str, tmp_path: Path, rural_pack: BrandPack, rural_yaml: str
) -> None:
    """A seeded run (the demo) must get the same campaign id, hence the same creative ids and
    bandit arm order, on a fresh store; a second campaign in the same store gets another."""
    pack = rural_pack
    with store.session() as s:
        first = repos.create_campaign(s, pack.id, None, "春耕贷", id_seed="demo/7")
        second = repos.create_campaign(s, pack.id, None, "春耕贷", id_seed="demo/7")
    assert first != second and first.startswith("cmp-")
    other = open_store(f"sqlite:///{tmp_path / 'other' / 'huashu.db'}")
    try:
        other.upgrade()
        with other.session() as s:
            repos.save_brand(s, pack, rural_yaml)
            repos.create_campaign(s, pack.id, None, "秋收贷")
            assert repos.create_campaign(s, pack.id, None, "春耕贷", id_seed="demo/7") == first
    finally:
        other.close()
