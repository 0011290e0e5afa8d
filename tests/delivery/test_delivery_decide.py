"""The decide path, list allocation and the snapshot registry."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from huashu.delivery import (
    DecideService,
    SnapshotRegistry,
    ThompsonAllocator,
    allocate_list,
    build_snapshot,
    decisions_frame,
)
from huashu.delivery.snapshot import PolicySnapshot
from huashu.domain import InputError
from huashu.events import open_event_store


def snapshot(seed: int = 1, extra: tuple[str, ...] = ()) -> PolicySnapshot:
    stats = pd.DataFrame(
        {
            "segment_key": ["farm"] * 3 + ["shop"] * 2,
            "channel": ["home_card"] * 5,
            "creative_id": ["a", "b", "c", "x", "y"],
            "impressions": [2_000, 2_000, 2_000, 1_000, 1_000],
            "clicks": [70, 60, 50, 30, 31],
        }
    )
    arms = {("farm", "home_card"): ["a", "b", "c", *extra], ("shop", "home_card"): ["x", "y"]}
    return build_snapshot(stats, arms, ThompsonAllocator(burn_in="compete"), snapshot_seed=seed)


def test_logged_propensities_match_observed_frequencies() -> None:
    """20,000 decisions: each creative's share is within 4 standard errors of the propensity
    the decisions carried, and every decision's propensity is its creative's probability."""
    service = DecideService(snapshot(), random_state=7)
    decisions = [service.decide(i, "farm", "home_card") for i in range(20_000)]
    probs = service.probabilities("farm", "home_card")
    frame = decisions_frame(decisions)
    assert (frame["propensity"] == probs.loc[frame["creative_id"]].to_numpy()).all()
    counts = frame["creative_id"].value_counts()
    for creative, p in probs.items():
        observed = counts.get(creative, 0) / len(frame)
        assert abs(observed - p) < 4 * np.sqrt(p * (1 - p) / len(frame)) + 1e-9
    assert set(frame["snapshot_id"]) == {service.snapshot.snapshot_id}


def test_take_down_applies_at_the_next_decision() -> None:
    blocked: set[str] = set()
    service = DecideService(snapshot(), blocked=lambda: frozenset(blocked), random_state=1)
    before = service.probabilities("farm", "home_card")
    blocked.add("a")
    after = [service.decide(i, "farm", "home_card") for i in range(2_000)]
    assert {d.creative_id for d in after} <= {"b", "c"}
    rest = before.drop("a")
    expected = (rest / rest.sum()).to_dict()
    for d in after:
        assert d.propensity == pytest.approx(expected[d.creative_id], abs=1e-12)
    blocked.update({"b", "c"})
    with pytest.raises(
        InputError, match=r"every creative of this group is paused, taken down or not started"
    ):
        service.decide(1, "farm", "home_card")


def test_swap_installs_new_arms_and_unknown_groups_are_named() -> None:
    service = DecideService(snapshot(), random_state=3)
    service.swap(snapshot(seed=2, extra=("new",)))
    assert "new" in service.probabilities("farm", "home_card").index
    assert service.probabilities("farm", "home_card")["new"] >= 0.05 - 1e-12
    with pytest.raises(InputError) as info:
        service.decide(1, "nobody", "sms")
    assert info.value.code == "no_arms"
    assert "nobody" in info.value.message_zh


def test_decisions_are_logged_with_their_propensities(tmp_path: Path) -> None:
    service = DecideService(snapshot(), random_state=5)
    decisions = service.decide_many([(i, "shop", "home_card", "home_card:1") for i in range(50)])
    store = open_event_store(f"duckdb://{tmp_path / 'events.duckdb'}")
    try:
        assert store.log_decisions(decisions_frame(decisions)) == 50
        logged = store.decisions().to_pyarrow().to_pandas()
    finally:
        store.close()
    assert logged["propensity"].between(0, 1, inclusive="right").all()
    assert set(logged["slot"]) == {"home_card:1"}


def test_list_allocation_assigns_every_member_with_exact_propensity() -> None:
    snap = snapshot()
    members = pd.DataFrame(
        {"user_id": np.arange(30_000), "segment_key": ["farm", "shop", "farm"] * 10_000}
    )
    out = allocate_list(snap, "home_card", members, np.random.default_rng(0))
    assert len(out) == 30_000 and out["decision_id"].is_unique
    for segment, rows in out.groupby("segment_key"):
        probs = snap.allocation(str(segment), "home_card")
        assert (rows["propensity"].to_numpy() == probs.loc[rows["creative_id"]].to_numpy()).all()
        share = rows["creative_id"].value_counts(normalize=True)
        for creative, p in probs.items():
            assert abs(share.get(creative, 0.0) - p) < 4 * np.sqrt(p * (1 - p) / len(rows))
    blocked = allocate_list(
        snap, "home_card", members, np.random.default_rng(0), blocked=frozenset({"x"})
    )
    assert "x" not in set(blocked["creative_id"])


def test_list_allocation_bad_input() -> None:
    with pytest.raises(InputError, match="member list is missing column 'segment_key'"):
        allocate_list(
            snapshot(), "home_card", pd.DataFrame({"user_id": [1]}), np.random.default_rng(0)
        )


def test_registry_versions_and_latest(tmp_path: Path) -> None:
    registry = SnapshotRegistry(tmp_path / "snapshots")
    assert registry.latest() is None
    first, second = snapshot(seed=1), snapshot(seed=2, extra=("new",))
    registry.save(first)
    registry.save(second)
    assert registry.latest_id() == second.snapshot_id
    assert registry.load(first.snapshot_id) == first
    assert registry.latest() == second
    with pytest.raises(InputError) as info:
        registry.load("ps-missing")
    assert info.value.code == "not_found"


def test_batch_decisions_follow_the_same_policy() -> None:
    blocked: set[str] = {"x"}
    service = DecideService(snapshot(), blocked=lambda: frozenset(blocked), random_state=2)
    n = 40_000
    keys = np.array(["farm", "shop"] * (n // 2), dtype=object)
    rows = service.decide_batch(np.arange(n), keys, "home_card")
    assert len(rows) == n and rows["decision_id"].is_unique
    assert "x" not in set(rows["creative_id"])
    for segment, group in rows.groupby("segment_key"):
        probs = service.probabilities(str(segment), "home_card")
        assert (group["propensity"].to_numpy() == probs.loc[group["creative_id"]].to_numpy()).all()
        share = group["creative_id"].value_counts(normalize=True)
        for creative, p in probs.items():
            assert abs(share.get(creative, 0.0) - p) < 4 * np.sqrt(p * (1 - p) / len(group)) + 1e-9
    single = service.decide(1, "farm", "home_card")
    assert single.decision_id not in set(rows["decision_id"])
