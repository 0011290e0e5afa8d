"""Chinese line breaking: kinsoku rules, numbers kept whole, clause-first and balanced lines."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from huashu.images import NO_LINE_END, NO_LINE_START, CjkFonts, wrap
from huashu.images.linebreak import greedy, units


def _em(text: str) -> float:
    """Every character one em (10 px) wide: line widths in tests are character counts."""
    return 10.0 * len(text)


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("年化利率3.6%起", ["年", "化", "利", "率", "3.6%起"]),
        ("30万元额度，", ["30万元", "额", "度，"]),
        ("好！（限时）", ["好！", "（限", "时）"]),
        ("到手价129元。", ["到", "手", "价", "129元。"]),
        ("50ml到手", ["50ml", "到", "手"]),
    ],
)
def test_units_keep_numbers_and_punctuation_attached(text: str, pieces: list[str]) -> None:
    assert units(text) == pieces


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("种植户看过来，立即申请", 70, ["种植户看过来，", "立即申请"]),
        ("30万元额度，年化利率3.6%起", 90, ["30万元额度，", "年化利率3.6%起"]),
        (
            "温和配方无酒精，5%烟酰胺，50ml到手价129元",
            200,
            ["温和配方无酒精，5%烟酰胺，", "50ml到手价129元"],
        ),
        ("一二三四五六七八九十", 90, ["一二三四五", "六七八九十"]),
        ("春耕备耕正当时", 100, ["春耕备耕正当时"]),
        ("", 100, []),
    ],
)
def test_wrap_prefers_clauses_and_balance(text: str, width: int, lines: list[str]) -> None:
    assert wrap(text, _em, width, 3) == lines


def test_no_line_starts_with_closing_punctuation() -> None:
    # ，would start line 2 after 五; 五 moves down with it instead
    assert greedy("一二三四五，六七", _em, 50) == ["一二三四", "五，六七"]
    # （ would end line 1; it moves down with 五
    assert greedy("一二三（五六）", _em, 40) == ["一二三", "（五六）"]


_TEXT = st.text(
    alphabet="春耕贷款年化利率优惠，。！？、（）《》3.6%起元AB ", min_size=1, max_size=60
)


@settings(max_examples=150, deadline=None)
@given(text=_TEXT, width=st.integers(min_value=30, max_value=300))
# regressions hypothesis found: a line left starting with a space, a line of spaces only, and
# a piece wider than a line cut right after an opening bracket
@example(text="333 3《333", width=30)
@example(text="《（（3", width=30)
@example(text="333 333", width=30)
def test_wrap_properties(text: str, width: int) -> None:
    lines = wrap(text, _em, width, 3)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for i, line in enumerate(lines):
        assert line == line.strip()
        if i > 0:
            assert line[0] not in NO_LINE_START
        if i < len(lines) - 1:
            assert line[-1] not in NO_LINE_END
        if len(units(line)) > 1:
            assert _em(line) <= width + 10 * 2


def test_wrap_with_the_real_font_fits_width(fonts: CjkFonts) -> None:
    measure = fonts.measure(30, bold=True)
    text = "符合条件可享优惠，优惠后年化利率3.3%起"
    font = fonts.font(30, bold=True)
    width = round(font.getlength("优惠后年化利率3.3%起")) + 2
    lines = wrap(text, measure, width, 3)
    assert lines == ["符合条件可享优惠，", "优惠后年化利率3.3%起"]
    assert all(font.getlength(line) <= width for line in lines)
