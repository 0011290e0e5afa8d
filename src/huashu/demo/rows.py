"""Turn shown batches into decision and event rows for the event store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pandas as pd

from huashu.demo.market import Shown

#: simulated day 0 of every demo run; round r is day r
EPOCH = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def round_time(round_: int) -> datetime:
    return EPOCH + timedelta(days=round_)


def decision_rows(
    run_id: str,
    round_: int,
    channel: str,
    shown: Shown,
    users: pd.DataFrame,
    segment_keys: np.ndarray,
    propensities: np.ndarray,
    policy: str,
    snapshot_id: str,
) -> pd.DataFrame:
    n = len(shown.rows)
    # one visit per user, round and channel: the user's row names the decision
    ids = [f"{run_id}-{policy}-{round_}-{channel}-{i}" for i in shown.rows.tolist()]
    return pd.DataFrame(
        {
            "decision_id": ids,
            "ts": pd.Series([round_time(round_)] * n, dtype="datetime64[us, UTC]"),
            "round": np.full(n, round_, dtype="int64"),
            "user_id": users["user_id"].to_numpy()[shown.rows].astype("int64"),
            "segment_key": segment_keys.astype(str),
            "channel": [channel] * n,
            "slot": [f"{channel}:1"] * n,
            "creative_id": shown.creative_ids.astype(str),
            "propensity": propensities.astype("float64"),
            "policy": [policy] * n,
            "snapshot_id": [snapshot_id] * n,
        }
    )


def event_rows(decisions: pd.DataFrame, shown: Shown) -> pd.DataFrame:
    """An impression per decision, a click where clicked, a delayed conversion where converted."""
    base = decisions[["decision_id", "ts", "user_id", "creative_id", "segment_key", "channel"]]
    frames = [base.assign(kind="impression")]
    clicks = base[shown.clicked]
    frames.append(clicks.assign(kind="click", ts=clicks["ts"] + pd.Timedelta(minutes=1)))
    conv = base[shown.converted]
    delays = pd.to_timedelta(shown.conversion_delay_days[shown.converted], unit="D")
    frames.append(conv.assign(kind="conversion", ts=conv["ts"] + delays))
    events = pd.concat(frames, ignore_index=True)
    events["ts"] = events["ts"].dt.floor("us").astype("datetime64[us, UTC]")
    events["event_id"] = events["decision_id"] + ":" + events["kind"]
    events["value"] = np.where(events["kind"] == "conversion", 1.0, 0.0)
    return events[
        [
            "event_id",
            "decision_id",
            "ts",
            "kind",
            "user_id",
            "creative_id",
            "segment_key",
            "channel",
            "value",
        ]
    ]
