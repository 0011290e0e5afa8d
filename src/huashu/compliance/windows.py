"""Scanning long text only where a rule can match. Most rule patterns need one of a few
literals in every match (``砍头息|(?:先|提前)…(?:扣|扣除)…`` needs 砍头息 or one of 扣…) and
match at most ``reach`` characters: a match then starts at most ``reach`` characters before an
occurrence of such a literal. Per text (from :data:`WINDOW_FROM` characters), the hash of the
bigram at each position is computed once, with counts of each bigram hash and character (upper
bounds on any literal's count: :class:`TextIndex`, kept for the last :data:`RECENT` texts).
Per pattern, the literal set with the fewest possible occurrences is chosen: when none of its
literals can occur, the pattern has no match and is not scanned at all; when they are rare,
they are found (one numpy pass for the positions of their rarest bigrams, each checked) and the
pattern is searched only from the start of each window of possible starts.

The matches are exactly those of ``finditer`` over the whole text: each search runs over the
real string (lookbehinds see what precedes it), bounded by an ``endpos`` at least ``reach``
characters (plus two for ``$`` and ``\\b``) past the window's last possible start, where
``reach`` bounds what a match attempt reads (the match and its lookaheads); a match that starts
past the window is ignored and the next window searched. A pattern that can match empty, uses
flags or group references, or has no necessary literal is scanned whole; an unbounded one
(``+``, ``*``, ``{n,}``) is scanned whole unless its literals cannot occur, except where the
unbounded repeats are of one numeric character class (``[\\d一二两三]+``): each such repeat
reads at most the longest run of numeric characters in the text, which the index measures.

Term lists (``TermMatcher``, homophone variants) use the same index: every occurrence of every
term, found from its rarest bigram, is what the Aho-Corasick automaton reports, without walking
the whole text (:func:`term_occurrences`). Either way, the index is used only where the cost
estimates (``*_COST``) say it beats the whole scan."""

from __future__ import annotations

import importlib
import itertools
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

_sre_parse: Any = importlib.import_module("re._parser")
_sre: Any = importlib.import_module("re._constants")

#: Texts shorter than this are scanned whole (windows gain nothing on a creative).
WINDOW_FROM = 20_000
#: A character class of more than this many characters gives no literal set.
MAX_CHARS = 8
#: Literal sets of more than this many strings are not used.
MAX_LITERALS = 48
#: Windowed search is used when its estimated cost is under this share of a whole scan. The
#: estimate overstates a window's cost: on the speed benchmark's 2 MB texts, 1.5 in place of
#: 0.7 cut a check of the bank's legal copy by 16% and of violation-dense copy by 5%, with
#: 1.0 and 2.0 no better (benchmarks/compliance_speed.py; docs/benchmarks.md).
MAX_SHARE = 1.5
#: Characters a match attempt may read past its match and lookaheads (``$``, ``\\b``).
MARGIN = 2
#: Cost estimate, in characters scanned whole: one numpy gather over the text (per character),
#: one window searched (and per character of the pattern's reach).
GATHER_COST, WINDOW_COST, REACH_COST = 0.3, 150, 10
#: Cost estimates for term lists (as above): the automaton's walk per character, checking one
#: possible occurrence.
AUTOMATON_COST, TERM_COST = 1.5, 120
#: The cost of a whole scan for a pattern that starts with a literal (relative to others).
LITERAL_SCAN = 0.2
#: The group of a split-form regex (``prefilter.fast_pattern``) that holds the match.
HIT = "_hit"

Literals = frozenset[str]
#: Backreferences (``\\1``, ``(?P=name)``, ``(?(1)…)``): a pattern that holds one is not
#: rewritten (its group numbers would shift).
BACKREF = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")
_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT)
_ONE_CHAR = (_sre.LITERAL, _sre.NOT_LITERAL, _sre.ANY, _sre.IN)
_ASSERTS = (_sre.ASSERT, _sre.ASSERT_NOT)
#: Characters of a number (digits, Chinese and financial numerals, the decimal point, 点):
#: an unbounded repeat of a class of these (``[\d一二两三]+``) consumes at most the longest
#: run of them in the text, which :class:`TextIndex` measures.
NUMERIC = frozenset("零〇一二两三四五六七八九十百千万亿几半点壹贰叁肆伍陆柒捌玖拾佰仟.")
#: A range of code points wider than this is not read as numeric (``0-9`` is).
_NUMERIC_RANGE = 16

#: A reach: a fixed count of characters plus a count of numeric runs (each at most the
#: longest run of :data:`NUMERIC` characters or digits in the text), or ``None`` where nothing
#: bounds it.
Reach = tuple[int, int] | None


class _Unsupported(Exception):
    """The pattern uses something windows cannot read."""


def _is_digit_category(av: Any) -> bool:
    return av is _sre.CATEGORY_DIGIT or av is _sre.CATEGORY_UNI_DIGIT


def _numeric_char(code: int) -> bool:
    return chr(code) in NUMERIC or chr(code).isdecimal()


def _numeric_item(op: Any, av: Any) -> bool:
    """Whether one-character item ``op, av`` only matches numeric characters."""
    if op is _sre.LITERAL:
        return _numeric_char(av)
    if op is not _sre.IN:
        return False
    for inner_op, value in av:
        if inner_op is _sre.CATEGORY:
            ok = _is_digit_category(value)
        elif inner_op is _sre.LITERAL:
            ok = _numeric_char(value)
        elif inner_op is _sre.RANGE:
            low, high = value
            ok = high - low <= _NUMERIC_RANGE and all(map(_numeric_char, range(low, high + 1)))
        else:
            ok = False
        if not ok:
            return False
    return True


def _add(a: Reach, b: Reach) -> Reach:
    if a is None or b is None:
        return None
    return (a[0] + b[0], a[1] + b[1])


def _reach(items: Any) -> Reach:
    """An upper bound on the characters a match attempt reads from its start (lookaheads
    counted as if they consumed): fixed characters and numeric runs (an unbounded repeat of
    one numeric character class), or ``None`` where nothing bounds it."""
    total: Reach = (0, 0)
    for op, av in items:
        part: Reach
        if op in _ONE_CHAR:
            part = (1, 0)
        elif op is _sre.AT:
            continue
        elif op in _ASSERTS:
            if av[0] < 0:  # a lookbehind reads before the position only
                continue
            part = _reach(av[1])
        elif op is _sre.SUBPATTERN:
            if av[1] or av[2]:  # inline flags
                raise _Unsupported
            part = _reach(av[-1])
        elif op is _sre.ATOMIC_GROUP:
            part = _reach(av)
        elif op is _sre.BRANCH:
            bounded = [r for r in map(_reach, av[1]) if r is not None]
            if len(bounded) < len(av[1]):
                part = None
            else:  # an upper bound of each branch's reach
                part = (max(p[0] for p in bounded), max(p[1] for p in bounded))
        elif op in _REPEATS:
            body = list(av[2])
            if av[1] == _sre.MAXREPEAT:
                numeric = len(body) == 1 and _numeric_item(*body[0])
                # the repeat consumes one run of numeric characters, at most the longest
                part = (0, 1) if numeric else None
            else:
                sub = _reach(body)
                part = None if sub is None else (av[1] * sub[0], av[1] * sub[1])
        else:  # GROUPREF, GROUPREF_EXISTS, ...
            raise _Unsupported
        total = _add(total, part)
    return total


def _class_chars(av: Any) -> Literals | None:
    out: set[str] = set()
    for op, value in av:
        if op is not _sre.LITERAL:
            return None
        out.add(chr(value))
    return frozenset(out) if len(out) <= MAX_CHARS else None


def _score(lits: Literals) -> tuple[int, int]:
    return (min(map(len, lits)), -len(lits))


def _candidates(items: Any) -> list[Literals]:
    """Literal sets, each of which every match of the sequence ``items`` holds one of."""
    out: list[Literals] = []
    run: list[str] = []
    for op, av in items:
        if op is _sre.LITERAL:
            run.append(chr(av))
            continue
        if op is _sre.AT or op in _ASSERTS:
            continue  # zero width: the literals either side are still adjacent
        if run:
            out.append(frozenset({"".join(run)}))
            run = []
        found: Literals | None = None
        if op is _sre.IN:
            found = _class_chars(av)
        elif op is _sre.SUBPATTERN:
            found = best_set(_candidates(av[-1]))
        elif op is _sre.ATOMIC_GROUP:
            found = best_set(_candidates(av))
        elif op is _sre.BRANCH:
            sets = [best_set(_candidates(b)) for b in av[1]]
            if all(s is not None for s in sets):
                found = frozenset().union(*(s for s in sets if s is not None))
        elif op in _REPEATS and av[0] >= 1:
            found = best_set(_candidates(av[2]))
        if found and len(found) <= MAX_LITERALS:
            out.append(found)
    if run:
        out.append(frozenset({"".join(run)}))
    return out


def literal_sets(items: Any) -> tuple[tuple[str, ...], ...]:
    """Literal sets of the parsed sequence ``items``: every match holds one literal of each."""
    return tuple(tuple(sorted(s)) for s in _candidates(items))


def top_alternatives(items: Any) -> list[list[Any]] | None:
    """The alternatives of the parsed sequence ``items`` when it is one alternation (groups
    around it looked through), each as a parsed sequence; ``None`` otherwise."""
    items = list(items)
    while len(items) == 1 and items[0][0] is _sre.SUBPATTERN:
        items = list(items[0][1][-1])
    if len(items) == 1 and items[0][0] is _sre.BRANCH:
        return [list(b) for b in items[0][1][1]]
    return None


def best_set(sets: list[Literals]) -> Literals | None:
    """The set of ``sets`` whose literals are likely rarest (longest shortest literal, then
    fewest literals)."""
    return max(sets, key=_score) if sets else None


@lru_cache(maxsize=8)
def char_table(chars: str) -> npt.NDArray[np.bool_]:
    """Code point -> whether it is one of ``chars`` (built once per set)."""
    table = np.zeros(0x110000, dtype=np.bool_)
    table[[ord(c) for c in chars]] = True
    return table


@lru_cache(maxsize=1)
def _numeric_chars() -> str:
    """:data:`NUMERIC` and every decimal digit (what ``\\d`` matches)."""
    return "".join(NUMERIC) + "".join(re.findall(r"\d", "".join(map(chr, range(0x110000)))))


#: Bigram hashes take this many bits (a table of 2**BITS counts per text).
BITS = 20
_MULT = np.uint64(0x9E3779B97F4A7C15)
_SHIFT = np.uint64(64 - BITS)


def _pair_hash(a: int, b: int) -> int:
    """The hash :class:`TextIndex` gives the bigram of code points ``a``, ``b``."""
    return int((((a << 21 | b) * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF) >> (64 - BITS))


@dataclass(frozen=True)
class TextIndex:
    """Per text: the hash of the bigram at each position, and counts of bigram hashes and of
    code points modulo 2**16 (upper bounds on each bigram's and character's count)."""

    pairs: npt.NDArray[np.int32]
    pair_counts: npt.NDArray[np.int32]
    char_counts: npt.NDArray[np.int64]
    codes: npt.NDArray[np.uint32]

    @classmethod
    def of(cls, text: str) -> TextIndex:
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        wide = codes.astype(np.uint64)
        pairs = (((wide[:-1] << np.uint64(21) | wide[1:]) * _MULT) >> _SHIFT).astype(np.int32)
        return cls(
            pairs,
            np.bincount(pairs, minlength=1 << BITS).astype(np.int32),
            np.bincount(codes & 0xFFFF, minlength=0x10000),
            codes,
        )

    @cached_property
    def numeric_run(self) -> int:
        """The longest run of numeric characters (:data:`NUMERIC`, decimal digits)."""
        codes = self.codes
        inside = char_table(_numeric_chars())[codes]
        if not inside.any():
            return 0
        gaps = np.flatnonzero(~inside)
        edges = np.concatenate(([-1], gaps, [len(codes)]))
        return int(np.diff(edges).max()) - 1

    @cached_property
    def _estimates(self) -> dict[str, tuple[int, int]]:
        """:meth:`estimate` memoised (rules share literals: 收益, 本金, 保证 …)."""
        return {}

    def lacks(self, sets: tuple[tuple[str, ...], ...]) -> bool:
        """Whether the text holds no literal of some set of ``sets`` (a match needing one of
        each cannot occur)."""
        return any(all(self.estimate(lit)[0] == 0 for lit in lits) for lits in sets)

    def estimate(self, lit: str) -> tuple[int, int]:
        """An upper bound on the occurrences of ``lit`` and the offset of its rarest bigram (or
        character, for one character)."""
        memo = self._estimates
        found = memo.get(lit)
        if found is None:
            if len(lit) == 1:
                found = int(self.char_counts[ord(lit) & 0xFFFF]), 0
            else:
                counts = self.pair_counts
                found = min((int(counts[h]), k) for k, h in enumerate(_literal_pairs(lit)))
            memo[lit] = found
        return found


@lru_cache(maxsize=65536)
def _literal_pairs(lit: str) -> tuple[int, ...]:
    """The hashes of ``lit``'s bigrams, in order."""
    return tuple(_pair_hash(ord(a), ord(b)) for a, b in itertools.pairwise(lit))


#: The texts indexed last and their indexes (a creative's views are read by every rule in
#: turn); looked up by identity.
_recent: list[tuple[str, TextIndex]] = []
#: Texts kept in :data:`_recent`.
RECENT = 4


def text_index(text: str) -> TextIndex:
    """The index of ``text``, memoised for the last few texts."""
    recent = list(_recent)  # another thread may replace entries meanwhile
    for seen, index in recent:
        if seen is text:
            return index
    index = TextIndex.of(text)
    _recent[:] = [(text, index), *recent[: RECENT - 1]]
    return index


def _occurrences(
    text: str, index: TextIndex, anchors: list[tuple[str, int]]
) -> list[tuple[int, str]]:
    """Every occurrence (start, literal) of the ``anchors``' literals, overlapping ones too, in
    no particular order, found from each literal's bigram (or character) at the given offset."""
    out: list[tuple[int, str]] = []
    startswith, find = text.startswith, text.find
    by_pair: dict[int, list[tuple[str, int]]] = {}
    for lit, k in anchors:
        if len(lit) == 1:
            i = find(lit)
            while i >= 0:
                out.append((i, lit))
                i = find(lit, i + 1)
        else:
            by_pair.setdefault(_pair_hash(ord(lit[k]), ord(lit[k + 1])), []).append((lit, k))
    if by_pair:
        mark = np.zeros(1 << BITS, dtype=np.bool_)
        mark[list(by_pair)] = True
        at = np.flatnonzero(mark[index.pairs])
        for i, pair in zip(at.tolist(), index.pairs[at].tolist(), strict=True):
            for lit, k in by_pair[pair]:
                if i >= k and startswith(lit, i - k):
                    out.append((i - k, lit))
    return out


class TermTable:
    """A term list's bigram hashes, laid out to estimate every term's count at once."""

    def __init__(self, terms: tuple[str, ...]) -> None:
        self.terms = terms
        self.singles = [t for t in terms if len(t) == 1]
        self.multi = [t for t in terms if len(t) > 1]
        # Each term's first bigrams (at most _OFFSETS: any of them bounds its count).
        pairs = [list(itertools.pairwise(t))[:_OFFSETS] for t in self.multi]
        self.hashes = np.array(
            [_pair_hash(ord(a), ord(b)) for p in pairs for a, b in p], dtype=np.int64
        )
        #: The offset of each bigram in its term, and where each term's bigrams begin.
        self.offsets = np.array([k for p in pairs for k in range(len(p))], dtype=np.int64)
        sizes = np.array([len(p) for p in pairs], dtype=np.int64)
        self.firsts = np.concatenate(([0], np.cumsum(sizes)[:-1])) if len(sizes) else sizes

    def anchors(self, index: TextIndex) -> tuple[int, list[tuple[str, int]]]:
        """The estimated occurrences in all, and each term that may occur with the offset of
        its rarest bigram (0 for a one-character term)."""
        anchors: list[tuple[str, int]] = []
        est = 0
        for term in self.singles:
            count = int(index.char_counts[ord(term) & 0xFFFF])
            if count:
                est += count
                anchors.append((term, 0))
        if self.multi:
            keys = index.pair_counts[self.hashes].astype(np.int64) * _OFFSETS + self.offsets
            best = np.minimum.reduceat(keys, self.firsts)
            counts, ks = best // _OFFSETS, best % _OFFSETS
            est += int(counts.sum())
            for t in np.flatnonzero(counts).tolist():
                anchors.append((self.multi[t], int(ks[t])))
        return est, anchors


#: Bigrams read per term (a longer term is anchored on the rarest of its first ones).
_OFFSETS = 1024


@lru_cache(maxsize=256)
def _term_table(terms: tuple[str, ...]) -> TermTable:
    return TermTable(terms)


def term_occurrences(text: str, terms: tuple[str, ...]) -> list[tuple[int, str]] | None:
    """Every occurrence (start, term) of ``terms`` in long ``text``, overlapping ones too (what
    an Aho-Corasick automaton reports), or ``None`` where the terms are too frequent in the text
    for this to beat the automaton's walk."""
    index = text_index(text)
    est, anchors = _term_table(terms).anchors(index)
    if GATHER_COST * len(text) + TERM_COST * est > AUTOMATON_COST * len(text):
        return None
    return _occurrences(text, index, anchors)


@dataclass(frozen=True)
class Plan:
    """How to scan long text for a pattern: its literal sets and its reach."""

    #: Literal sets: every match holds a literal of each set.
    sets: tuple[tuple[str, ...], ...]
    #: Characters a match attempt reads at most, ``None`` where nothing bounds it.
    reach: int | None
    #: The pattern starts with a literal character (``re`` skips to it fast: a whole scan is
    #: cheap).
    literal_first: bool
    #: Numeric runs the reach holds beyond ``reach`` characters (unbounded repeats of a
    #: numeric class: each reads at most the text's longest run of numeric characters).
    runs: int = 0
    #: For a pattern that is one alternation: each alternative's literal sets. Per text, each
    #: alternative's rarest set is taken and their literals joined, where that beats
    #: :attr:`sets` (the alternatives' literals together may be too many to list once).
    branches: tuple[tuple[tuple[str, ...], ...], ...] = ()
    #: Each alternative's own reach (characters, numeric runs), where every one is bounded: a
    #: literal of a short alternative opens a short window.
    branch_reach: tuple[tuple[int, int], ...] = ()

    def _anchors(
        self, index: TextIndex, sets: tuple[tuple[str, ...], ...]
    ) -> tuple[int, list[tuple[str, int]]] | None:
        """The literal set of ``sets`` with the fewest estimated occurrences in the text."""
        best: tuple[int, list[tuple[str, int]]] | None = None
        for lits in sets:
            est = 0
            anchors = []
            for lit in lits:
                count, k = index.estimate(lit)
                est += count
                anchors.append((lit, k))
            if best is None or est < best[0]:
                best = (est, anchors)
        return best

    def impossible(self, index: TextIndex) -> bool:
        """Whether the indexed text holds no literal of some set every match needs (or, for
        an alternation, of every alternative): the pattern cannot match it."""
        return index.lacks(self.sets) or (
            bool(self.branches) and all(map(index.lacks, self.branches))
        )

    def spans(self, text: str, regex: re.Pattern[str]) -> list[tuple[int, int]] | None:
        """The matches ``finditer`` of the pattern finds (all non-empty) given the pattern
        compiled as ``regex``, plain or in split form (``prefilter``; the match is its group
        :data:`HIT`); ``None``: scan the whole text."""
        index = text_index(text)
        n = len(text)
        run = index.numeric_run if self.runs or self.branch_reach else 0
        reach = None if self.reach is None else self.reach + self.runs * run
        # (estimated occurrences, anchors, reach per literal: none = the pattern's)
        options: list[tuple[int, list[tuple[str, int]], dict[str, int]]] = []
        best = self._anchors(index, self.sets)
        if best is not None:
            options.append((best[0], best[1], {}))
        if self.branches:
            est = 0
            anchors: list[tuple[str, int]] = []
            reaches: dict[str, int] = {}
            for b, sets in enumerate(self.branches):
                found = self._anchors(index, sets)
                assert found is not None
                est += found[0]
                anchors += found[1]
                if self.branch_reach:
                    fixed, runs = self.branch_reach[b]
                    for lit, _ in found[1]:
                        reaches[lit] = max(reaches.get(lit, 0), fixed + runs * run)
            options.append((est, anchors, reaches))
        assert options
        if min(o[0] for o in options) == 0:
            return []  # some literal every match needs cannot occur
        if reach is None:
            return None

        def cost(option: tuple[int, list[tuple[str, int]], dict[str, int]]) -> float:
            est, anchors, reaches = option
            if not reaches:
                return (WINDOW_COST + REACH_COST * reach) * est
            return sum(
                (WINDOW_COST + REACH_COST * reaches.get(lit, reach)) * index.estimate(lit)[0]
                for lit, _ in anchors
            )

        chosen = min(options, key=cost)
        if (
            GATHER_COST * n + cost(chosen)
            > MAX_SHARE * (LITERAL_SCAN if self.literal_first else 1.0) * n
        ):
            return None
        _, anchors, reaches = chosen
        found_at = _occurrences(text, index, anchors)
        windows = sorted({(start - reaches.get(lit, reach), start) for start, lit in found_at})
        return self._search(text, windows, regex, reach)

    @staticmethod
    def _search(
        text: str, windows: list[tuple[int, int]], regex: re.Pattern[str], reach: int
    ) -> list[tuple[int, int]]:
        """The matches from ``windows`` of possible starts ``(low, high)``, sorted by ``low``
        (a literal at ``high``, a match starting at most its alternative's reach before it);
        each search may read ``reach`` characters past its window (the longest alternative)."""
        search, n = regex.search, len(text)
        group = HIT if HIT in regex.groupindex else 0
        out: list[tuple[int, int]] = []
        pos = 0
        k = 0
        while k < len(windows):
            # One window: possible starts [low, high], overlapping ones merged.
            low, high = windows[k]
            k += 1
            while k < len(windows) and windows[k][0] <= high + 1:
                high = max(high, windows[k][1])
                k += 1
            pos = max(pos, low)
            end = min(n, high + reach + MARGIN)
            while pos <= high:
                m = search(text, pos, end)
                if m is None or m.start() > high:
                    break
                span = m.span(group)
                out.append(span)
                pos = span[1]
        return out


@lru_cache(maxsize=1024)
def plan_for(pattern: str) -> Plan | None:
    """The windowed scan of a (plain) pattern, or ``None`` where it cannot be planned."""
    try:
        parsed = _sre_parse.parse(pattern)
        if parsed.state.flags & ~re.UNICODE or parsed.getwidth()[0] == 0:
            return None
        reach = _reach(list(parsed))
    except (re.error, _Unsupported):
        return None
    sets = literal_sets(list(parsed))
    alternatives = top_alternatives(parsed)
    branches: tuple[tuple[tuple[str, ...], ...], ...] = ()
    branch_reach: tuple[tuple[int, int], ...] = ()
    if alternatives is not None:
        per = [literal_sets(b) for b in alternatives]
        if all(per):
            branches = tuple(per)
            reaches = [_reach(b) for b in alternatives]
            if all(r is not None for r in reaches):
                branch_reach = tuple(r for r in reaches if r is not None)
    if not sets and not branches:
        return None
    items = list(parsed)
    while items and items[0][0] is _sre.SUBPATTERN:
        items = list(items[0][1][-1])
    literal_first = bool(items) and items[0][0] is _sre.LITERAL
    if reach is None:
        return Plan(sets, None, literal_first, branches=branches)
    return Plan(sets, reach[0], literal_first, reach[1], branches, branch_reach)
