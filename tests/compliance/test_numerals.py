"""Amounts, rates and shares in Chinese numerals read as digits (compliance/numerals.py), and
words that only hold numerals left alone."""

from __future__ import annotations

import pytest

from huashu.compliance.normalize import normalize
from huashu.compliance.numerals import value


@pytest.mark.parametrize(
    ("run", "digits"),
    [
        ("五", "5"),
        ("十五", "15"),
        ("三十二", "32"),
        ("一千零五", "1005"),
        ("一万二千", "12000"),
        ("二十万零五百", "200500"),
        ("零点五", "0.5"),
        ("三十八点六", "38.6"),
        ("三五", None),  # a range (三五块钱), not 35
        ("七八十", None),
    ],
)
def test_value(run: str, digits: str | None) -> None:
    assert value(run) == digits


@pytest.mark.parametrize(
    ("original", "text"),
    [
        ("费率低至零点五%", "费率低至0.5%"),
        ("年化利率百分之三点六", "年化利率3.6%"),
        ("额度五万元", "额度5万元"),
        ("价值叁拾贰万元", "价值32万元"),
        ("每天仅需二点七元", "每天仅需2.7元"),
        ("一百%通过", "100%通过"),
        ("柒天白贰个度", "七天白二个度"),
        ("最后伍单", "最后五单"),
        ("叁拾陆个月", "三十六个月"),
        ("未满壹拾捌岁也能借", "未满18岁也能借"),
        ("手续费零 . 七 五 %", "手续费0.75%"),
        ("全网No.一销量", "全网no1销量"),
        ("TOP一爆款", "top1爆款"),
        # words, approximations and ranges stay as written
        ("一元复始，万象更新", "一元复始，万象更新"),
        ("队伍很长", "队伍很长"),
        ("大陆元素", "大陆元素"),
        ("收拾房间", "收拾房间"),
        ("每月几十块", "每月几十块"),
        ("三五块钱", "三五块钱"),
        ("统一管理，万一", "统一管理，万一"),
        ("nobody knows", "nobodyknows"),
    ],
)
def test_numerals_in_normalised_text(original: str, text: str) -> None:
    n = normalize(original)
    assert n.text == text
    # every character still maps into the original text
    assert n.original_span(0, len(n.text)) == (0, len(original))
