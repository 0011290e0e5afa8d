"""Word boundaries for rules with ``boundaries: true``: a term hit that straddles two words of
the copy (确保|本金, 余额宝|本月) or runs across a clause break between two words (保障，收益) is
not the term. Words come from jieba's dictionary (no HMM guesses) over a window of the original
text, the brand's own terms added; jieba's dictionary is read on the first hit that needs it,
a first character at a time (:mod:`huashu.worddict`)."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING

from huashu.compliance.normalize import View

if TYPE_CHECKING:
    import jieba


class Segmenter:
    """Word boundaries from jieba's dictionary, loaded on first use; thread-safe; words added
    (a brand's product names) stay for the segmenter's life. One per checker."""

    #: Characters of the original text read on each side of a hit.
    WINDOW = 8
    #: Hits longer than this (normalised characters) are not checked.
    SHORT = 2

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tokenizer: jieba.Tokenizer | None = None
        self._words: set[str] = set()
        self._memo: dict[tuple[str, int, int], bool] = {}

    #: Everyday words that hold a listed term without meaning it, added to jieba's dictionary
    #: where it lacks them: a hit inside one is dropped (治愈系, soothing, is not a cure), and
    #: one cut through is no hit either (如意宝|息费 is not 宝息, 保息).
    EVERYDAY = ("治愈系", "息费")

    def _load(self) -> jieba.Tokenizer:
        if self._tokenizer is None:
            from huashu.worddict import tokenizer

            loaded = tokenizer()
            for word in self.EVERYDAY:
                # frequent enough to win over a rare neighbour (息|费全免 in jieba's table)
                loaded.add_word(word, freq=max(loaded.suggest_freq(word), 2000))
            self._tokenizer = loaded
        return self._tokenizer

    def add_words(self, words: Iterable[str]) -> None:
        """Make ``words`` (a brand's names and terms) whole words of the dictionary."""
        new = {w.strip() for w in words if len(w.strip()) >= 2} - self._words
        if not new:
            return
        with self._lock:
            tokenizer = self._load()
            for word in sorted(new):
                tokenizer.add_word(word, freq=max(tokenizer.suggest_freq(word), 5))
            self._words |= new
            self._memo.clear()

    def straddles(self, original: str, start: int, end: int) -> bool:
        """Whether ``original[start:end]`` cuts through a dictionary word at either edge (a
        word that holds the whole span, such as 第一名 for 第一, does not count)."""
        lo = max(0, start - self.WINDOW)
        window = original[lo : end + self.WINDOW]
        key = (window, start - lo, end - lo)
        found = self._memo.get(key)
        if found is not None:
            return found
        with self._lock:
            tokens = list(self._load().tokenize(window, HMM=False))
        s, e = start - lo, end - lo
        holding = [w for w, ts, te in tokens if ts <= s and te >= e]
        if holding:
            # a word that holds the hit keeps it (第一名 for 第一), unless it is an everyday
            # word that only looks like the term (治愈系 for 治愈)
            found = any(w in self.EVERYDAY for w in holding)
        else:
            starts = {ts for _, ts, _ in tokens}
            ends = {te for _, _, te in tokens}
            found = not (s in starts and e in ends)
        if len(self._memo) > 100_000:
            self._memo.clear()
        self._memo[key] = found
        return found

    def keep(
        self, original: str, view: View, spans: list[tuple[int, int]], *, terms: bool = True
    ) -> list[tuple[int, int]]:
        """``spans`` of ``view`` that do not straddle two words of ``original``. Only hits of
        at most :attr:`SHORT` characters are read: a longer term is a phrase of its own (保本
        inside 确保本金 is an accident; 不用吃药 before 片 is not), unless a clause ends inside
        it between two words (保险首先是保障，收益那部分… is not 保障收益) and the hit is a
        listed term (``terms``; a pattern may be written to read across clauses: 花多少，报多少)."""
        kept = []
        for s, e in spans:
            a, b = view.original_span(s, e)
            if e - s > self.SHORT:
                if not (terms and split_by_clause(original[a:b])):
                    kept.append((s, e))
            elif not self.straddles(original, a, b):
                kept.append((s, e))
        return kept


#: Punctuation that ends a clause: a term read across it joins the end of one clause to the
#: start of the next.
_CLAUSE_BREAK = re.compile(r"[，。！？；,;!?]+")


def split_by_clause(hit: str) -> bool:
    """Whether ``hit`` (original text) runs across a clause break with a word of at least two
    characters on each side (保障，收益), not a single character set apart to slip past a
    filter (保，本), nor a slogan of parallel clauses, which share a word (花多少，报多少)."""
    parts = _CLAUSE_BREAK.split(hit)
    if len(parts) < 2 or not all(sum(ch.isalnum() for ch in part) >= 2 for part in parts):
        return False
    shared = set(parts[0]).intersection(*parts[1:])
    return not any(ch.isalnum() for ch in shared)
