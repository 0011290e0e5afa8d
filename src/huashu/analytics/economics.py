"""Unit economics per slice from the events engine: new users, payers, revenue, cost, ARPU,
ARPPU, CAC, ROI and payback period (days until cumulative revenue covers cost)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from huashu.analytics.engine import table, to_pandas
from huashu.analytics.frames import activity, day_number, user_slices

COST_SLICES = ("campaign", "channel", "creative_id", "creator")
REVENUE_STEPS = ("pay", "conversion")


def _costs(con: Any, by: str | None) -> pd.Series:
    costs = table(con, "costs")
    if by is None:
        frame = to_pandas(costs.aggregate(cost=costs.cost.sum()))
        return pd.Series({"all": float(frame["cost"].fillna(0).iloc[0])}, dtype="float64")
    if by not in COST_SLICES:
        return pd.Series(dtype="float64")
    label = costs[by].fill_null("")
    expr = costs.group_by(slice=label).aggregate(cost=costs.cost.sum())
    frame = to_pandas(expr)
    frame["slice"] = frame["slice"].replace("", "(unknown)")
    return frame.groupby("slice")["cost"].sum().astype("float64")


def payback_days(curve: pd.DataFrame, cost: float) -> float:
    """First day offset at which cumulative revenue (``offset``, ``revenue`` rows) reaches
    ``cost``; NaN when it never does, 0 when there is no cost."""
    if not cost > 0:
        return 0.0 if cost == 0 else float("nan")
    ordered = curve.sort_values("offset")
    reached = np.flatnonzero(ordered["revenue"].cumsum().to_numpy() >= cost - 1e-9)
    return float(ordered["offset"].iloc[reached[0]]) if len(reached) else float("nan")


def unit_economics(
    con: Any,
    *,
    by: str | None = "channel",
    revenue_steps: Sequence[str] = REVENUE_STEPS,
) -> pd.DataFrame:
    """One row per acquisition slice: new_users, payers, revenue, cost, arpu, arppu, cac, roi,
    payback_days.

    Revenue is the ``value`` of the user's ``revenue_steps`` actions on or after their
    first-seen day, credited to the slice the user was acquired through (signups). Costs are
    summed from the cost table by the same column; slicing by ``segment_key`` has no cost
    (costs are bought per placement, not per segment), so cost-based figures are NaN there.
    """
    users = user_slices(con, by)
    act = activity(con)
    act = act.filter(act.step.isin(list(revenue_steps)))
    act = act.select(act.user_id, act.value, day=day_number(act.ts))
    joined = act.join(users, "user_id")
    offset = joined.day - joined.first_day
    joined = joined.mutate(offset=offset).filter(offset >= 0)
    sizes = to_pandas(users.group_by("slice").aggregate(new_users=users.count()))
    money = to_pandas(
        joined.group_by("slice").aggregate(
            revenue=joined.value.sum(), payers=joined.user_id.nunique()
        )
    )
    curves = to_pandas(joined.group_by(["slice", "offset"]).aggregate(revenue=joined.value.sum()))
    frame = sizes.merge(money, on="slice", how="left").sort_values("slice")
    frame["payers"] = frame["payers"].fillna(0).astype("int64")
    frame["revenue"] = frame["revenue"].fillna(0.0).astype("float64")
    frame["new_users"] = frame["new_users"].astype("int64")
    cost = _costs(con, by)
    spent_only = [label for label in cost.index if label not in set(frame["slice"])]
    if spent_only:
        extra = pd.DataFrame({"slice": spent_only, "new_users": 0, "payers": 0, "revenue": 0.0})
        frame = pd.concat([frame, extra], ignore_index=True).sort_values("slice")
    frame["cost"] = frame["slice"].map(cost).astype("float64")
    if by in COST_SLICES or by is None:
        frame["cost"] = frame["cost"].fillna(0.0)
    frame["arpu"] = frame["revenue"] / frame["new_users"].where(frame["new_users"] > 0)
    frame["arppu"] = frame["revenue"] / frame["payers"].where(frame["payers"] > 0)
    frame["cac"] = frame["cost"] / frame["new_users"].where(frame["new_users"] > 0)
    frame["roi"] = frame["revenue"] / frame["cost"].where(frame["cost"] > 0)
    frame["payback_days"] = [
        payback_days(curves[curves["slice"] == label], c) if not np.isnan(c) else np.nan
        for label, c in zip(frame["slice"], frame["cost"], strict=True)
    ]
    return frame.reset_index(drop=True)
