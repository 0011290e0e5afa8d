"""Faster scanning for rule regexes: a pattern whose possible first characters are a small
set (two or more) is compiled with a leading lookahead on that set (``(?=[别只他那…])(?:…)``),
which lets the regex engine skip every other position at once. Matches are exactly the same;
a pattern whose first characters cannot be listed (``.``, a negated class, a wide range) is
left alone."""

from __future__ import annotations

import importlib
import re
from typing import Any

#: The parser and constants the re module itself uses (``re._parser``, Python 3.11+).
_sre_parse: Any = importlib.import_module("re._parser")
_sre: Any = importlib.import_module("re._constants")

#: At most this many distinct first characters are listed (a wider set gains little).
MAX_FIRST = 96
#: A character range wider than this is not listed.
MAX_RANGE = 64

_Chars = frozenset[str] | None


def _in_set(items: list[tuple[Any, Any]]) -> _Chars:
    out: set[str] = set()
    for op, av in items:
        if op is _sre.LITERAL:
            out.add(chr(av))
        elif op is _sre.RANGE and av[1] - av[0] <= MAX_RANGE:
            out |= {chr(c) for c in range(av[0], av[1] + 1)}
        else:  # NEGATE, CATEGORY (\d, \w), a wide range
            return None
    return frozenset(out)


def _first(items: list[tuple[Any, Any]]) -> tuple[_Chars, bool]:
    """First characters of a sequence of parsed items, and whether it can match empty."""
    out: set[str] = set()
    for op, av in items:
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue  # zero width: the next item decides
        if op is _sre.LITERAL:
            return frozenset(out | {chr(av)}), False
        if op is _sre.IN:
            chars = _in_set(av)
            return (None, False) if chars is None else (frozenset(out | chars), False)
        if op is _sre.SUBPATTERN:
            chars, empty = _first(list(av[-1]))
        elif op is _sre.BRANCH:
            chars, empty = frozenset(), False
            for branch in av[1]:
                c, e = _first(list(branch))
                if c is None:
                    return None, False
                chars, empty = chars | c, empty or e
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            chars, empty = _first(list(av[2]))
            empty = empty or av[0] == 0
        else:  # ANY, groupref, ...
            return None, False
        if chars is None:
            return None, False
        out |= chars
        if not empty:
            return frozenset(out), False
    return frozenset(out), True


def first_chars(pattern: str) -> frozenset[str] | None:
    """The characters any match of ``pattern`` can start with (``None``: cannot tell, or the
    pattern can match the empty string)."""
    try:
        parsed = _sre_parse.parse(pattern)
    except re.error:
        return None
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    chars, empty = _first(list(parsed))
    if chars is None or empty or not chars or len(chars) > MAX_FIRST:
        return None
    return chars


def fast_pattern(pattern: str) -> str:
    """``pattern`` with a lookahead on its first characters, when they can be listed."""
    chars = first_chars(pattern)
    if chars is None or len(chars) < 2:
        # One first character: the engine already searches for it as a literal prefix.
        return pattern
    body = "".join(re.escape(c) for c in sorted(chars))
    return f"(?=[{body}])(?:{pattern})"
