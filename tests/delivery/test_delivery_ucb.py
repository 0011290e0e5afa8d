"""UCB1, the seed story's baseline: deterministic batches, new arms, and how it starves them."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from huashu.delivery import UCB1
from huashu.domain import InputError

TRUE_CTR = {"old-a": 0.03, "old-b": 0.025, "old-c": 0.02, "new": 0.04}


def incumbents(alpha: float) -> UCB1:
    """Three creatives with 20,000 impressions each at 3.0%, 2.5%, 2.0%, then a new one."""
    policy = UCB1(["old-a", "old-b", "old-c"], alpha=alpha)
    policy.update(["old-a", "old-b", "old-c"], [600, 500, 400], impressions=[20_000] * 3)
    policy.add_arms(["new"])
    return policy


def run(policy: UCB1, impressions: int, seed: int) -> list[int]:
    """Serve ``impressions`` in batches of 50; return the new arm's impressions per batch."""
    rng = np.random.default_rng(seed)
    per_batch = []
    for _ in range(impressions // 50):
        ids, propensities = policy.select_batch(50)
        assert (propensities == 1.0).all()
        ctr = np.array([TRUE_CTR[c] for c in ids])
        policy.update(ids, (rng.random(ids.size) < ctr).astype(int))
        per_batch.append(int((ids == "new").sum()))
    return per_batch


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: UCB1(alpha=-1.0), "alpha must be in [0, inf), got -1.0"),
        (lambda: UCB1(["a"]).select_batch(0), "n_batch must be a positive integer, got 0"),
        (lambda: UCB1().select_batch(5), "UCB1 has no arms to choose from"),
        (
            lambda: UCB1(["a"]).update(["a", "a"], [1]),
            "creative_ids, clicks and impressions must have the same length",
        ),
        (lambda: UCB1(["a"]).update(["a"], [2]), "clicks must be between 0 and impressions"),
    ],
)
def test_bad_input(make: Any, message: str) -> None:
    with pytest.raises(InputError) as caught:
        make()
    assert str(caught.value) == message


def test_each_unplayed_arm_is_played_once_then_the_argmax_gets_the_batch() -> None:
    policy = UCB1(["a", "b", "c"])
    first, _ = policy.select_batch(5)
    assert first.tolist() == ["a", "b", "c", "a", "b"]
    policy.update(["a", "b", "c"], [0, 3, 1], impressions=[10, 10, 10])
    second, propensities = policy.select_batch(4)
    assert second.tolist() == ["b"] * 4
    assert propensities.tolist() == [1.0] * 4
    policy.add_arms(["d", "b"])
    assert policy.arms == ("a", "b", "c", "d")
    third, _ = policy.select_batch(3)
    assert third.tolist() == ["d", "b", "b"]


def test_select_and_scalar_update_for_one_batch_at_a_time() -> None:
    policy = UCB1(["a", "b"])
    assert policy.select() == "a"
    policy.update("a", clicks=1, impressions=50)
    assert policy.select() == "b"
    policy.update("b", clicks=5, impressions=50)
    assert policy.select() == "b"
    assert policy.stats()["impressions"].tolist() == [50, 50]


def test_scores_are_the_textbook_bound() -> None:
    policy = UCB1(["a", "b"], alpha=1.0)
    policy.update(["a", "b"], [2, 1], impressions=[10, 30])
    bonus = np.sqrt(2 * np.log(40) / np.array([10, 30]))
    assert policy.scores() == pytest.approx(np.array([0.2, 1 / 30]) + bonus)
    assert policy.stats().to_dict("list") == {
        "creative_id": ["a", "b"],
        "impressions": [10, 30],
        "clicks": [2, 1],
    }


def test_textbook_bonus_floods_a_new_arm() -> None:
    """alpha = 1 on CTRs of 2-4%: the new arm gets 1 impression, then every batch: 951 of
    the next 1,000 impressions (the bonus of an arm with n pulls, sqrt(2 ln N / n), stays far
    above any CTR for thousands of impressions)."""
    policy = incumbents(alpha=1.0)
    per_batch = run(policy, 1000, seed=0)
    assert per_batch[:3] == [1, 50, 50]
    assert sum(per_batch) == 951


def test_ctr_scaled_bonus_tries_a_better_new_arm_once_then_starves_it() -> None:
    """alpha = 0.01 (a bonus on the CTR's scale) with 1,000 impressions of traffic: the new
    arm (true CTR 4.0%, better than every incumbent) gets its one impression, one batch of 50
    while that impression's bonus lasts, and then nothing: 51 of 1,000 with seed 0 and the
    same 51 at 10,000 impressions. Over 20 seeds it is starved at 51 in 9 runs."""
    per_batch = run(incumbents(alpha=0.01), 1000, seed=0)
    assert per_batch[:4] == [1, 50, 0, 0]
    assert sum(per_batch) == 51
    assert sum(run(incumbents(alpha=0.01), 10_000, seed=0)) == 51
    totals = [sum(run(incumbents(alpha=0.01), 1000, seed=s)) for s in range(20)]
    assert sum(t == 51 for t in totals) == 9


def test_two_hundred_thousand_impressions_are_all_counted() -> None:
    """(Its speed is a benchmark's business: benchmarks/bandit.py.)"""
    policy = incumbents(alpha=1.0)
    no_clicks = np.zeros(50, dtype=int)
    for _ in range(4000):
        ids, _ = policy.select_batch(50)
        policy.update(ids, no_clicks)
    assert int(policy.stats()["impressions"].sum()) == 60_000 + 200_000
