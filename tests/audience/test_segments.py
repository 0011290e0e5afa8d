from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from huashu.audience import assign_segments, cross_segments, parse_brief
from huashu.domain import BrandPack, InputError


def test_cross_product_of_bank_dimensions(bank_pack: BrandPack) -> None:
    segments = cross_segments(bank_pack)
    assert len(segments) == 10
    first = segments[0]
    assert first.key == "livestock.yes"
    assert first.name == "养殖户·有优惠"
    assert first.rule == {"occupation": "livestock", "rate_discount_eligible": True}
    assert len({s.key for s in segments}) == 10


def test_focus_keeps_named_labels(bank_pack: BrandPack) -> None:
    segments = cross_segments(bank_pack, focus=("养殖户", "有优惠"))
    assert [s.name for s in segments] == ["养殖户·有优惠"]
    assert len(cross_segments(bank_pack, focus=("养殖户", "种植户"))) == 4


def test_assignment_and_sizes(bank_pack: BrandPack) -> None:
    users = pd.DataFrame(
        {
            "user_id": range(6),
            "occupation": ["livestock", "livestock", "crop", "smb", "fisher", "salaried"],
            "rate_discount_eligible": [True, False, True, False, True, True],
        }
    )
    keys, sizes = assign_segments(bank_pack, cross_segments(bank_pack), users)
    assert list(keys) == ["livestock.yes", "livestock.no", "crop.yes", "smb.no", "", "salaried.yes"]
    assert sizes["livestock.yes"] == 1
    assert sum(sizes.values()) == 5
    assert isinstance(keys, np.ndarray)


def test_unknown_segment_field_is_named(bank_pack: BrandPack) -> None:
    users = pd.DataFrame({"user_id": [1], "job": ["livestock"]})
    with pytest.raises(InputError) as info:
        assign_segments(bank_pack, cross_segments(bank_pack), users)
    err = info.value
    assert err.code == "unknown_segment_field"
    assert "occupation.field=occupation" in str(err)
    assert "rate_discount_eligible" in err.message_zh
    assert err.details["fields"] == ["occupation", "rate_discount_eligible"]


@pytest.mark.parametrize(
    ("text", "code", "fragment"),
    [
        ("", "empty_brief", "需求为空"),
        ("   \n ", "empty_brief", "需求为空"),
        ("给养殖户写小红书笔记", "channel_not_enabled", "xiaohongshu"),
    ],
)
def test_bad_briefs(bank_pack: BrandPack, text: str, code: str, fragment: str) -> None:
    with pytest.raises(InputError) as info:
        parse_brief(text, bank_pack)
    assert info.value.code == code
    assert fragment in str(info.value) or fragment in info.value.message_zh


def test_brief_channels_and_focus(bank_pack: BrandPack) -> None:
    brief = parse_brief("给养殖户推春耕贷款，年化利率3.6%起，只发短信", bank_pack)
    assert brief.channels == ("sms",)
    assert brief.focus == ("养殖户",)
    everything = parse_brief("推春耕贷款", bank_pack)
    assert everything.channels == ("home_card", "sms", "smart_call")
    assert everything.focus == ()
