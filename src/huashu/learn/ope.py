"""Off-policy evaluation: what would a target policy's CTR have been, from logs of another?

Estimators over logged rows (reward ``r``, logging propensity ``p`` of the logged action,
target probability ``pi`` of the same action, and for the model-based ones a reward model's
prediction ``q_logged`` for the logged action and ``q_target = sum_a pi(a|x) q(x, a)``):

- IPW: ``mean(w r)`` with ``w = pi / p``;
- SNIPW: ``sum(w r) / sum(w)``;
- DM: ``mean(q_target)``;
- DR: ``mean(q_target + w (r - q_logged))``.

Confidence intervals come from the Poisson bootstrap (row weights ~ Poisson(1)), seeded.
The bootstrap holds the reward model fixed, so DM's interval covers only the sampling of
rows, not the model's own error: read it as a lower bound on DM's uncertainty (DR's
correction term carries the rest).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from huashu.domain import InputError

Array = NDArray[np.float64]
ESTIMATORS = ("ipw", "snipw", "dm", "dr")


@dataclass(frozen=True)
class Estimate:
    estimator: str
    value: float
    low: float
    high: float
    n: int


def _weighted(name: str, cols: dict[str, Array], weights: Array) -> Array:
    """Estimator values for each row of bootstrap ``weights`` (boots x rows)."""
    total = weights.sum(axis=1)
    if name == "ipw":
        out: Array = weights @ (cols["w"] * cols["r"]) / total
    elif name == "snipw":
        out = (weights @ (cols["w"] * cols["r"])) / (weights @ cols["w"])
    elif name == "dm":
        out = weights @ cols["q_target"] / total
    else:
        out = weights @ (cols["q_target"] + cols["w"] * (cols["r"] - cols["q_logged"])) / total
    return out


def _columns(logs: pd.DataFrame, estimators: tuple[str, ...]) -> dict[str, Array]:
    need = {"reward", "propensity", "target_propensity"}
    if {"dm", "dr"} & set(estimators):
        need |= {"q_logged", "q_target"}
    missing = sorted(need - set(logs.columns))
    if missing:
        raise InputError(
            f"logs are missing column(s): {', '.join(missing)}",
            message_zh=f"日志缺少列：{'、'.join(missing)}",
            code="bad_logs",
            details={"columns": missing},
        )
    p = logs["propensity"].to_numpy(dtype=np.float64)
    if len(p) == 0:
        raise InputError("logs are empty", message_zh="日志为空", code="bad_logs")
    if ((p <= 0) | (p > 1) | np.isnan(p)).any():
        raise InputError(
            "logging propensities must be in (0, 1]",
            message_zh="记录的倾向分必须在 (0, 1] 之内",
            code="bad_logs",
        )
    cols = {
        "r": logs["reward"].to_numpy(dtype=np.float64),
        "w": logs["target_propensity"].to_numpy(dtype=np.float64) / p,
    }
    for name in ("q_logged", "q_target"):
        if name in logs.columns:
            cols[name] = logs[name].to_numpy(dtype=np.float64)
    return cols


def evaluate(
    logs: pd.DataFrame,
    estimators: tuple[str, ...] = ESTIMATORS,
    *,
    n_boot: int = 300,
    level: float = 0.9,
    random_state: int = 0,
) -> dict[str, Estimate]:
    """Point estimates and bootstrap ``level`` intervals of the target policy's mean reward.

    ``logs`` columns: reward, propensity (logging policy), target_propensity (target policy,
    same action), and q_logged / q_target for ``dm`` and ``dr``.
    """
    unknown = sorted(set(estimators) - set(ESTIMATORS))
    if unknown:
        raise InputError(
            f"unknown estimator(s): {', '.join(unknown)}; known: {', '.join(ESTIMATORS)}",
            message_zh=f"未知的评估方法：{'、'.join(unknown)}",
            code="bad_estimator",
        )
    cols = _columns(logs, estimators)
    n = len(cols["r"])
    rng = np.random.default_rng(random_state)
    ones = np.ones((1, n))
    boots: dict[str, list[Array]] = {name: [] for name in estimators}
    for start in range(0, n_boot, 50):
        weights = rng.poisson(1.0, size=(min(50, n_boot - start), n)).astype(np.float64)
        for name in estimators:
            boots[name].append(_weighted(name, cols, weights))
    alpha = (1.0 - level) / 2
    out = {}
    for name in estimators:
        values = np.concatenate(boots[name])
        values = values[np.isfinite(values)]
        out[name] = Estimate(
            estimator=name,
            value=float(_weighted(name, cols, ones)[0]),
            low=float(np.quantile(values, alpha)),
            high=float(np.quantile(values, 1 - alpha)),
            n=n,
        )
    return out


def segment_reward_model(
    logs: pd.DataFrame, prior_strength: float = 50.0
) -> Callable[[str, str], float]:
    """A reward model for DM/DR from the logs themselves: per segment x creative CTR, shrunk
    toward the segment's CTR with ``prior_strength`` pseudo-impressions."""
    seg = logs.groupby("segment_key")["reward"].agg(["sum", "count"])
    base = ((seg["sum"] + 0.5) / (seg["count"] + 1.0)).to_dict()
    arm = logs.groupby(["segment_key", "creative_id"])["reward"].agg(["sum", "count"])
    rates = {
        (str(s), str(c)): (row["sum"] + prior_strength * base[s]) / (row["count"] + prior_strength)
        for (s, c), row in arm.iterrows()
    }

    def model(segment_key: str, creative_id: str) -> float:
        return float(rates.get((segment_key, creative_id), base.get(segment_key, 0.0)))

    return model


def attach_target(
    logs: pd.DataFrame,
    target: Callable[[str], pd.Series],
    reward_model: Callable[[str, str], float] | None = None,
) -> pd.DataFrame:
    """Add target_propensity (and q_logged / q_target) to huashu-style logs with columns
    segment_key, creative_id, reward, propensity. ``target(segment_key)`` is the target
    policy's distribution over creatives for that segment."""
    model = reward_model or segment_reward_model(logs)
    out = logs.copy()
    target_p = np.empty(len(out))
    q_logged = np.empty(len(out))
    q_target = np.empty(len(out))
    segments = out["segment_key"].astype(str).to_numpy()
    creatives = out["creative_id"].astype(str).to_numpy()
    for key in np.unique(segments):
        rows = np.flatnonzero(segments == key)
        dist = target(str(key))
        q = {c: model(str(key), str(c)) for c in dist.index}
        expected = float(sum(dist[c] * q[c] for c in dist.index))
        target_p[rows] = [float(dist.get(c, 0.0)) for c in creatives[rows]]
        q_logged[rows] = [model(str(key), c) for c in creatives[rows]]
        q_target[rows] = expected
    out["target_propensity"] = target_p
    out["q_logged"] = q_logged
    out["q_target"] = q_target
    return out
