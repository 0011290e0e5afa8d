"""Personal information in copy: mainland mobile numbers, resident ID numbers (GB 11643
checksum) and bank card numbers (Luhn), found through spaces, dashes and full-width digits, and
masked for reports and redaction."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import numpy as np
import numpy.typing as npt

PiiType = Literal["mobile", "resident_id", "bank_card", "long_number"]
PII_TYPES: tuple[PiiType, ...] = ("mobile", "resident_id", "bank_card", "long_number")

#: Digits written as Chinese numerals (一三八…, 壹叁捌…, 幺 for 1, traditional 貳陸) read as
#: digits, one for one.
_NUMERALS = "〇零一二三四五六七八九幺两壹贰叁肆伍陆柒捌玖叄貳陸參兩"
_FULLWIDTH = (
    {ord("０") + k: str(k) for k in range(10)}
    | {ord("Ｘ"): "X", ord("ｘ"): "x"}
    | {ord(c): d for c, d in zip(_NUMERALS, "001234567891212345678932632", strict=True)}
)
#: Separators between digits: spaces, dashes, dots, bars, slashes, stars, underscores, tildes,
#: zero-width characters, the variation selector and keycap of emoji digits (1️⃣3️⃣8️⃣), and
#: emoji or pictographs dropped between digits to split a number (一三八💰一二三四): single
#: characters and code point ranges, read by the regex (``_SEP``) and the numpy table alike.
_SEP_SINGLE = " \t\u00a0\u3000-\u200b\u200c\u200d\u2060\ufeff\ufe0f\u20e3.、·•*＊|｜/_~"
_SEP_RANGES = ((0x2010, 0x2015), (0x2600, 0x27BF), (0x1F300, 0x1FAFF))
_SEP = (
    "["
    + "".join(re.escape(c) for c in _SEP_SINGLE)
    + "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in _SEP_RANGES)
    + "]"
)
_DIGIT = f"[0-9\uff10-\uff19{_NUMERALS}]"
#: A run of digit groups (half- or full-width) not preceded by a digit, with at least the
#: 11 digits of the shortest PII number; written to start with the digit (the lookbehind after
#: it) so that the regex engine can skip ahead to digits.
_RUN = re.compile(
    f"{_DIGIT}(?<!{_DIGIT}{{2}})(?:{_SEP}{{0,2}}{_DIGIT}){{10,}}"
    f"(?:{_SEP}{{0,2}}{_DIGIT})*(?:{_SEP}?[xXＸｘ])?"
)
_MOBILE = re.compile(r"(?:86)?1[3-9]\d{9}")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_MAX_PIECES = 40
#: Digits of a number that looks like an ID or card number but is not one (review).
_LONG_NUMBER = (15, 19)
#: The shortest PII number (a mobile number) has 11 digits.
_SHORTEST = 11
#: Texts at least this long are scanned only in stretches that can hold a run (numpy).
_VECTOR_FROM = 2000
_SEP_CHARS = _SEP_SINGLE + "".join(
    chr(code) for lo, hi in _SEP_RANGES for code in range(lo, hi + 1)
)


@dataclass(frozen=True)
class PiiHit:
    type: PiiType
    start: int
    end: int
    digits: str


def id_checksum_ok(number: str) -> bool:
    """GB 11643: an 18-character resident ID with a valid check character and birth date."""
    if not re.fullmatch(r"\d{17}[\dXx]", number):
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    if _ID_CHECK[total % 11] != number[17].upper():
        return False
    year, month, day = int(number[6:10]), int(number[10:12]), int(number[12:14])
    return 1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31


def luhn_ok(number: str) -> bool:
    if not number.isdigit():
        return False
    total = 0
    for k, ch in enumerate(reversed(number)):
        d = int(ch)
        if k % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def classify(digits: str) -> PiiType | None:
    if _MOBILE.fullmatch(digits):
        return "mobile"
    if len(digits) == 18 and id_checksum_ok(digits):
        return "resident_id"
    if 16 <= len(digits) <= 19 and digits.isdigit() and luhn_ok(digits):
        return "bank_card"
    return None


@lru_cache(maxsize=1)
def _classes() -> npt.NDArray[np.uint8]:
    """Code point -> 1 for a digit, 2 for a separator or an X (what a run is made of), else 0."""
    table = np.zeros(0x110000, dtype=np.uint8)
    table[[ord(c) for c in _SEP_CHARS + "xXＸｘ"]] = 2
    table[[*range(ord("0"), ord("9") + 1), *range(0xFF10, 0xFF1A), *map(ord, _NUMERALS)]] = 1
    return table


def _runs(original: str) -> list[re.Match[str]]:
    """The matches of :data:`_RUN`; in long text the regex runs only over the stretches of
    digits, separators and X's holding at least 11 digits (a run cannot reach beyond one)."""
    if len(original) < _VECTOR_FROM:
        return list(_RUN.finditer(original))
    codes = np.frombuffer(original.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    cls = _classes()[codes]
    edges = np.diff(np.concatenate(([0], (cls > 0).view(np.int8), [0])))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    digits = np.concatenate(([0], np.cumsum(cls == 1)))
    keep = digits[ends] - digits[starts] >= _SHORTEST
    return [
        m
        for s, e in zip(starts[keep].tolist(), ends[keep].tolist(), strict=True)
        for m in _RUN.finditer(original, s, e)
    ]


def find_pii(original: str) -> list[PiiHit]:
    """Every mobile number, resident ID and bank card number in ``original``.

    Digits may be full-width and separated by spaces, dashes, dots or zero-width characters
    (``138 0013 8000``). A run of digit groups is read whole first, else as its longest
    sub-runs of groups, so ``13800138000 30万`` still finds the mobile number.
    """
    hits: list[PiiHit] = []
    for m in _runs(original):
        if m.end() - m.start() < _SHORTEST:
            continue
        offset = m.start()
        hits += [PiiHit(kind, s + offset, e + offset, d) for kind, s, e, d in _run_hits(m.group())]
    return sorted(hits, key=lambda h: h.start)


#: A calendar date, spelt 2023.03.15, 2023-3-15, 2023/03/15 or 20230315.
_DATE = (
    r"(?:19|20)\d\d(?:[.\-/](?:0?[1-9]|1[0-2])[.\-/](?:0?[1-9]|[12]\d|3[01])"
    r"|(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))"
)
#: A run that is nothing but dates (a period such as 2023.03.15—2026.09.30): never PII,
#: however its digits happen to add up.
_DATES_ONLY = re.compile(f"{_DATE}(?:[^0-9xX]{{1,3}}{_DATE})+")


@lru_cache(maxsize=4096)
def _run_hits(run: str) -> tuple[tuple[PiiType, int, int, str], ...]:
    """The PII numbers in one run of digit groups, positions relative to the run: the run read
    whole first, else as its longest sub-runs of groups (memoised per run text)."""
    text = run.translate(_FULLWIDTH)
    if _DATES_ONLY.fullmatch(text.strip()):
        return ()
    pieces = [(p.start(), p.end()) for p in re.finditer(r"[0-9xX]+", text)]
    pieces = pieces[:_MAX_PIECES]
    taken: list[tuple[int, int]] = []
    out: list[tuple[PiiType, int, int, str]] = []
    for size in range(len(pieces), 0, -1):
        for i in range(len(pieces) - size + 1):
            s, e = pieces[i][0], pieces[i + size - 1][1]
            if any(ts < e and s < te for ts, te in taken):
                continue
            digits = "".join(text[a:b] for a, b in pieces[i : i + size])
            kind = classify(digits)
            if kind:
                taken.append((s, e))
                out.append((kind, s, e, digits))
    if not out and pieces:
        # An order or tracking number of ID or card length: a reviewer tells it from PII.
        s, e = pieces[0][0], pieces[-1][1]
        digits = "".join(text[a:b] for a, b in pieces)
        if _LONG_NUMBER[0] <= len(digits) <= _LONG_NUMBER[1]:
            out.append(("long_number", s, e, digits))
    return tuple(out)


def mask(original: str, hit: PiiHit) -> str:
    """The hit's original text with its digits masked: mobile ``138****8000``, resident ID
    ``110***********123X``, bank card ``************1234`` (separators kept)."""
    span = original[hit.start : hit.end]
    n = len(hit.digits)
    keep_head, keep_tail = {
        "mobile": (n - 8, 4),
        "resident_id": (3, 4),
        "bank_card": (0, 4),
        "long_number": (0, 4),
    }[hit.type]
    out = []
    k = 0
    for ch in span:
        if ch.translate(_FULLWIDTH) in "0123456789xX":
            out.append(ch if k < keep_head or k >= n - keep_tail else "*")
            k += 1
        else:
            out.append(ch)
    return "".join(out)


#: A label just before a long number that says what it is (身份证110105…: an ID even if its
#: check digit is wrong).
_LABELS: tuple[tuple[re.Pattern[str], PiiType], ...] = (
    (re.compile(r"(?:身份证|证件|身份号码)[号码]*[:：是为]?\s*$"), "resident_id"),
    (re.compile(r"(?:银行卡|卡号|账号|账户|储蓄卡|信用卡)[号码]*[:：是为]?\s*$"), "bank_card"),
)


def labelled(original: str, hit: PiiHit) -> PiiHit:
    """``hit``, a ``long_number`` read as the ID or card its label names."""
    if hit.type != "long_number":
        return hit
    before = original[max(0, hit.start - 8) : hit.start]
    for label, kind in _LABELS:
        if label.search(before):
            return PiiHit(kind, hit.start, hit.end, hit.digits)
    return hit


def redact(original: str) -> str:
    """``original`` with every PII hit masked."""
    out = original
    for hit in reversed(find_pii(original)):
        out = out[: hit.start] + mask(original, hit) + out[hit.end :]
    return out
