"""Per-arm prior strength: pseudo-counts from the knowledge base's predictive uncertainty."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from huashu.delivery import ThompsonAllocator, build_snapshot, prior_strength
from huashu.domain import InputError


def stats(rows: list[tuple[str, int, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["creative_id", "impressions", "clicks"])


def test_strength_grows_as_the_prediction_sharpens() -> None:
    loose, tight = prior_strength(0.05, 0.5), prior_strength(0.05, 0.1)
    assert tight > loose
    # Beta(m s, (1 - m) s) matches the delta-method variance of the predicted CTR
    s = prior_strength(0.05, 0.2)
    beta_var = 0.05 * 0.95 / (s + 1)
    assert beta_var == pytest.approx((0.05 * 0.95 * 0.2) ** 2, rel=0.01)
    assert prior_strength(0.05, 10.0) == 2.0 and prior_strength(0.05, 0.0) == 5000.0
    with pytest.raises(InputError, match="mean must be in"):
        prior_strength(1.0, 0.1)


def test_a_confident_prior_skips_burn_in_and_a_vague_one_does_not() -> None:
    base = [("a", 2000, 100), ("b", 2000, 60)]
    policy = ThompsonAllocator(n_min=300, burn_in="compete", burn_in_max=0.25)

    def share(mean: float, strength: float) -> float:
        frame = stats([*base, ("new", 0, 0)]).assign(
            prior_mean=[np.nan, np.nan, mean], prior_strength=[np.nan, np.nan, strength]
        )
        return float(policy.allocation(frame, key="k")["new"])

    # known well and predicted better than the leader: it takes the lead at once, past the
    # burn-in cap
    assert share(0.08, 3000.0) > 0.9
    # known well and predicted poor: only the floor, no burn-in share
    assert share(0.02, 3000.0) == pytest.approx(policy.floor)
    # known vaguely: still in burn-in, so neither starved nor flooded
    vague_good, vague_bad = share(0.08, 20.0), share(0.02, 20.0)
    assert policy.burn_in_share - 1e-9 <= vague_bad <= vague_good <= policy.burn_in_max + 1e-9


def test_strengths_travel_with_the_snapshot_and_rederive() -> None:
    arm_stats = pd.DataFrame(
        {
            "segment_key": ["s", "s"],
            "channel": ["sms", "sms"],
            "creative_id": ["a", "b"],
            "impressions": [1000, 0],
            "clicks": [50, 0],
        }
    )
    policy = ThompsonAllocator(n_min=300)
    snap = build_snapshot(
        arm_stats,
        {("s", "sms"): ["a", "b", "c"]},
        policy,
        snapshot_seed=3,
        prior_means={"b": 0.07, "c": 0.03},
        prior_strengths={"b": 2500.0},
    )
    group = snap.group("s", "sms")
    assert group.prior_strengths == (None, 2500.0, None)
    again = type(snap).from_json(snap.to_json())
    assert again.group("s", "sms").prior_strengths == (None, 2500.0, None)
    assert again.rederive("s", "sms").to_dict() == snap.allocation("s", "sms").to_dict()
    weaker = build_snapshot(
        arm_stats,
        {("s", "sms"): ["a", "b", "c"]},
        policy,
        snapshot_seed=3,
        prior_means={"b": 0.07, "c": 0.03},
    )
    # b: 2500 pseudo-counts put it past burn-in, so it competes (and leads) instead of
    # being held to a burn-in share
    assert snap.allocation("s", "sms")["b"] > weaker.allocation("s", "sms")["b"]


def test_bad_prior_strength_is_refused() -> None:
    frame = stats([("a", 10, 1), ("b", 10, 1)]).assign(
        prior_mean=[0.05, np.nan], prior_strength=[-1.0, np.nan]
    )
    with pytest.raises(InputError, match="finite prior_strength > 0"):
        ThompsonAllocator().allocation(frame)


def test_joint_draws_separate_creatives_whose_predictions_move_together() -> None:
    """Two new creatives predicted 5.0% and 5.3%, each uncertain by 0.3 log-odds, all of it
    shared (the same phrases): drawn jointly the better one is nearly always ahead; drawn
    independently with the same marginal uncertainty they split the traffic."""
    policy = ThompsonAllocator(n_min=100, floor=0.001, burn_in_share=0.001)
    base = stats([("old", 5000, 150), ("x", 0, 0), ("y", 0, 0)])
    joint = base.assign(
        prior_mean=[np.nan, 0.050, 0.053],
        prior_strength=[np.nan, 1e6, 1e6],
        prior_loading=[None, (0.3, 0.0), (0.3, 0.0)],
    )
    alone = base.assign(
        prior_mean=[np.nan, 0.050, 0.053],
        prior_strength=[np.nan, prior_strength(0.050, 0.3), prior_strength(0.053, 0.3)],
    )
    together = policy.allocation(joint, key="k")
    apart = policy.allocation(alone, key="k")
    assert together["y"] / (together["x"] + together["y"]) > 0.95
    assert apart["y"] / (apart["x"] + apart["y"]) < 0.65
    # the loadings travel with the snapshot and re-derive the same allocation
    arm_stats = base.assign(segment_key="s", channel="sms")
    snap = build_snapshot(
        arm_stats,
        {("s", "sms"): ["old", "x", "y"]},
        policy,
        snapshot_seed=1,
        prior_means={"x": 0.050, "y": 0.053},
        prior_strengths={"x": 1e6, "y": 1e6},
        prior_loadings={"x": (0.3, 0.0), "y": (0.3, 0.0)},
    )
    again = type(snap).from_json(snap.to_json())
    assert again.group("s", "sms").prior_loadings == (None, (0.3, 0.0), (0.3, 0.0))
    assert again.rederive("s", "sms").to_dict() == snap.allocation("s", "sms").to_dict()
    assert snap.allocation("s", "sms")["y"] > 0.9
