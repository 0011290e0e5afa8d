"""Floors as one budget: per-creative floors shrink as a group grows, dominated creatives are
retired, burn-in holds at any size, and no group turns uniform when its data discriminate."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from huashu.delivery import ThompsonAllocator
from huashu.delivery.draws import ArmGroup
from huashu.delivery.simulate import ColdStart, cold_start_policies, run_cold_start

BEFORE = {"floor_budget": 1.0, "retire_below": 0.0}  # 1% for every creative, none retired


def arms(k: int, impressions: int, best: float, rest: tuple[float, float]) -> pd.DataFrame:
    """``k`` creatives with ``impressions`` each: c0000 at CTR ``best``, the others evenly
    spread over ``rest``."""
    ctrs = np.append(best, np.linspace(rest[0], rest[1], k - 1))
    return pd.DataFrame(
        {
            "creative_id": [f"c{i:04d}" for i in range(k)],
            "impressions": impressions,
            "clicks": np.round(ctrs * impressions).astype(int),
        }
    )


@pytest.mark.parametrize("k", [3, 5, 31, 100, 1000])
def test_floors_share_one_budget(k: int) -> None:
    """Every arm is a contender (3.0% to 3.2% on 400 impressions): each keeps
    ``min(floor, floor_budget / k)``, 1% up to 5 creatives as before, and the floors add up
    to at most the budget however many creatives there are."""
    policy = ThompsonAllocator(retire_after=10_000)
    detail = policy.breakdown(arms(k, 400, 0.032, (0.030, 0.032)), key="k")
    assert (detail["state"] == "floor").all()
    assert np.allclose(detail["minimum"], min(0.01, 0.05 / k), rtol=0, atol=1e-15)
    assert detail["minimum"].sum() <= policy.floor_budget + 1e-12
    assert (detail["probability"] >= detail["minimum"] - 1e-12).all()
    assert detail["probability"].sum() == pytest.approx(1.0, abs=1e-12)


@pytest.mark.parametrize("k", [31, 100, 1000])
def test_no_uniform_allocation_when_the_data_discriminate(k: int) -> None:
    """One creative at 5% and the rest at 2-3%, 5,000 impressions each: the best gets more
    than 95% of the slot at any size. Under the per-creative floor of 1% it got at most
    1 - 0.01 (k - 1) (70% of 31), and from 100 creatives on exactly 1 / k."""
    stats = arms(k, 5_000, 0.05, (0.02, 0.03))
    probs = ThompsonAllocator().allocation(stats, key="k")
    assert probs["c0000"] > 0.95
    assert probs.sum() == pytest.approx(1.0, abs=1e-12)
    before = ThompsonAllocator(**BEFORE).allocation(stats, key="k")
    assert before["c0000"] <= max(1.0 - 0.01 * (k - 1), 1.0 / k) + 1e-12
    if k >= 100:
        assert np.allclose(before, 1.0 / k, rtol=0, atol=1e-12)


def test_dominated_creatives_are_retired_after_enough_impressions() -> None:
    """poor (2% on 5,000 impressions) cannot be the best beside lead and close (5.0% and
    4.8%): it is retired and gets only what probability matching gives it, under the floor it
    had; with fewer impressions of its own than ``retire_after`` it keeps its floor, and
    ``retire_below=0`` retires nothing."""
    rows = [("lead", 5_000, 250), ("close", 5_000, 240), ("poor", 5_000, 100)]
    stats = pd.DataFrame(rows, columns=["creative_id", "impressions", "clicks"])
    detail = ThompsonAllocator().breakdown(stats, key="k")
    assert detail["state"].to_dict() == {"close": "floor", "lead": "floor", "poor": "retired"}
    assert detail.loc["poor", "minimum"] == 0.0
    assert detail.loc["poor", "probability"] < 0.001
    assert detail.loc["close", "probability"] > 0.2
    young = ThompsonAllocator(retire_after=6_000).breakdown(stats, key="k")
    assert young.loc["poor", "state"] == "floor"
    assert young.loc["poor", "probability"] == pytest.approx(0.01, abs=1e-12)
    never = ThompsonAllocator(retire_below=0.0).breakdown(stats, key="k")
    assert (never["state"] == "floor").all()


@pytest.mark.parametrize("burn_in", ["fixed", "compete"])
def test_burn_in_holds_beside_many_mature_creatives(burn_in: str) -> None:
    """A new creative beside 500 mature ones still gets its burn-in share; 100 new ones share
    the burn-in cap (0.5 / 100 each) and none is starved or floods the slot."""
    mature = arms(500, 5_000, 0.05, (0.02, 0.03))
    one_new = pd.concat([mature, pd.DataFrame([("new", 0, 0)], columns=mature.columns)])
    policy = ThompsonAllocator(burn_in=burn_in)  # type: ignore[arg-type]
    probs = policy.allocation(one_new, key="k")
    assert policy.burn_in_share - 1e-12 <= probs["new"] <= policy.burn_in_max + 1e-12
    many = pd.DataFrame([(f"new{i:03d}", 0, 0) for i in range(100)], columns=mature.columns)
    probs = policy.allocation(pd.concat([mature, many]), key="k")
    new = probs[probs.index.str.startswith("new")]
    assert (new >= 0.005 - 1e-12).all()
    assert new.sum() <= policy.burn_in_cap + 1e-12
    assert probs["c0000"] > 0.45


def test_cold_start_with_31_creatives_ends_near_the_oracle() -> None:
    """31 new creatives (best 4.0%, the rest 1.0-3.2%), a snapshot every 100 impressions,
    100,000 impressions, seed 0: the best creative ends with most of the slot and the slot
    within 5% of the oracle CTR; under the per-creative floor the best stays under 70%."""
    scenario = ColdStart(n_arms=31, horizon=100_000, windows=5)
    policies = cold_start_policies()
    after = run_cold_start(policies["huashu-thompson"](), scenario, 0)
    assert after.best_share[-1] > 0.85
    assert after.oracle_fraction[-1] > 0.95
    assert list(after.best_share) == sorted(after.best_share)
    before = run_cold_start(policies["huashu, 1% floor per creative"](), scenario, 0)
    assert before.best_share[-1] < 0.72
    assert before.oracle_fraction[-1] < 0.88


def test_cold_start_with_100_creatives_learns() -> None:
    """100 new creatives, 200,000 impressions: burn-in first (each creative needs 300
    impressions), then the best creative takes most of the slot (uniform: 1%)."""
    scenario = ColdStart(n_arms=100, horizon=200_000, windows=5)
    run = run_cold_start(cold_start_policies()["huashu-thompson"](), scenario, 0)
    assert run.best_share[0] < 0.05
    assert run.best_share[-1] > 0.75
    assert run.oracle_fraction[-1] > 0.9


@pytest.mark.parametrize(
    "posteriors",
    [
        [(1.0, 30.0), (13.0, 418.0), (9.0, 322.0)],
        [(1.25, 48.75), (61.25, 1988.75), (51.25, 1998.75)],
        [(1.0, 1.0), (61.0, 1941.0), (51.0, 1951.0)],
        [(0.3, 40.0), (3.3, 340.0), (2.3, 190.0)],
        [(2.0, 60.0), (3.0, 80.0), (5.0, 120.0), (1.0, 20.0)],
    ],
)
def test_win_rates_match_exact_beta_draws(posteriors: list[tuple[float, float]]) -> None:
    """The stored-normal draws give the chance of being the best within a point of numpy's
    exact Beta sampler, small shapes included."""
    rng = np.random.default_rng(0)
    exact = np.stack([rng.beta(a, b, 400_000) for a, b in posteriors], axis=1)
    expected = np.bincount(exact.argmax(axis=1), minlength=len(posteriors)) / 400_000
    group = ArmGroup("k", 0, 200_000, (1.0, 1.0))
    group.add(
        [f"a{i}" for i in range(len(posteriors))],
        [0] * len(posteriors),
        [0] * len(posteriors),
        means=[a / (a + b) for a, b in posteriors],
        strengths=[a + b for a, b in posteriors],
    )
    assert np.abs(group.win_rates() - expected).max() < 0.01
