"""Exact Shapley values over channels: coalition worth from the paths whose channel set lies
inside the coalition, every coalition enumerated (2^n, vectorised with subset-sum transforms)."""

from __future__ import annotations

from math import factorial

import numpy as np

from huashu.analytics.engine import error
from huashu.analytics.paths import PathSet

MAX_PLAYERS = 20


def channel_sets(paths: PathSet) -> np.ndarray:
    """Bit mask of the distinct channels on each path."""
    bits = np.left_shift(np.int64(1), paths.codes.astype("int64"))
    if len(bits) == 0:
        return np.zeros(paths.n_paths, dtype="int64")
    return np.bitwise_or.reduceat(bits, paths.offsets[:-1])


def subset_sums(per_set: np.ndarray, n: int) -> np.ndarray:
    """f(S) = sum over T subset of S of per_set[T] (the zeta transform), for all 2^n masks."""
    f = per_set.astype("float64").copy()
    for i in range(n):
        view = f.reshape(-1, 2, 1 << i)
        view[:, 1, :] += view[:, 0, :]
    return f


def shapley_values(worth: np.ndarray, n: int) -> np.ndarray:
    """Exact Shapley values of the game ``worth`` (indexed by coalition bit mask)."""
    masks = np.arange(1 << n)
    sizes = np.array([bin(m).count("1") for m in range(1 << n)]) if n <= 12 else _popcount(masks)
    weights = np.array([factorial(s) * factorial(n - s - 1) / factorial(n) for s in range(n)])
    out = np.zeros(n)
    for i in range(n):
        without = masks[(masks >> i) & 1 == 0]
        out[i] = float(
            np.sum(weights[sizes[without]] * (worth[without | (1 << i)] - worth[without]))
        )
    return out


def _popcount(masks: np.ndarray) -> np.ndarray:
    counts = np.zeros(len(masks), dtype="int64")
    work = masks.copy()
    while work.any():
        counts += work & 1
        work >>= 1
    return counts


def attribute(paths: PathSet, *, weight: str = "conversions", worth: str = "count") -> np.ndarray:
    """Conversions (or value) credited to each channel by Shapley values.

    ``worth="count"``: v(S) = conversions (or value) of paths whose channels all lie in S.
    ``worth="rate"``: v(S) = conversion rate of those paths (converting / all), the Shapley
    values then rescaled so they sum to the observed total.
    """
    n = len(paths.channels)
    if n > MAX_PLAYERS:
        raise error(
            f"exact Shapley values need at most {MAX_PLAYERS} channels, got {n}",
            f"精确 Shapley 值最多支持 {MAX_PLAYERS} 个渠道，当前 {n} 个",
            "too_many_channels",
            channels=n,
        )
    sets = channel_sets(paths)
    gain = paths.conversions if weight == "conversions" else paths.value
    total = float(gain.sum())
    per_set = np.bincount(sets, gain, minlength=1 << n)
    if worth == "count":
        return shapley_values(subset_sums(per_set, n), n)
    if worth != "rate":
        raise error(
            f"unknown Shapley worth '{worth}'; expected count or rate",
            f"未知的 Shapley 价值函数 '{worth}'，应为 count 或 rate",
            "bad_worth",
        )
    seen = np.bincount(sets, paths.conversions + paths.nulls, minlength=1 << n)
    reach = subset_sums(seen, n)
    rate = np.divide(subset_sums(per_set, n), reach, out=np.zeros(1 << n), where=reach > 0)
    values = shapley_values(rate, n)
    mass = values.sum()
    return values / mass * total if mass > 0 else np.zeros(n)
