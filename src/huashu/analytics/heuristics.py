"""Rule-based attribution over a :class:`PathSet`, vectorised: first touch, last touch, linear,
time decay (half-life in days, or in touches when paths carry no times) and position-based."""

from __future__ import annotations

import numpy as np

from huashu.analytics.engine import error
from huashu.analytics.paths import PathSet

HEURISTICS = ("first_touch", "last_touch", "linear", "time_decay", "position_based")


def touch_shares(
    paths: PathSet,
    model: str,
    *,
    half_life: float = 7.0,
    position_weights: tuple[float, float] = (0.4, 0.4),
) -> np.ndarray:
    """Each touch's share of its path's conversion (shares of one path sum to 1)."""
    lengths = paths.lengths
    pid = paths.path_ids()
    pos = paths.positions()
    length = np.asarray(lengths[pid], dtype="float64")
    if model == "first_touch":
        return np.asarray(pos == 0, dtype="float64")
    if model == "last_touch":
        return np.asarray(pos == length - 1, dtype="float64")
    if model == "linear":
        return np.asarray(1.0 / length, dtype="float64")
    if model == "position_based":
        first, last = position_weights
        middle = 1.0 - first - last
        if min(first, last, middle) < 0:
            raise error(
                "position weights must be >= 0 and sum to at most 1",
                "首末触点权重必须非负且之和不超过 1",
                "bad_position_weights",
            )
        inner = middle / np.maximum(length - 2, 1)
        long_path = np.where(pos == 0, first, np.where(pos == length - 1, last, inner))
        return np.where(length == 1, 1.0, np.where(length == 2, 0.5, long_path))
    if model == "time_decay":
        if not half_life > 0:
            raise error(
                "half-life must be positive",
                "半衰期必须为正数",
                "bad_half_life",
                half_life=half_life,
            )
        age = paths.lags if paths.lags is not None else (length - 1 - pos).astype("float64")
        weight = np.exp2(-age / half_life)
        totals = np.add.reduceat(weight, paths.offsets[:-1]) if len(weight) else weight
        return np.asarray(weight / totals[pid], dtype="float64")
    raise error(
        f"unknown attribution model '{model}'",
        f"未知归因模型 '{model}'",
        "bad_model",
        model=model,
        allowed=list(HEURISTICS),
    )


def heuristic(
    paths: PathSet,
    model: str,
    *,
    weight: str = "conversions",
    half_life: float = 7.0,
    position_weights: tuple[float, float] = (0.4, 0.4),
) -> np.ndarray:
    """Conversions (``weight="conversions"``) or conversion value (``"value"``) credited to
    each channel of ``paths.channels`` by ``model``."""
    per_path = paths.conversions if weight == "conversions" else paths.value
    keep = per_path > 0
    if not keep.all():
        paths = _subset(paths, keep)
        per_path = per_path[keep]
    shares = touch_shares(paths, model, half_life=half_life, position_weights=position_weights)
    credit = shares * per_path[paths.path_ids()]
    return np.bincount(paths.codes, credit, minlength=len(paths.channels))


def _subset(paths: PathSet, keep: np.ndarray) -> PathSet:
    lengths = paths.lengths[keep]
    offsets = np.concatenate([[0], np.cumsum(lengths)]).astype("int64")
    touch_keep = np.repeat(keep, paths.lengths)
    return PathSet(
        paths.channels,
        offsets,
        paths.codes[touch_keep],
        paths.conversions[keep],
        paths.value[keep],
        paths.nulls[keep],
        None if paths.lags is None else paths.lags[touch_keep],
    )
