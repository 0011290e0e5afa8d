"""Incremental snapshots: an update redraws only the arms whose counts changed, and gives
exactly what a full rebuild with the same seed, counts and prior gives."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import numpy as np
import pandas as pd
import pytest

from huashu.delivery import DecideService, LivePolicy, PolicySnapshot, ThompsonAllocator
from huashu.delivery.freeze import build_snapshot
from huashu.domain import InputError

WHEN = datetime(2024, 3, 1, 8, 0, tzinfo=UTC)
GROUPS = {
    ("farm", "sms"): [f"f{i:02d}" for i in range(31)],
    ("shop", "sms"): ["s1", "s2", "s3"],
}


def arm_stats(counts: dict[tuple[str, str, str], tuple[int, int]]) -> pd.DataFrame:
    return pd.DataFrame(
        [(s, ch, c, n, k) for (s, ch, c), (n, k) in counts.items()],
        columns=["segment_key", "channel", "creative_id", "impressions", "clicks"],
    )


def start_counts() -> dict[tuple[str, str, str], tuple[int, int]]:
    rng = np.random.default_rng(1)
    counts = {}
    for (segment, channel), ids in GROUPS.items():
        for c in ids:
            n = int(rng.integers(0, 3_000))
            counts[(segment, channel, c)] = (n, int(n * rng.uniform(0.01, 0.04)))
    return counts


def learn(
    live: LivePolicy, counts: dict[tuple[str, str, str], tuple[int, int]], rounds: int
) -> list[PolicySnapshot]:
    """``rounds`` batches of 100 decisions from the live snapshot, each followed by an
    update with the new totals of the creatives it showed."""
    service = DecideService(live.snapshot, random_state=3)
    rng = np.random.default_rng(2)
    snapshots = []
    for _ in range(rounds):
        changed = {}
        for i in range(100):
            d = service.decide(i, "farm", "sms")
            n, k = counts[("farm", "sms", d.creative_id)]
            counts[("farm", "sms", d.creative_id)] = (n + 1, k + int(rng.random() < 0.03))
            changed[("farm", "sms", d.creative_id)] = counts[("farm", "sms", d.creative_id)]
        service.swap(live.update(changed, created_at=WHEN))
        snapshots.append(live.snapshot)
    return snapshots


@pytest.mark.parametrize(
    "params",
    [
        {"burn_in": "compete"},
        {"burn_in": "fixed", "top_two": 0.5},
        {"burn_in": "compete", "alpha0": 1.0, "beta0": 30.0},
    ],
)
def test_an_update_gives_exactly_what_a_full_rebuild_gives(params: dict[str, Any]) -> None:
    policy = ThompsonAllocator(random_state=5, **params)
    counts = start_counts()
    live = LivePolicy.build(arm_stats(counts), GROUPS, policy, 7, created_at=WHEN)
    first = live.snapshot
    for snap in learn(live, counts, rounds=20):
        group = snap.group("farm", "sms")
        assert group.key == "7/farm/sms" and group.prior == first.group("farm", "sms").prior
        full = policy.allocation(group.stats(), key=group.key, prior=group.prior)
        assert full.to_numpy().tolist() == list(group.probs)
        assert snap.rederive("farm", "sms").to_numpy().tolist() == list(group.probs)
    # a fixed prior leaves nothing to pin: the whole snapshot, id included, is the rebuild's
    rebuilt = build_snapshot(arm_stats(counts), GROUPS, policy, 7, created_at=WHEN)
    if "alpha0" in params:
        assert rebuilt == live.snapshot
    else:
        assert rebuilt.group("shop", "sms") == live.snapshot.group("shop", "sms")


def test_an_update_redraws_only_the_arms_whose_counts_changed() -> None:
    policy = ThompsonAllocator(burn_in="compete")
    counts = start_counts()
    live = LivePolicy.build(arm_stats(counts), GROUPS, policy, 7)
    draws = live.draws("farm", "sms")
    before = draws.keys.copy()
    n, k = counts[("farm", "sms", "f03")]
    changed = draws.update({"f03": (n + 10, k + 1), "f07": counts[("farm", "sms", "f07")]})
    assert changed == [3]
    assert (draws.keys[3] != before[3]).any()
    assert np.array_equal(np.delete(draws.keys, 3, axis=0), np.delete(before, 3, axis=0))
    stats = live.snapshot.group("farm", "sms").stats()
    stats.loc[stats["creative_id"] == "f03", ["impressions", "clicks"]] = [n + 10, k + 1]
    fresh = policy.draws(stats, key="7/farm/sms", prior=draws.prior)
    assert np.array_equal(fresh.keys, draws.keys)


def test_an_update_shares_unchanged_groups_and_versions_the_snapshot() -> None:
    policy = ThompsonAllocator(burn_in="compete")
    counts = start_counts()
    live = LivePolicy.build(arm_stats(counts), GROUPS, policy, 7, created_at=WHEN)
    first = live.snapshot
    n, k = counts[("farm", "sms", "f01")]
    second = live.update({("farm", "sms", "f01"): (n + 100, k + 9)}, created_at=WHEN)
    assert second.snapshot_id != first.snapshot_id and second.snapshot_id.startswith("ps-")
    assert second.group("shop", "sms") is first.group("shop", "sms")
    assert second.group("farm", "sms").impressions[1] == n + 100
    # no change, no new version; counts for unknown groups and creatives are ignored
    same = live.update(
        {
            ("farm", "sms", "f01"): (n + 100, k + 9),
            ("farm", "sms", "gone"): (5, 1),
            ("nobody", "sms", "f01"): (5, 1),
        }
    )
    assert same is second
    back = PolicySnapshot.from_json(second.to_json())
    assert back == second
    assert back.rederive("farm", "sms").to_numpy().tolist() == list(
        second.group("farm", "sms").probs
    )


def test_a_live_policy_picks_up_a_snapshot_read_from_disk() -> None:
    """Draws are rebuilt on the first update of a group, under the prior it recorded."""
    policy = ThompsonAllocator(burn_in="compete")
    counts = start_counts()
    built = LivePolicy.build(arm_stats(counts), GROUPS, policy, 7, created_at=WHEN)
    loaded = LivePolicy(PolicySnapshot.from_json(built.snapshot.to_json()))
    n, k = counts[("shop", "sms", "s2")]
    change = {("shop", "sms", "s2"): (n + 50, k + 3)}
    assert loaded.update(change, created_at=WHEN) == built.update(change, created_at=WHEN)


def test_decide_follows_each_update() -> None:
    policy = ThompsonAllocator(burn_in="compete")
    counts = start_counts()
    live = LivePolicy.build(arm_stats(counts), GROUPS, policy, 7)
    service = DecideService(live.snapshot, random_state=1)
    shop = service._groups[("shop", "sms")]
    n, k = counts[("farm", "sms", "f00")]
    service.swap(live.update({("farm", "sms", "f00"): (n + 5_000, k + 1_000)}))
    # the unchanged group keeps its index; the changed one serves its new probabilities
    assert service._groups[("shop", "sms")] is shop
    probs = service.probabilities("farm", "sms")
    assert probs.to_numpy().tolist() == list(live.snapshot.group("farm", "sms").probs)
    assert probs["f00"] > 0.5
    decisions = [service.decide(i, "farm", "sms") for i in range(200)]
    assert all(d.propensity == probs[d.creative_id] for d in decisions)
    assert {d.snapshot_id for d in decisions} == {live.snapshot.snapshot_id}


@pytest.mark.parametrize(
    ("counts", "message"),
    [
        ((10, 11), "counts for 'f00' need integers 0 <= clicks <= impressions, got 11 clicks"),
        ((10, -1), "counts for 'f00' need integers 0 <= clicks <= impressions, got -1 clicks"),
        ((10.5, 1), "counts for 'f00' need integers 0 <= clicks <= impressions, got 1 clicks"),
        ((True, 0), "counts for 'f00' need integers 0 <= clicks <= impressions, got 0 clicks"),
    ],
)
def test_bad_counts_are_refused(counts: tuple[Any, Any], message: str) -> None:
    live = LivePolicy.build(arm_stats(start_counts()), GROUPS, ThompsonAllocator(), 7)
    with pytest.raises(InputError, match=f"^{message}") as caught:
        live.update({("farm", "sms", "f00"): counts})
    assert caught.value.code == "bad_stats"
    assert "素材 'f00' 的统计须为整数" in (caught.value.message_zh or "")
