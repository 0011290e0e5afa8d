"""Turning raw arm probabilities into a logged policy: minimum shares, exact renormalisation,
and drawing choices whose propensities are the probabilities of the chosen arms."""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from huashu.domain import InputError


def with_minimums(q: NDArray[np.float64], minimums: NDArray[np.float64]) -> NDArray[np.float64]:
    """Probabilities ``p`` with ``p >= minimums`` that keep the shape of ``q`` elsewhere.

    Arms whose scaled share would fall below their minimum are pinned to it; the rest split
    what is left in proportion to ``q`` (water-filling). When the minimums alone add up to 1
    or more, ``p`` is the minimums rescaled to sum to 1. ``q`` must sum to 1.
    """
    total_min = float(minimums.sum())
    if total_min >= 1.0:
        return minimums / total_min
    p = np.zeros_like(q)
    free = np.ones(q.shape, dtype=bool)
    remaining = 1.0
    while True:
        mass = float(q[free].sum())
        share = np.where(free, remaining * q / mass if mass > 0 else 0.0, 0.0)
        pinned = free & (share < minimums)
        if not pinned.any():
            p[free] = share[free]
            break
        p[pinned] = minimums[pinned]
        remaining -= float(minimums[pinned].sum())
        free &= ~pinned
    out: NDArray[np.float64] = p / p.sum()
    return out


def allocate(
    probs: pd.Series, n: int, rng: np.random.Generator
) -> tuple[NDArray[np.object_], NDArray[np.float64]]:
    """Draw ``n`` creatives from the categorical distribution ``probs`` (creative_id -> p).

    Returns ``(creative_ids, propensities)``; each propensity is exactly ``probs`` of the
    chosen creative, since the logged policy is this distribution.
    """
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 0:
        raise InputError(
            f"n must be a non-negative integer, got {n!r}",
            message_zh=f"n 必须是非负整数，收到 {n!r}",
            code="bad_parameter",
            details={"parameter": "n", "value": repr(n)},
        )
    values = probs.to_numpy(dtype=np.float64)
    if values.size == 0 or (values < 0).any() or abs(float(values.sum()) - 1.0) > 1e-9:
        raise InputError(
            "probs must be non-negative and sum to 1",
            message_zh="概率必须非负且总和为 1",
            code="bad_probabilities",
            details={"sum": float(values.sum()) if values.size else 0.0},
        )
    index = rng.choice(values.size, size=int(n), p=values)
    ids: NDArray[np.object_] = probs.index.to_numpy(dtype=object)[index]
    return ids, values[index]
