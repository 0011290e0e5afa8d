"""Text for text-to-speech: numbers, percentages and units written the way they are spoken."""

from __future__ import annotations

import re

_DIGITS = "零一二三四五六七八九"
_SMALL_UNITS = ("", "十", "百", "千")
_BIG_UNITS = ("", "万", "亿")
_UNITS = {
    "ml": "毫升",
    "mL": "毫升",
    "ML": "毫升",
    "g": "克",
    "kg": "千克",
    "km": "公里",
    "l": "升",
    "L": "升",
}
_NUMBER = re.compile(r"(\d+(?:\.\d+)?)(%|‰|ml|mL|ML|kg|km|g|l|L)?")
_UNSPEAKABLE = re.compile(r"[#@＃\[\]{}<>|~^*_=+\\/]|https?:|www\.")


def _four(n: int) -> str:
    out = ""
    zero = False
    for i in range(3, -1, -1):
        d = n // 10**i % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += _DIGITS[d] + _SMALL_UNITS[i]
    return out


def integer_zh(n: int) -> str:
    """``129`` -> 一百二十九, ``30`` -> 三十, ``10`` -> 十, ``20000`` -> 两万."""
    if n < 0:
        return "负" + integer_zh(-n)
    if n == 0:
        return "零"
    if n >= 10**12:
        return "".join(_DIGITS[int(d)] for d in str(n))
    groups: list[int] = []
    while n:
        groups.append(n % 10000)
        n //= 10000
    out = ""
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        if g == 0:
            continue
        if out and g < 1000:
            out += "零"
        out += _four(g) + _BIG_UNITS[i]
    if out.startswith("一十"):
        out = out[1:]
    for unit in ("千", "万", "亿"):
        if out.startswith("二" + unit):
            out = "两" + out[1:]
    return out


def number_zh(text: str) -> str:
    """A decimal string spoken: ``3.6`` -> 三点六."""
    whole, _, frac = text.partition(".")
    spoken = integer_zh(int(whole))
    if frac:
        spoken += "点" + "".join(_DIGITS[int(d)] for d in frac)
    return spoken


def speak(text: str) -> str:
    """``年化利率3.6%起`` -> 年化利率百分之三点六起; ``50ml`` -> 五十毫升."""

    def one(m: re.Match[str]) -> str:
        value, unit = m.group(1), m.group(2)
        if unit == "%":
            return "百分之" + number_zh(value)
        if unit == "‰":
            return "千分之" + number_zh(value)
        return number_zh(value) + (_UNITS[unit] if unit else "")

    return _NUMBER.sub(one, text)


def unspeakable(text: str) -> list[str]:
    """Pieces a TTS engine reads badly or aloud verbatim (symbols, hashtags, links)."""
    return sorted({m.group(0) for m in _UNSPEAKABLE.finditer(text)})
