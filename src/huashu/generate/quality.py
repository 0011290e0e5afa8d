"""Variety of generated copy: character n-gram similarity, near-duplicate dropping and the
diversity figures reported per batch (distinct-n, mean and max pairwise similarity)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from huashu.domain import Creative

#: Jaccard similarity of character bigrams above which two creatives count as near-duplicates.
DUPLICATE_THRESHOLD = 0.9


def ngrams(text: str, n: int = 2) -> frozenset[str]:
    chars = "".join(ch for ch in text if not ch.isspace())
    if len(chars) < n:
        return frozenset([chars]) if chars else frozenset()
    return frozenset(chars[i : i + n] for i in range(len(chars) - n + 1))


def similarity(a: str, b: str, n: int = 2) -> float:
    """Jaccard similarity of the character n-gram sets of ``a`` and ``b`` (1.0 = same set)."""
    ga, gb = ngrams(a, n), ngrams(b, n)
    if not ga and not gb:
        return 1.0
    return len(ga & gb) / len(ga | gb)


def dedupe(
    creatives: Sequence[Creative],
    threshold: float = DUPLICATE_THRESHOLD,
    against: Sequence[str] = (),
) -> tuple[list[Creative], list[Creative]]:
    """(kept, dropped): a creative is dropped when its text is at least ``threshold`` similar
    to an earlier kept one or to any text in ``against`` (copy that already exists)."""
    kept: list[Creative] = []
    dropped: list[Creative] = []
    seen = [ngrams(t) for t in against]
    for c in creatives:
        grams = ngrams(c.text)
        if any(jaccard(grams, g) >= threshold for g in seen):
            dropped.append(c)
            continue
        kept.append(c)
        seen.append(grams)
    return kept, dropped


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 1.0


@dataclass(frozen=True)
class Diversity:
    count: int
    distinct_1: float
    distinct_2: float
    mean_similarity: float
    max_similarity: float

    def as_dict(self) -> dict[str, float]:
        return {
            "count": self.count,
            "distinct_1": round(self.distinct_1, 4),
            "distinct_2": round(self.distinct_2, 4),
            "mean_similarity": round(self.mean_similarity, 4),
            "max_similarity": round(self.max_similarity, 4),
        }


def diversity(texts: Sequence[str]) -> Diversity:
    """distinct-n: unique character n-grams over all n-grams in the batch; similarity: the
    bigram Jaccard of every pair (0 for fewer than two texts)."""

    def distinct(n: int) -> float:
        total = 0
        unique: set[str] = set()
        for t in texts:
            chars = "".join(ch for ch in t if not ch.isspace())
            grams = [chars[i : i + n] for i in range(max(len(chars) - n + 1, 0))]
            total += len(grams)
            unique.update(grams)
        return len(unique) / total if total else 0.0

    grams = [ngrams(t) for t in texts]
    sims = [jaccard(a, b) for a, b in itertools.combinations(grams, 2)]
    return Diversity(
        count=len(texts),
        distinct_1=distinct(1),
        distinct_2=distinct(2),
        mean_similarity=sum(sims) / len(sims) if sims else 0.0,
        max_similarity=max(sims, default=0.0),
    )
