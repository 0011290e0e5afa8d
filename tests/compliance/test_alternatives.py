"""Dropping the alternatives a long text cannot match (compliance/alternatives.py): the source
is split where ``re`` splits it, only impossible alternatives go, order is kept, and the
matches are exactly those of the whole pattern."""

from __future__ import annotations

import random
import re

from huashu.compliance import alternatives, windows
from huashu.compliance.prefilter import _PLAIN, fast_pattern, hit_spans, may_match, whole_spans

FILLER = "普通的说明文字，没有别的内容。"


def _long(*pieces: str) -> str:
    """The pieces spread through filler, long enough to be indexed."""
    n = windows.WINDOW_FROM // len(FILLER) // max(1, len(pieces)) + 1
    return "".join(FILLER * n + p for p in pieces) + FILLER * n


def test_split_top_reads_classes_groups_and_escapes() -> None:
    assert alternatives.split_top(r"a|b[|]c|(?:d|e)|\|f") == ["a", "b[|]c", "(?:d|e)", r"\|f"]
    assert alternatives.split_top("[]|]x|y") == ["[]|]x", "y"]
    assert alternatives.split_top("[^]|]x|y") == ["[^]|]x", "y"]
    assert alternatives.split_top(r"[\]|]x|y") == [r"[\]|]x", "y"]
    assert alternatives.split_top("(?:a|b)") is None  # no top-level bar
    assert alternatives.split_top("a|b)") is None
    assert alternatives.split_top("(a|b") is None


def _words(n: int) -> list[str]:
    return [chr(0x5000 + 3 * i) + chr(0x5001 + 3 * i) for i in range(n)]


def test_patterns_that_are_not_pruned() -> None:
    words = _words(10)
    assert alternatives.alternatives("|".join(words[:3])) is None  # too few
    assert alternatives.alternatives("(?i)" + "|".join(words)) is None  # flags
    assert alternatives.alternatives("(a)\\1|" + "|".join(words)) is None  # a backreference
    assert alternatives.alternatives("(?:" + "|".join(words) + ")") is None  # one group
    found = alternatives.alternatives("|".join(words))
    assert found is not None and [s for s, _ in found] == words


def test_live_pattern_keeps_the_possible_alternatives_in_order() -> None:
    words = _words(10)
    pattern = "|".join(f"{w}[^。]{{0,4}}?保本" for w in words)
    text = _long(words[7] + "理财保本", words[2] + "保本")
    live = alternatives.live_pattern(pattern, windows.text_index(text))
    assert live == f"{words[2]}[^。]{{0,4}}?保本|{words[7]}[^。]{{0,4}}?保本"
    assert alternatives.live_pattern(pattern, windows.text_index(_long("保本"))) == ""
    every = _long(*(w + "保本" for w in words))
    assert alternatives.live_pattern(pattern, windows.text_index(every)) is None


def test_the_first_alternative_that_matches_still_wins() -> None:
    # 收益稳 comes before 收益稳定 and both can match at one position: finditer takes the
    # first; dropping dead alternatives between them must not change that.
    words = _words(10)
    pattern = "|".join([*words[:4], "收益稳", *words[4:8], "收益稳定", "稳定[^。]{0,3}收益"])
    regex = re.compile(fast_pattern(pattern))
    text = _long("收益稳定。", "稳定的收益", words[5])
    assert alternatives.live_pattern(pattern, windows.text_index(text)) is not None
    expected = [m.span() for m in re.finditer(pattern, text)]
    assert hit_spans(regex, text) == whole_spans(regex, text) == expected
    assert [text[s:e] for s, e in expected] == ["收益稳", "稳定的收益", words[5]]


def test_nothing_possible_means_no_match_and_no_search() -> None:
    words = _words(12)
    pattern = "|".join(f"{w}保本" for w in words)
    regex = re.compile(fast_pattern(pattern))
    text = _long("保本", "理财")
    assert hit_spans(regex, text) == []
    assert not may_match(regex, text)
    assert may_match(regex, text[:100])  # short text: not indexed, may match
    assert may_match(regex, _long(words[3] + "保本"))
    # a plain pattern that needs a literal the text lacks
    assert not may_match(re.compile("保证[^。]{0,4}收益"), _long("收益", "保本"))


def test_random_alternations_match_as_the_whole_pattern() -> None:
    rng = random.Random(11)
    alphabet = "保本收益稳定赚不亏，。"
    for _ in range(40):
        branches = []
        for _ in range(rng.randint(8, 20)):
            a, b = rng.choice(alphabet), rng.choice(alphabet)
            branches.append(rng.choice([f"{a}{b}", f"{a}[^。]{{0,2}}{b}", f"(?:{a}|{b}){a}"]))
        # alternatives of characters the text never holds
        branches += [f"{w}{rng.choice(alphabet)}" for w in _words(rng.randint(0, 10))]
        rng.shuffle(branches)
        pattern = "|".join(branches)
        text = "".join(rng.choice(alphabet) for _ in range(windows.WINDOW_FROM + 500))
        regex = re.compile(fast_pattern(pattern))
        expected = [m.span() for m in re.finditer(pattern, text) if m.end() > m.start()]
        assert hit_spans(regex, text) == expected, pattern
        assert _PLAIN.get(regex.pattern, regex.pattern) == pattern
