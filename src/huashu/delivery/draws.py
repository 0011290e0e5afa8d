"""Posterior draws of one segment x channel, held per arm so that new counts for a creative
redraw that creative alone.

An arm's ``n_draws`` CTR draws are a fixed function of its Beta posterior and of standard
normals of its own, seeded by the policy's ``random_state``, the group key and the creative id
(common random numbers): ``Beta(a, b) = G_a / (G_a + G_b)``, each gamma variate the
Wilson-Hilferty cube of a stored normal, with one boost step ``G_s = G_{s+1} U^{1/s}`` below
shape 3 (win rates within about a point of numpy's exact Beta sampler; see the tests). The
draws of an arm do not depend on the other arms, so an update after new counts costs one
column per changed arm, and an update and a rebuild from the same counts agree to the bit.

Draws are held as int64 keys: the bits of the draw's odds ``G_a / G_b`` as a float32 (which
order arms as the CTR draws do, and as non-negative floats order as their bits) shifted past
the arm's position in the low 16 bits, so one max over the arms gives every draw's winner.
Memory: 16 bytes per draw and arm (64 KB an arm at 4,000 draws), 8 more for an arm whose
shape is ever under 3.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray

from huashu.domain import InputError

INDEX_BITS = 16
MAX_ARMS = 1 << INDEX_BITS
_INDEX = np.int64(MAX_ARMS - 1)
_BOOST_BELOW = 3.0
_T_MIN = 1e-2
Loading = tuple[float, ...] | None


def key_seed(key: str) -> int:
    """A stable 64-bit integer for a snapshot key (independent of Python's hash seed)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big")


def _log_uniforms(seed: list[int], n_draws: int) -> NDArray[np.float32]:
    """Two log-uniforms per draw for the boost step, from the arm's second stream."""
    u = np.random.default_rng([*seed, 1]).random((2, n_draws), dtype=np.float32)
    out: NDArray[np.float32] = np.log1p(-u)
    return out


def _cube_root_gamma(
    shape: NDArray[np.float64], normals: NDArray[np.float32], lowest: NDArray[np.float32]
) -> NDArray[np.float32]:
    """``(G_s / s)^(1/3)`` by Wilson-Hilferty, in place on ``normals`` (a copy the caller
    owns): ``1 - 1/(9s) + z / (3 sqrt(s))``, kept above a small positive floor. ``lowest``
    holds each row's smallest normal: the map is monotone, so where even that one lands above
    the floor the clipping pass is skipped (it would change nothing)."""
    scale = (1.0 / (3.0 * np.sqrt(shape))).astype(np.float32)
    shift = (1.0 - 1.0 / (9.0 * shape)).astype(np.float32)
    normals *= scale
    normals += shift
    per_row = scale.shape[-1] == 1
    if not per_row or (lowest[:, None] * scale + shift < np.float32(_T_MIN)).any():
        np.maximum(normals, np.float32(_T_MIN), out=normals)
    return normals


def _odds(
    a: NDArray[np.float64],
    b: NDArray[np.float64],
    normals_a: NDArray[np.float32],
    normals_b: NDArray[np.float32],
    lowest: NDArray[np.float32],
    logs: Callable[[int], NDArray[np.float32]],
) -> NDArray[np.float32]:
    """Draws of ``G_a / G_b`` (the odds of a ``Beta(a, b)`` draw, which order arms as the
    draws do), arms x draws, ``a`` and ``b`` broadcast to that; the normals are copies the
    function overwrites, ``lowest`` (2 x arms) their smallest values. Float32 and
    elementwise, so an arm gets the same bits whichever arms share the call; the boost's
    ``exp`` (``G_s = G_{s+1} U^{1/s}`` below shape 3, ``logs(i)`` arm ``i``'s log-uniforms)
    runs on one arm's row at a time for the same reason."""
    lift_a, lift_b = a < _BOOST_BELOW, b < _BOOST_BELOW
    shape_a, shape_b = np.where(lift_a, a + 1.0, a), np.where(lift_b, b + 1.0, b)
    odds = _cube_root_gamma(shape_a, normals_a, lowest[0])
    odds /= _cube_root_gamma(shape_b, normals_b, lowest[1])
    cube = odds * odds
    cube *= odds
    cube *= (shape_a / shape_b).astype(np.float32)
    for row, (lift, s) in enumerate(((lift_a, a), (lift_b, b))):
        if not lift.any():
            continue
        lift = np.broadcast_to(lift, cube.shape)
        s = np.broadcast_to(s, cube.shape)
        for i in np.flatnonzero(lift.any(axis=1)):
            power = logs(int(i))[row] / s[i].astype(np.float32)
            if row == 1:
                np.negative(power, out=power)
            # kept to float32's normal range, so the odds are never 0 x inf; a product can
            # still overflow to inf (G_b -> 0), which compares as the largest odds
            np.clip(power, -80.0, 80.0, out=power)
            with np.errstate(over="ignore", under="ignore"):
                factor = np.exp(power)
                if lift[i].all():
                    cube[i] *= factor
                else:
                    cube[i] = np.where(lift[i], cube[i] * factor, cube[i])
    return cube


class ArmGroup:
    """The posterior draws of one group's arms (sorted by creative id) and their counts.

    An arm's prior is ``prior`` (the group's) unless ``means`` gives it its own mean (then
    ``Beta(m s, (1 - m) s)`` with ``s`` its entry in ``strengths``); with a loading as well,
    its prior log-odds move per draw by ``loading . e``, ``e`` standard normals shared by the
    group's arms (see :class:`huashu.delivery.ThompsonAllocator`).
    """

    def __init__(
        self, key: str, random_state: int, n_draws: int, prior: tuple[float, float]
    ) -> None:
        self.key = key
        self.prior = (float(prior[0]), float(prior[1]))
        self.n_draws = n_draws
        self._seed = [random_state, key_seed(key)]
        self.ids: list[str] = []
        self.impressions = np.zeros(0, dtype=np.int64)
        self.clicks = np.zeros(0, dtype=np.int64)
        self.means = np.zeros(0, dtype=np.float64)
        self.strengths = np.zeros(0, dtype=np.float64)
        self.loadings: list[Loading] = []
        self.keys = np.zeros((0, n_draws), dtype=np.int64)
        self._normals = np.zeros((2, 0, n_draws), dtype=np.float32)
        self._lowest = np.zeros((2, 0), dtype=np.float32)
        self._logs: dict[str, NDArray[np.float32]] = {}
        self._position: dict[str, int] = {}
        self._shared: NDArray[np.float64] | None = None

    @property
    def size(self) -> int:
        return len(self.ids)

    def add(
        self,
        creative_ids: Sequence[str],
        impressions: Sequence[int] | NDArray[np.int64],
        clicks: Sequence[int] | NDArray[np.int64],
        means: Sequence[float] | NDArray[np.float64] | None = None,
        strengths: Sequence[float] | NDArray[np.float64] | None = None,
        loadings: Sequence[Loading] | None = None,
    ) -> None:
        """Insert new arms in creative-id order; only their draws are computed."""
        new = [str(c) for c in creative_ids]
        if len(set(new)) < len(new) or set(new) & self._position.keys():
            raise ValueError("creative ids must be new to the group and distinct")
        if len(self.ids) + len(new) > MAX_ARMS:
            raise InputError(
                f"a segment x channel holds at most {MAX_ARMS:,} creatives",
                message_zh=f"每个人群与渠道最多投放 {MAX_ARMS:,} 个素材",
                code="too_many_arms",
                details={"creatives": len(self.ids) + len(new)},
            )
        n = len(new)
        ids = self.ids + new
        order = np.array(sorted(range(len(ids)), key=ids.__getitem__), dtype=np.int64)
        self.ids = [ids[i] for i in order]
        self.impressions = np.concatenate([self.impressions, np.asarray(impressions, np.int64)])
        self.impressions = self.impressions[order]
        self.clicks = np.concatenate([self.clicks, np.asarray(clicks, np.int64)])[order]
        added = np.full(n, np.nan) if means is None else np.asarray(means, np.float64)
        self.means = np.concatenate([self.means, added])[order]
        added = np.zeros(n) if strengths is None else np.asarray(strengths, np.float64)
        self.strengths = np.concatenate([self.strengths, added])[order]
        every = self.loadings + list(loadings if loadings is not None else [None] * n)
        self.loadings = [every[i] for i in order]
        normals = np.zeros((2, n, self.n_draws), dtype=np.float32)
        for j, c in enumerate(new):
            rng = np.random.default_rng([*self._seed, key_seed(c), 0])
            normals[:, j] = rng.standard_normal((2, self.n_draws), dtype=np.float32)
        self._normals = np.concatenate([self._normals, normals], axis=1)[:, order]
        self._lowest = self._normals.min(axis=2)
        keys = np.concatenate([self.keys, np.zeros((n, self.n_draws), dtype=np.int64)])
        self.keys = (keys[order] & ~_INDEX) | np.arange(len(ids), dtype=np.int64)[:, None]
        self._position = {c: i for i, c in enumerate(self.ids)}
        self._draw(np.flatnonzero(order >= len(ids) - n))

    def update(self, counts: dict[str, tuple[int, int]]) -> list[int]:
        """New (impressions, clicks) totals by creative id; redraws the arms whose counts
        changed and returns their positions (creatives not in the group are ignored)."""
        changed = []
        for creative_id, (impressions, clicks) in counts.items():
            i = self._position.get(creative_id)
            if i is None or (self.impressions[i] == impressions and self.clicks[i] == clicks):
                continue
            self.impressions[i] = impressions
            self.clicks[i] = clicks
            changed.append(i)
        if changed:
            self._draw(np.array(changed, dtype=np.int64))
        return changed

    def _arm_logs(self, i: int) -> NDArray[np.float32]:
        creative_id = self.ids[i]
        if creative_id not in self._logs:
            self._logs[creative_id] = _log_uniforms(
                [*self._seed, key_seed(creative_id)], self.n_draws
            )
        return self._logs[creative_id]

    def _draw(self, positions: NDArray[np.int64]) -> None:
        """Recompute the draws of the arms at ``positions`` from their counts."""
        joint = np.array([self.loadings[i] is not None for i in positions], dtype=bool)
        plain = positions[~joint]
        if plain.size:
            clicks = self.clicks[plain].astype(np.float64)
            misses = self.impressions[plain].astype(np.float64) - clicks
            means, strengths = self.means[plain], self.strengths[plain]
            own = ~np.isnan(means)
            alpha = np.where(own, means * strengths, self.prior[0])
            beta = np.where(own, (1.0 - means) * strengths, self.prior[1])
            self._store(plain, (alpha + clicks)[:, None], (beta + misses)[:, None])
        for i in positions[joint]:
            loading = self.loadings[i]
            assert loading is not None
            shared = self._shared_normals(len(loading))
            centre = math.log(self.means[i] / (1.0 - self.means[i]))
            eta = centre + shared @ np.asarray(loading, dtype=np.float64)
            mu = 1.0 / (1.0 + np.exp(-np.clip(eta, -30.0, 30.0)))
            s, clicks = float(self.strengths[i]), float(self.clicks[i])
            misses = float(self.impressions[i]) - clicks
            self._store(np.array([i]), (mu * s + clicks)[None], ((1.0 - mu) * s + misses)[None])

    def _store(
        self, positions: NDArray[np.int64], a: NDArray[np.float64], b: NDArray[np.float64]
    ) -> None:
        odds = _odds(
            a,
            b,
            self._normals[0][positions],
            self._normals[1][positions],
            self._lowest[:, positions],
            lambda k: self._arm_logs(int(positions[k])),
        )
        keys = odds.view(np.int32).astype(np.int64)
        keys <<= INDEX_BITS
        keys |= positions[:, None]
        self.keys[positions] = keys

    def _shared_normals(self, width: int) -> NDArray[np.float64]:
        if self._shared is None or self._shared.shape[1] != width:
            rng = np.random.default_rng(self._seed)
            self._shared = rng.standard_normal((self.n_draws, width))
        return self._shared

    def posterior_means(self) -> NDArray[np.float64]:
        """Per arm, its posterior mean CTR: the Beta mean of its own prior (or the group's)
        updated by its counts; a jointly drawn arm's prior mean is taken at its centre."""
        own = ~np.isnan(self.means)
        alpha0, beta0 = self.prior
        mean = np.where(own, self.means, alpha0 / (alpha0 + beta0))
        strength = np.where(own, self.strengths, alpha0 + beta0)
        out: NDArray[np.float64] = (mean * strength + self.clicks) / (strength + self.impressions)
        return out

    def win_rates(
        self, arms: NDArray[np.bool_] | None = None, top_two: float | None = None
    ) -> NDArray[np.float64]:
        """Per arm, the share of draws in which it has the highest CTR among ``arms`` (all
        when None; 0 outside them); with ``top_two = beta``, ``beta`` times that plus
        ``1 - beta`` times its share of draws as the runner-up."""
        keys = self.keys if arms is None or arms.all() else self.keys[arms]
        top = keys.max(axis=0)
        wins = np.bincount(top & _INDEX, minlength=self.size) / self.n_draws
        if top_two is not None and keys.shape[0] > 1:
            lowest = np.iinfo(np.int64).min
            second = np.where(keys == top, lowest, keys).max(axis=0)
            runners = np.bincount(second & _INDEX, minlength=self.size) / self.n_draws
            wins = top_two * wins + (1.0 - top_two) * runners
        out: NDArray[np.float64] = wins.astype(np.float64)
        return out
