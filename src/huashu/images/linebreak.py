"""Line breaking for Chinese banner text: kinsoku rules (no line starts with ，。！？ or ends
with （《“), numbers kept whole with their unit (3.6%起), clause-first and balanced wrapping."""

from __future__ import annotations

import re
from collections.abc import Callable

#: Characters that must not start a line.
NO_LINE_START = frozenset("，。！？；：、）》」』】〕〉”’…—～·%％,.!?;:)]}>")
#: Characters that must not end a line.
NO_LINE_END = frozenset("（《「『【〔〈“‘([{<￥$")
#: A measure word glued to the number before it, so 3.6%起 and 30万元 stay on one line.
NUMBER_SUFFIX = frozenset("起元万亿千百年月日天个次倍折期岁")
_NUMBER = re.compile(r"[￥$]?[A-Za-z0-9]+(?:[.,:/][A-Za-z0-9]+)*[%％]?")
_CLAUSE_END = frozenset("，。！？；：,!?;")
_SPACE_BEFORE = re.compile("[ ]+(?=[" + re.escape("".join(sorted(NO_LINE_START))) + "])")
_SPACE_AFTER = re.compile("(?<=[" + re.escape("".join(sorted(NO_LINE_END))) + "])[ ]+")

Measure = Callable[[str], float]


def units(text: str) -> list[str]:
    """``text`` cut into pieces no line break may fall inside."""
    pieces: list[str] = []
    i = 0
    while i < len(text):
        match = _NUMBER.match(text, i)
        if match:
            end = match.end()
            while end < len(text) and text[end] in NUMBER_SUFFIX and end - match.end() < 2:
                end += 1
            pieces.append(text[i:end])
            i = end
        else:
            pieces.append(text[i])
            i += 1
    out: list[str] = []
    glue_next = False
    for piece in pieces:
        if out and (glue_next or piece[0] in NO_LINE_START):
            out[-1] += piece
        else:
            out.append(piece)
        glue_next = piece[-1] in NO_LINE_END
    return out


def _split_wide(piece: str, measure: Measure, width: float) -> list[str]:
    out = [""]
    for ch in piece:
        if (
            out[-1]
            and measure(out[-1] + ch) > width
            and ch not in NO_LINE_START
            and out[-1][-1] not in NO_LINE_END
        ):
            out.append(ch)
        else:
            out[-1] += ch
    return out


def greedy(text: str, measure: Measure, width: float) -> list[str]:
    """Lines filled as full as ``width`` allows; a piece wider than a line is cut by character
    (never before a no-line-start character)."""
    lines: list[str] = []
    line = ""
    for piece in units(text):
        if not line:
            piece = piece.lstrip()
            if not piece:
                continue
        candidate = line + piece
        if not line or measure(candidate.rstrip()) <= width:
            line = candidate
        else:
            lines.append(line.rstrip())
            line = piece.lstrip()
        if measure(line) > width and len(line) > 1:
            *full, line = _split_wide(line, measure, width)
            lines += full
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _break_cost(before: str, after: str) -> float:
    """Cost of a line break between two pieces: free after a clause, cheap next to a number
    or a space, dearer inside a run of Chinese (it may split a word)."""
    if before[-1] in _CLAUSE_END or before[-1] == " " or after[0] == " ":
        return 0.0
    if before[-1].isascii() or after[0].isascii():
        return 0.08
    return 0.2


def wrap(text: str, measure: Measure, width: float, max_lines: int) -> list[str]:
    """The fewest lines within ``width`` (``max_lines`` does not cut text: more lines come
    back when needed), broken preferably after clauses and with similar line lengths."""
    text = _SPACE_BEFORE.sub("", _SPACE_AFTER.sub("", " ".join(text.split())))
    if not text:
        return []
    n_lines = len(greedy(text, measure, width))
    pieces = units(text)
    if n_lines <= 1 or any(measure(p) > width for p in pieces):
        lines = greedy(text, measure, width)
    else:
        lines = _best_split(pieces, measure, width, n_lines)
    return [line.strip() for line in lines if line.strip()]


def _best_split(pieces: list[str], measure: Measure, width: float, n_lines: int) -> list[str]:
    n = len(pieces)
    ends = [0.0]
    for piece in pieces:
        ends.append(ends[-1] + measure(piece))
    inf = float("inf")
    best = [[inf] * (n + 1) for _ in range(n_lines + 1)]
    back = [[0] * (n + 1) for _ in range(n_lines + 1)]
    best[0][0] = 0.0
    for k in range(1, n_lines + 1):
        for j in range(1, n + 1):
            for i in range(j - 1, -1, -1):
                used = ends[j] - ends[i]
                if used > width:
                    break
                if best[k - 1][i] == inf:
                    continue
                slack = (width - used) / width
                cost = best[k - 1][i] + slack * slack
                if j < n:
                    cost += _break_cost(pieces[j - 1], pieces[j])
                if cost < best[k][j]:
                    best[k][j], back[k][j] = cost, i
    if best[n_lines][n] == inf:
        return greedy("".join(pieces), measure, width)
    lines: list[str] = []
    j = n
    for k in range(n_lines, 0, -1):
        i = back[k][j]
        lines.append("".join(pieces[i:j]).strip())
        j = i
    return lines[::-1]
