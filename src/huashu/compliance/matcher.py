"""Matchers over normalised text: an Aho-Corasick term dictionary (leftmost-longest,
non-overlapping, any number of terms at one pass) and a regular-expression matcher."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Protocol

import ahocorasick
import numpy as np
import numpy.typing as npt

from huashu.compliance.pinyin import extra_spans, merge
from huashu.compliance.prefilter import hit_spans, may_match
from huashu.compliance.termhash import HashedTerms
from huashu.compliance.windows import WINDOW_FROM, term_occurrences

Span = tuple[int, int]
Ints = npt.NDArray[np.int64]
#: Texts at least this long have their raw matches resolved with numpy.
VECTOR_FROM = 2000
#: Dictionaries of at least this many terms are matched on long text by window hashes
#: (:mod:`huashu.compliance.termhash`) rather than by walking the automaton.
HASH_FROM = 500


class Matcher(Protocol):
    """What a rule matches with: spans of normalised text, and whether there is any."""

    def spans(self, text: str) -> list[Span]: ...

    def search(self, text: str) -> bool: ...


class RegexMatcher:
    """Every non-empty match of a regular expression."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern

    def spans(self, text: str) -> list[Span]:
        # pinyin in the copy read as the characters the pattern uses (compliance/pinyin.py)
        return merge(self._find(text), extra_spans(text, self.pattern.pattern, self._find))

    def _find(self, text: str) -> list[Span]:
        return hit_spans(self.pattern, text)

    def search(self, text: str) -> bool:
        if may_match(self.pattern, text) and any(
            m.end() > m.start() for m in self.pattern.finditer(text)
        ):
            return True
        return bool(extra_spans(text, self.pattern.pattern, self._find))


class TermMatcher:
    """A dictionary of normalised terms matched with Aho-Corasick, leftmost-longest like a
    longest-first regex alternation. A term that starts (ends) with a digit does not match
    inside a longer number: not after a digit or ``.``, not before a digit, ``.`` or ``%``."""

    def __init__(self, terms: Iterable[str]) -> None:
        self.terms = tuple(sorted(set(terms) - {""}, key=lambda t: (-len(t), t)))
        self._automaton = ahocorasick.Automaton()
        for term in self.terms:
            self._automaton.add_word(term, len(term))
        if self.terms:
            self._automaton.make_automaton()
        self._digit_edges = any(t[0].isdigit() or t[-1].isdigit() for t in self.terms)
        self._hashed = HashedTerms.build(self.terms) if len(self.terms) >= HASH_FROM else None

    def __len__(self) -> int:
        return len(self.terms)

    def _ok(self, text: str, start: int, end: int) -> bool:
        if (
            text[start].isdigit()
            and start
            and (text[start - 1].isdigit() or text[start - 1] == ".")
        ):
            return False
        return not (
            text[end - 1].isdigit()
            and end < len(text)
            and (text[end].isdigit() or text[end] in ".%")
        )

    def spans(self, text: str) -> list[Span]:
        if not self.terms or not text:
            return []
        if len(text) >= VECTOR_FROM:
            return self._spans_vector(text)
        spans = [(end + 1 - n, end + 1) for end, n in self._automaton.iter(text)]
        if self._digit_edges:
            spans = [(s, e) for s, e in spans if self._ok(text, s, e)]
        return leftmost_longest(spans)

    def _spans_vector(self, text: str) -> list[Span]:
        """:meth:`spans` for long text: the same filter and selection, done with numpy."""
        # Very long text: the terms' occurrences found from their rarest bigrams, when rare.
        found = None
        if self._hashed is None and len(text) >= WINDOW_FROM:
            found = term_occurrences(text, self.terms)
            if found == []:
                return []
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        if self._hashed is not None:
            starts, ends = self._hashed.matches(codes)
        elif found is not None:
            starts = np.array([s for s, _ in found], dtype=np.int64)
            ends = starts + np.array([len(t) for _, t in found], dtype=np.int64)
        else:
            flat = np.fromiter(
                itertools.chain.from_iterable(self._automaton.iter(text)), dtype=np.int64
            )
            ends = flat[0::2] + 1
            starts = ends - flat[1::2]
        if not len(starts):
            return []
        if self._digit_edges:
            digit = _digit_table()[codes]
            dot = codes == ord(".")
            after = np.append(digit | dot | (codes == ord("%")), False)
            before = np.insert(digit | dot, 0, False)
            bad = (digit[starts] & before[starts]) | (digit[ends - 1] & after[ends])
            starts, ends = starts[~bad], ends[~bad]
        chosen_starts, chosen_ends = leftmost_longest_arrays(starts, ends)
        return list(zip(chosen_starts, chosen_ends, strict=True))

    def search(self, text: str) -> bool:
        if not self.terms or not text:
            return False
        if not self._digit_edges:
            return next(self._automaton.iter(text), None) is not None
        return bool(self.spans(text))


def leftmost_longest(spans: Iterable[Span]) -> list[Span]:
    """Non-overlapping spans, leftmost first and the longest at each start (what a
    longest-first regex alternation finds). ``Automaton.iter_long`` is not used: it can skip a
    short match after a longer partial one."""
    out: list[Span] = []
    last_end = -1
    for s, e in sorted(spans, key=lambda span: (span[0], -span[1])):
        if s >= last_end:
            out.append((s, e))
            last_end = e
    return out


def leftmost_longest_arrays(starts: Ints, ends: Ints) -> tuple[list[int], list[int]]:
    """:func:`leftmost_longest` of spans given as arrays: the chosen starts and ends."""
    if not len(starts):
        return [], []
    order = np.lexsort((-ends, starts))
    starts, ends = starts[order], ends[order]
    first = np.ones(len(starts), dtype=bool)
    first[1:] = starts[1:] != starts[:-1]
    starts, ends = starts[first], ends[first]
    after = np.searchsorted(starts, ends).tolist()
    n = len(after)
    chosen = []
    k = 0
    while k < n:
        chosen.append(k)
        k = after[k]
    return starts[chosen].tolist(), ends[chosen].tolist()


@lru_cache(maxsize=1)
def _digit_table() -> npt.NDArray[np.bool_]:
    """Code point -> ``str.isdigit()``."""
    return np.asarray(np.strings.isdigit(np.arange(0x110000, dtype=np.uint32).view("U1")))


def term_regex(terms: Iterable[str]) -> str:
    """The same dictionary as one regular-expression alternation, longest first (the peer the
    benchmark compares :class:`TermMatcher` with)."""
    parts = []
    for term in sorted(set(terms) - {""}, key=lambda t: (-len(t), t)):
        part = re.escape(term)
        if term[0].isdigit():
            part = r"(?<![\d.])" + part
        if term[-1].isdigit():
            part += r"(?![\d.%])"
        parts.append(part)
    return "|".join(parts)
