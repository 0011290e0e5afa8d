"""The bandit benchmark harness at small scale: huashu neither starves nor floods new
creatives, in the same run as the baselines that do."""

from __future__ import annotations

import pytest

from huashu.delivery.baselines import ThompsonSlot
from huashu.delivery.simulate import Scenario, compare
from huashu.domain import InputError

SMALL = Scenario(horizon=16_000, add_at=2_000, window=12_000, batch=100)


def test_starvation_flooding_and_regret_in_one_run() -> None:
    results = {s.policy: s for s in compare(SMALL, seeds=range(3))}
    huashu = results["huashu-thompson"]
    assert huashu.starvation_free == 1.0
    # burn-in share stays within the configured bounds [burn_in_share, burn_in_max]
    assert huashu.burn_in_share_mean >= 0.05 - 1e-9
    assert huashu.burn_in_share_max <= 0.25 + 1e-9
    # plain Beta(1, 1) Thompson floods at least one new creative past that bound
    assert results["beta11-thompson"].burn_in_share_max > 0.25
    # UCB1 with a CTR-scaled bonus locks onto incumbents and starves new creatives
    assert results["ucb1-scaled"].starvation_free < 1.0
    # uniform never learns: the highest regret of all
    assert results["uniform"].regret_mean == max(s.regret_mean for s in results.values())
    assert huashu.regret_mean < results["uniform"].regret_mean / 2


def test_the_simulated_slot_checks_its_rebuild_cadence() -> None:
    with pytest.raises(InputError) as caught:
        ThompsonSlot(rebuild_every=0)
    assert str(caught.value) == "rebuild_every must be a positive integer, got 0"
    assert caught.value.message_zh == "参数 rebuild_every 必须为正整数，收到 0"
