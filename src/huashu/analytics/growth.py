"""Growth metrics as Ibis expressions: new users, D-n and cohort retention, ordered funnels."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import ibis
import pandas as pd

from huashu.analytics.engine import error, to_pandas
from huashu.analytics.frames import activity, day_number, user_slices

Period = Literal["day", "week"]
_EPOCH = pd.Timestamp("1970-01-01")


def _period_start(day: Any, period: Period) -> Any:
    return day if period == "day" else day - (day + 3) % 7


def _as_date(days: pd.Series) -> pd.Series:
    return (_EPOCH + pd.to_timedelta(days.astype("int64"), unit="D")).dt.date


def _as_of_day(con: Any, as_of: str | None) -> int:
    if as_of is not None:
        return int((pd.Timestamp(as_of) - _EPOCH).days)
    frame = to_pandas(activity(con).aggregate(last=day_number(activity(con).ts).max()))
    last = frame["last"].iloc[0]
    return 0 if pd.isna(last) else int(last)


def new_users(con: Any, *, by: str | None = None, period: Period = "day") -> pd.DataFrame:
    """New users per period start (Monday for weeks) and slice."""
    users = user_slices(con, by)
    start = _period_start(users.first_day, period)
    expr = users.group_by(start=start, slice=users.slice).aggregate(new_users=users.count())
    frame = to_pandas(expr.order_by(["start", "slice"]))
    return frame.assign(
        start=_as_date(frame["start"]), new_users=frame["new_users"].astype("int64")
    )


def retention(
    con: Any, *, days: Sequence[int] = (1, 7, 30), by: str | None = None, as_of: str | None = None
) -> pd.DataFrame:
    """D-n retention per slice: users active exactly n days after their first-seen day.

    Only users whose day n is on or before ``as_of`` (default: the last activity day) are
    eligible; activity before a user's first-seen day is ignored.
    """
    if not days or any(d < 1 for d in days):
        raise error(
            "retention days must be positive integers",
            "留存天数必须是正整数",
            "bad_retention_days",
            days=list(days),
        )
    last = _as_of_day(con, as_of)
    users = user_slices(con, by)
    act = activity(con)
    act = act.select(user_id=act.user_id, day=day_number(act.ts))
    act = act.filter(act.day <= last)
    joined = act.join(users, "user_id")
    offset = (joined.day - joined.first_day).name("offset")
    hits = joined.select(joined.user_id, joined.slice, offset)
    hits = hits.filter(hits.offset.isin(list(days))).distinct()
    retained = hits.group_by(["slice", "offset"]).aggregate(retained=hits.count())
    sizes = users.group_by("slice").aggregate(
        users=users.count(),
        **{f"d{d}_eligible": (users.first_day + d <= last).ifelse(1, 0).sum() for d in days},
    )
    size_frame = to_pandas(sizes.order_by("slice"))
    kept = to_pandas(retained)
    for d in days:
        counts = kept[kept["offset"] == d].set_index("slice")["retained"]
        size_frame[f"d{d}_retained"] = size_frame["slice"].map(counts).fillna(0).astype("int64")
        eligible = size_frame[f"d{d}_eligible"].astype("int64")
        size_frame[f"d{d}_eligible"] = eligible
        size_frame[f"d{d}_rate"] = size_frame[f"d{d}_retained"] / eligible.where(eligible > 0)
    return size_frame.assign(users=size_frame["users"].astype("int64"))


def cohorts(
    con: Any,
    *,
    period: Period = "week",
    max_offset: int = 8,
    by: str | None = None,
    as_of: str | None = None,
) -> pd.DataFrame:
    """Cohort retention: per cohort (first-seen day or week) and offset (days or weeks since
    first seen), the share of the cohort active; offsets not yet reached are left out."""
    width = 1 if period == "day" else 7
    last = _as_of_day(con, as_of)
    users = user_slices(con, by)
    users = users.mutate(cohort=_period_start(users.first_day, period))
    act = activity(con)
    act = act.select(user_id=act.user_id, day=day_number(act.ts))
    act = act.filter(act.day <= last)
    joined = act.join(users, "user_id")
    offset = ((joined.day - joined.first_day) // width).cast("int64").name("offset")
    hits = joined.select(joined.user_id, joined.slice, joined.cohort, offset)
    hits = hits.filter((hits.offset >= 0) & (hits.offset <= max_offset)).distinct()
    active = hits.group_by(["slice", "cohort", "offset"]).aggregate(active=hits.count())
    size = users.group_by(["slice", "cohort"]).aggregate(cohort_size=users.count())
    frame = to_pandas(active).merge(to_pandas(size), on=["slice", "cohort"], how="right")
    grid = to_pandas(size).merge(pd.DataFrame({"offset": range(max_offset + 1)}), how="cross")
    grid = grid[grid["cohort"] + grid["offset"] * width <= last]
    out = grid.merge(frame[["slice", "cohort", "offset", "active"]], how="left")
    out["active"] = out["active"].fillna(0).astype("int64")
    out["cohort_size"] = out["cohort_size"].astype("int64")
    out["rate"] = out["active"] / out["cohort_size"]
    out = out.sort_values(["slice", "cohort", "offset"]).reset_index(drop=True)
    return out.assign(cohort=_as_date(out["cohort"]))[
        ["slice", "cohort", "offset", "cohort_size", "active", "rate"]
    ]


def funnel(
    con: Any,
    steps: Sequence[str],
    *,
    by: str | None = None,
    within_days: float | None = None,
) -> pd.DataFrame:
    """An ordered funnel: a user reaches step i at the first step-i action at or after reaching
    step i-1 (and, with ``within_days``, no later than that after step 1).

    Steps name event kinds (impression, click, conversion) or imported action steps
    (register, download, pay, ...). Users without a signup fall in slice "(unknown)".
    """
    if len(steps) < 2:
        raise error(
            "a funnel needs at least two steps",
            "漏斗至少需要两个步骤",
            "bad_funnel",
            steps=list(steps),
        )
    act = activity(con)
    act = act.select(act.user_id, act.step, sec=act.ts.epoch_seconds().cast("int64"))
    first = act.filter(act.step == steps[0])
    reached = first.group_by("user_id").aggregate(sec=first.sec.min())
    reached = reached.mutate(start=reached.sec)
    levels = [reached]
    for step in steps[1:]:
        rows = act.filter(act.step == step).view()
        prev = levels[-1]
        j = rows.join(prev, rows.user_id == prev.user_id)
        cond = j.sec >= j.sec_right
        if within_days is not None:
            cond &= j.sec <= j.start + int(within_days * 86400)
        j = j.filter(cond)
        levels.append(j.group_by(user_id=j.user_id).aggregate(sec=j.sec.min(), start=j.start.min()))
    users = user_slices(con, by)
    parts = []
    for index, level in enumerate(levels):
        labelled = level.left_join(users, level.user_id == users.user_id)
        label = labelled.slice.fill_null("(unknown)")
        counts = labelled.group_by(slice=label).aggregate(users=labelled.count())
        parts.append(counts.mutate(step_index=ibis.literal(index, "int64")))
    frame = to_pandas(ibis.union(*parts))
    table = frame.pivot_table(index="slice", columns="step_index", values="users", fill_value=0)
    rows_out = []
    for label, counts in table.iterrows():
        top = float(counts.iloc[0])
        for index, step in enumerate(steps):
            users_at = int(counts.get(index, 0))
            prev_users = int(counts.get(index - 1, 0)) if index else users_at
            rows_out.append(
                {
                    "slice": label,
                    "step_index": index,
                    "step": step,
                    "users": users_at,
                    "rate_from_previous": users_at / prev_users if prev_users else float("nan"),
                    "rate_from_first": users_at / top if top else float("nan"),
                }
            )
    return pd.DataFrame(rows_out)
