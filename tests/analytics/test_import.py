"""Importing signups, actions and costs: typed, idempotent, and bad rows rejected with exact
messages (negative costs, actions before a user's first-seen time, unknown users...)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from huashu.analytics.service import Metrics
from huashu.domain import InputError
from huashu.events import open_event_store
from tests.analytics.fixtures import hand_tables


@pytest.fixture
def metrics(tmp_path: Path) -> Iterator[Metrics]:
    store = open_event_store(f"duckdb://{tmp_path / 'events.duckdb'}")
    yield Metrics(store)
    store.close()


def test_import_is_idempotent_and_typed(metrics: Metrics, tmp_path: Path) -> None:
    tables = hand_tables()
    csv = tmp_path / "costs.csv"
    tables["costs"].to_csv(csv, index=False)
    first = metrics.import_csv("costs", csv)
    again = metrics.import_csv("costs", csv)
    assert (first.inserted, first.duplicates, again.inserted, again.duplicates) == (4, 0, 0, 4)
    assert metrics.import_frame("signups", tables["signups"]).inserted == 4
    assert metrics.import_frame("actions", tables["actions"]).inserted == 8
    assert metrics.economics(by=None).iloc[0].cost == 400.0


def test_actions_of_unknown_users_or_before_first_seen_are_rejected(metrics: Metrics) -> None:
    metrics.import_frame("signups", hand_tables()["signups"])
    actions = pd.DataFrame(
        [
            ("ok", "1", "2026-01-05 10:00", "pay", "5"),
            ("early", "1", "2026-01-05 09:59", "pay", "5"),
            ("ghost", "99", "2026-01-06", "register", ""),
        ],
        columns=["action_id", "user_id", "ts", "step", "value"],
    )
    result = metrics.import_frame("actions", actions)
    assert result.inserted == 1
    assert result.rejected == [
        {"action_id": "ghost", "reason": "unknown_user"},
        {"action_id": "early", "reason": "before_first_seen"},
    ]


def _costs(**change: str) -> pd.DataFrame:
    row = {"day": "2026-01-05", "campaign": "c1", "channel": "sms", "cost": "10"}
    return pd.DataFrame([row, {**row, **change}])


BAD = [
    ("costs", _costs(cost="-5"), "negative_cost", "costs row 3, column 'cost': negative"),
    ("costs", _costs(cost="ten"), "bad_number", "costs row 3, column 'cost': not a number"),
    ("costs", _costs(day="yesterday"), "bad_date", "costs row 3, column 'day': not a date"),
    ("costs", _costs(channel=""), "empty_value", "costs row 3, column 'channel': empty"),
    (
        "costs",
        _costs().drop(columns="cost"),
        "missing_column",
        "costs input is missing column 'cost'",
    ),
    (
        "costs",
        _costs().assign(price="1"),
        "unknown_column",
        "costs input has unknown column 'price'",
    ),
    (
        "signups",
        pd.DataFrame({"user_id": ["1.5"], "first_seen": ["2026-01-01"]}),
        "bad_number",
        "signups row 2, column 'user_id': not a number",
    ),
    (
        "actions",
        pd.DataFrame(
            {
                "action_id": ["a"],
                "user_id": ["1"],
                "ts": ["2026-01-01"],
                "step": ["pay"],
                "value": ["-1"],
            }
        ),
        "negative_value",
        "actions row 2, column 'value': negative",
    ),
    (
        "refunds",
        _costs(),
        "unknown_table",
        "unknown analytics table 'refunds'; expected signups, actions or costs",
    ),
]


@pytest.mark.parametrize(("table", "frame", "code", "message"), BAD)
def test_bad_input(
    metrics: Metrics, table: str, frame: pd.DataFrame, code: str, message: str
) -> None:
    with pytest.raises(InputError) as info:
        metrics.import_frame(table, frame)
    assert (info.value.code, str(info.value)) == (code, message)
    assert info.value.message_zh != message


def test_signups_derived_from_the_event_log(metrics: Metrics) -> None:
    metrics.store.log_events(hand_tables()["events"])
    assert metrics.tables.derive_signups().inserted == 4
    assert metrics.tables.derive_signups().inserted == 0
    frame = metrics.new_users(by="channel")
    assert frame.groupby("slice")["new_users"].sum().to_dict() == {
        "dsp": 1,
        "home_card": 1,
        "sms": 2,
    }
