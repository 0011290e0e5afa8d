"""Reference for tests only: claim extraction (``huashu.compliance.claims``) and judgement
(``huashu.compliance.factcheck._judge``) as they were before they were made faster, written for
clarity (one Claim per match, every claim judged afresh). tests/compliance/test_long_text.py
checks that the engine's readings and verdicts are the same as these."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator, MutableMapping
from functools import lru_cache
from typing import TYPE_CHECKING, Literal, NamedTuple

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from huashu.compliance.factcheck import FactClaim

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
#: What each pattern's match ends with: patterns are only tried just before these anchors.
_AFTER_NUMBER = "(?<=[0-9点零〇一二两三四五六七八九十百千])"
_ANCHORS = {
    _PERCENT: re.compile(_AFTER_NUMBER + "%"),
    _MONEY_RE: re.compile(_AFTER_NUMBER + "(?:亿元|亿|万元|万|千元|元|块)"),
    _TERM_RE: re.compile(_AFTER_NUMBER + "(?:个月|年|月|期|天|日)"),
    _DURATION_RE: re.compile(_AFTER_NUMBER + "(?:分钟|小时|个工作日|工作日|天)"),
    _QUANTITY_RE: re.compile("(?<=[0-9])(?:毫升|ml|毫克|mg|千克|kg|升|克|g|l)"),
}
_WINDOW = 24
_NUMBER_CHARS = frozenset("0123456789.点零〇一二两三四五六七八九十百千-~至到")


def _scan(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern that ends with its anchor, tried only where a
    number ends at an anchor (the regex alone would be tried at every position)."""
    last_end = 0
    for a in _ANCHORS[pattern].finditer(text):
        lo = max(last_end, a.start() - _WINDOW)
        pos = a.start()
        while pos > lo and text[pos - 1] in _NUMBER_CHARS:
            pos -= 1
        for start in range(pos, a.start()):
            m = pattern.match(text, start, a.end())
            if m is not None and m.end() == a.end():
                yield m
                last_end = m.end()
                break


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


class Clauses:
    """Clause boundaries of a text, to read a claim's context without crossing them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.bounds = [m.start() for m in _BOUNDARY.finditer(text)]

    def around(self, start: int, end: int, before: int, after: int) -> tuple[str, str]:
        """Up to ``before`` characters before ``start`` and ``after`` after ``end``, within
        the clause."""
        k = bisect.bisect_left(self.bounds, start)
        lo = max(self.bounds[k - 1] + 1 if k else 0, start - before)
        j = bisect.bisect_left(self.bounds, end)
        hi = min(self.bounds[j] if j < len(self.bounds) else len(self.text), end + after)
        return self.text[lo:start], self.text[end:hi]


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


def _percent_claims(text: str, cl: Clauses) -> list[Claim]:
    out: list[Claim] = []
    matches = list(_scan(_PERCENT, text)) + list(_PERCENT_WORDS.finditer(text))
    for m in matches:
        before, after = cl.around(m.start(), m.end(), 10, 6)
        period = _rate_period(before, after)
        qualifier = _qualifier(before, after)
        family: Family = "percent" if period is None else "rate"
        context = before[-6:] + after[:6]
        if m.re is _PERCENT_WORDS:
            tokens = [(m.group(1), m.start(), m.end()), ("", -1, -1)]
        else:
            tokens = [(m.group(1), m.start(1), m.end(1)), (m.group(2), m.start(2), m.end(2))]
        for k, (token, s, e) in enumerate(t for t in tokens if t[0]):
            value = parse_number(token)
            if value is None:
                continue
            ranged = bool(tokens[1][0])
            end = m.end() if k or not ranged else e
            q: Qualifier = qualifier if not ranged else ("floor" if k == 0 else "ceiling")
            out.append(Claim(family, value, q, s, end, period or "annual", context=context))
    for m in _FRACTION.finditer(text):
        value = parse_number(m.group(2))
        if value is None:
            continue
        before, after = cl.around(m.start(), m.end(), 10, 6)
        period = _rate_period(before, after)
        if period is None or period == "annual":
            period = "monthly" if after.startswith(("/月", "每月")) else "daily"
        scale = 0.01 if m.group(1) == "万分之" else 0.1
        q = _qualifier(before, after)
        out.append(Claim("rate", value * scale, q, m.start(), m.end(), period))
    return out


def _money_claims(text: str, cl: Clauses) -> list[Claim]:
    out: list[Claim] = []
    for m in [*_scan(_MONEY_RE, text), *_YUAN.finditer(text)]:
        yen = m.re is _YUAN
        token, unit = (m.group(1), "元") if yen else (m.group(2), m.group(3))
        value = parse_number(token)
        if value is None:
            continue
        before, after = cl.around(m.start(), m.end(), 8, 4)
        if not yen and _NOT_MONEY_AFTER.match(text, m.end()):
            continue
        chinese = not yen and not _AR_RE.fullmatch(token)
        if chinese and unit in ("万", "亿", "块") and not after.startswith(("额度", "元")):
            continue
        if chinese and unit == "千元" and "千" in token:
            continue
        q = _qualifier(before, after)
        context = before[-8:] + after[:4]
        out.append(Claim("amount", value * _MONEY[unit], q, m.start(), m.end(), context=context))
    return out


def _spend_save_claims(text: str, cl: Clauses) -> list[Claim]:
    """满199减30: two amounts (spend and saving) without units."""
    out: list[Claim] = []
    for m in _SPEND_SAVE.finditer(text):
        for g in (1, 2):
            before, after = cl.around(m.start(g), m.end(g), 8, 4)
            context = before[-8:] + after[:4]
            value = float(m.group(g))
            out.append(Claim("amount", value, "exact", m.start(g), m.end(g), context=context))
    return out


def _term_claims(text: str, cl: Clauses) -> list[Claim]:
    out: list[Claim] = []
    for m in _scan(_TERM_RE, text):
        value = parse_number(m.group(1))
        if value is None:
            continue
        unit = m.group(2)
        before, after = cl.around(m.start(), m.end(), 6, 3)
        if unit == "年" and value >= 1900:
            continue
        if unit in ("月", "日") and (
            after[:1].isdigit() or after[:1] in ("底", "初", "中", "份", "号")
        ):
            continue
        if not (_TERM_CONTEXT.search(before) or after.startswith(("期", "期限"))):
            continue
        q = _qualifier(before, after)
        out.append(Claim("term", value * _TERM[unit], q, m.start(), m.end()))
    return out


def _duration_claims(text: str, cl: Clauses) -> list[Claim]:
    out: list[Claim] = []
    for m in _scan(_DURATION_RE, text):
        value = parse_number(m.group(1))
        if value is None:
            continue
        before, after = cl.around(m.start(), m.end(), 6, 4)
        if not (_DURATION_CONTEXT.search(before) or _DURATION_CONTEXT.match(after.lstrip("内"))):
            continue
        q = _qualifier(before, after)
        if after.startswith("内"):
            q = "ceiling"
        value *= _DURATION[m.group(2)]
        out.append(Claim("duration", value, q, m.start(), m.end(), context=before[-6:] + after))
    return out


def _quantity_claims(text: str, cl: Clauses) -> list[Claim]:
    out: list[Claim] = []
    for m in _scan(_QUANTITY_RE, text):
        dimension, factor = _QUANTITY[m.group(2)]
        before, after = cl.around(m.start(), m.end(), 6, 6)
        q = _qualifier(before, after)
        context = before[-6:] + after[:6]
        value = float(m.group(1)) * factor
        out.append(
            Claim("quantity", value, q, m.start(), m.end(), dimension=dimension, context=context)
        )
    return out


def _claims(text: str) -> list[Claim]:
    cl = Clauses(text)
    claims = _percent_claims(text, cl) + _money_claims(text, cl) + _spend_save_claims(text, cl)
    claims += _term_claims(text, cl) + _duration_claims(text, cl) + _quantity_claims(text, cl)
    out: list[Claim] = []
    last_end = -1
    for claim in sorted(claims, key=lambda c: (c.start, -(c.end - c.start))):
        if claim.start >= last_end:
            out.append(claim)
            last_end = claim.end
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


#: Claims per clause text, positions relative to the clause (tuples: a memo of many entries
#: that the garbage collector can stop tracking).
ClauseCache = MutableMapping[str, tuple[Claim, ...]]


def shifted(claim: Claim, offset: int) -> Claim:
    family, value, qualifier, start, end, period, dimension, context = claim
    return Claim(family, value, qualifier, start + offset, end + offset, period, dimension, context)


def claims_of_clauses(
    clauses: Iterable[str], cache: ClauseCache | None = None
) -> dict[str, tuple[Claim, ...]]:
    """The claims of each distinct clause, positions relative to the clause start.

    A claim and the words it is read with never cross a clause boundary, so claims are read
    per clause: the clauses not in ``cache`` (memoised per clause text) are read in one pass
    over them joined by line breaks, and then added to it.
    """
    known: dict[str, tuple[Claim, ...]] = {}
    missing: dict[str, list[Claim]] = {}
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
        for claim in _claims("\n".join(order)):
            k = bisect.bisect_right(starts, claim.start) - 1
            missing[order[k]].append(shifted(claim, -starts[k]))
        new = {c: tuple(found) for c, found in missing.items()}
        known.update(new)
        if cache is not None:
            cache.update(new)
    return known


def clause_claims(
    text: str, cache: ClauseCache | None = None
) -> list[tuple[int, str, tuple[Claim, ...]]]:
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
    for start, _, found in clause_claims(text, cache):
        out += found if not start else [shifted(c, start) for c in found]
    return out


# Judgement (huashu.compliance.factcheck) as it was.


@lru_cache(maxsize=4096)
def _pairs(text: str) -> frozenset[str]:
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


def _shares_subject(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` share a two-character word (a crude same-subject test)."""
    return not _pairs(a).isdisjoint(_pairs(b))


def relevant(claim: Claim, facts: list[FactClaim]) -> tuple[list[FactClaim], bool]:
    """Facts about the same thing as ``claim``, and whether they are certainly about the same
    attribute. Rates, terms and durations: every fact of the family (a product has one rate,
    one term). Quantities: the same dimension. Percentages: a shared subject word (5%烟酰胺 vs
    核心成分5%烟酰胺). Amounts: the facts sharing a subject word (会员月卡9.9元 vs 会员月卡15元)
    if any, else every amount fact, not certainly the same attribute."""
    out = [f for f in facts if f.claim.family == claim.family]
    if claim.family == "quantity":
        out = [f for f in out if f.claim.dimension == claim.dimension]
    if claim.family == "percent":
        out = [f for f in out if _shares_subject(f.subject, claim.context)]
    if claim.family == "amount":
        same = [f for f in out if _shares_subject(f.subject, claim.context)]
        return (same, True) if same else (out, False)
    return out, True


def in_range(claim: Claim, fact: Claim) -> bool:
    """Whether the claim's value lies in the range the fact states, ignoring its qualifier."""
    plain = Claim(claim.family, claim.value, "exact", claim.start, claim.end, claim.period)
    return supported(plain, fact)


def _tolerance(claim: Claim, value: float) -> float:
    if claim.family == "rate":
        return 0.005 if claim.period == "annual" else 0.06
    return abs(value) * 1e-9 + 1e-9


def supported(claim: Claim, fact: Claim) -> bool:
    """A floor claim (…起, 低至…) needs an equal floor or exact fact; a ceiling claim (最高…)
    an equal ceiling or exact fact; a plain value must lie in the fact's range."""
    for value in claim.annual_candidates():
        tol = _tolerance(claim, value)
        equal = abs(value - fact.value) <= tol
        if claim.qualifier == "floor":
            ok = equal and fact.qualifier in ("floor", "exact")
        elif claim.qualifier == "ceiling":
            ok = equal and fact.qualifier in ("ceiling", "exact")
        elif fact.qualifier == "floor":
            ok = value >= fact.value - tol
        elif fact.qualifier == "ceiling":
            ok = value <= fact.value + tol
        else:
            ok = equal
        if ok:
            return True
    return False


def _judge(claim: Claim, facts: list[FactClaim]) -> tuple[str | None, tuple[FactClaim, ...]]:
    about, same = relevant(claim, facts)
    if not about:
        return "unsupported", ()
    if not same:
        return (None, ()) if any(in_range(claim, f.claim) for f in about) else ("unsupported", ())
    if any(supported(claim, f.claim) for f in about):
        return None, ()
    first = claim.annual_candidates()[0]
    return claim.family, tuple(sorted(about, key=lambda f: abs(f.claim.value - first)))
