"""The audience services on a DuckDB events engine in tmp_path: import users, describe the
table, compute value tiers, preview, apply and export a segment file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import yaml

from huashu.audience import parse_spec
from huashu.audience.namespace import user_spec, user_table
from huashu.events import EventStore, open_event_store
from huashu.services import segments
from tests.audience.conftest import EXAMPLES, population, transactions


@pytest.fixture
def events(tmp_path: Path) -> Iterator[EventStore]:
    store = open_event_store(f"duckdb:///{tmp_path / 'events.duckdb'}")
    try:
        yield store
    finally:
        store.close()


def test_import_describe_tiers_preview_apply_export(events: EventStore, tmp_path: Path) -> None:
    users = population("cosmetics_xhs", 500)
    users.to_csv(tmp_path / "users.csv", index=False)
    tx = transactions(users.user_id.to_numpy())
    tx.insert(0, "tx_id", np.arange(len(tx)))
    tx.to_csv(tmp_path / "tx.csv", index=False)

    report = segments.import_users(events, tmp_path / "users.csv", table=user_table("users"))
    assert report.to_dict()["rows"] == 500
    info = segments.describe_table(events, user_table("users"))
    assert info.rows == 500 and ("skin_type", "string") in info.columns
    segments.import_users(
        events, tmp_path / "tx.csv", table=user_table("transactions"), id_column="tx_id"
    )
    tiers = segments.compute_tiers(
        events,
        user_table("transactions"),
        user_table("users"),
        user_table("user_value"),
        as_of="2026-12-31",
        window_days=None,
    )
    assert sum(tiers.values()) == 500

    raw = yaml.safe_load((EXAMPLES / "segments" / "cosmetics_xhs.yaml").read_text("utf-8"))
    spec = user_spec(parse_spec(raw, "spec"))
    plan = segments.preview_segments(events, spec, profiles=False, seconds=30)
    shown = plan.to_dict()
    assert shown["population"] == 500 and shown["segments"]
    first = shown["segments"][0]["key"]
    applied = segments.apply_segments(events, spec, into=user_table("members"), seconds=None)
    assert applied.to_dict()["population"] == 500
    files = segments.export_segments(
        events,
        spec,
        tmp_path / "out",
        fmt="csv",
        keys=[first],
        columns=None,
        include_small=True,
        seconds=None,
    )
    assert [f.key for f in files] == [first] and files[0].path.exists()
