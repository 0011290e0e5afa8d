"""Numbers written in Chinese numerals read as digits where they are amounts, rates or shares:
``费率零点五%`` as ``费率0.5%``, ``额度五万元`` as ``额度5万元``, ``价值叁拾贰万元`` as
``价值32万元``, ``百分之九十八`` as ``98%``, ``每天二点七元`` as ``每天2.7元``. Rules and
claims then read one form.

Only a numeral run right before a unit of money, a percent sign, 个点 or 倍 (or after 百分之) is
read, so words that hold numerals (一起, 统一, 万一, 一天, 三年) are left alone; a lone 一 before
元 or 块 is left too (一元复始, 一块儿), and so are approximations (几十块, 七八十块, 三五块)."""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import numpy.typing as npt

#: Digits and units as the normaliser leaves them: traditional and financial forms (壹, 貳, 佰)
#: are already plain, and 伍, 陆, 拾 are read as numerals there first, where they are (队伍 and
#: 大陆 are words), so none of them is listed here.
DIGITS = {
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_NUM = "".join(DIGITS) + "".join(_UNITS)
_RUN = f"[{_NUM}]+(?:万[{_NUM}]+)?"
#: A numeral run (with a decimal part) and what follows it that makes it a quantity.
PATTERN = re.compile(
    f"百分之(?P<share>{_RUN}(?:[点.][{_NUM}]+)?)"
    f"|(?P<num>{_RUN}(?:[点.][{_NUM}]+)?)(?P<big>[万亿])?"
    "(?=%|‰|个点|个百分点|元|块|毛|角|倍|万元|亿元|岁)"
    # a rank: top一, no.一 (the normaliser has dropped the dot)
    f"|(?:top|no\\.?)(?P<rank>[{_NUM}]+)"
)
#: Before a run, these make it an approximation (几十块, 上百元), not a number.
_APPROXIMATE = frozenset("几数多好上近约")


def _below_10000(text: str) -> int | None:
    """``三十二`` -> 32, ``一千零五`` -> 1005, ``十五`` -> 15; ``None`` for two digits in a row
    (``三五块``, ``七八十块`` are ranges, not numbers)."""
    if not text:
        return 0
    total, digit = 0, None
    for c in text:
        if c in DIGITS:
            if digit is not None and digit != 0:
                return None
            digit = DIGITS[c]
        else:
            unit = _UNITS[c]
            total += (1 if digit is None else digit) * unit
            digit = None
    return total + (digit or 0)


def value(text: str) -> str | None:
    """The digits of a numeral run (``三十二万`` -> ``320000``; ``零点五`` -> ``0.5``), or
    ``None`` where it is not a well-formed number."""
    whole, _, decimals = text.replace(".", "点").partition("点")
    if any(c not in DIGITS for c in decimals):
        return None
    high, sep, low = whole.partition("万")
    try:
        parts = [_below_10000(high), _below_10000(low)] if sep else [_below_10000(whole)]
    except KeyError:
        return None
    if any(p is None for p in parts):
        return None
    number = (parts[0] or 0) * 10_000 + (parts[1] or 0) if sep else parts[0] or 0
    if decimals:
        return f"{number}." + "".join(str(DIGITS[c]) for c in decimals)
    return str(number)


@lru_cache(maxsize=1)
def _tables() -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """Code point -> is a numeral; may follow a numeral run that is read (a unit's first
    character, 万, 亿, 点, ., and the 分 of 百分之); may precede a rank (the p of top, the o and
    . of no.)."""
    numeral = np.zeros(0x110000, dtype=np.bool_)
    numeral[[ord(c) for c in _NUM]] = True
    after = np.zeros(0x110000, dtype=np.bool_)
    after[[ord(c) for c in "%‰个元块毛角倍岁万亿点.分"]] = True
    before = np.zeros(0x110000, dtype=np.bool_)
    before[[ord(c) for c in "po."]] = True
    return numeral, after, before


def may_hold(codes: npt.NDArray[np.uint32]) -> bool:
    """Whether the text of these code points can hold a run :data:`PATTERN` reads (a cheap
    superset, vectorised: a long legal text with no such run is not searched)."""
    if len(codes) < 2:
        return False
    numeral, after, before = _tables()
    at = numeral[codes]
    if not at.any():
        return False
    return bool((at[:-1] & after[codes[1:]]).any() or (at[1:] & before[codes[:-1]]).any())


def replacements(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, digits)`` for each numeral run of ``text`` (normalised) to read as
    digits (``百分之X`` becomes ``X%``); :func:`may_hold` tells cheaply whether to call it."""
    out: list[tuple[int, int, str]] = []
    for m in PATTERN.finditer(text):
        if m.group("share") is not None:
            start, end, run, suffix = m.start(), m.end(), m.group("share"), "%"
        elif m.group("rank") is not None:
            start, end, run, suffix = m.start("rank"), m.end("rank"), m.group("rank"), ""
        else:
            start, end, run, suffix = m.start("num"), m.end("num"), m.group("num"), ""
            if start and text[start - 1] in _APPROXIMATE:
                continue
            if run in ("一", "两") and text.startswith(("元", "块"), end):
                continue  # 一元复始, 一块儿, 两块蛋糕
        got = value(run)
        if got is not None:
            out.append((start, end, got + suffix))
    return out
