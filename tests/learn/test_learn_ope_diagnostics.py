"""OPE diagnostics: effective sample size, weight shares, weight clipping, range clamping,
warnings, and what the intervals cover on synthetic logs with a known truth."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from huashu.learn import ope
from huashu.learn.ope import WARNING_CODES, Diagnostics, evaluate_arrays, weight_diagnostics

LOGGER = "huashu.learn.ope"
#: logging policy, target policy and click rate of three arms (no context)
P_LOG = np.array([0.6, 0.3, 0.1])
P_TARGET = np.array([0.1, 0.3, 0.6])
CTR = np.array([0.01, 0.02, 0.05])
TRUTH = float(P_TARGET @ CTR)  # 0.037


def bandit(n: int, seed: int) -> dict[str, Any]:
    rng = np.random.default_rng(seed)
    arms = rng.choice(3, size=n, p=P_LOG)
    return {
        "reward": (rng.random(n) < CTR[arms]).astype(float),
        "propensity": P_LOG[arms],
        "target_propensity": P_TARGET[arms],
    }


def constant_model(n: int, value: float) -> dict[str, Any]:
    """A reward model predicting ``value`` for every arm: q_logged = q_target = value."""
    return {"q_logged": np.full(n, value), "q_target": np.full(n, value)}


def test_ess_and_max_share_by_hand() -> None:
    # w = 1, 1, 2, 4: sum 8, sum of squares 22
    diag = weight_diagnostics([1.0, 1.0, 2.0, 4.0])
    assert diag.ess == pytest.approx(64 / 22)
    assert diag.max_weight_share == pytest.approx(0.5)
    assert (diag.n, diag.max_weight, diag.clipped, diag.clip) == (4, 4.0, 0, None)
    # clipped at 2: 1, 1, 2, 2 -> sum 6, squares 10; only the 4 was above the cap
    capped = weight_diagnostics([1.0, 1.0, 2.0, 4.0], clip=2.0)
    assert capped.ess == pytest.approx(3.6)
    assert capped.max_weight_share == pytest.approx(2 / 6)
    assert (capped.clipped, capped.clip, capped.max_weight) == (1, 2.0, 2.0)


def test_equal_weights_have_full_ess_and_huge_weights_do_not_overflow() -> None:
    assert weight_diagnostics(np.full(50, 3.0)).ess == pytest.approx(50.0)
    assert weight_diagnostics(np.full(50, 3.0)).max_weight_share == pytest.approx(0.02)
    huge = weight_diagnostics([1e200, 1e200, 0.0])
    assert huge.ess == pytest.approx(2.0)
    assert huge.max_weight_share == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("n", "ess", "share", "codes"),
    [
        (5_000, 150.0, 0.01, ()),
        (20_000, 150.0, 0.01, ("low_ess",)),  # under 1% of the rows
        (200, 99.0, 0.01, ("low_ess",)),  # under 100
        (200, 100.0, 0.2, ()),  # at the thresholds: no warning
        (10_000, 2.1, 0.69, ("low_ess", "dominant_weight")),
        (1_000, 500.0, 0.21, ("dominant_weight",)),
    ],
)
def test_warning_thresholds(n: int, ess: float, share: float, codes: tuple[str, ...]) -> None:
    assert Diagnostics(n=n, ess=ess, max_weight_share=share, max_weight=1.0).warnings == codes


def test_estimates_carry_the_weights_diagnostics() -> None:
    data = bandit(3_000, seed=4)
    w = data["target_propensity"] / data["propensity"]
    q = constant_model(3_000, 0.03)
    result = evaluate_arrays(**data, **q, n_boot=20, clip=3.0)
    capped = np.minimum(w, 3.0)
    for name in ("ipw", "snipw", "dr"):
        diag = result[name].diagnostics
        assert diag.ess == pytest.approx(capped.sum() ** 2 / (capped**2).sum())
        assert diag.max_weight_share == pytest.approx(capped.max() / capped.sum())
        assert diag.clipped == int((w > 3.0).sum()) > 0
    # DM uses no weights: its diagnostics describe the target vs. logging policy, unclipped
    dm = result["dm"].diagnostics
    assert dm.ess == pytest.approx(w.sum() ** 2 / (w**2).sum())
    assert (dm.clipped, dm.clip, dm.n) == (0, None, 3_000)


def test_clipping_by_hand() -> None:
    # w = 1, 50, 5, 2; clipped at 1.5: 1, 1.5, 1.5, 1.5
    data: dict[str, Any] = {
        "reward": [1.0, 0.0, 0.0, 1.0],
        "propensity": [0.5, 0.01, 0.1, 0.25],
        "target_propensity": [0.5, 0.5, 0.5, 0.5],
    }
    plain = evaluate_arrays(**data, estimators=("ipw", "snipw"), n_boot=10)
    assert plain["ipw"].value == pytest.approx((1 + 2) / 4)
    assert plain["snipw"].value == pytest.approx(3 / 58)
    capped = evaluate_arrays(**data, estimators=("ipw", "snipw"), n_boot=10, clip=1.5)
    assert capped["ipw"].value == pytest.approx((1 + 1.5) / 4)
    assert capped["snipw"].value == pytest.approx(2.5 / 5.5)
    assert capped["ipw"].diagnostics.clipped == 3


def test_clipping_trades_variance_for_bias() -> None:
    # weights are 1/6, 1 and 6; a cap of 2 turns E[w r] into sum_a p(a) min(w_a, 2) ctr(a)
    capped_truth = float(P_LOG @ (np.minimum(P_TARGET / P_LOG, 2.0) * CTR))
    plain, capped = [], []
    for seed in range(40):
        data = bandit(4_000, seed=seed)
        plain.append(evaluate_arrays(**data, estimators=("ipw",), n_boot=1)["ipw"].value)
        capped.append(evaluate_arrays(**data, estimators=("ipw",), n_boot=1, clip=2.0)["ipw"].value)
    assert np.mean(plain) == pytest.approx(TRUTH, rel=0.1)
    assert np.mean(capped) == pytest.approx(capped_truth, rel=0.1)
    assert capped_truth < 0.7 * TRUTH  # biased downwards ...
    assert np.std(capped) < 0.7 * np.std(plain)  # ... for less spread


def test_intervals_are_clamped_and_cover_the_truth_over_seeds() -> None:
    cover = {"ipw": 0, "snipw": 0, "dr": 0}
    seeds = 40
    for seed in range(seeds):
        data = bandit(1_500, seed=100 + seed)
        # a reward model that is wrong on purpose (0.2 for every arm): DR's correction has to
        # do the work, and DM is the model's 0.2
        q = constant_model(1_500, 0.2)
        result = evaluate_arrays(**data, **q, n_boot=200, level=0.9, random_state=seed)
        for name, est in result.items():
            assert 0.0 <= est.low <= est.high <= 1.0, (name, est)
            assert 0.0 <= est.value <= 1.0
            if name in cover:
                cover[name] += est.low <= TRUTH <= est.high
        # DM's fixed-model interval sits on the model's 0.2, never on the truth
        assert not result["dm"].low <= TRUTH <= result["dm"].high
        assert result["dm"].interval_kind == "fixed_model"
    for name, hits in cover.items():
        assert hits / seeds >= 0.75, (name, hits)


def test_out_of_range_estimates_are_clamped_and_warned(caplog: pytest.LogCaptureFixture) -> None:
    # IPW: mean(w r) = (1 + 50 + 5 + 2) / 4 = 14.5 > 1
    data: dict[str, Any] = {
        "reward": [1.0, 1.0, 1.0, 1.0],
        "propensity": [0.5, 0.01, 0.1, 0.25],
        "target_propensity": [0.5, 0.5, 0.5, 0.5],
    }
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        ipw = evaluate_arrays(**data, estimators=("ipw",), n_boot=50)["ipw"]
    assert (ipw.value, ipw.high) == (1.0, 1.0)
    assert "out_of_range" in ipw.warnings
    assert any("point estimate 14.5 left [0, 1]" in r.getMessage() for r in caplog.records)
    # DR: q_target 0, q_logged 0.9, no clicks: 0 + w (0 - 0.9) < 0
    dr = evaluate_arrays(
        [0.0] * 4,
        data["propensity"],
        data["target_propensity"],
        q_logged=[0.9] * 4,
        q_target=[0.0] * 4,
        estimators=("dr",),
        n_boot=50,
    )["dr"]
    assert (dr.value, dr.low, dr.high) == (0.0, 0.0, 0.0)
    assert "out_of_range" in dr.warnings


def test_a_tiny_propensity_warns(caplog: pytest.LogCaptureFixture) -> None:
    data = bandit(1_000, seed=7)
    data["propensity"][0] = 1e-6  # the target's 0.1 / 1e-6: one row holds ~99% of the weight
    q = constant_model(1_000, 0.03)
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        result = evaluate_arrays(**data, **q, n_boot=20)
    for est in result.values():
        assert est.warnings[:2] == ("low_ess", "dominant_weight"), est
        assert est.diagnostics.ess < 2.0
        assert est.diagnostics.max_weight_share > 0.98
    messages = [r.getMessage() for r in caplog.records if r.name == LOGGER]
    assert any("low_ess: effective sample size 1.0" in m for m in messages), messages
    assert any("dominant_weight: one row holds" in m for m in messages), messages
    assert all(r.levelno == logging.WARNING for r in caplog.records)
    # capping the weight at 10 removes the warning for the weighted estimators, not for DM
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        capped = evaluate_arrays(**data, **q, n_boot=20, clip=10.0)
    assert capped["ipw"].warnings == capped["dr"].warnings == ()
    assert capped["ipw"].diagnostics.clipped == 1
    assert capped["dm"].warnings == ("low_ess", "dominant_weight")
    assert caplog.records
    assert all(r.getMessage().startswith("off-policy evaluation (dm) ") for r in caplog.records)


def test_healthy_logs_do_not_warn(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        result = evaluate_arrays(**bandit(5_000, seed=9), estimators=("ipw", "snipw"), n_boot=20)
    assert all(est.warnings == () for est in result.values())
    assert not caplog.records


def test_every_warning_code_is_documented() -> None:
    delivery = (Path(__file__).parents[2] / "docs" / "delivery.md").read_text("utf-8")
    for code in WARNING_CODES:
        assert f"``{code}``" in (ope.__doc__ or ""), code
        assert f"| `{code}` |" in delivery, code
