"""Quantitative claims in copy: rates, money amounts, loan terms, percentages and quantities
read from normalised text, with the qualifier (floor / ceiling / exact) the copy attaches."""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from collections.abc import Iterable, MutableMapping
from typing import Literal, NamedTuple

import numpy as np
import numpy.typing as npt

Family = Literal["rate", "amount", "term", "duration", "percent", "quantity"]
Qualifier = Literal["floor", "ceiling", "exact"]
Period = Literal["annual", "monthly", "daily"]

FAMILIES: tuple[Family, ...] = ("rate", "amount", "term", "duration", "percent", "quantity")

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_CN_DIGITS.update({"五": 5, "六": 6, "七": 7, "八": 8, "九": 9})
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN = r"[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?"
_AR = r"\d+(?:\.\d+)?"
_NUM = rf"(?:{_AR}|{_CN})"
_AR_RE = re.compile(_AR)

#: Units of money, with their factor to yuan.
_MONEY = {"亿元": 1e8, "亿": 1e8, "万元": 1e4, "万": 1e4, "千元": 1e3, "元": 1.0, "块": 1.0}
#: Units of a product term, with their factor to months.
_TERM = {"个月": 1.0, "月": 1.0, "期": 1.0, "年": 12.0, "天": 1 / 30, "日": 1 / 30}
#: Units of a service time (delivery, disbursement), with their factor to minutes.
_DURATION = {"分钟": 1.0, "小时": 60.0, "个工作日": 1440.0, "工作日": 1440.0, "天": 1440.0}
#: Units of volume and mass, with their factor to ml / g.
_QUANTITY = {
    "毫升": ("volume", 1.0),
    "ml": ("volume", 1.0),
    "升": ("volume", 1000.0),
    "l": ("volume", 1000.0),
    "毫克": ("mass", 0.001),
    "mg": ("mass", 0.001),
    "千克": ("mass", 1000.0),
    "kg": ("mass", 1000.0),
    "克": ("mass", 1.0),
    "g": ("mass", 1.0),
}

_PERCENT = re.compile(rf"(?<![\d.])({_NUM})(?:[-~至到]({_AR}))?%")
_PERCENT_WORDS = re.compile(rf"百分之({_CN}|{_AR})")
_FRACTION = re.compile(rf"(万分之|千分之)({_CN}|{_AR})")
_MONEY_RE = re.compile(rf"()(?<![\d.])({_NUM})(亿元|亿|万元|万|千元|元|块)")
_YUAN = re.compile(rf"¥({_AR})")
_NOT_MONEY_AFTER = re.compile("钱包|[人户次名份家单粉位]")
_SPEND_SAVE = re.compile(rf"满({_AR})(?:元)?减({_AR})(?!\d|元|%)")
_TERM_RE = re.compile(rf"(?<![\d.第])({_NUM})(个月|年|月|期|天|日)")
_DURATION_RE = re.compile(rf"(?<![\d.第])({_NUM})(分钟|小时|个工作日|工作日|天)")
_DURATION_CONTEXT = re.compile(r"送达|到账|放款|审批|审核|到货|发货|送到|下款|最快")
_QUANTITY_RE = re.compile(rf"(?<![\d.])({_AR})(毫升|ml|毫克|mg|千克|kg|升|克|g|l)(?![a-z])")
#: A number's last character (before the unit of a claim).
_NUMBER_END = "[0-9点零〇一二两三四五六七八九十百千]"


def _anchor(before: str, units: str) -> re.Pattern[str]:
    """The first of ``units`` (``|``-separated) that follows a character of class ``before``.
    Each unit is matched before the look-behind at the character before it, so that the
    regex engine skips ahead to a unit's first character (a leading look-behind would be
    tried at every position)."""
    return re.compile("|".join(f"{u}(?<={before}{u})" for u in units.split("|")))


#: What each pattern's match ends with: patterns are only tried just before these anchors.
_ANCHORS = {
    _PERCENT: _anchor(_NUMBER_END, "%"),
    _MONEY_RE: _anchor(_NUMBER_END, "亿元|亿|万元|万|千元|元|块"),
    _TERM_RE: _anchor(_NUMBER_END, "个月|年|月|期|天|日"),
    _DURATION_RE: _anchor(_NUMBER_END, "分钟|小时|个工作日|工作日|天"),
    _QUANTITY_RE: _anchor("[0-9]", "毫升|ml|毫克|mg|千克|kg|升|克|g|l"),
}
_WINDOW = 24
_NUMBER_CHARS = frozenset("0123456789.点零〇一二两三四五六七八九十百千-~至到")


def _scan(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern that ends with its anchor, tried only where a
    number ends at an anchor (the regex alone would be tried at every position)."""
    out: list[re.Match[str]] = []
    last_end = 0
    match = pattern.match
    for a in _ANCHORS[pattern].finditer(text):
        stop, end = a.span()
        lo = stop - _WINDOW
        if lo < last_end:
            lo = last_end
        pos = stop
        while pos > lo and text[pos - 1] in _NUMBER_CHARS:
            pos -= 1
        for start in range(pos, stop):
            m = match(text, start, end)
            if m is not None and m.end() == end:
                out.append(m)
                last_end = end
                break
    return out


_RATE_WORD = re.compile(
    r"年化利率|年化|年利率|日利率|日息|日费率|每日|每天|月利率|月息|月费率|每月|利率|利息|息|费率|综合成本|apr"
)
_TERM_CONTEXT = re.compile(r"期限|最长|最短|长达|可贷|可借|可分|分期|周期|借期|贷期|还款期|借款期")
_FLOOR_BEFORE = ("低至", "最低", "低到", "下限", "最快")
_CEILING_BEFORE = ("最高", "最长", "最多", "高达", "长达", "可达", "至多", "不超过", "上限", "最大")
_FLOOR_AFTER = ("起", "以上", "及以上")
_CEILING_AFTER = ("以内", "以下", "封顶", "以下")
_BOUNDARY = re.compile("[，。！？；：、\n]")


def _last_word(words: tuple[str, ...]) -> re.Pattern[str]:
    """Matches the REVERSED text: the word ending last in the original, the longest first."""
    return re.compile("|".join(w[::-1] for w in sorted(words, key=len, reverse=True)))


_QUALIFIER_LAST = _last_word(_FLOOR_BEFORE + _CEILING_BEFORE)
_RATE_WORD_LAST = _last_word(tuple(_RATE_WORD.pattern.split("|")))


class Claim(NamedTuple):
    """One quantitative claim. ``value`` is in the family's base unit: rate and percent in
    percentage points (a rate annualised), amount in yuan, term in months, quantity in ml or g."""

    family: Family
    value: float
    qualifier: Qualifier
    start: int
    end: int
    period: Period = "annual"
    dimension: str = ""
    #: The words around the number (for matching a percentage or quantity to its subject).
    context: str = ""

    def annual_candidates(self) -> tuple[float, ...]:
        if self.period == "daily":
            return (self.value * 360, self.value * 365)
        if self.period == "monthly":
            return (self.value * 12,)
        return (self.value,)


def parse_number(token: str) -> float | None:
    """An Arabic or Chinese numeral (二十, 一百二十九, 三点六, 两) as a float."""
    if _AR_RE.fullmatch(token):
        return float(token)
    whole, _, frac = token.partition("点")
    total = 0
    current = 0
    for ch in whole:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (current or 1) * _CN_UNITS[ch]
            current = 0
        else:
            return None
    value = float(total + current)
    if frac:
        digits = "".join(str(_CN_DIGITS.get(ch, "")) for ch in frac)
        value += float(f"0.{digits}") if digits else 0.0
    return value


#: A claim as a plain tuple, in :class:`Claim`'s field order: what extraction builds and the
#: memos hold. The garbage collector stops tracking a tuple of strings and numbers after its
#: first collection, never a NamedTuple (a tuple subclass), and every full collection walks
#: the tracked objects: memoised ``Claim`` objects made it walk hundreds of thousands.
RawClaim = tuple[Family, float, Qualifier, int, int, Period, str, str]

_OTHER_BOUNDARY = re.compile("[，。！？；：、]")
_TO_NEWLINE = str.maketrans(dict.fromkeys("，。！？；：、", "\n"))
_CN_START = frozenset("零〇一二两三四五六七八九十百千")


def _value(token: str) -> float | None:
    """:func:`parse_number` of a token that is one Arabic or one Chinese numeral."""
    return parse_number(token) if token[0] in _CN_START else float(token)


def _around(
    text: str, marks: str, start: int, end: int, before: int, after: int
) -> tuple[str, str]:
    """Up to ``before`` characters before ``start`` and ``after`` after ``end``, within the
    clause (``marks``: ``text`` with every clause boundary a line break)."""
    lo = start - before if start > before else 0
    k = marks.rfind("\n", lo, start)
    if k >= 0:
        lo = k + 1
    hi = marks.find("\n", end, end + after)
    return text[lo:start], text[end : hi if hi >= 0 else end + after]


def _qualifier(before: str, after: str) -> Qualifier:
    if after.startswith(_FLOOR_AFTER):
        return "floor"
    if after.startswith(_CEILING_AFTER):
        return "ceiling"
    m = _QUALIFIER_LAST.search(before[-6:][::-1])
    if m is None:
        return "exact"
    return "floor" if m.group()[::-1] in _FLOOR_BEFORE else "ceiling"


def _rate_period(before: str, after: str) -> Period | None:
    """The period of a rate from the nearest rate word before it (or right after it)."""
    last = _RATE_WORD_LAST.search(before[::-1])
    if last is not None:
        word = last.group()[::-1]
    else:
        m = _RATE_WORD.match(after.lstrip("的"))
        if m is None:
            return None
        word = m.group()
    if word in ("日利率", "日息", "日费率", "每日", "每天"):
        return "daily"
    if word in ("月利率", "月息", "月费率", "每月"):
        return "monthly"
    return "annual"


def _percent_claims(text: str, marks: str, out: list[RawClaim]) -> None:
    for m, words in itertools.chain(
        zip(_scan(_PERCENT, text), itertools.repeat(False)),
        zip(_PERCENT_WORDS.finditer(text), itertools.repeat(True)),
    ):
        start, end = m.span()
        before, after = _around(text, marks, start, end, 10, 6)
        period = _rate_period(before, after)
        qualifier = _qualifier(before, after)
        family: Family = "percent" if period is None else "rate"
        context = before[-6:] + after[:6]
        per: Period = period or "annual"
        if words:
            value = _value(m.group(1))
            if value is not None:
                out.append((family, value, qualifier, start, end, per, "", context))
            continue
        low, high = m.group(1, 2)
        value = _value(low)
        if not high:
            if value is not None:
                out.append((family, value, qualifier, start, end, per, "", context))
            continue
        if value is not None:
            out.append((family, value, "floor", start, m.end(1), per, "", context))
        out.append((family, float(high), "ceiling", m.start(2), end, per, "", context))
    for m in _FRACTION.finditer(text):
        value = _value(m.group(2))
        if value is None:
            continue
        start, end = m.span()
        before, after = _around(text, marks, start, end, 10, 6)
        period = _rate_period(before, after)
        if period is None or period == "annual":
            period = "monthly" if after.startswith(("/月", "每月")) else "daily"
        scale = 0.01 if m.group(1) == "万分之" else 0.1
        q = _qualifier(before, after)
        out.append(("rate", value * scale, q, start, end, period, "", ""))


def _money_claims(text: str, marks: str, out: list[RawClaim]) -> None:
    for m, yen in itertools.chain(
        zip(_scan(_MONEY_RE, text), itertools.repeat(False)),
        zip(_YUAN.finditer(text), itertools.repeat(True)),
    ):
        token, unit = (m.group(1), "元") if yen else m.group(2, 3)
        value = _value(token)
        if value is None:
            continue
        start, end = m.span()
        if not yen and _NOT_MONEY_AFTER.match(text, end):
            continue
        before, after = _around(text, marks, start, end, 8, 4)
        if not yen and token[0] in _CN_START:
            if unit in ("万", "亿", "块") and not after.startswith(("额度", "元")):
                continue
            if unit == "千元" and "千" in token:
                continue
        q = _qualifier(before, after)
        context = before[-8:] + after[:4]
        out.append(("amount", value * _MONEY[unit], q, start, end, "annual", "", context))


def _spend_save_claims(text: str, marks: str, out: list[RawClaim]) -> None:
    """满199减30: two amounts (spend and saving) without units."""
    for m in _SPEND_SAVE.finditer(text):
        for g in (1, 2):
            start, end = m.span(g)
            before, after = _around(text, marks, start, end, 8, 4)
            context = before[-8:] + after[:4]
            out.append(("amount", float(m.group(g)), "exact", start, end, "annual", "", context))


def _term_claims(text: str, marks: str, out: list[RawClaim]) -> None:
    for m in _scan(_TERM_RE, text):
        token, unit = m.group(1, 2)
        value = _value(token)
        if value is None:
            continue
        if unit == "年" and value >= 1900:
            continue
        start, end = m.span()
        before, after = _around(text, marks, start, end, 6, 3)
        if unit in ("月", "日") and (
            after[:1].isdigit() or after[:1] in ("底", "初", "中", "份", "号")
        ):
            continue
        if not (_TERM_CONTEXT.search(before) or after.startswith(("期", "期限"))):
            continue
        q = _qualifier(before, after)
        out.append(("term", value * _TERM[unit], q, start, end, "annual", "", ""))


def _duration_claims(text: str, marks: str, out: list[RawClaim]) -> None:
    for m in _scan(_DURATION_RE, text):
        token, unit = m.group(1, 2)
        value = _value(token)
        if value is None:
            continue
        start, end = m.span()
        before, after = _around(text, marks, start, end, 6, 4)
        if not (_DURATION_CONTEXT.search(before) or _DURATION_CONTEXT.match(after.lstrip("内"))):
            continue
        q = _qualifier(before, after)
        if after.startswith("内"):
            q = "ceiling"
        context = before[-6:] + after
        out.append(("duration", value * _DURATION[unit], q, start, end, "annual", "", context))


def _quantity_claims(text: str, marks: str, out: list[RawClaim]) -> None:
    for m in _scan(_QUANTITY_RE, text):
        number, unit = m.group(1, 2)
        dimension, factor = _QUANTITY[unit]
        start, end = m.span()
        before, after = _around(text, marks, start, end, 6, 6)
        q = _qualifier(before, after)
        context = before[-6:] + after[:6]
        value = float(number) * factor
        out.append(("quantity", value, q, start, end, "annual", dimension, context))


_START = operator.itemgetter(3)


def _claims(text: str) -> list[RawClaim]:
    """The claims of ``text``, in text order: where claims overlap, the one starting first (the
    longest of those starting together, the family read first among equals) is kept."""
    marks = text.translate(_TO_NEWLINE) if _OTHER_BOUNDARY.search(text) else text
    claims: list[RawClaim] = []
    for family in (_percent_claims, _money_claims, _spend_save_claims):
        family(text, marks, claims)
    for family in (_term_claims, _duration_claims, _quantity_claims):
        family(text, marks, claims)
    claims.sort(key=_START)  # stable: claims starting together stay in the order read
    out: list[RawClaim] = []
    last_end = -1
    for claim in claims:
        if claim[3] >= last_end:
            out.append(claim)
            last_end = claim[4]
        elif claim[3] == out[-1][3] and claim[4] > last_end:  # a longer one, same start
            out[-1] = claim
            last_end = claim[4]
    return out


#: Characters a claim's number can start with (every claim holds one).
_NUMBER_CHARS_START = "0123456789零〇一二两三四五六七八九十百千¥"
_BOUNDARY_CHARS = "，。！？；：、\n"
_CLAUSE_RE = re.compile(f"[^{_BOUNDARY_CHARS}]+")
_HAS_NUMBER = re.compile(f"[{_NUMBER_CHARS_START}]")
#: Code point -> 1 for a clause boundary, 2 for a character a number starts with.
_CLASS = np.zeros(0x110000, dtype=np.uint8)
_CLASS[[ord(c) for c in _BOUNDARY_CHARS]] = 1
_CLASS[[ord(c) for c in _NUMBER_CHARS_START]] = 2
#: Texts shorter than this find their clauses with a regex, longer ones with numpy.
_VECTOR_FROM = 2000


def number_clauses(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every clause (text between ``，。！？；：、`` and line breaks) that
    holds a number character, in text order: the only places a claim can be."""
    if len(text) < _VECTOR_FROM:
        return [m.span() for m in _CLAUSE_RE.finditer(text) if _HAS_NUMBER.search(m.group())]
    codes: npt.NDArray[np.uint32] = np.frombuffer(
        text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32
    )
    cls = _CLASS[codes]
    bounds = np.flatnonzero(cls == 1)
    k = np.searchsorted(bounds, np.flatnonzero(cls == 2))  # sorted
    if not len(k):
        return []
    k = k[np.concatenate(([True], k[1:] != k[:-1]))]
    edges = np.concatenate(([-1], bounds, [len(text)]))
    return list(zip((edges[k] + 1).tolist(), edges[k + 1].tolist(), strict=True))


#: Claims per clause text, positions relative to the clause (plain tuples: a memo of many
#: entries that the garbage collector stops tracking).
ClauseCache = MutableMapping[str, tuple[RawClaim, ...]]


def shifted(claim: Claim, offset: int) -> Claim:
    family, value, qualifier, start, end, period, dimension, context = claim
    return Claim(family, value, qualifier, start + offset, end + offset, period, dimension, context)


def _shift(claim: RawClaim, offset: int) -> RawClaim:
    family, value, qualifier, start, end, period, dimension, context = claim
    return family, value, qualifier, start + offset, end + offset, period, dimension, context


def claims_of_clauses(
    clauses: Iterable[str], cache: ClauseCache | None = None
) -> dict[str, tuple[RawClaim, ...]]:
    """The claims of each distinct clause (as :data:`RawClaim` tuples), positions relative to
    the clause start.

    A claim and the words it is read with never cross a clause boundary, so claims are read
    per clause: the clauses not in ``cache`` (memoised per clause text) are read in one pass
    over them joined by line breaks, and then added to it.
    """
    known: dict[str, tuple[RawClaim, ...]] = {}
    missing: dict[str, list[RawClaim]] = {}
    memo: ClauseCache = cache if cache is not None else {}
    for clause in clauses:
        if clause in known or clause in missing:
            continue
        found = memo.get(clause)
        if found is None:
            missing[clause] = []
        else:
            known[clause] = found
    if missing:
        order = list(missing)
        starts = list(itertools.accumulate((len(c) + 1 for c in order[:-1]), initial=0))
        joined = "\n".join(order)
        ends = [*starts[1:], len(joined) + 1]  # where each clause's successor starts
        k = 0
        for claim in _claims(joined):
            if claim[3] >= ends[k]:  # claims come in text order
                k = bisect.bisect_right(starts, claim[3]) - 1
            missing[order[k]].append(_shift(claim, -starts[k]) if k else claim)
        new = {c: tuple(found) for c, found in missing.items()}
        known.update(new)
        if cache is not None:
            cache.update(new)
    return known


def clause_claims(
    text: str, cache: ClauseCache | None = None
) -> list[tuple[int, str, tuple[RawClaim, ...]]]:
    """``(start, clause, claims)`` for every clause of ``text`` that holds a number, the claims'
    positions relative to the clause start (read by :func:`claims_of_clauses`)."""
    spans = number_clauses(text)
    clauses = [text[s:e] for s, e in spans]
    known = claims_of_clauses(clauses, cache)
    return [(s, c, known[c]) for (s, _), c in zip(spans, clauses, strict=True)]


def extract_claims(text: str, cache: ClauseCache | None = None) -> list[Claim]:
    """Every quantitative claim in normalised ``text`` (the punctuated view), in text order.

    Not claims: dates and times (2025年, 3月31日, 08:00), ordinals (第3期), durations outside a
    product-term context (服务乡亲二十年, 28天自测), bare counts and codes (回复1, 拒收请回复R).
    Read per clause (:func:`clause_claims`), memoised in ``cache`` if given.
    """
    out: list[Claim] = []
    make = Claim._make
    for start, _, found in clause_claims(text, cache):
        out += map(make, found) if not start else (make(_shift(c, start)) for c in found)
    return out
