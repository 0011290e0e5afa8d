"""Thompson allocation for one segment x channel: probability matching under an empirical-Bayes
Beta prior (or per-creative priors, e.g. from the knowledge base, optionally drawn jointly), with
a burn-in share for new creatives, a floor budget shared by the live creatives and retirement of
the dominated ones."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, ClassVar, Literal

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from huashu.delivery.draws import ArmGroup
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


@dataclass(frozen=True)
class ThompsonAllocator:
    """Allocation probabilities P(arm has the highest CTR) under Beta posteriors.

    Prior: ``Beta(alpha0, beta0)`` when both are given; otherwise empirical Bayes per
    segment x channel: mean = pooled CTR of the group's arms smoothed by
    ``Beta(fallback_alpha, fallback_beta)``, strength = impressions of the group clipped to
    ``[fallback_alpha + fallback_beta, max_strength]`` (so no history gives the fallback prior).
    Posterior draws: ``n_draws`` per arm, a fixed function of the arm's counts and of
    randomness seeded by ``(random_state, key, creative id)`` (see
    :mod:`huashu.delivery.draws`), so new counts for one arm redraw that arm alone.

    Shares: arms with fewer than ``n_min`` impressions are in burn-in. ``burn_in="fixed"``
    (default): while some arm is past burn-in, each burn-in arm gets exactly ``burn_in_share``
    (all of them together at most ``burn_in_cap``) and the mature arms split the rest by
    probability matching among themselves; with no mature arm every arm competes.
    ``burn_in="compete"``: every arm competes; each burn-in arm gets between ``burn_in_share``
    and ``burn_in_max``, and the burn-in arms together at most ``burn_in_cap`` (their minimums
    shrink to fit it too), so new creatives are neither starved nor allowed to flood the slot
    before they have data.

    Floors and retirement: the arms past burn-in share an exploration budget ``floor_budget``;
    each gets at least ``min(floor, floor_budget / n)`` with ``n`` the arms that keep a floor,
    so floors never add up to more than the budget however many creatives a group has. An arm
    past burn-in with at least ``retire_after`` impressions of its own whose chance of being
    the best is under ``retire_below`` is retired: no floor, only what probability matching
    gives it (which can be 0 when no draw favours it; ``retire_below=0`` retires nothing).
    Probabilities sum to 1; every arm that is not retired gets more than 0.

    Top-two sampling (``top_two = beta``): an arm's share is ``beta`` times its chance of
    being the best plus ``1 - beta`` times its chance of being the runner-up, which keeps
    measuring the close challenger instead of piling onto the leader.

    Exploitation (``exploit = e``): of the share that the mature arms carrying their own
    prior (``prior_mean``) and keeping a floor get by probability matching, ``e`` goes to the
    one among them with the highest posterior mean CTR and the rest stays with probability
    matching; arms without a prior of their own (judged on their clicks alone), burn-in arms,
    floors and retirement are unchanged.
    Probability matching explores in proportion to the remaining uncertainty, which pays when
    the group's own impressions will settle it; where a pooled model (the knowledge base)
    sets strong per-arm priors from every group's data and a group sees a few hundred
    impressions a round, those impressions hardly move the posterior, so the exploring share
    mostly buys nothing. ``e = 0`` (default) is plain probability matching.

    Per-arm priors: where ``stats`` has a non-missing ``prior_mean`` (e.g. the knowledge base's
    predicted CTR for a new creative's features), that arm's prior is ``Beta(m * s, (1 - m) *
    s)`` instead of the group prior, with ``s`` the arm's ``prior_strength`` where the column
    is given (e.g. pseudo-counts from the knowledge base's predictive variance:
    :func:`prior_strength`) and ``arm_prior_strength`` otherwise. A creative the knowledge
    base expects to do well competes from its first impression and one it expects to do
    badly is not flooded; its own clicks outweigh the prior after about ``s`` impressions.
    Where ``stats`` also has a ``prior_loading`` (a vector per arm, e.g. the knowledge base's
    predictive factor ``z' C`` with ``C C' `` its posterior covariance), the prior means are
    drawn jointly: per draw, one shared standard normal vector ``e`` moves every such arm's
    prior log-odds to ``logit(prior_mean) + loading . e`` and the arm's CTR is drawn from
    ``Beta(mu s + clicks, (1 - mu) s + misses)`` around it, so arms whose predictions share
    uncertainty (e.g. the same phrases) move together and the draws separate them by what
    they do not share.
    The prior's pseudo-counts count toward ``n_min``: a creative the knowledge base already
    knows well enough is past burn-in from the start (no guaranteed share, no cap; it
    competes on its posterior), one it knows little about is burnt in like any other.
    """

    n_draws: int = 4000
    n_min: int = 300
    burn_in_share: float = 0.05
    floor: float = 0.01
    floor_budget: float = 0.05
    retire_below: float = 0.001
    retire_after: int = 300
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
    exploit: float = 0.0
    random_state: int = 0

    name: ClassVar[str] = "thompson"

    def __post_init__(self) -> None:
        require_int("n_draws", self.n_draws, 1)
        require_int("n_min", self.n_min, 0)
        require_number("floor", self.floor, 0.0, 1.0, low_open=True, high_open=True)
        require_number("floor_budget", self.floor_budget, 0.0, 1.0, low_open=True, high_open=False)
        require_number("retire_below", self.retire_below, 0.0, 1.0, low_open=False, high_open=True)
        require_int("retire_after", self.retire_after, 0)
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
        require_number("exploit", self.exploit, 0.0, 1.0, low_open=False, high_open=False)
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

    def draws(
        self, stats: pd.DataFrame, *, key: str = "", prior: tuple[float, float] | None = None
    ) -> ArmGroup:
        """The posterior draws of a group with these arm stats (see :meth:`allocation`)."""
        frame = checked_stats(stats)
        group = ArmGroup(key, self.random_state, self.n_draws, prior or self.prior(frame))
        means = (
            frame["prior_mean"].to_numpy(dtype=np.float64)
            if "prior_mean" in frame.columns
            else None
        )
        loadings = None
        if "prior_loading" in frame.columns and means is not None:
            loadings = [
                None if v is None or np.isnan(m) else tuple(float(x) for x in v)
                for v, m in zip(frame["prior_loading"], means, strict=True)
            ]
        group.add(
            frame["creative_id"].tolist(),
            frame["impressions"].tolist(),
            frame["clicks"].tolist(),
            means=means,
            strengths=self._strengths(frame),
            loadings=loadings,
        )
        return group

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

    def allocation(
        self, stats: pd.DataFrame, *, key: str = "", prior: tuple[float, float] | None = None
    ) -> pd.Series:
        """creative_id -> probability for one segment x channel, sorted by creative_id.

        ``stats`` has columns creative_id, impressions, clicks. The draws are seeded from
        ``(random_state, key, creative id)``: the same stats, parameters and key give the same
        probabilities. ``prior`` pins the group prior (e.g. the one a snapshot recorded)
        instead of estimating it from ``stats``.
        """
        group = self.draws(stats, key=key, prior=prior)
        ids = pd.Index(group.ids, dtype=object, name="creative_id")
        return pd.Series(self.shares(group)[0], index=ids, name="probability")

    def breakdown(
        self, stats: pd.DataFrame, *, key: str = "", prior: tuple[float, float] | None = None
    ) -> pd.DataFrame:
        """Why each arm gets its share: ``win_rate`` (its chance of being the best among the
        arms that compete), ``state`` (``burn-in``, ``floor`` or ``retired``), the ``minimum``
        it is guaranteed and the ``probability`` it gets (that of :meth:`allocation`)."""
        group = self.draws(stats, key=key, prior=prior)
        probs, q, state, minimums = self.shares(group)
        return pd.DataFrame(
            {"win_rate": q, "state": state, "minimum": minimums, "probability": probs},
            index=pd.Index(group.ids, dtype=object, name="creative_id"),
        )

    def shares(
        self, group: ArmGroup
    ) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.str_], NDArray[np.float64]]:
        """``(probabilities, win rates, states, minimums)`` of the group's arms, in its order."""
        size = group.size
        if size == 1:
            one = np.ones(1)
            return one, one, np.array(["floor"]), np.zeros(1)
        young = group.impressions + group.strengths < self.n_min
        mature = ~young
        n_young = int(young.sum())
        split = self.burn_in == "fixed" and bool(mature.any()) and n_young > 0
        competing = mature if split else np.ones(size, dtype=bool)
        q = group.win_rates(competing, self.top_two)
        retired = mature & (group.impressions >= self.retire_after) & (q < self.retire_below)
        floored = mature & ~retired
        per_floor = min(self.floor, self.floor_budget / max(int(floored.sum()), 1))
        per_young = min(self.burn_in_share, self.burn_in_cap / max(n_young, 1))
        minimums = np.where(young, per_young, np.where(floored, per_floor, 0.0))
        win_rates = q
        if self.burn_in == "compete" and mature.any() and n_young:
            cap = max(min(self.burn_in_max, self.burn_in_cap / n_young), per_young)
            q = self._capped(group, q, young, cap)
        if self.exploit > 0.0:
            q = self._exploited(group, q, floored & ~np.isnan(group.means))
        state = np.where(young, "burn-in", np.where(retired, "retired", "floor"))
        return with_minimums(q, minimums), win_rates, state, minimums

    def _exploited(
        self, group: ArmGroup, q: NDArray[np.float64], arms: NDArray[np.bool_]
    ) -> NDArray[np.float64]:
        """``q`` with ``exploit`` of the mass of ``arms`` (the mature arms that keep a floor
        and carry their own prior) moved to the one among them with the highest posterior
        mean CTR (split evenly on a tie); the other arms keep what probability matching gave
        them."""
        mass = float(q[arms].sum())
        if mass <= 0.0:
            return q
        means = np.where(arms, group.posterior_means(), -np.inf)
        leaders = arms & (means >= means.max() - 1e-12)
        out = np.where(arms, (1.0 - self.exploit) * q, q)
        out = out + np.where(leaders, self.exploit * mass / int(leaders.sum()), 0.0)
        result: NDArray[np.float64] = out / out.sum()
        return result

    def _capped(
        self, group: ArmGroup, q: NDArray[np.float64], young: NDArray[np.bool_], cap: float
    ) -> NDArray[np.float64]:
        """Burn-in arms above ``cap`` get ``cap``; the rest of the mass is split by probability
        matching among the arms not capped (their win rates without the capped arms)."""
        capped = np.zeros(len(q), dtype=bool)
        while True:
            over = young & ~capped & (q > cap)
            if not over.any():
                return q
            capped |= over
            rest = group.win_rates(~capped, self.top_two)
            q = np.where(capped, cap, (1.0 - cap * int(capped.sum())) * rest)
