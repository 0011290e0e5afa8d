"""What the chat shows of a brief before anything is filed, and the campaign name read from it:
unknown channels and audiences named one by one (never replaced by the pack's defaults), and
short names that tell a brand's campaigns apart."""

from __future__ import annotations

from datetime import date

import pytest

from huashu.audience.briefs import parse_brief
from huashu.domain import BrandPack, InputError
from huashu.services.naming import MAX_NAME_CHARS, base_name, campaign_name, checked_name
from huashu.services.understanding import understanding


def test_a_brief_understood_in_full_needs_no_confirmation(bank_pack: BrandPack) -> None:
    u = understanding(
        bank_pack, "Promote the spring farming loan to livestock farmers by SMS and home cards"
    )
    assert set(u["channels"]) == {"sms", "home_card"}
    assert u["audiences"] == ["养殖户"] and u["segments"] == ["养殖户·有优惠", "养殖户·无优惠"]
    assert u["product"] == "春耕贷" and u["offers"][0]["eligible"] == ["养殖户·有优惠"]
    assert not u["needs_confirmation"] and u["can_draft"] and u["refusal"] is None


def test_unknown_channels_and_audience_are_named_and_nothing_is_drafted(
    bank_pack: BrandPack,
) -> None:
    u = understanding(bank_pack, "给退休教师推春耕贷，抖音+朋友圈")
    assert set(u["unknown_channels"]) == {"抖音", "朋友圈"} and u["channels"] == []
    assert u["unmatched_audiences"] == ["退休教师"] and u["segments"] == []
    assert u["needs_confirmation"] and not u["can_draft"]
    assert u["refusal"]["code"] == "channel_not_enabled"
    assert not u["channels_default"] and not u["audiences_default"]


def test_a_partly_understood_brief_asks_before_drafting_what_was(bank_pack: BrandPack) -> None:
    u = understanding(bank_pack, "给养殖户和退休教师推春耕贷，短信+抖音")
    assert u["channels"] == ["sms"] and u["unknown_channels"] == ["抖音"]
    assert u["audiences"] == ["养殖户"] and u["unmatched_audiences"] == ["退休教师"]
    assert u["needs_confirmation"] and u["can_draft"]


def test_defaults_are_said(bank_pack: BrandPack) -> None:
    u = understanding(bank_pack, "推春耕贷")
    assert u["channels_default"] and u["audiences_default"]
    assert u["channels"] == list(bank_pack.channels) and len(u["segments"]) == 10
    assert not u["needs_confirmation"]


def test_an_empty_brief_is_refused(bank_pack: BrandPack) -> None:
    with pytest.raises(InputError) as info:
        understanding(bank_pack, "   ")
    assert info.value.code == "empty_brief"


TODAY = date(2025, 3, 12)


@pytest.mark.parametrize(
    ("brief", "name"),
    [
        ("给养殖户推春耕贷款，短信+首页卡片", "春耕贷·养殖户 短信+首页卡片"),
        ("给种植户推春耕贷，短信", "春耕贷·种植户 短信"),
        ("推春耕贷，首页卡片", "春耕贷 首页卡片"),
        ("春节给养殖户和种植户推春耕贷，短信", "春耕贷·春节 养殖户、种植户 短信"),
        ("给各类农户和小微客户推春耕贷，智能外呼", "春耕贷·养殖户等3类人群 智能外呼"),
    ],
)
def test_a_campaign_is_named_from_its_brief(bank_pack: BrandPack, brief: str, name: str) -> None:
    assert base_name(bank_pack, parse_brief(brief, bank_pack)) == name


def test_a_taken_name_gets_the_date_then_a_number(bank_pack: BrandPack) -> None:
    brief = parse_brief("给养殖户推春耕贷款，短信", bank_pack)
    taken: set[str] = set()
    names = []
    for _ in range(4):
        names.append(campaign_name(bank_pack, brief, taken, TODAY))
        taken.add(names[-1])
    assert names == [
        "春耕贷·养殖户 短信",
        "春耕贷·养殖户 短信 03-12",
        "春耕贷·养殖户 短信 03-12 #2",
        "春耕贷·养殖户 短信 03-12 #3",
    ]
    assert all(len(n) <= MAX_NAME_CHARS for n in names)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("", "campaign_name_empty"),
        ("   ", "campaign_name_empty"),
        ("春" * (MAX_NAME_CHARS + 1), "campaign_name_too_long"),
        ("春耕贷\n养殖户", "campaign_name_control_chars"),
        ("春耕贷\t养殖户", "campaign_name_control_chars"),
        ("春耕贷\x00", "campaign_name_control_chars"),
    ],
)
def test_bad_names_are_refused_with_their_code(name: str, code: str) -> None:
    with pytest.raises(InputError) as info:
        checked_name(name)
    assert info.value.code == code
    assert info.value.message_zh.startswith("活动名称")


def test_a_name_is_trimmed() -> None:
    assert checked_name("  春耕贷·养殖户 春季  ") == "春耕贷·养殖户 春季"
    assert checked_name("春" * MAX_NAME_CHARS) == "春" * MAX_NAME_CHARS
