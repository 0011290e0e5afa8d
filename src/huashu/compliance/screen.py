"""Skipping the rules a creative cannot trigger. Checking one creative runs every applicable
rule, and for most rules and most copy the answer is "no match", found after a few
microseconds of Python per rule. A ``pattern`` or ``terms`` rule finds something only where its
matcher matches, and each match holds one literal of each of the pattern's literal sets
(:func:`windows.literal_sets`; for an alternation, of each set of one alternative) or is one of
the rule's terms. One Aho-Corasick pass over a creative's views finds which of all these
literals occur; a rule none of whose requirements can hold is not run, and its findings are
exactly the ones it would have given: none.

A built-in ``requires`` rule with a ``when`` finds something only at a match of its ``when``,
and is screened on that. Only these built-in kinds are screened (a third party's kind may find
things without a match), and not where pinyin in the copy can stand for a pattern's characters (the
copy is read with the syllables put back, :mod:`huashu.compliance.pinyin`), nor homophone
term lists (their variants are other strings). Long texts are left to the windowed scans
(:mod:`huashu.compliance.windows`)."""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Sequence
from typing import Any, Literal

import ahocorasick

from huashu.compliance.matcher import RegexMatcher, TermMatcher
from huashu.compliance.prefilter import plain_pattern
from huashu.compliance.rules import CompiledRule
from huashu.compliance.windows import best_set, literal_sets, top_alternatives

_sre_parse: Any = importlib.import_module("re._parser")

#: How a kind finds things: at matches of the rule's matcher (``pattern``, ``terms``), or at
#: matches of its ``when`` when its pattern is missing (``requires``).
Mode = Literal["matches", "requires"] | None
#: A literal set: every match holds one of these literals.
Literals = frozenset[str]


def pattern_literals(pattern: str) -> Literals | None:
    """One literal set of ``pattern``: its best set, or, for a top-level alternation, each
    alternative's best set together, whichever scores better (``None``: some match may hold
    no literal)."""
    parsed = _sre_parse.parse(pattern)
    options = [frozenset(s) for s in literal_sets(list(parsed))]
    alternatives = top_alternatives(parsed)
    if alternatives is not None:
        per = [[frozenset(s) for s in literal_sets(b)] for b in alternatives]
        if all(per):
            options.append(frozenset().union(*(best_set(b) or () for b in per)))
    return best_set(options)


class Screen:
    """One literal set per screened rule (and one for its ``when``), found in one pass per
    creative."""

    def __init__(self, rules: Sequence[CompiledRule], modes: Iterable[Mode]) -> None:
        """``modes``: per rule, how its kind finds things (``None``: not screened)."""
        #: literal -> the needs (indexes into the rules' need lists) it meets
        meets: dict[str, list[int]] = {}
        #: per rule: the needs that must all be met (``None``: not screened)
        self.needs: list[tuple[int, ...] | None] = []
        count = 0
        for compiled, mode in zip(rules, modes, strict=True):
            sets = None if mode is None else self._sets(compiled, mode)
            if sets is None:
                self.needs.append(None)
                continue
            ids = []
            for lits in sets:
                for lit in lits:
                    meets.setdefault(lit, []).append(count)
                ids.append(count)
                count += 1
            self.needs.append(tuple(ids))
        #: need -> its rule; rule -> how many needs it has; the rules screened
        self._rule_of = [k for k, ids in enumerate(self.needs) for _ in ids or ()]
        self._sizes = {k: len(ids) for k, ids in enumerate(self.needs) if ids is not None}
        self.screened = frozenset(self._sizes)
        self._automaton = ahocorasick.Automaton()
        for lit, needs in meets.items():
            self._automaton.add_word(lit, tuple(needs))
        if meets:
            self._automaton.make_automaton()
        self._empty = not meets

    @staticmethod
    def _regex_literals(regex: re.Pattern[str]) -> Literals | None:
        if regex.flags & ~re.UNICODE:
            return None
        try:
            return pattern_literals(plain_pattern(regex))
        except (re.error, RecursionError):
            return None

    def _sets(self, compiled: CompiledRule, mode: Mode) -> list[Literals] | None:
        """The literal sets the rule's findings need (``None``: not screened): for
        ``matches``, a match of its matcher and of its ``when``; for ``requires``, a match of
        its ``when``."""
        out: list[Literals] = []
        if mode == "requires":
            when = None if compiled.when is None else self._regex_literals(compiled.when)
            return None if when is None else [when]
        matcher = compiled.matcher
        if type(matcher) is TermMatcher and matcher.terms:
            out.append(frozenset(matcher.terms))
        elif type(matcher) is RegexMatcher:
            lits = self._regex_literals(matcher.pattern)
            if lits is None:
                return None
            out.append(lits)
        else:
            return None
        if compiled.when is not None:
            when = self._regex_literals(compiled.when)
            if when is not None:
                out.append(when)
        return out

    def met(self, texts: Iterable[str]) -> set[int]:
        """The needs that the literals occurring in ``texts`` meet."""
        found: set[int] = set()
        if self._empty:
            return found
        for text in texts:
            for _, needs in self._automaton.iter(text):
                found.update(needs)
        return found

    def firing(self, met: set[int]) -> set[int]:
        """The screened rules (indexes in the order given) whose needs ``met`` all meets: of
        the screened rules, only these can find anything in the copy."""
        counts: dict[int, int] = {}
        rule_of = self._rule_of
        for n in met:
            k = rule_of[n]
            counts[k] = counts.get(k, 0) + 1
        sizes = self._sizes
        return {k for k, c in counts.items() if c == sizes[k]}
