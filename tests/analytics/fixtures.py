"""Analytics fixtures: a hand-checked journey table (four users) and a seeded synthetic one,
as typed frames, plus loading them into a DuckDB event store."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from huashu.analytics.service import Metrics
from huashu.domain import EVENT_COLUMNS
from huashu.events import EventStore, open_event_store

SIGNUPS = [
    ("1", "2026-01-05 10:00", "c1", "sms", "farm", "cr1", ""),
    ("2", "2026-01-05 12:00", "c1", "home_card", "farm", "cr2", ""),
    ("3", "2026-01-06 09:00", "c2", "sms", "smb", "cr1", "kolA"),
    ("4", "2026-01-12 08:00", "c2", "dsp", "smb", "cr3", "kocB"),
]
EVENTS = [
    (1, "2026-01-05 10:00", "impression", "sms", 0.0),
    (1, "2026-01-05 10:05", "click", "sms", 0.0),
    (1, "2026-01-06 11:00", "conversion", "sms", 100.0),
    (2, "2026-01-05 12:00", "impression", "home_card", 0.0),
    (2, "2026-01-06 08:00", "impression", "sms", 0.0),
    (2, "2026-01-06 08:01", "click", "sms", 0.0),
    (3, "2026-01-06 09:00", "impression", "sms", 0.0),
    (3, "2026-01-07 09:00", "impression", "home_card", 0.0),
    (3, "2026-01-07 09:02", "click", "home_card", 0.0),
    (3, "2026-01-13 10:00", "conversion", "home_card", 50.0),
    (4, "2026-01-12 08:00", "impression", "dsp", 0.0),
]
ACTIONS = [
    ("a1", "1", "2026-01-05 10:10", "register", ""),
    ("a2", "1", "2026-01-12 09:00", "pay", "30"),
    ("a3", "2", "2026-01-06 08:05", "register", ""),
    ("a4", "3", "2026-01-06 09:30", "register", ""),
    ("a5", "3", "2026-01-06 09:40", "download", ""),
    ("a6", "3", "2026-01-08 20:00", "pay", "20"),
    ("a7", "4", "2026-01-12 08:10", "register", ""),
    ("a8", "4", "2026-02-11 08:00", "pay", "500"),
]
COSTS = [
    ("2026-01-05", "c1", "sms", "", "p1", "cr1", "60"),
    ("2026-01-05", "c1", "home_card", "", "p2", "cr2", "40"),
    ("2026-01-06", "c2", "sms", "kolA", "p3", "cr1", "100"),
    ("2026-01-12", "c2", "dsp", "kocB", "p4", "cr3", "200"),
]
SIGNUP_HEAD = [
    "user_id",
    "first_seen",
    "campaign",
    "channel",
    "segment_key",
    "creative_id",
    "creator",
]
ACTION_HEAD = ["action_id", "user_id", "ts", "step", "value"]
COST_HEAD = ["day", "campaign", "channel", "creator", "placement", "creative_id", "cost"]


def event_frame(rows: list[tuple[int, str, str, str, float]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["user_id", "ts", "kind", "channel", "value"])
    return pd.DataFrame(
        {
            "event_id": [f"e{i}" for i in range(len(frame))],
            "decision_id": [f"d{u}" for u in frame["user_id"]],
            "ts": pd.to_datetime(frame["ts"], format="ISO8601").astype("datetime64[us]"),
            "kind": frame["kind"],
            "user_id": frame["user_id"].astype("int64"),
            "creative_id": "cr-" + frame["channel"],
            "segment_key": "seg",
            "channel": frame["channel"],
            "value": frame["value"].astype("float64"),
        }
    )[list(EVENT_COLUMNS)]


def hand_tables() -> dict[str, pd.DataFrame]:
    """String frames (as read from CSV) for signups/actions/costs and typed events."""
    return {
        "signups": pd.DataFrame(SIGNUPS, columns=SIGNUP_HEAD),
        "actions": pd.DataFrame(ACTIONS, columns=ACTION_HEAD),
        "costs": pd.DataFrame(COSTS, columns=COST_HEAD),
        "events": event_frame(EVENTS),
    }


def synthetic_tables(users: int = 600, seed: int = 3) -> dict[str, pd.DataFrame]:
    """A seeded population over four weeks: signups, touches, conversions, actions, costs."""
    rng = np.random.default_rng(seed)
    channels = np.array(["sms", "home_card", "dsp", "xiaohongshu"])
    creators = np.array(["", "kolA", "kocB"])
    start = pd.Timestamp("2026-03-02")
    first = start + pd.to_timedelta(rng.integers(0, 28 * 24 * 60, users), unit="min")
    channel = channels[rng.integers(0, 4, users)]
    signups = pd.DataFrame(
        {
            "user_id": np.arange(1, users + 1).astype(str),
            "first_seen": first.strftime("%Y-%m-%d %H:%M"),
            "campaign": np.where(rng.random(users) < 0.5, "spring", "launch"),
            "channel": channel,
            "segment_key": np.array(["farm", "smb", "city"])[rng.integers(0, 3, users)],
            "creative_id": np.array(["cr1", "cr2", "cr3"])[rng.integers(0, 3, users)],
            "creator": creators[rng.integers(0, 3, users)],
        }
    )
    base = first.to_numpy().astype("datetime64[s]")
    touches = rng.integers(1, 6, users)
    owner = np.repeat(np.arange(users), touches)
    gaps = rng.exponential(30 * 3600, len(owner)).astype("int64")
    run = np.cumsum(gaps)
    at = run - np.repeat(run[np.cumsum(touches) - touches], touches)
    touch_ts = base[owner] + at.astype("timedelta64[s]")
    kind = np.where(rng.random(len(owner)) < 0.3, "click", "impression")
    touch_channel = channels[rng.integers(0, 4, len(owner))]
    converts = rng.random(len(owner)) < 0.15
    conv_ts = touch_ts[converts] + (gaps[converts] // 2).astype("timedelta64[s]")
    conv_value = np.round(rng.gamma(2.0, 40.0, int(converts.sum())), 2)
    events = [
        (int(u) + 1, str(t), str(k), str(c), 0.0)
        for u, t, k, c in zip(owner, touch_ts, kind, touch_channel, strict=True)
    ] + [
        (int(u) + 1, str(t), "conversion", "", float(v))
        for u, t, v in zip(owner[converts], conv_ts, conv_value, strict=True)
    ]
    actions: list[tuple[str, str, str, str, str]] = []
    when = base.copy()
    for step in ("register", "download", "pay"):
        done = rng.random(users) < 0.6
        when = when + rng.exponential(48 * 3600, users).astype("int64").astype("timedelta64[s]")
        values = rng.gamma(2.0, 30.0, users)
        actions += [
            (
                f"a{u + 1}-{step}",
                str(u + 1),
                str(when[u]),
                step,
                f"{values[u]:.2f}" if step == "pay" else "",
            )
            for u in np.flatnonzero(done)
        ]
    back = base + (rng.integers(1, 35, users) * 86400).astype("timedelta64[s]")
    actions += [
        (f"a{u + 1}-back", str(u + 1), str(back[u]), "visit", "")
        for u in np.flatnonzero(rng.random(users) < 0.4)
    ]
    days = pd.date_range(start, periods=28, freq="D")
    costs = pd.DataFrame(
        [
            (
                d.date().isoformat(),
                camp,
                ch,
                cr,
                f"{camp}-{ch}-{cr}",
                "",
                f"{rng.uniform(5, 40):.2f}",
            )
            for d in days
            for camp in ("spring", "launch")
            for ch in channels
            for cr in creators
            if rng.random() < 0.5
        ],
        columns=COST_HEAD,
    )
    return {
        "signups": signups,
        "actions": pd.DataFrame(actions, columns=ACTION_HEAD),
        "costs": costs,
        "events": event_frame(events),
    }


def load(path: Path, tables: dict[str, pd.DataFrame]) -> EventStore:
    """A DuckDB event store at ``path`` holding ``tables`` (imported through the importers)."""
    store = open_event_store(f"duckdb://{path}")
    store.log_events(tables["events"])
    metrics = Metrics(store)
    for name in ("signups", "actions", "costs"):
        result = metrics.import_frame(name, tables[name])
        assert not result.rejected, result.rejected
    return store
