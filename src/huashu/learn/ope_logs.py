"""huashu-style delivery logs made ready for off-policy evaluation: a reward model fitted on
the logs themselves, and the target policy's probability and the reward model's predictions
attached to each row (:mod:`huashu.learn.ope` reads the columns)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd


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
