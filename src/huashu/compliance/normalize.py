"""Text normalisation for matching: undo the usual evasions (full-width forms, spaces, zero-width
characters, symbols inserted between characters) while remembering where each character came
from, so that a finding points at the span of the ORIGINAL text."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e")
#: Structural punctuation kept in :attr:`Normalized.text` (canonical full-width forms).
PUNCTUATION = {
    ",": "，",
    "，": "，",
    "。": "。",
    "!": "！",
    "?": "？",
    ";": "；",
    ":": "：",
    "、": "、",
}
#: Symbols kept between two digits (``3.6``, ``08:00``, ``1-3``); a comma there is a thousands
#: separator and is dropped.
_DIGIT_JOINERS = frozenset(".-~/:")


def is_cjk(ch: str) -> bool:
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x3134F
        or 0xF900 <= code <= 0xFAFF
    )


def _is_word(ch: str) -> bool:
    return ("0" <= ch <= "9") or ("a" <= ch <= "z") or is_cjk(ch)


@dataclass(frozen=True)
class View:
    """Normalised text; character ``k`` came from ``original[offsets[k]:ends[k]]``."""

    text: str
    offsets: tuple[int, ...]
    ends: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that the normalised span ``[start, end)`` came from."""
        if start >= len(self.text):
            tail = self.ends[-1] if self.ends else 0
            return tail, tail
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.ends[end - 1]


@dataclass(frozen=True)
class Normalized(View):
    """``text`` keeps structural punctuation (，。！？；：、); ``bare`` drops it too.

    Rules match on ``bare`` unless they ask for ``text``: punctuation inserted into a term
    (``无，风险``) must not hide it.
    """

    original: str
    bare: View


_Item = tuple[str, int, int, bool]


def _chars(original: str) -> list[tuple[str, int]]:
    """NFKC and lower case per original character; whitespace and zero-width removed."""
    out: list[tuple[str, int]] = []
    for i, ch in enumerate(original):
        if ch in ZERO_WIDTH:
            continue
        folded = ch if ch.isascii() else unicodedata.normalize("NFKC", ch)
        for c in folded.lower():
            if not c.isspace() and c not in ZERO_WIDTH:
                out.append((c, i))
    return out


def _keep(chars: list[tuple[str, int]]) -> list[_Item]:
    """Classify characters: keep words, numbers and punctuation; drop separator symbols."""
    items: list[_Item] = []
    for k, (c, i) in enumerate(chars):
        prev_digit = bool(items) and items[-1][0].isdigit() and not items[-1][3]
        next_digit = k + 1 < len(chars) and "0" <= chars[k + 1][0] <= "9"
        in_number = prev_digit and (c == "%" or (c in _DIGIT_JOINERS and next_digit))
        if _is_word(c) or in_number:
            items.append((c, i, i + 1, False))
        elif c == "," and prev_digit and next_digit:
            continue
        elif c in PUNCTUATION:
            items.append((PUNCTUATION[c], i, i + 1, True))
    return items


def _collapse(items: list[_Item]) -> View:
    """A view of ``items``; runs of 3+ identical CJK characters become one character."""
    chars: list[str] = []
    offsets: list[int] = []
    ends: list[int] = []
    k = 0
    while k < len(items):
        c, start, end, _ = items[k]
        j = k + 1
        if is_cjk(c):
            while j < len(items) and items[j][0] == c:
                j += 1
            if j - k < 3:
                j = k + 1
        chars.append(c)
        offsets.append(start)
        ends.append(items[j - 1][2] if j - k >= 3 else end)
        k = j
    return View("".join(chars), tuple(offsets), tuple(ends))


def normalize(original: str) -> Normalized:
    """Normalise ``original`` for matching.

    NFKC (full-width -> half-width), lower case, no whitespace or zero-width characters, no
    symbols between characters (``保-本``, ``无@风@险``), numbers kept whole (``3.6%``), runs of
    3+ identical CJK characters collapsed to one.
    """
    items = _keep(_chars(original))
    text = _collapse(items)
    bare = _collapse([item for item in items if not item[3]])
    return Normalized(text.text, text.offsets, text.ends, original=original, bare=bare)
