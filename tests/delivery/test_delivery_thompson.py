"""Thompson allocation: parameter checks, floors, retirement and burn-in, new arms, exact
propensities."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
import pytest

from huashu.delivery import ThompsonAllocator, allocate, with_minimums
from huashu.domain import InputError


def stats(rows: list[tuple[str, int, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["creative_id", "impressions", "clicks"])


INCUMBENTS = [("old-a", 2000, 60), ("old-b", 2000, 50), ("old-c", 2000, 40)]
WITH_NEW = stats([*INCUMBENTS, ("new", 0, 0)])

BAD_PARAMS: list[tuple[dict[str, Any], str]] = [
    ({"n_draws": -1}, "n_draws must be a positive integer, got -1"),
    ({"n_draws": 0}, "n_draws must be a positive integer, got 0"),
    ({"n_draws": 10.0}, "n_draws must be a positive integer, got 10.0"),
    ({"n_min": -5}, "n_min must be an integer >= 0, got -5"),
    ({"floor": 1.0}, "floor must be in (0, 1), got 1.0"),
    ({"top_two": 1.5}, "top_two must be in [0, 1], got 1.5"),
    ({"exploit": 1.01}, "exploit must be in [0, 1], got 1.01"),
    ({"exploit": -0.5}, "exploit must be in [0, 1], got -0.5"),
    ({"burn_in_max": 0.01}, "burn_in_max must be >= burn_in_share, got 0.01"),
    ({"arm_prior_strength": 0}, "arm_prior_strength must be in (0, inf), got 0"),
    ({"floor": 0.0}, "floor must be in (0, 1), got 0.0"),
    ({"floor_budget": 0.0}, "floor_budget must be in (0, 1], got 0.0"),
    ({"floor_budget": 1.5}, "floor_budget must be in (0, 1], got 1.5"),
    ({"retire_below": 1.0}, "retire_below must be in [0, 1), got 1.0"),
    ({"retire_below": -0.1}, "retire_below must be in [0, 1), got -0.1"),
    ({"retire_after": -1}, "retire_after must be an integer >= 0, got -1"),
    ({"retire_after": 2.5}, "retire_after must be an integer >= 0, got 2.5"),
    ({"burn_in_share": 1.5}, "burn_in_share must be in (0, 1), got 1.5"),
    ({"burn_in_share": 0.005}, "burn_in_share must be >= floor, got 0.005"),
    ({"burn_in": "always"}, "burn_in must be 'fixed' or 'compete', got 'always'"),
    ({"burn_in_cap": 0.0}, "burn_in_cap must be in (0, 1], got 0.0"),
    ({"max_strength": 0}, "max_strength must be in (0, inf), got 0"),
    ({"fallback_beta": float("nan")}, "fallback_beta must be in (0, inf), got nan"),
    ({"alpha0": 1.0}, "alpha0 must be given together with beta0, got 1.0"),
    ({"alpha0": -1.0, "beta0": 2.0}, "alpha0 must be in (0, inf), got -1.0"),
    ({"random_state": -3}, "random_state must be an integer >= 0, got -3"),
]


@pytest.mark.parametrize(("kwargs", "message"), BAD_PARAMS)
def test_bad_parameters(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(InputError) as caught:
        ThompsonAllocator(**kwargs)
    assert str(caught.value) == message
    assert caught.value.code == "bad_parameter"


def test_new_parameters_are_refused_in_chinese_too() -> None:
    with pytest.raises(InputError) as caught:
        ThompsonAllocator(floor_budget=2.0)
    assert caught.value.message_zh == "参数 floor_budget 必须在 (0, 1] 内，收到 2.0"
    with pytest.raises(InputError) as caught:
        ThompsonAllocator(retire_after=-1)
    assert caught.value.message_zh == "参数 retire_after 必须为不小于 0 的整数，收到 -1"


BAD_STATS: list[tuple[object, str]] = [
    (stats([]), "arm stats have no arms"),
    (stats([("a", 10, 1)]).drop(columns=["clicks"]), "arm stats are missing column 'clicks'"),
    (stats([("a", 10, 1), ("a", 5, 0)]), "arm stats repeat creative 'a'"),
    (
        stats([("a", 10, 11)]),
        "arm stats for 'a' need 0 <= clicks <= impressions, got 11 clicks of 10 impressions",
    ),
    ([("a", 1, 0)], "arm stats must be a pandas DataFrame, got list"),
]


@pytest.mark.parametrize(("frame", "message"), BAD_STATS)
def test_bad_stats(frame: object, message: str) -> None:
    with pytest.raises(InputError) as caught:
        ThompsonAllocator().allocation(frame)
    assert str(caught.value) == message


@pytest.mark.parametrize("burn_in", ["fixed", "compete"])
@pytest.mark.parametrize(
    "rows",
    [
        [*INCUMBENTS, ("new", 0, 0)],
        [("a", 5000, 400), ("b", 5000, 10), ("c", 5000, 9), ("d", 100, 1), ("e", 10, 0)],
        [(f"x{i}", 0, 0) for i in range(4)],
        [("only", 10, 1), ("two", 0, 0)],
    ],
)
def test_probabilities_sum_to_one_and_respect_floors(
    rows: list[tuple[str, int, int]], burn_in: str
) -> None:
    policy = ThompsonAllocator(burn_in=burn_in)  # type: ignore[arg-type]
    probs = policy.allocation(stats(rows), key="k")
    assert abs(math.fsum(probs) - 1.0) < 1e-12
    assert list(probs.index) == sorted(r[0] for r in rows)
    detail = policy.breakdown(stats(rows), key="k")
    assert detail["probability"].equals(probs)
    young = detail["state"] == "burn-in"
    assert (probs[young] >= policy.burn_in_share - 1e-12).all()
    floored = detail["state"] == "floor"
    assert (probs[floored] >= policy.floor - 1e-12).all()
    # only an arm retired on its own impressions can get nothing
    assert (probs[detail["state"] != "retired"] > 0).all()
    # b and c: 5,000 impressions at 0.2% beside a at 8%
    expected = ["b", "c"] if rows[0] == ("a", 5000, 400) else []
    assert detail.index[detail["state"] == "retired"].tolist() == expected


def test_same_inputs_and_seed_give_identical_probabilities() -> None:
    shuffled = WITH_NEW.iloc[[2, 0, 3, 1]]
    first = ThompsonAllocator(random_state=7).allocation(WITH_NEW, key="s/sms")
    again = ThompsonAllocator(random_state=7).allocation(shuffled, key="s/sms")
    assert first.equals(again)
    other = ThompsonAllocator(random_state=8).allocation(WITH_NEW, key="s/sms")
    assert not first.equals(other)


def test_a_new_arm_is_neither_starved_nor_flooded() -> None:
    """Incumbents: 2,000 impressions each at 3.0%, 2.5%, 2.0% CTR; one new arm, 0 impressions.

    Beta(1, 1) Thompson (the story's flood) gives the new arm 0.97; the default burn-in
    gives it exactly burn_in_share 0.05; letting it compete under the empirical-Bayes prior
    (mean 2.5%, strength 50) would give it 0.30, which the compete mode caps at
    burn_in_max 0.25; five new arms compete for at most burn_in_cap 0.5 together.
    """
    flood = ThompsonAllocator(
        alpha0=1.0,
        beta0=1.0,
        burn_in="compete",
        floor=0.001,
        burn_in_share=0.001,
        burn_in_max=1.0,
        burn_in_cap=1.0,
    ).allocation(WITH_NEW)
    assert flood["new"] == pytest.approx(0.97, abs=0.01)

    fixed = ThompsonAllocator().allocation(WITH_NEW)
    assert fixed["new"] == pytest.approx(0.05, abs=1e-12)
    assert fixed.to_dict() == pytest.approx(
        {"new": 0.05, "old-a": 0.788, "old-b": 0.150, "old-c": 0.012}, abs=0.02
    )

    uncapped = ThompsonAllocator(burn_in="compete", burn_in_max=1.0).allocation(WITH_NEW)
    assert uncapped["new"] == pytest.approx(0.30, abs=0.02)
    compete = ThompsonAllocator(burn_in="compete").allocation(WITH_NEW)
    # capped at 0.25; the floors of the weakest incumbents trim it by a hair
    assert 0.249 < compete["new"] <= 0.25 + 1e-12

    five_new = stats([*INCUMBENTS, *[(f"new{i}", 0, 0) for i in range(5)]])
    batch_fixed = ThompsonAllocator().allocation(five_new)
    batch_compete = ThompsonAllocator(burn_in="compete").allocation(five_new)
    new_ids = [f"new{i}" for i in range(5)]
    assert batch_fixed[new_ids].sum() == pytest.approx(0.25, abs=1e-12)
    assert 0.49 < batch_compete[new_ids].sum() <= 0.5 + 1e-12
    assert (batch_compete[new_ids] >= 0.05 - 1e-12).all()


def test_burn_in_cap_splits_the_share_when_many_arms_are_new() -> None:
    rows = [*INCUMBENTS, *[(f"new{i:02d}", 0, 0) for i in range(20)]]
    probs = ThompsonAllocator().allocation(stats(rows))
    new = probs[probs.index.str.startswith("new")]
    assert np.allclose(new, 0.5 / 20)
    assert new.sum() == pytest.approx(0.5, abs=1e-12)


def test_many_new_arms_share_at_most_the_burn_in_cap() -> None:
    """25 brand-new arms: each minimum is burn_in_cap / 25 = 0.02 (not 0.05, which would sum
    to 1.25); with no data the arms compete evenly, so each gets 1/25 up to Monte Carlo noise."""
    probs = ThompsonAllocator().allocation(stats([(f"n{i}", 0, 0) for i in range(25)]))
    assert probs.sum() == pytest.approx(1.0, abs=1e-12)
    assert (probs >= 0.02 - 1e-12).all()
    assert np.allclose(probs, 0.04, atol=0.01)


def test_compete_mode_caps_the_burn_in_minimums() -> None:
    """Compete mode with 20 new arms beside 2 mature ones: each new arm's minimum is
    cap / 20 = 0.025 (not 0.05, which would add up to 1.0 and leave the mature arms nothing
    beyond their floors). old-b (2.0% on 5,000 impressions against old-a's 3.0%) is retired:
    no floor, only its chance of being the best, which is nil."""
    arms = [("old-a", 5_000, 150), ("old-b", 5_000, 100)] + [(f"n{i}", 0, 0) for i in range(20)]
    policy = ThompsonAllocator(burn_in="compete")
    probs = policy.allocation(stats(arms))
    new = probs[[f"n{i}" for i in range(20)]]
    assert (new >= 0.025 - 1e-12).all()
    assert probs["old-a"] >= 0.01 - 1e-12
    assert policy.breakdown(stats(arms))["state"]["old-b"] == "retired"
    assert probs["old-b"] < 0.001
    assert probs.sum() == pytest.approx(1.0, abs=1e-12)


def test_empirical_bayes_prior() -> None:
    policy = ThompsonAllocator()
    assert policy.prior(stats([("a", 0, 0)])) == pytest.approx((1.0, 30.0))
    alpha, beta = policy.prior(WITH_NEW)
    assert alpha + beta == pytest.approx(50.0)
    assert alpha / (alpha + beta) == pytest.approx(151 / 6031)
    assert ThompsonAllocator(alpha0=2.0, beta0=3.0).prior(WITH_NEW) == (2.0, 3.0)


def test_a_single_arm_gets_everything() -> None:
    assert ThompsonAllocator().allocation(stats([("a", 10, 1)])).to_dict() == {"a": 1.0}


def test_with_minimums_keeps_proportions_above_the_floor() -> None:
    q = np.array([0.7, 0.3, 0.0])
    p = with_minimums(q, np.array([0.01, 0.01, 0.05]))
    assert p.tolist() == pytest.approx([0.665, 0.285, 0.05])


def test_allocate_propensities_are_the_probabilities_of_the_chosen_arms() -> None:
    probs = ThompsonAllocator().allocation(WITH_NEW)
    ids, propensities = allocate(probs, 20_000, np.random.default_rng(5))
    assert ids.shape == propensities.shape == (20_000,)
    assert (propensities == probs.loc[ids].to_numpy()).all()
    shares = pd.Series(ids).value_counts(normalize=True)
    for creative_id, p in probs.items():
        assert shares[creative_id] == pytest.approx(p, abs=0.01)
    again, _ = allocate(probs, 20_000, np.random.default_rng(5))
    assert (again == ids).all()


@pytest.mark.parametrize(
    ("probs", "n", "message"),
    [
        (pd.Series({"a": 0.5, "b": 0.6}), 3, "probs must be non-negative and sum to 1"),
        (pd.Series({"a": 1.5, "b": -0.5}), 3, "probs must be non-negative and sum to 1"),
        (pd.Series({"a": 1.0}), -1, "n must be a non-negative integer, got -1"),
    ],
)
def test_allocate_rejects_bad_input(probs: pd.Series, n: int, message: str) -> None:
    with pytest.raises(InputError, match=f"^{message}$"):
        allocate(probs, n, np.random.default_rng(0))


def test_knowledge_base_priors_shape_a_new_arms_share() -> None:
    """A new creative the knowledge base predicts at 8% (incumbents at 3%) competes from its
    first impression, up to the burn-in maximum (0.25), the incumbents splitting the rest by
    their own win rates; one predicted at 0.5% stays at its burn-in minimum."""
    base = [("old-a", 3_000, 90), ("old-b", 3_000, 80)]
    policy = ThompsonAllocator(burn_in="compete")
    hot = stats([*base, ("new", 0, 0)]).assign(prior_mean=[np.nan, np.nan, 0.08])
    cold = stats([*base, ("new", 0, 0)]).assign(prior_mean=[np.nan, np.nan, 0.005])
    capped = policy.allocation(hot)
    assert capped["new"] == pytest.approx(0.25, abs=1e-12)
    assert capped["old-a"] > capped["old-b"] > 0.01
    assert policy.allocation(cold)["new"] == pytest.approx(0.05, abs=1e-9)
    uncapped = ThompsonAllocator(burn_in="compete", burn_in_max=1.0, burn_in_cap=1.0)
    assert uncapped.allocation(hot)["new"] > 0.9


@pytest.mark.parametrize("mean", [0.0, 1.0, 1.5, -0.1])
def test_prior_means_outside_zero_one_are_refused(mean: float) -> None:
    frame = stats([("a", 10, 1), ("b", 10, 1)]).assign(prior_mean=[mean, np.nan])
    with pytest.raises(InputError, match="need 0 < prior_mean < 1"):
        ThompsonAllocator().allocation(frame)


def test_top_two_keeps_measuring_the_challenger() -> None:
    """Two close leaders and a clear loser: plain probability matching gives the leader most
    of the slot; top-two (beta 0.5) moves the split toward 50/50 between the top two."""
    arms = stats([("lead", 4_000, 140), ("close", 4_000, 128), ("far", 4_000, 60)])
    plain = ThompsonAllocator().allocation(arms)
    top_two = ThompsonAllocator(top_two=0.5).allocation(arms)
    assert plain["lead"] > 0.7
    assert abs(top_two["lead"] - top_two["close"]) < abs(plain["lead"] - plain["close"])
    assert top_two["close"] > plain["close"]
    assert top_two["far"] == pytest.approx(0.01, abs=0.01)


def test_exploit_follows_the_posterior_mean_leader() -> None:
    """With a pooled prior far stronger than the group's own clicks, probability matching
    still spreads the slot; ``exploit`` gives most of the mature arms' share to the arm whose
    posterior mean is highest (here the one the prior favours despite a click fewer), leaves
    the burn-in arm its share and keeps every floor."""
    arms = stats([("kb-best", 200, 4), ("kb-mid", 200, 5), ("kb-low", 200, 3), ("new", 0, 0)])
    frame = arms.assign(
        prior_mean=[0.030, 0.024, 0.020, np.nan], prior_strength=[800.0, 800.0, 800.0, np.nan]
    )
    plain = ThompsonAllocator(burn_in="compete", n_min=150).breakdown(frame)
    sharp = ThompsonAllocator(burn_in="compete", n_min=150, exploit=0.9).breakdown(frame)
    assert plain.loc["kb-best", "probability"] < 0.75
    mature = ["kb-best", "kb-mid", "kb-low"]
    assert sharp.loc["kb-best", "probability"] > 0.9 * plain.loc[mature, "probability"].sum()
    assert sharp.loc["new", "probability"] == pytest.approx(
        plain.loc["new", "probability"], abs=0.005
    )
    assert (sharp["probability"] >= sharp["minimum"] - 1e-12).all()
    assert sharp["win_rate"].tolist() == plain["win_rate"].tolist()
    assert sharp["probability"].sum() == pytest.approx(1.0)


def test_exploit_leaves_arms_without_a_prior_to_probability_matching() -> None:
    """Arms judged on their own clicks alone (no ``prior_mean``) keep probability matching
    whatever ``exploit`` is; with priors, a tie for the highest posterior mean is split."""
    arms = stats([("a", 1000, 30), ("b", 1000, 30), ("c", 1000, 22)])
    plain = ThompsonAllocator().allocation(arms).tolist()
    assert ThompsonAllocator(exploit=1.0).allocation(arms).tolist() == plain
    assert ThompsonAllocator(exploit=0.0).allocation(arms).tolist() == plain
    known = arms.assign(prior_mean=[0.03, 0.03, 0.022], prior_strength=[500.0, 500.0, 500.0])
    tied = ThompsonAllocator(exploit=1.0).allocation(known)
    assert tied["a"] == pytest.approx(tied["b"])
    assert tied["c"] == pytest.approx(0.01)
