"""Policy snapshots: built from event-store arm stats, JSON round trip, re-derived propensities."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from huashu.delivery import PolicySnapshot, ThompsonAllocator, allocate, build_snapshot
from huashu.domain import InputError
from huashu.events import open_event_store

ARM_STATS = pd.DataFrame(
    [
        ("farm.yes", "sms", "c1", 2000, 60, 3),
        ("farm.yes", "sms", "c2", 2000, 45, 1),
        ("farm.yes", "sms", "retired", 9000, 400, 9),
        ("farm.yes", "card", "c1", 500, 30, 0),
        ("shop.no", "sms", "c1", 350, 5, 0),
        ("shop.no", "sms", "c4", 320, 9, 0),
    ],
    columns=["segment_key", "channel", "creative_id", "impressions", "clicks", "conversions"],
)
ARMS = {
    ("farm.yes", "sms"): ["c1", "c2", "c3-new"],
    ("farm.yes", "card"): ["c1", "c5"],
    ("shop.no", "sms"): ["c1", "c4"],
}
WHEN = datetime(2024, 3, 1, 8, 0, tzinfo=UTC)


def snapshot(blocked: set[str] | None = None) -> PolicySnapshot:
    return build_snapshot(
        ARM_STATS,
        ARMS,
        ThompsonAllocator(random_state=3),
        11,
        blocked=blocked or set(),
        created_at=WHEN,
    )


def test_groups_hold_listed_arms_with_zero_counts_for_new_ones() -> None:
    snap = snapshot()
    group = snap.group("farm.yes", "sms")
    assert group.creative_ids == ("c1", "c2", "c3-new")
    assert group.impressions == (2000, 2000, 0)
    assert group.clicks == (60, 45, 0)
    assert group.key == "11/farm.yes/sms"
    probs = snap.allocation("farm.yes", "sms")
    assert probs["c3-new"] == pytest.approx(0.05, abs=1e-12)
    assert abs(probs.sum() - 1.0) < 1e-12
    assert snap.policy == "thompson"
    assert snap.params["random_state"] == 3


def test_json_round_trip_keeps_every_probability_exactly() -> None:
    snap = snapshot()
    back = PolicySnapshot.from_json(snap.to_json())
    assert back == snap
    for group in snap.groups:
        assert back.allocation(group.segment_key, group.channel).equals(group.allocation())


def test_propensities_are_re_derived_exactly_from_the_recorded_stats_and_seed() -> None:
    snap = snapshot()
    back = PolicySnapshot.from_json(snap.to_json())
    for group in back.groups:
        rebuilt = back.rederive(group.segment_key, group.channel)
        assert rebuilt.to_numpy().tolist() == list(group.probs)
        assert rebuilt.index.tolist() == list(group.creative_ids)


def test_snapshot_id_is_a_content_hash() -> None:
    assert snapshot().snapshot_id == snapshot().snapshot_id
    assert snapshot().snapshot_id.startswith("ps-")
    later = build_snapshot(ARM_STATS, ARMS, ThompsonAllocator(random_state=3), 11)
    assert later.snapshot_id == snapshot().snapshot_id
    assert snapshot(blocked={"c2"}).snapshot_id != snapshot().snapshot_id
    other_seed = build_snapshot(ARM_STATS, ARMS, ThompsonAllocator(random_state=3), 12)
    assert other_seed.snapshot_id != snapshot().snapshot_id


def test_blocked_creatives_are_removed_before_allocation() -> None:
    snap = snapshot(blocked={"c1", "c5"})
    assert snap.blocked == ("c1", "c5")
    assert snap.group("farm.yes", "sms").creative_ids == ("c2", "c3-new")
    assert [(g.segment_key, g.channel) for g in snap.groups] == [
        ("farm.yes", "sms"),
        ("shop.no", "sms"),
    ]
    with pytest.raises(InputError, match=r"has no creatives for farm\.yes x card$"):
        snap.allocation("farm.yes", "card")


def test_take_down_at_decide_time_renormalises_the_rest() -> None:
    snap = snapshot()
    full = snap.allocation("farm.yes", "sms")
    kept = snap.allocation("farm.yes", "sms", blocked={"c2"})
    assert kept.index.tolist() == ["c1", "c3-new"]
    assert kept.to_numpy() == pytest.approx(full[["c1", "c3-new"]].to_numpy() / (1 - full["c2"]))
    with pytest.raises(
        InputError, match=r"every creative for shop\.no x sms is (paused or )?taken down"
    ):
        snap.allocation("shop.no", "sms", blocked={"c1", "c4"})


def test_logged_propensities_match_the_snapshot(tmp_path: Path) -> None:
    """Decide from a snapshot, log through the event store, read back, re-derive."""
    snap = snapshot()
    probs = snap.allocation("farm.yes", "sms")
    ids, propensities = allocate(probs, 500, np.random.default_rng(9))
    n = ids.size
    frame = pd.DataFrame(
        {
            "decision_id": [f"d{i}" for i in range(n)],
            "ts": pd.Timestamp("2024-03-01 08:00") + pd.to_timedelta(np.arange(n), unit="s"),
            "round": np.zeros(n, dtype=np.int64),
            "user_id": np.arange(n, dtype=np.int64),
            "segment_key": ["farm.yes"] * n,
            "channel": ["sms"] * n,
            "slot": ["sms"] * n,
            "creative_id": ids.astype(str),
            "propensity": propensities,
            "policy": [snap.policy] * n,
            "snapshot_id": [snap.snapshot_id] * n,
        }
    )
    with open_event_store(f"duckdb://{tmp_path}/events.duckdb") as store:
        store.log_decisions(frame)
        rows = store.decisions().to_pyarrow().to_pylist()
    rederived = PolicySnapshot.from_json(snap.to_json()).rederive("farm.yes", "sms")
    assert all(r["propensity"] == rederived[r["creative_id"]] for r in rows)


@pytest.mark.parametrize(
    ("stats", "seed", "message"),
    [
        (ARM_STATS.drop(columns=["channel"]), 1, "arm stats are missing column 'channel'"),
        (ARM_STATS, -1, "snapshot_seed must be an integer >= 0, got -1"),
    ],
)
def test_bad_snapshot_input(stats: pd.DataFrame, seed: int, message: str) -> None:
    with pytest.raises(InputError) as caught:
        build_snapshot(stats, ARMS, ThompsonAllocator(), seed)
    assert str(caught.value) == message


def test_from_json_rejects_other_documents() -> None:
    with pytest.raises(InputError) as caught:
        PolicySnapshot.from_json('{"snapshot_id": "x"}')
    assert caught.value.code == "bad_snapshot"


def test_prior_means_travel_with_the_snapshot() -> None:
    import pandas as pd

    from huashu.delivery import ThompsonAllocator, build_snapshot

    arm_stats = pd.DataFrame(
        {
            "segment_key": ["s", "s"],
            "channel": ["sms", "sms"],
            "creative_id": ["old", "old2"],
            "impressions": [2_000, 2_000],
            "clicks": [60, 50],
        }
    )
    policy = ThompsonAllocator(burn_in="compete", burn_in_max=1.0, burn_in_cap=1.0)
    snap = build_snapshot(
        arm_stats,
        {("s", "sms"): ["old", "old2", "new"]},
        policy,
        snapshot_seed=9,
        prior_means={"new": 0.07},
    )
    group = snap.group("s", "sms")
    assert group.prior_means == (0.07, None, None)
    again = type(snap).from_json(snap.to_json())
    assert again == snap
    assert again.rederive("s", "sms").equals(snap.allocation("s", "sms"))
    plain = build_snapshot(arm_stats, {("s", "sms"): ["old", "old2", "new"]}, policy, 9)
    assert plain.snapshot_id != snap.snapshot_id
    assert snap.allocation("s", "sms")["new"] > plain.allocation("s", "sms")["new"]
