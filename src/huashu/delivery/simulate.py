"""The bandit benchmark: creatives join a running slot mid-run; does each policy starve them,
flood them, and how much regret does it pay? Every policy sees the same clicks for the same
(seed, impression, creative) so differences come from the choices alone."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field

import numpy as np
from numpy.typing import NDArray

from huashu.delivery.baselines import (
    BetaTSSlot,
    EpsilonGreedySlot,
    SlotPolicy,
    ThompsonSlot,
    UCB1Slot,
    UniformSlot,
)
from huashu.delivery.thompson import ThompsonAllocator


@dataclass(frozen=True)
class Scenario:
    """A scarce slot: incumbents with history, new creatives joining at ``add_at``."""

    incumbent_ctrs: tuple[float, ...] = (0.030, 0.028, 0.025, 0.022, 0.020)
    history: int = 5_000
    new_ctrs: tuple[float, ...] = (0.040, 0.027, 0.018)
    add_at: int = 10_000
    horizon: int = 60_000
    batch: int = 100
    window: int = 20_000
    n_min: int = 300

    def ctrs(self) -> dict[str, float]:
        old = {f"old-{i}": c for i, c in enumerate(self.incumbent_ctrs)}
        return old | {f"new-{i}": c for i, c in enumerate(self.new_ctrs)}


@dataclass
class RunResult:
    policy: str
    seed: int
    reached_n_min: list[bool] = field(default_factory=list)
    burn_in_share: list[float] = field(default_factory=list)
    regret: float = 0.0
    final_fraction: float = 0.0


@dataclass(frozen=True)
class Summary:
    policy: str
    runs: int
    starvation_free: float
    burn_in_share_mean: float
    burn_in_share_max: float
    regret_mean: float
    final_fraction_mean: float

    def as_dict(self) -> dict[str, float | int | str]:
        return asdict(self)


def default_policies(n_min: int = 300) -> dict[str, Callable[[], SlotPolicy]]:
    return {
        "huashu-thompson": lambda: ThompsonSlot(
            ThompsonAllocator(burn_in="compete", n_min=n_min, n_draws=2000)
        ),
        "ucb1": lambda: UCB1Slot(alpha=1.0),
        "ucb1-scaled": lambda: UCB1Slot(alpha=0.01, name="ucb1-scaled"),
        "epsilon-greedy": lambda: EpsilonGreedySlot(epsilon=0.1),
        "uniform": lambda: UniformSlot(),
        "beta11-thompson": lambda: BetaTSSlot(),
    }


def run_policy(policy: SlotPolicy, scenario: Scenario, seed: int) -> RunResult:
    ctrs = scenario.ctrs()
    ids = list(ctrs)
    rng_policy = np.random.default_rng([seed, 1])
    # the same uniform draw decides a click for (impression t, creative) under every policy
    clicks_u = np.random.default_rng([seed, 2]).random((scenario.horizon, len(ids)))
    history_rng = np.random.default_rng([seed, 3])
    old = [c for c in ids if c.startswith("old-")]
    new = [c for c in ids if c.startswith("new-")]
    policy.add_arms(old)
    for cid in old:
        hist = history_rng.random(scenario.history) < ctrs[cid]
        policy.update(np.full(scenario.history, cid, dtype=object), hist)
    column = {cid: i for i, cid in enumerate(ids)}
    rate = np.array([ctrs[c] for c in ids])
    shown = dict.fromkeys(new, 0)
    share_num = dict.fromkeys(new, 0)
    share_den = dict.fromkeys(new, 0)
    result = RunResult(policy=policy.name, seed=seed)
    chosen_rate = np.empty(scenario.horizon)
    best = np.empty(scenario.horizon)
    for start in range(0, scenario.horizon, scenario.batch):
        if start == scenario.add_at:
            policy.add_arms(new)
        n = min(scenario.batch, scenario.horizon - start)
        choice = policy.choose(n, rng_policy)
        cols = np.array([column[c] for c in choice])
        t = np.arange(start, start + n)
        clicked: NDArray[np.bool_] = clicks_u[t, cols] < rate[cols]
        policy.update(choice, clicked)
        chosen_rate[t] = rate[cols]
        live = old + (new if start >= scenario.add_at else [])
        best[t] = max(ctrs[c] for c in live)
        if scenario.add_at <= start < scenario.add_at + scenario.window:
            for cid in new:
                if shown[cid] < scenario.n_min:
                    share_num[cid] += int((choice == cid).sum())
                    share_den[cid] += n
                shown[cid] += int((choice == cid).sum())
    result.reached_n_min = [shown[c] >= scenario.n_min for c in new]
    result.burn_in_share = [share_num[c] / share_den[c] if share_den[c] else 0.0 for c in new]
    result.regret = float((best - chosen_rate).sum())
    tail = max(scenario.horizon // 10, 1)
    result.final_fraction = float(chosen_rate[-tail:].mean() / best[-tail:].mean())
    return result


def compare(
    scenario: Scenario,
    seeds: Sequence[int],
    policies: dict[str, Callable[[], SlotPolicy]] | None = None,
) -> list[Summary]:
    """Every policy on every seed; one summary per policy."""
    out: list[Summary] = []
    for name, make in (policies or default_policies(scenario.n_min)).items():
        runs = [run_policy(make(), scenario, seed) for seed in seeds]
        shares = [s for r in runs for s in r.burn_in_share]
        out.append(
            Summary(
                policy=name,
                runs=len(runs),
                starvation_free=float(np.mean([x for r in runs for x in r.reached_n_min])),
                burn_in_share_mean=float(np.mean(shares)),
                burn_in_share_max=float(np.max(shares)),
                regret_mean=float(np.mean([r.regret for r in runs])),
                final_fraction_mean=float(np.mean([r.final_fraction for r in runs])),
            )
        )
    return out


@dataclass(frozen=True)
class ColdStart:
    """``n_arms`` creatives start together with no history: one best (``best_ctr``), the rest
    evenly spread from ``low_ctr`` to ``runner_up_ctr``; the best's place in creative-id
    order depends on the seed."""

    n_arms: int = 31
    best_ctr: float = 0.04
    runner_up_ctr: float = 0.032
    low_ctr: float = 0.01
    horizon: int = 200_000
    batch: int = 100
    windows: int = 10

    def ctrs(self, seed: int) -> dict[str, float]:
        rest = np.linspace(self.low_ctr, self.runner_up_ctr, self.n_arms - 1)
        rates = np.random.default_rng([seed, 4]).permutation(np.append(rest, self.best_ctr))
        return {f"c{i:03d}": float(r) for i, r in enumerate(rates)}


@dataclass(frozen=True)
class ColdStartRun:
    """Per window of ``horizon / windows`` impressions: the best creative's share and the
    expected CTR of what was shown as a fraction of the best CTR (the oracle)."""

    policy: str
    seed: int
    best_share: tuple[float, ...]
    oracle_fraction: tuple[float, ...]


@dataclass(frozen=True)
class ColdStartSummary:
    policy: str
    runs: int
    best_share: tuple[float, ...]
    oracle_fraction: tuple[float, ...]
    overall_oracle_fraction: float


def run_cold_start(policy: SlotPolicy, scenario: ColdStart, seed: int) -> ColdStartRun:
    ctrs = scenario.ctrs(seed)
    ids = list(ctrs)
    rate = np.array([ctrs[c] for c in ids])
    best = ids[int(np.argmax(rate))]
    column = {cid: i for i, cid in enumerate(ids)}
    rng_policy = np.random.default_rng([seed, 1])
    # the same uniforms decide the clicks of (impression, creative) under every policy
    rng_clicks = np.random.default_rng([seed, 2])
    policy.add_arms(ids)
    size = scenario.horizon // scenario.windows
    best_shown = np.zeros(scenario.windows)
    expected = np.zeros(scenario.windows)
    for start in range(0, size * scenario.windows, scenario.batch):
        n = min(scenario.batch, size * scenario.windows - start)
        choice = policy.choose(n, rng_policy)
        cols = np.array([column[c] for c in choice])
        uniforms = rng_clicks.random((n, len(ids)))
        clicked: NDArray[np.bool_] = uniforms[np.arange(n), cols] < rate[cols]
        policy.update(choice, clicked)
        window = start // size
        best_shown[window] += int((choice == best).sum())
        expected[window] += float(rate[cols].sum())
    return ColdStartRun(
        policy=policy.name,
        seed=seed,
        best_share=tuple(float(v) for v in best_shown / size),
        oracle_fraction=tuple(float(v) for v in expected / size / rate.max()),
    )


def compare_cold_start(
    scenario: ColdStart,
    seeds: Sequence[int],
    policies: dict[str, Callable[[], SlotPolicy]] | None = None,
) -> list[ColdStartSummary]:
    """Every policy on every seed; per policy the mean over seeds of each window's figures."""
    out: list[ColdStartSummary] = []
    for name, make in (policies or cold_start_policies()).items():
        runs = [run_cold_start(make(), scenario, seed) for seed in seeds]
        shares = np.mean([r.best_share for r in runs], axis=0)
        fractions = np.mean([r.oracle_fraction for r in runs], axis=0)
        out.append(
            ColdStartSummary(
                policy=name,
                runs=len(runs),
                best_share=tuple(float(v) for v in shares),
                oracle_fraction=tuple(float(v) for v in fractions),
                overall_oracle_fraction=float(fractions.mean()),
            )
        )
    return out


def cold_start_policies(n_min: int = 300) -> dict[str, Callable[[], SlotPolicy]]:
    """huashu with its defaults, huashu under the rule before the floor budget (1% for every
    creative past burn-in, none retired), and plain Beta(1, 1) Thompson sampling."""
    return {
        "huashu-thompson": lambda: ThompsonSlot(ThompsonAllocator(burn_in="compete", n_min=n_min)),
        "huashu, 1% floor per creative": lambda: ThompsonSlot(
            ThompsonAllocator(burn_in="compete", n_min=n_min, floor_budget=1.0, retire_below=0.0),
            name="huashu, 1% floor per creative",
        ),
        "beta11-thompson": lambda: BetaTSSlot(),
    }
