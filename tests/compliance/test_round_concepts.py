"""The concepts each development round added (``concepts_dev*.py``), each checked on wordings
of its own, not the set's text: the rule must catch other ways of saying the same thing and
leave legal copy alone."""

from __future__ import annotations

import pytest
from tests.compliance import (
    concepts_dev9,
    concepts_dev10,
    concepts_dev11,
    concepts_dev12,
    concepts_dev13,
    concepts_dev14,
    concepts_dev15,
    concepts_dev16,
    concepts_dev17,
    concepts_dev18,
    concepts_dev19,
    concepts_dev20,
    concepts_dev21,
    concepts_dev22,
    concepts_dev23,
    concepts_dev24,
    concepts_dev25,
    concepts_dev26,
    concepts_dev27,
    concepts_dev28,
    concepts_dev29,
    concepts_dev30,
    concepts_dev31,
    concepts_dev32,
    concepts_dev33,
    concepts_dev34,
    concepts_dev35,
    concepts_dev36,
    concepts_dev37,
    concepts_dev38,
    concepts_dev39,
    concepts_dev40,
    concepts_dev41,
    concepts_dev42,
    concepts_dev43,
    concepts_dev44,
    concepts_dev45,
    concepts_dev46,
    concepts_dev47,
    concepts_dev48,
    concepts_dev49,
    concepts_dev50,
    concepts_dev51,
    concepts_dev52,
    concepts_dev53,
    concepts_dev54,
    concepts_dev55,
    concepts_dev56,
    concepts_dev57,
    concepts_dev58,
    concepts_dev59,
    concepts_dev60,
    concepts_dev61,
    concepts_dev62,
    concepts_dev63,
    concepts_dev64,
    concepts_dev65,
    concepts_dev66,
    concepts_dev67,
    concepts_dev68,
    concepts_tail,
)
from tests.compliance.concept_cases import ACCEPT, CLEAN, verdict

from huashu.compliance import Checker

ROUNDS = {
    "dev9": concepts_dev9,
    "dev10": concepts_dev10,
    "dev11": concepts_dev11,
    "dev12": concepts_dev12,
    "dev13": concepts_dev13,
    "dev14": concepts_dev14,
    "dev15": concepts_dev15,
    "dev16": concepts_dev16,
    "dev17": concepts_dev17,
    "dev18": concepts_dev18,
    "dev19": concepts_dev19,
    "dev20": concepts_dev20,
    "dev21": concepts_dev21,
    "dev22": concepts_dev22,
    "dev23": concepts_dev23,
    "dev24": concepts_dev24,
    "dev25": concepts_dev25,
    "dev26": concepts_dev26,
    "dev27": concepts_dev27,
    "dev28": concepts_dev28,
    "dev29": concepts_dev29,
    "dev30": concepts_dev30,
    "dev31": concepts_dev31,
    "dev32": concepts_dev32,
    "dev33": concepts_dev33,
    "dev34": concepts_dev34,
    "dev35": concepts_dev35,
    "dev36": concepts_dev36,
    "dev37": concepts_dev37,
    "dev38": concepts_dev38,
    "dev39": concepts_dev39,
    "dev40": concepts_dev40,
    "dev41": concepts_dev41,
    "dev42": concepts_dev42,
    "dev43": concepts_dev43,
    "dev44": concepts_dev44,
    "dev45": concepts_dev45,
    "dev46": concepts_dev46,
    "dev47": concepts_dev47,
    "dev48": concepts_dev48,
    "dev49": concepts_dev49,
    "dev50": concepts_dev50,
    "dev51": concepts_dev51,
    "dev52": concepts_dev52,
    "dev53": concepts_dev53,
    "dev54": concepts_dev54,
    "dev55": concepts_dev55,
    "dev56": concepts_dev56,
    "dev57": concepts_dev57,
    "dev58": concepts_dev58,
    "dev59": concepts_dev59,
    "dev60": concepts_dev60,
    "dev61": concepts_dev61,
    "dev62": concepts_dev62,
    "dev63": concepts_dev63,
    "dev64": concepts_dev64,
    "dev65": concepts_dev65,
    "dev66": concepts_dev66,
    "dev67": concepts_dev67,
    "dev68": concepts_dev68,
    "tail": concepts_tail,
}
CASES = [(name, *case) for name, mod in ROUNDS.items() for case in mod.CASES]
CLEAN_CASES = [
    (name, *case) for name, mod in ROUNDS.items() for case in getattr(mod, "CLEAN_CASES", [])
]


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker.from_packs()


@pytest.mark.parametrize(
    ("round_", "concept", "industry", "channel", "text", "expected"),
    CASES,
    ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(CASES)],
)
def test_concept(
    checker: Checker,
    round_: str,
    concept: str,
    industry: str,
    channel: str,
    text: str,
    expected: str,
) -> None:
    assert verdict(checker, text, industry, channel) in ACCEPT[expected], (round_, concept)


@pytest.mark.parametrize(
    ("round_", "concept", "industry", "channel", "text"),
    CLEAN_CASES,
    ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(CLEAN_CASES)],
)
def test_clean(
    checker: Checker, round_: str, concept: str, industry: str, channel: str, text: str
) -> None:
    assert verdict(checker, text, industry, channel) in CLEAN["pass"], (round_, concept)
