"""Batch allocation for list channels (SMS, outbound calls): every member of a segment list is
assigned a creative by probability matching, with the exact propensity logged per user."""

from __future__ import annotations

import numpy as np
import pandas as pd

from huashu.delivery.snapshot import PolicySnapshot
from huashu.domain import InputError


def allocate_list(
    snapshot: PolicySnapshot,
    channel: str,
    members: pd.DataFrame,
    rng: np.random.Generator,
    *,
    blocked: frozenset[str] = frozenset(),
    run_id: str = "list",
) -> pd.DataFrame:
    """``members`` has columns user_id and segment_key; returns one decision row per member
    (decision_id, user_id, segment_key, channel, creative_id, propensity, snapshot_id).

    Vectorised per segment: one categorical draw per member from the segment's allocation.
    """
    for column in ("user_id", "segment_key"):
        if column not in members.columns:
            raise InputError(
                f"member list is missing column '{column}'",
                message_zh=f"名单缺少列“{column}”",
                code="bad_member_list",
                details={"column": column},
            )
    codes, keys = pd.factorize(members["segment_key"].astype(str))
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(keys) + 1))
    creative = np.empty(len(members), dtype=object)
    propensity = np.empty(len(members), dtype=np.float64)
    for code, key in enumerate(keys):
        rows = order[bounds[code] : bounds[code + 1]]
        probs = snapshot.allocation(str(key), channel, blocked=blocked)
        p = probs.to_numpy(dtype=np.float64)
        index = np.searchsorted(np.cumsum(p), rng.random(rows.size) * p.sum(), side="right")
        # never past the last arm with a share (a retired arm can have none)
        index = np.minimum(index, int(np.flatnonzero(p)[-1]))
        creative[rows] = probs.index.to_numpy(dtype=object)[index]
        propensity[rows] = p[index]
    users = members["user_id"].astype("int64")
    return pd.DataFrame(
        {
            "decision_id": f"{run_id}-{snapshot.snapshot_id}-" + users.astype(str),
            "user_id": users.to_numpy(),
            "segment_key": np.asarray(keys, dtype=object)[codes],
            "channel": channel,
            "creative_id": creative,
            "propensity": propensity,
            "snapshot_id": snapshot.snapshot_id,
        }
    )
