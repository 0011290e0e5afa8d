"""Dropping the alternatives of a long pattern that cannot match a given text. A rule's pattern
is often one alternation of dozens of forms (``guaranteed-returns-forms`` has over a hundred),
and ``re`` tries every alternative at every position where one could start. Most
alternatives need a literal that a given text does not hold at all (``兜底``, ``板上钉钉``…):
per long text (:data:`windows.WINDOW_FROM` characters and more), the alternatives whose
literals the text's index (:class:`windows.TextIndex`) says cannot occur are dropped, and
the pattern of the others is what is searched (whole or in windows).

The matches are exactly those of the whole pattern: at each position an alternation yields
its first alternative that matches there, and an alternative that matches nowhere in the text
changes no position's result. Only a pattern that is one alternation at its top level is
pruned; its alternatives are read from the source (split at the ``|`` outside any group or
class) and must be the ones ``re``'s parser sees."""

from __future__ import annotations

import importlib
import re
from functools import lru_cache
from typing import Any

from huashu.compliance.windows import BACKREF, TextIndex, literal_sets

_sre_parse: Any = importlib.import_module("re._parser")
_sre: Any = importlib.import_module("re._constants")

#: Patterns with fewer top-level alternatives than this are searched as written.
MIN_ALTERNATIVES = 8


def split_top(pattern: str) -> list[str] | None:
    """The alternatives of ``pattern`` at its top level, as written (``None``: there is no
    top-level ``|``, or the source cannot be read safely)."""
    out: list[str] = []
    depth = 0
    start = 0
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            # a class: ']' right after '[' or '[^' is a member, escapes skip a character
            i += 1
            if i < n and pattern[i] == "^":
                i += 1
            if i < n and pattern[i] == "]":
                i += 1
            while i < n and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
            i += 1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                return None
        elif c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    if depth != 0 or not out:
        return None
    out.append(pattern[start:])
    return out


@lru_cache(maxsize=1024)
def alternatives(pattern: str) -> tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] | None:
    """Each top-level alternative of ``pattern`` with its literal sets (every match of it
    holds a literal of each set); ``None`` where the pattern is not pruned."""
    branches = split_top(pattern)
    if branches is None or BACKREF.search(pattern) or len(branches) < MIN_ALTERNATIVES:
        return None
    try:
        parsed = _sre_parse.parse(pattern)
    except re.error:
        return None
    items = list(parsed)
    if (
        parsed.state.flags & ~re.UNICODE
        or len(items) != 1
        or items[0][0] is not _sre.BRANCH
        or len(items[0][1][1]) != len(branches)
    ):
        return None
    out = []
    for source, branch in zip(branches, items[0][1][1], strict=True):
        out.append((source, literal_sets(list(branch))))
    return tuple(out)


def live_pattern(pattern: str, index: TextIndex) -> str | None:
    """``pattern`` without the alternatives that cannot match the indexed text (``""``: none
    can); ``None`` where nothing is dropped or the pattern is not pruned."""
    branches = alternatives(pattern)
    if branches is None:
        return None
    live = [source for source, sets in branches if not index.lacks(sets)]
    if len(live) == len(branches):
        return None
    return "|".join(live)
