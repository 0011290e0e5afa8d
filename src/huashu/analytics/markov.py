"""Data-driven attribution: order-k Markov chains over journeys with removal effects computed
exactly by absorbing-chain linear algebra (no simulation).

States are the last ``k`` touches (fewer at the start of a path), plus start, conversion and
null. A channel's removal effect is ``1 - P(conversion | its states removed) / P(conversion)``,
where removing a state sends the traffic that would enter it to null.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from huashu.analytics.engine import error
from huashu.analytics.paths import PathSet

MAX_STATES = 6000


@dataclass(frozen=True)
class MarkovChain:
    """A fitted chain: ``transitions`` is row-stochastic over [start, states..., conv, null]."""

    order: int
    channels: tuple[str, ...]
    states: tuple[tuple[int, ...], ...]
    transitions: np.ndarray
    value_rate: np.ndarray

    @property
    def n_transient(self) -> int:
        return len(self.states) + 1

    def absorption(self, removed: int | None = None) -> tuple[float, float]:
        """(P(conversion), expected conversion value) from start, optionally with every state
        containing channel ``removed`` taken out."""
        n = self.n_transient
        keep = np.ones(n, dtype=bool)
        if removed is not None:
            keep[1:] = [removed not in s for s in self.states]
        q = self.transitions[np.ix_(keep, np.r_[keep, False, False])]
        rhs = np.column_stack([self.transitions[keep, n], self.value_rate[keep]])
        solved = np.linalg.solve(np.eye(int(keep.sum())) - q, rhs)
        return float(solved[0, 0]), float(solved[0, 1])


@dataclass(frozen=True)
class MarkovResult:
    chain: MarkovChain
    conversion_probability: float
    expected_value: float
    removal_effects: np.ndarray
    value_removal_effects: np.ndarray
    conversions: np.ndarray
    value: np.ndarray


def _state_keys(paths: PathSet, order: int) -> np.ndarray:
    base = np.int64(len(paths.channels) + 1)
    pos = paths.positions()
    codes = paths.codes.astype("int64") + 1
    keys = np.zeros(len(codes), dtype="int64")
    for lag in range(order):
        shifted = np.roll(codes, lag)
        keys += np.where(pos >= lag, shifted, 0) * base**lag
    return keys


def _decode(key: int, base: int) -> tuple[int, ...]:
    out = []
    while key:
        key, digit = divmod(key, base)
        out.append(digit - 1)
    return tuple(reversed(out))


def fit(paths: PathSet, order: int = 1) -> MarkovChain:
    """Transition probabilities of the order-``order`` chain from (aggregated) paths."""
    if order not in (1, 2, 3, 4):
        raise error(
            f"Markov order must be 1 to 4, got {order}",
            f"马尔可夫阶数应为 1 到 4，收到 {order}",
            "bad_order",
            order=order,
        )
    if len(paths.codes) == 0:
        raise error("no paths to attribute", "没有可归因的路径", "no_paths")
    keys = _state_keys(paths, order)
    unique, state_of = np.unique(keys, return_inverse=True)
    s = len(unique)
    if s + 1 > MAX_STATES:
        raise error(
            f"order-{order} chain has {s} states (limit {MAX_STATES}); use a lower order",
            f"{order} 阶链有 {s} 个状态（上限 {MAX_STATES}），请降低阶数",
            "too_many_states",
            states=s,
        )
    node = state_of.reshape(-1) + 1
    width = s + 3
    conv_col, null_col = s + 1, s + 2
    total = paths.conversions + paths.nulls
    pid = paths.path_ids()
    first = paths.offsets[:-1]
    last = paths.offsets[1:] - 1
    prev = np.r_[0, node[:-1]]
    prev[first] = 0
    src = np.concatenate([prev, node[last], node[last]])
    dst = np.concatenate([node, np.full(len(last), conv_col), np.full(len(last), null_col)])
    w = np.concatenate([total[pid], paths.conversions, paths.nulls])
    counts = np.bincount(src * width + dst, w, minlength=(s + 1) * width).reshape(s + 1, width)
    value_in = np.bincount(node[last], paths.value, minlength=s + 1)
    out = counts.sum(axis=1)
    safe = np.where(out > 0, out, 1.0)
    transitions = counts / safe[:, None]
    transitions[out == 0, null_col] = 1.0
    base = len(paths.channels) + 1
    states = tuple(_decode(int(k), base) for k in unique)
    return MarkovChain(order, paths.channels, states, transitions, value_in / safe)


def attribute(paths: PathSet, order: int = 1) -> MarkovResult:
    """Removal effects and the conversions (and value) they credit to each channel: each
    channel's share of the summed removal effects times the observed total."""
    chain = fit(paths, order)
    p, v = chain.absorption()
    n = len(paths.channels)
    effects = np.zeros(n)
    value_effects = np.zeros(n)
    for c in range(n):
        pc, vc = chain.absorption(removed=c)
        effects[c] = 1.0 - pc / p if p > 0 else 0.0
        value_effects[c] = 1.0 - vc / v if v > 0 else 0.0
    return MarkovResult(
        chain,
        p,
        v,
        effects,
        value_effects,
        _share(effects, float(paths.conversions.sum())),
        _share(value_effects, float(paths.value.sum())),
    )


def _share(effects: np.ndarray, total: float) -> np.ndarray:
    mass = effects.sum()
    return effects / mass * total if mass > 0 else np.zeros_like(effects)
