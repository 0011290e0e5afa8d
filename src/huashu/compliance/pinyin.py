"""Pinyin inside a pattern rule's wording: ``降压药可以tíng了``, ``年金bao证fen红``, ``颈zhui病``.

Term rules fold pinyin and homophones themselves (:mod:`huashu.compliance.homophones`); a
pattern rule reads the characters as written. So a letter run of the normalised text that
spells pinyin syllables (tone marks are already gone) is read once more with each syllable
put back as a character the rule's own pattern uses for that reading (``ting`` -> 停 for a
rule that says 停). A match of that reading counts only where it covers a syllable put back
(the plain text has the others), and it is reported on the letters as written.

Only letter runs that split wholly into at most :data:`MAX_SYLLABLES` syllables of two or more
letters are read (``spf``, ``app``, ``vip`` are not pinyin), and only when they touch a
Chinese character or follow a digit (``2kuai``): English copy stays English."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from functools import lru_cache

#: A letter run of more syllables than this is read as a word, not as pinyin.
MAX_SYLLABLES = 4
#: At most this many readings of one text are tried per rule (syllables with several
#: characters in the rule).
MAX_READINGS = 8
#: Characters a syllable may stand for in one rule (the rule's own, most frequent first).
MAX_CHARS = 4

_CJK = r"\u4e00-\u9fff"
#: A run of letters touching a Chinese character on either side, or after a digit (借1万一天2kuai).
_RUN = re.compile(rf"(?<=[{_CJK}0-9])[a-z]{{2,24}}|[a-z]{{2,24}}(?=[{_CJK}])")

Span = tuple[int, int]


@lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    """Every toneless pinyin syllable of two or more letters (``bao``, ``zhuan``)."""
    from huashu.compliance.homophones import pinyin_readings, spellings  # (imports matcher)

    out: set[str] = set()
    for readings in pinyin_readings().values():
        for reading in readings.split(","):
            for bare in spellings(reading):
                if len(bare) >= 2 and bare.isascii() and bare.isalpha():
                    out.add(bare)
    return frozenset(out)


@lru_cache(maxsize=4096)
def split(run: str) -> tuple[str, ...] | None:
    """``run`` as the fewest pinyin syllables, or ``None`` where it does not split wholly
    into at most :data:`MAX_SYLLABLES` of them."""
    known = syllables()
    best: list[tuple[str, ...] | None] = [None] * (len(run) + 1)
    best[0] = ()
    for end in range(2, len(run) + 1):
        for start in range(max(0, end - 6), end - 1):
            head = best[start]
            if head is not None and run[start:end] in known:
                cand = (*head, run[start:end])
                got = best[end]
                if got is None or len(cand) < len(got):
                    best[end] = cand
    found = best[len(run)]
    return found if found is not None and len(found) <= MAX_SYLLABLES else None


@lru_cache(maxsize=4096)
def _runs(text: str) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """Letter runs of ``text`` that are pinyin: (start, syllables)."""
    out = []
    for m in _RUN.finditer(text):
        parts = split(m.group())
        if parts is not None:
            out.append((m.start(), parts))
    return tuple(out)


def pinyin_runs(text: str) -> bool:
    """Whether ``text`` has a letter run that reads as pinyin (which a pattern's characters
    may stand for)."""
    return bool(_runs(text))


@lru_cache(maxsize=1024)
def rule_chars(pattern: str) -> dict[str, tuple[str, ...]]:
    """Toneless syllable -> the Chinese characters of ``pattern`` read so, most used first.
    Every reading of a character counts (椎 is read ``chui`` and ``zhui``; 颈zhui病 means
    颈椎病)."""
    from huashu.compliance.homophones import pinyin_readings, spellings  # (imports matcher)

    readings = pinyin_readings()
    counts: dict[str, int] = {}
    for ch in re.findall(f"[{_CJK}]", pattern):
        counts[ch] = counts.get(ch, 0) + 1
    by_sound: dict[str, list[str]] = {}
    for ch in sorted(counts, key=lambda c: (-counts[c], c)):
        raw = readings.get(ord(ch))
        sounds = (s for r in (raw or "").split(",") if r for s in spellings(r))
        for sound in dict.fromkeys(sounds):
            by_sound.setdefault(sound, []).append(ch)
    return {s: tuple(chars[:MAX_CHARS]) for s, chars in by_sound.items()}


#: Characters of the text read on each side of the syllables put back (a pattern's reach).
REACH = 60


def extra_spans(text: str, pattern: str, find: Callable[[str], list[Span]]) -> list[Span]:
    """Spans of ``text`` that ``find`` reports only once pinyin syllables are put back as the
    characters of ``pattern`` (each covering at least one of them), in ``text``'s
    coordinates; empty where ``text`` has no pinyin the pattern could mean. Each group of
    syllables is read in a window of :data:`REACH` characters on either side."""
    runs = _runs(text)
    if not runs:
        return []
    chars = rule_chars(pattern)
    # (start, end) in text of each syllable and its candidate characters
    slots: list[tuple[int, int, tuple[str, ...]]] = []
    for start, parts in runs:
        pos = start
        for part in parts:
            if part in chars:
                slots.append((pos, pos + len(part), chars[part]))
            pos += len(part)
    found: set[Span] = set()
    group: list[tuple[int, int, tuple[str, ...]]] = []
    for slot in slots:
        if group and slot[0] - group[-1][1] > REACH:
            found |= _read_window(text, group, find)
            group = []
        group.append(slot)
    if group:
        found |= _read_window(text, group, find)
    return sorted(found)


def _read_window(
    text: str, slots: list[tuple[int, int, tuple[str, ...]]], find: Callable[[str], list[Span]]
) -> set[Span]:
    lo, hi = max(0, slots[0][0] - REACH), min(len(text), slots[-1][1] + REACH)
    found: set[Span] = set()
    combos = itertools.islice(itertools.product(*(c for _, _, c in slots)), MAX_READINGS)
    for combo in combos:
        pieces: list[str] = []
        starts: list[int] = []  # restored index -> text start
        ends: list[int] = []  # restored index -> text end
        restored: set[int] = set()
        pos = lo
        for (s, e, _), ch in zip(slots, combo, strict=True):
            pieces.append(text[pos:s])
            starts.extend(range(pos, s))
            ends.extend(range(pos + 1, s + 1))
            restored.add(len(starts))
            pieces.append(ch)
            starts.append(s)
            ends.append(e)
            pos = e
        pieces.append(text[pos:hi])
        starts.extend(range(pos, hi))
        ends.extend(range(pos + 1, hi + 1))
        for s, e in find("".join(pieces)):
            if any(s <= k < e for k in restored):
                found.add((starts[s], ends[e - 1]))
    return found


def merge(plain: list[Span], extra: list[Span]) -> list[Span]:
    """``plain`` with the ``extra`` spans that overlap none of them, in order."""
    if not extra:
        return plain
    kept = [x for x in extra if not any(x[0] < e and s < x[1] for s, e in plain)]
    return sorted(plain + kept) if kept else plain
