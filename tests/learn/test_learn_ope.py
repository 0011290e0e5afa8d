"""Off-policy estimators recover a target policy's known CTR from another policy's logs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from huashu.domain import InputError
from huashu.learn.ope import attach_target, evaluate

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
        assert est.n == 200_000
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
