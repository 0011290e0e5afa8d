"""Shared Ibis building blocks for growth metrics: day numbers, user slices, the activity union."""

from __future__ import annotations

from typing import Any

import ibis

from huashu.analytics.engine import error, table
from huashu.analytics.tables import SLICE_COLUMNS

UNKNOWN = "(unknown)"
ALL = "all"


def day_number(ts: Any) -> Any:
    """Days since 1970-01-01 (UTC) of a timestamp column, as an integer expression."""
    return (ts.epoch_seconds() // 86400).cast("int64")


def check_by(by: str | None) -> None:
    if by is not None and by not in SLICE_COLUMNS:
        raise error(
            f"cannot slice by '{by}'; expected one of {', '.join(SLICE_COLUMNS)}",
            f"不能按 '{by}' 切分，应为 {', '.join(SLICE_COLUMNS)} 之一",
            "bad_slice",
            by=by,
            allowed=list(SLICE_COLUMNS),
        )


def user_slices(con: Any, by: str | None) -> Any:
    """One row per signed-up user: user_id, first_day, slice (the acquisition attribute)."""
    check_by(by)
    s = table(con, "signups")
    label = ibis.literal(ALL) if by is None else s[by].fill_null("")
    label = ibis.ifelse(label == "", UNKNOWN, label) if by is not None else label
    return s.select(user_id=s.user_id, first_day=day_number(s.first_seen), slice=label)


def activity(con: Any) -> Any:
    """Every user action: outcome events (step = kind) and imported actions (step = step)."""
    events = table(con, "events")
    actions = table(con, "actions")
    from_events = events.select(
        user_id=events.user_id,
        ts=events.ts,
        step=events.kind,
        value=events.value.fill_null(0.0),
    )
    from_actions = actions.select(
        user_id=actions.user_id,
        ts=actions.ts,
        step=actions.step,
        value=actions.value.fill_null(0.0),
    )
    return from_events.union(from_actions)
