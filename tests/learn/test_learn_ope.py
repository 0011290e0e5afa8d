"""Off-policy estimators recover a target policy's known CTR from another policy's logs."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

from huashu.domain import InputError
from huashu.learn.ope import attach_target, evaluate, evaluate_arrays, weight_diagnostics

CTR = {"s1": {"a": 0.02, "b": 0.05, "c": 0.03}, "s2": {"a": 0.06, "b": 0.01, "c": 0.02}}
LOGGING = {"a": 0.5, "b": 0.2, "c": 0.3}
TARGET = {"s1": {"a": 0.1, "b": 0.8, "c": 0.1}, "s2": {"a": 0.9, "b": 0.05, "c": 0.05}}


def logs(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    segments = rng.choice(["s1", "s2"], size=n)
    arms = rng.choice(list(LOGGING), size=n, p=list(LOGGING.values()))
    p_click = np.array([CTR[s][a] for s, a in zip(segments, arms, strict=True)])
    return pd.DataFrame(
        {
            "segment_key": segments,
            "creative_id": arms,
            "reward": (rng.random(n) < p_click).astype(float),
            "propensity": [LOGGING[a] for a in arms],
        }
    )


def truth() -> float:
    return 0.5 * sum(TARGET[s][a] * CTR[s][a] for s in ("s1", "s2") for a in LOGGING)


def test_estimators_cover_the_true_value() -> None:
    data = attach_target(logs(200_000, seed=1), lambda s: pd.Series(TARGET[s]))
    result = evaluate(data, n_boot=200, random_state=3)
    value = truth()
    for name, est in result.items():
        assert est.value == pytest.approx(value, rel=0.08), name
        if name != "dm":  # DM's row bootstrap holds the reward model fixed: too narrow
            assert est.low <= value <= est.high, (name, est, value)
        assert est.interval_kind == ("fixed_model" if name == "dm" else "bootstrap")
        assert est.n == 200_000
        assert est.warnings == ()
    # the logging policy's own CTR is clearly lower than the target's
    assert data["reward"].mean() < value - 0.005


def test_on_policy_weights_reduce_to_the_sample_mean() -> None:
    data = logs(5_000, seed=2).assign(target_propensity=lambda d: d["propensity"])
    result = evaluate(data, ("ipw", "snipw"), n_boot=50)
    assert result["ipw"].value == pytest.approx(data["reward"].mean())
    assert result["snipw"].value == pytest.approx(data["reward"].mean())


@pytest.mark.parametrize(
    ("frame", "estimators", "message"),
    [
        (pd.DataFrame({"reward": [1.0]}), ("ipw",), "logs are missing column(s): propensity"),
        (
            pd.DataFrame({"reward": [1.0], "propensity": [0.0], "target_propensity": [1.0]}),
            ("ipw",),
            "logging propensities must be in (0, 1]",
        ),
        (
            pd.DataFrame({"reward": [], "propensity": [], "target_propensity": []}),
            ("ipw",),
            "logs are empty",
        ),
        (
            pd.DataFrame({"reward": [1.0], "propensity": [0.5], "target_propensity": [1.0]}),
            ("dr",),
            "logs are missing column(s): q_logged, q_target",
        ),
        (
            pd.DataFrame({"reward": [1.0], "propensity": [0.5], "target_propensity": [1.0]}),
            ("magic",),
            "unknown estimator(s): magic",
        ),
    ],
)
def test_bad_logs(frame: pd.DataFrame, estimators: tuple[str, ...], message: str) -> None:
    with pytest.raises(InputError) as info:
        evaluate(frame, estimators)
    assert message in str(info.value)


GOOD = {"reward": [1.0, 0.0], "propensity": [0.5, 0.5], "target_propensity": [0.2, 0.9]}
NAN = float("nan")


@pytest.mark.parametrize(
    ("change", "options", "code", "message"),
    [
        ({"propensity": [0.0, 0.5]}, {}, "bad_logs", "logging propensities must be in (0, 1]"),
        ({"propensity": [-0.1, 0.5]}, {}, "bad_logs", "logging propensities must be in (0, 1]"),
        ({"propensity": [0.5, 1.5]}, {}, "bad_logs", "(1 row(s) are not, first: row 1)"),
        ({"propensity": [NAN, 0.5]}, {}, "bad_logs", "logging propensities must be in (0, 1]"),
        ({"target_propensity": [1.2, 0.5]}, {}, "bad_logs", "target propensities must be in"),
        ({"target_propensity": [NAN, 0.5]}, {}, "bad_logs", "target propensities must be in"),
        ({"reward": [NAN, 0.0]}, {}, "bad_logs", "rewards must be in [0, 1]"),
        ({"reward": [2.0, 0.0]}, {}, "bad_logs", "rewards must be in [0, 1]"),
        ({"reward": [2.0, 0.0]}, {"reward_range": (0.0, 1.5)}, "bad_logs", "in [0, 1.5]"),
        ({"reward": ["yes", "no"]}, {}, "bad_logs", "reward must be numeric"),
        ({"reward": [[1.0], [0.0]]}, {}, "bad_logs", "reward must be one-dimensional"),
        (
            {"propensity": [0.5, 0.5, 0.5]},
            {},
            "bad_logs",
            "logged columns differ in length: reward 2, propensity 3, target_propensity 2",
        ),
        ({"target_propensity": [0.0, 0.0]}, {}, "no_overlap", "probability 0 to every logged"),
        ({}, {"clip": 0.0}, "bad_clip", "clip must be a positive maximum weight"),
        ({}, {"clip": -5.0}, "bad_clip", "clip must be a positive maximum weight"),
        ({}, {"clip": NAN}, "bad_clip", "clip must be a positive maximum weight"),
        ({}, {"n_boot": 0}, "bad_option", "n_boot must be >= 1"),
        ({}, {"level": 1.0}, "bad_option", "level must be in (0, 1)"),
        ({}, {"reward_range": (1.0, 0.0)}, "bad_option", "low < high"),
        ({}, {"estimators": ("dm",)}, "bad_logs", "missing column(s): q_logged, q_target"),
        (
            {"q_logged": [0.1, float("inf")], "q_target": [0.1, 0.1]},
            {"estimators": ("dr",)},
            "bad_logs",
            "q_logged must be finite",
        ),
    ],
)
def test_bad_arrays(
    change: dict[str, Any], options: dict[str, Any], code: str, message: str
) -> None:
    with pytest.raises(InputError) as info:
        evaluate_arrays(**(GOOD | change), **({"estimators": ("ipw", "snipw")} | options))
    assert info.value.code == code
    assert message in str(info.value)
    assert info.value.message_zh != info.value.message  # operators get Chinese


def test_bad_weights_for_diagnostics() -> None:
    with pytest.raises(InputError, match="weights must be finite and >= 0"):
        weight_diagnostics([1.0, -1.0])
    with pytest.raises(InputError, match="weights are empty"):
        weight_diagnostics([])
    with pytest.raises(InputError, match="clip must be a positive"):
        weight_diagnostics([1.0], clip=0.0)
