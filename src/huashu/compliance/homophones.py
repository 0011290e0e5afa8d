"""Homophone matching: a term also matches where its characters are swapped for characters
with the same primary pinyin reading, tone included (保苯 for 保本), or spelled in pinyin
(wen赚, baoben). Text is mapped to one representative character per reading and matched with
Aho-Corasick. A term of three or more characters also matches with one character swapped for
one read the same but for its tone (稳转不赔 for 稳赚不赔).
A hit must keep at least one of the term's own characters or a pinyin spelling, so an unrelated
word that happens to sound alike (港队 for 刚兑) is not a hit."""

from __future__ import annotations

import importlib.util
import json
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import ahocorasick
import numpy as np
import numpy.typing as npt

from huashu.compliance.matcher import Span, leftmost_longest
from huashu.compliance.windows import WINDOW_FROM, term_occurrences


@lru_cache(maxsize=4096)
def toneless(reading: str) -> str:
    """``lǜ`` -> ``lv``; ``bǎo`` -> ``bao`` (memoised: some 1,500 readings, 40,000 characters)."""
    nfd = unicodedata.normalize("NFD", reading).replace("u\u0308", "v")
    return "".join(c for c in nfd if not unicodedata.combining(c))


def spellings(reading: str) -> tuple[str, ...]:
    """How a reading is typed without tones: ``lǜ`` as ``lv`` (the input methods' way) or
    ``lu``; any other reading one way (``bǎo`` -> ``bao``)."""
    bare = toneless(reading)
    return (bare, bare.replace("v", "u")) if "v" in bare else (bare,)


@lru_cache(maxsize=1)
def pinyin_readings() -> dict[int, str]:
    """pypinyin's table code point -> readings (``"bǎo,bāo"``), read from its data file: the
    ``pypinyin`` package itself is not imported, since it loads a phrase dictionary of some
    200,000 Python objects that every full garbage collection of the process then walks."""
    spec = importlib.util.find_spec("pypinyin")
    locations = spec.submodule_search_locations if spec is not None else None
    data = Path(locations[0]) / "pinyin_dict.json" if locations else None
    if data is None or not data.is_file():  # pragma: no cover - another pypinyin layout
        from pypinyin.pinyin_dict import pinyin_dict

        return dict(pinyin_dict)
    raw: dict[str, str] = json.loads(data.read_text("utf-8"))
    return {int(code): reading for code, reading in raw.items()}


@lru_cache(maxsize=1)
def _representatives() -> npt.NDArray[np.uint32]:
    """Code point -> the first character with the same primary reading, tone included (all
    characters read ``bǎo`` map to one); other code points map to themselves."""
    table = np.arange(0x110000, dtype=np.uint32)
    first: dict[str, int] = {}
    readings = pinyin_readings()
    for code in sorted(readings):
        table[code] = first.setdefault(readings[code].split(",")[0], code)
    return table


@lru_cache(maxsize=1)
def _toneless_representatives() -> npt.NDArray[np.uint32]:
    """Code point -> the first character with the same primary reading, tone ignored (赚
    zhuàn and 转 zhuǎn map to one); other code points map to themselves."""
    table = np.arange(0x110000, dtype=np.uint32)
    first: dict[str, int] = {}
    readings = pinyin_readings()
    for code in sorted(readings):
        table[code] = first.setdefault(toneless(readings[code].split(",")[0]), code)
    return table


@lru_cache(maxsize=8)
def flat_sound(text: str) -> str:
    """``text`` with every character replaced by its toneless reading's representative."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return _toneless_representatives()[codes].tobytes().decode("utf-32-le", "surrogatepass")


#: Terms this long also match with one character swapped for one read the same but for its
#: tone (稳转不赔 for 稳赚不赔); shorter ones would catch ordinary words.
TONELESS_FROM = 3


def _one_swap(term: str, hit: str) -> bool:
    """At most one character read the same but for its tone; any others the same or read
    exactly the same (稳转不陪 for 稳赚不赔: 转 differs in tone, 陪 not at all)."""
    if len(term) != len(hit):
        return False
    reps = _representatives()
    toned = sum(
        a != b and int(reps[ord(a)]) != int(reps[ord(b)]) for a, b in zip(term, hit, strict=True)
    )
    return toned <= 1


def _primary(ch: str) -> str | None:
    raw = pinyin_readings().get(ord(ch))
    return raw.split(",")[0] if raw else None


@lru_cache(maxsize=8)
def sound(text: str) -> str:
    """``text`` with every character replaced by its reading's representative (same length)."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return _representatives()[codes].tobytes().decode("utf-32-le", "surrogatepass")


def _variants(term: str) -> set[str]:
    """The term as sounds, each of its first six characters also spelled in pinyin."""
    out = {""}
    for k, ch in enumerate(term):
        reading = _primary(ch)
        options = {sound(ch)}
        if reading is not None and k < 6:
            options.update(spellings(reading))
        out = {v + o for v in out for o in options}
    return out


#: Characters that end product names (余额宝, 零钱宝, 招财宝): a hit of three or more
#: characters that borrows one of them as its only changed sound, first and right after
#: another Han character, is the name's end before an ordinary word (零钱宝收益 is the fund's
#: return, not 保收益). Two-character hits are left to word boundaries (余额宝|本月), and a
#: second swapped character (理财宝本宝息) keeps the hit.
NAME_ENDINGS = frozenset("宝")


def _ends_a_name(text: str, start: int, term: str) -> bool:
    first = text[start]
    return (
        len(term) >= 3
        and start > 0
        and first in NAME_ENDINGS
        and first != term[0]
        and text[start + 1 : start + len(term)] == term[1:]
        and "\u3400" <= text[start - 1] <= "\u9fff"
    )


class HomophoneMatcher:
    """Leftmost-longest matches of the terms, their homophones and pinyin spellings."""

    def __init__(self, terms: Iterable[str]) -> None:
        self.terms = tuple(sorted(set(terms) - {""}, key=lambda t: (-len(t), t)))
        self._automaton = ahocorasick.Automaton()
        #: variant -> (term index, length), as the automaton holds it (the first term's)
        self._variant_of: dict[str, tuple[int, int]] = {}
        for i, term in enumerate(self.terms):
            for variant in _variants(term):
                if variant not in self._variant_of:
                    self._variant_of[variant] = (i, len(variant))
                    self._automaton.add_word(variant, (i, len(variant)))
        self._variants = tuple(self._variant_of)
        if self.terms:
            self._automaton.make_automaton()
        self._toneless = ahocorasick.Automaton()
        #: toneless key -> (term index, length), as the toneless automaton holds it
        self._toneless_of: dict[str, tuple[int, int]] = {}
        for i, term in enumerate(self.terms):
            if len(term) >= TONELESS_FROM and all(_primary(c) for c in term):
                key = flat_sound(term)
                if key not in self._toneless_of:
                    self._toneless_of[key] = (i, len(term))
                    self._toneless.add_word(key, (i, len(term)))
        self._toneless_keys = tuple(self._toneless_of)
        self._has_toneless = len(self._toneless) > 0
        if self._has_toneless:
            self._toneless.make_automaton()

    def _keep(self, term: str, hit: str) -> bool:
        return hit == term or any("a" <= c <= "z" for c in hit) or bool(set(term) & set(hit))

    @staticmethod
    def _matches(
        view: str,
        automaton: ahocorasick.Automaton,
        keys: tuple[str, ...],
        key_of: dict[str, tuple[int, int]],
    ) -> Iterable[tuple[int, tuple[int, int]]]:
        """(end, (term index, length)) of every key in ``view``: in very long text from the
        keys' rarest bigrams where they are rare, else by the automaton's walk."""
        near = term_occurrences(view, keys) if len(view) >= WINDOW_FROM else None
        if near is None:
            return automaton.iter(view)  # type: ignore[no-any-return]
        return ((s + len(k) - 1, key_of[k]) for s, k in near)

    def _hits(self, text: str) -> list[tuple[int, int, str]]:
        if not self.terms or not text:
            return []
        found: dict[Span, str] = {}
        for end, (i, n) in self._matches(
            sound(text), self._automaton, self._variants, self._variant_of
        ):
            s, e = end + 1 - n, end + 1
            if self._keep(self.terms[i], text[s:e]) and not _ends_a_name(text, s, self.terms[i]):
                found.setdefault((s, e), self.terms[i])
        if self._has_toneless:
            for end, (i, n) in self._matches(
                flat_sound(text), self._toneless, self._toneless_keys, self._toneless_of
            ):
                s, e = end + 1 - n, end + 1
                if (
                    (s, e) not in found
                    and _one_swap(self.terms[i], text[s:e])
                    and not _ends_a_name(text, s, self.terms[i])
                ):
                    found[(s, e)] = self.terms[i]
        return [(s, e, found[(s, e)]) for s, e in leftmost_longest(found)]

    def spans(self, text: str) -> list[Span]:
        return [(s, e) for s, e, _ in self._hits(text)]

    def search(self, text: str) -> bool:
        return bool(self._hits(text))

    def term_for(self, hit: str) -> str | None:
        """The term a hit stands for (``None`` if no term matches it whole)."""
        found = [t for s, e, t in self._hits(hit) if (s, e) == (0, len(hit))]
        return found[0] if found else None


def homophone_matcher(terms: Iterable[str]) -> HomophoneMatcher:
    return HomophoneMatcher(terms)
