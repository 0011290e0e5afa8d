"""Thompson allocation for one segment x channel: probability matching under an empirical-Bayes
Beta prior (or per-creative priors, e.g. from the knowledge base, optionally drawn jointly), with
a burn-in share for new creatives and a floor for every creative."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from typing import Any, ClassVar, Literal

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from huashu.delivery.params import (
    bad_parameter,
    checked_stats,
    require_int,
    require_number,
)
from huashu.delivery.shares import with_minimums

BurnIn = Literal["fixed", "compete"]


def prior_strength(
    mean: float, sd_logit: float, *, lowest: float = 2.0, highest: float = 5000.0
) -> float:
    """Beta pseudo-counts matching a predicted CTR ``mean`` whose log-odds has posterior sd
    ``sd_logit``: a Beta(m s, (1 - m) s) has variance about m (1 - m) / s, and by the delta
    method the CTR's variance is (m (1 - m) sd)^2, so ``s = 1 / (m (1 - m) sd^2)``, clipped to
    ``[lowest, highest]``."""
    if not 0.0 < mean < 1.0:
        raise bad_parameter("mean", "in (0, 1)", "在 (0, 1) 内", mean)
    if sd_logit <= 0.0:
        return highest
    return float(min(max(1.0 / (mean * (1.0 - mean) * sd_logit**2), lowest), highest))


def key_seed(key: str) -> int:
    """A stable 64-bit integer for a snapshot key (independent of Python's hash seed)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big")


@dataclass(frozen=True)
class ThompsonAllocator:
    """Allocation probabilities P(arm has the highest CTR) under Beta posteriors.

    Prior: ``Beta(alpha0, beta0)`` when both are given; otherwise empirical Bayes per
    segment x channel: mean = pooled CTR of the group's arms smoothed by
    ``Beta(fallback_alpha, fallback_beta)``, strength = impressions of the group clipped to
    ``[fallback_alpha + fallback_beta, max_strength]`` (so no history gives the fallback prior).

    Shares: arms with fewer than ``n_min`` impressions are in burn-in. ``burn_in="fixed"``
    (default): while some arm is past burn-in, each burn-in arm gets exactly ``burn_in_share``
    (all of them together at most ``burn_in_cap``) and the mature arms split the rest by
    probability matching among themselves; with no mature arm every arm competes.
    ``burn_in="compete"``: every arm competes; each burn-in arm gets between ``burn_in_share``
    and ``burn_in_max``, and the burn-in arms together at most ``burn_in_cap`` (their minimums
    shrink to fit it too), so new creatives are neither starved nor allowed to flood the slot
    before they have data.
    Every other arm gets at least ``floor``; probabilities sum to 1 and are all > 0.

    Top-two sampling (``top_two = beta``): an arm's share is ``beta`` times its chance of
    being the best plus ``1 - beta`` times its chance of being the runner-up, which keeps
    measuring the close challenger instead of piling onto the leader.

    Per-arm priors: where ``stats`` has a non-missing ``prior_mean`` (e.g. the knowledge base's
    predicted CTR for a new creative's features), that arm's prior is ``Beta(m * s, (1 - m) *
    s)`` instead of the group prior, with ``s`` the arm's ``prior_strength`` where the column
    is given (e.g. pseudo-counts from the knowledge base's predictive variance:
    :func:`prior_strength`) and ``arm_prior_strength`` otherwise. A creative the knowledge
    base expects to do well competes from its first impression and one it expects to do
    badly is not flooded; its own clicks outweigh the prior after about ``s`` impressions.
    Where ``stats`` also has a ``prior_loading`` (a vector per arm, e.g. the knowledge base's
    predictive factor ``z' C`` with ``C C' `` its posterior covariance), the prior means are
    drawn jointly: arms whose predictions share uncertainty move together, so the draws
    separate them by what they do not share (see :meth:`_joint`).
    The prior's pseudo-counts count toward ``n_min``: a creative the knowledge base already
    knows well enough is past burn-in from the start (no guaranteed share, no cap; it
    competes on its posterior), one it knows little about is burnt in like any other.
    """

    n_draws: int = 4000
    n_min: int = 300
    burn_in_share: float = 0.05
    floor: float = 0.01
    burn_in: BurnIn = "fixed"
    burn_in_cap: float = 0.5
    burn_in_max: float = 0.25
    max_strength: float = 50.0
    fallback_alpha: float = 1.0
    fallback_beta: float = 30.0
    alpha0: float | None = None
    beta0: float | None = None
    arm_prior_strength: float = 100.0
    top_two: float | None = None
    random_state: int = 0

    name: ClassVar[str] = "thompson"

    def __post_init__(self) -> None:
        require_int("n_draws", self.n_draws, 1)
        require_int("n_min", self.n_min, 0)
        require_number("floor", self.floor, 0.0, 1.0, low_open=True, high_open=True)
        require_number("burn_in_share", self.burn_in_share, 0.0, 1.0, low_open=True, high_open=True)
        if self.burn_in_share < self.floor:
            raise bad_parameter("burn_in_share", ">= floor", "不小于 floor", self.burn_in_share)
        if self.burn_in not in ("fixed", "compete"):
            raise bad_parameter(
                "burn_in", "'fixed' or 'compete'", "为 'fixed' 或 'compete'", self.burn_in
            )
        require_number("burn_in_cap", self.burn_in_cap, 0.0, 1.0, low_open=True, high_open=False)
        require_number("burn_in_max", self.burn_in_max, 0.0, 1.0, low_open=True, high_open=False)
        if self.burn_in_max < self.burn_in_share:
            raise bad_parameter(
                "burn_in_max", ">= burn_in_share", "不小于 burn_in_share", self.burn_in_max
            )
        for name in ("max_strength", "fallback_alpha", "fallback_beta", "arm_prior_strength"):
            require_number(
                name, getattr(self, name), 0.0, float("inf"), low_open=True, high_open=True
            )
        if (self.alpha0 is None) != (self.beta0 is None):
            raise bad_parameter(
                "alpha0", "given together with beta0", "与 beta0 同时给出", self.alpha0
            )
        for name in ("alpha0", "beta0"):
            if getattr(self, name) is not None:
                require_number(
                    name, getattr(self, name), 0.0, float("inf"), low_open=True, high_open=True
                )
        if self.top_two is not None:
            require_number("top_two", self.top_two, 0.0, 1.0, low_open=False, high_open=False)
        require_int("random_state", self.random_state, 0)

    def params(self) -> dict[str, Any]:
        """Constructor arguments as plain JSON values: ``ThompsonAllocator(**params())``."""
        return asdict(self)

    def prior(self, stats: pd.DataFrame) -> tuple[float, float]:
        """``(alpha, beta)`` of the Beta prior for a group with these arm stats."""
        if self.alpha0 is not None and self.beta0 is not None:
            return float(self.alpha0), float(self.beta0)
        frame = checked_stats(stats)
        impressions = float(frame["impressions"].sum())
        clicks = float(frame["clicks"].sum())
        fallback = self.fallback_alpha + self.fallback_beta
        mean = (clicks + self.fallback_alpha) / (impressions + fallback)
        strength = min(max(impressions, fallback), self.max_strength)
        return mean * strength, (1.0 - mean) * strength

    def _win_rates(
        self,
        frame: pd.DataFrame,
        arms: NDArray[np.bool_],
        prior: tuple[float, float],
        key: str,
    ) -> NDArray[np.float64]:
        clicks = frame["clicks"].to_numpy(dtype=np.float64)[arms]
        misses = frame["impressions"].to_numpy(dtype=np.float64)[arms] - clicks
        alpha = np.full(clicks.size, prior[0])
        beta = np.full(clicks.size, prior[1])
        if "prior_mean" in frame.columns:
            means = frame["prior_mean"].to_numpy(dtype=np.float64)[arms]
            own = ~np.isnan(means)
            strength = self._strengths(frame)[arms]
            alpha[own] = means[own] * strength[own]
            beta[own] = (1.0 - means[own]) * strength[own]
        rng = np.random.default_rng(np.random.SeedSequence([self.random_state, key_seed(key)]))
        draws = rng.beta(alpha + clicks, beta + misses, size=(self.n_draws, clicks.size))
        if "prior_loading" in frame.columns:
            self._joint(frame, arms, clicks, misses, draws, rng)
        wins = np.bincount(draws.argmax(axis=1), minlength=clicks.size) / self.n_draws
        if self.top_two is not None and clicks.size > 1:
            second = np.argsort(draws, axis=1)[:, -2]
            runners = np.bincount(second, minlength=clicks.size) / self.n_draws
            wins = self.top_two * wins + (1.0 - self.top_two) * runners
        q = np.zeros(arms.size)
        q[arms] = wins
        return q

    def _joint(
        self,
        frame: pd.DataFrame,
        arms: NDArray[np.bool_],
        clicks: NDArray[np.float64],
        misses: NDArray[np.float64],
        draws: NDArray[np.float64],
        rng: np.random.Generator,
    ) -> None:
        """Redraw, in place, the arms whose prior mean comes with a loading: per draw, one
        shared standard normal vector ``e`` moves every such arm's prior log-odds to
        ``logit(prior_mean) + loading . e`` (so arms whose predictions share a source of
        uncertainty, e.g. the same phrases, move together), then the arm's CTR is drawn from
        ``Beta(mu s + clicks, (1 - mu) s + misses)`` around it with its ``prior_strength``
        ``s`` as the room left for the arm's own deviation from the prediction."""
        loadings = frame["prior_loading"].to_numpy(dtype=object)[arms]
        means = frame["prior_mean"].to_numpy(dtype=np.float64)[arms]
        joint = np.array(
            [v is not None and not np.isnan(m) for v, m in zip(loadings, means, strict=True)]
        )
        if not joint.any():
            return
        matrix = np.array([loadings[i] for i in np.flatnonzero(joint)], dtype=np.float64)
        shared = rng.standard_normal((self.n_draws, matrix.shape[1]))
        eta = np.log(means[joint] / (1.0 - means[joint])) + shared @ matrix.T
        mu = 1.0 / (1.0 + np.exp(-np.clip(eta, -30.0, 30.0)))
        strength = self._strengths(frame)[arms][joint]
        draws[:, joint] = rng.beta(
            mu * strength + clicks[joint], (1.0 - mu) * strength + misses[joint]
        )

    def _strengths(self, frame: pd.DataFrame) -> NDArray[np.float64]:
        """Per arm: the pseudo-counts of its own prior (0 where it has none)."""
        if "prior_mean" not in frame.columns:
            return np.zeros(len(frame))
        has = ~np.isnan(frame["prior_mean"].to_numpy(dtype=np.float64))
        strength = np.full(len(frame), self.arm_prior_strength)
        if "prior_strength" in frame.columns:
            given = frame["prior_strength"].to_numpy(dtype=np.float64)
            strength = np.where(np.isnan(given), strength, given)
        return np.where(has, strength, 0.0)

    def _capped(
        self,
        frame: pd.DataFrame,
        q: NDArray[np.float64],
        young: NDArray[np.bool_],
        cap: float,
        prior: tuple[float, float],
        key: str,
    ) -> NDArray[np.float64]:
        """Burn-in arms above ``cap`` get ``cap``; the rest of the mass is split by probability
        matching among the arms not capped (their win rates without the capped arms)."""
        capped = np.zeros(len(q), dtype=bool)
        while True:
            over = young & ~capped & (q > cap)
            if not over.any():
                return q
            capped |= over
            rest = self._win_rates(frame, ~capped, prior, key)
            q = np.where(capped, cap, (1.0 - cap * int(capped.sum())) * rest)

    def allocation(self, stats: pd.DataFrame, *, key: str = "") -> pd.Series:
        """creative_id -> probability for one segment x channel, sorted by creative_id.

        ``stats`` has columns creative_id, impressions, clicks. The Monte Carlo draws use a
        numpy Generator seeded from ``(random_state, key)``: the same stats, parameters and key
        give the same probabilities.
        """
        frame = checked_stats(stats)
        ids = pd.Index(frame["creative_id"].to_numpy(dtype=object), name="creative_id")
        if len(frame) == 1:
            return pd.Series([1.0], index=ids, name="probability")
        prior = self.prior(frame)
        young = frame["impressions"].to_numpy() + self._strengths(frame) < self.n_min
        mature = ~young
        if self.burn_in == "fixed" and mature.any() and young.any():
            q = self._win_rates(frame, mature, prior, key)
            per_arm = min(self.burn_in_share, self.burn_in_cap / int(young.sum()))
            minimums = np.where(young, per_arm, self.floor)
        else:
            q = self._win_rates(frame, np.ones(len(frame), dtype=bool), prior, key)
            per_arm = min(self.burn_in_share, self.burn_in_cap / max(int(young.sum()), 1))
            minimums = np.where(young, per_arm, self.floor)
            if self.burn_in == "compete" and mature.any() and young.any():
                cap = max(min(self.burn_in_max, self.burn_in_cap / int(young.sum())), per_arm)
                q = self._capped(frame, q, young, cap, prior, key)
        probs = with_minimums(q, minimums.astype(np.float64))
        return pd.Series(probs, index=ids, name="probability")
