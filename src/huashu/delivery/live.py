"""Learning in the loop: a policy snapshot kept current between full rebuilds, each update
costing only the arms whose counts changed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime

import numpy as np
import pandas as pd

from huashu.delivery.draws import ArmGroup
from huashu.delivery.freeze import build_groups
from huashu.delivery.snapshot import GroupAllocation, PolicySnapshot, with_id
from huashu.delivery.thompson import ThompsonAllocator
from huashu.domain import InputError

Counts = Mapping[tuple[str, str, str], tuple[int, int]]


class LivePolicy:
    """The current :class:`PolicySnapshot` and the posterior draws behind it.

    :meth:`update` takes new (impressions, clicks) totals for some arms and returns the next
    snapshot: only those arms' draws are redrawn and only their groups re-allocated and
    re-hashed, the rest of the snapshot is shared with its predecessor. A group keeps the key
    and the prior it was built with until the next full build (:meth:`build` or a new
    :class:`LivePolicy` on a rebuilt snapshot): its empirical-Bayes prior is estimated once per
    full build instead of moving every arm's posterior at every update. What an updated group
    records (counts, prior, key) re-derives its probabilities exactly, and a full build with
    the same seed, counts and prior gives the same group and snapshot id.

    Arms join or leave only through a full build; counts for creatives a group does not hold
    are ignored, as :func:`build_snapshot` ignores their rows. One writer at a time: the
    decide path reads the snapshots it returns, never the live policy itself.
    """

    def __init__(self, snapshot: PolicySnapshot) -> None:
        self._snapshot = snapshot
        self._policy = snapshot.allocator()
        self._draws: dict[tuple[str, str], ArmGroup] = {}
        self._index = {(g.segment_key, g.channel): i for i, g in enumerate(snapshot.groups)}

    @classmethod
    def build(
        cls,
        arm_stats: pd.DataFrame,
        arms_by_group: Mapping[tuple[str, str], Sequence[str]],
        policy: ThompsonAllocator,
        snapshot_seed: int,
        *,
        blocked: Iterable[str] = (),
        created_at: datetime | None = None,
    ) -> LivePolicy:
        """A full build (see :func:`build_snapshot`) whose draws are kept for updates."""
        snapshot, draws = build_groups(
            arm_stats, arms_by_group, policy, snapshot_seed, blocked=blocked, created_at=created_at
        )
        live = cls(snapshot)
        live._draws = draws
        return live

    @property
    def snapshot(self) -> PolicySnapshot:
        return self._snapshot

    def draws(self, segment_key: str, channel: str) -> ArmGroup:
        """The posterior draws behind a group of the current snapshot (made on first use)."""
        key = (segment_key, channel)
        return self._group_draws(key, self._snapshot.group(segment_key, channel))

    def _group_draws(self, key: tuple[str, str], group: GroupAllocation) -> ArmGroup:
        draws = self._draws.get(key)
        if draws is None:
            prior = group.prior or self._policy.prior(group.stats())
            draws = self._policy.draws(group.stats(), key=group.key, prior=prior)
            self._draws[key] = draws
        return draws

    def update(self, counts: Counts, *, created_at: datetime | None = None) -> PolicySnapshot:
        """The snapshot after these new totals, keyed by (segment_key, channel, creative_id);
        the same snapshot when no count changed."""
        by_group: dict[tuple[str, str], dict[str, tuple[int, int]]] = {}
        for (segment_key, channel, creative_id), (impressions, clicks) in counts.items():
            _check(creative_id, impressions, clicks)
            if (segment_key, channel) in self._index:
                by_group.setdefault((segment_key, channel), {})[creative_id] = (
                    int(impressions),
                    int(clicks),
                )
        groups = list(self._snapshot.groups)
        changed = False
        for key, group_counts in by_group.items():
            position = self._index[key]
            old = groups[position]
            draws = self._group_draws(key, old)
            if not draws.update(group_counts):
                continue
            groups[position] = replace(
                old,
                impressions=tuple(int(v) for v in draws.impressions),
                clicks=tuple(int(v) for v in draws.clicks),
                probs=tuple(float(p) for p in self._policy.shares(draws)[0]),
                prior=draws.prior,
            )
            changed = True
        if not changed:
            return self._snapshot
        draft = replace(
            self._snapshot, groups=tuple(groups), created_at=created_at or datetime.now(UTC)
        )
        self._snapshot = with_id(draft)
        return self._snapshot


def _check(creative_id: str, impressions: object, clicks: object) -> None:
    whole = (int, np.integer)
    ok = (
        isinstance(impressions, whole)
        and isinstance(clicks, whole)
        and not isinstance(impressions, bool)
        and not isinstance(clicks, bool)
        and 0 <= clicks <= impressions
    )
    if not ok:
        raise InputError(
            f"counts for '{creative_id}' need integers 0 <= clicks <= impressions, "
            f"got {clicks!r} clicks of {impressions!r} impressions",
            message_zh=f"素材 '{creative_id}' 的统计须为整数且 0 <= 点击 <= 曝光，"
            f"实际 {clicks!r} 次点击、{impressions!r} 次曝光",
            code="bad_stats",
            details={"creative_id": str(creative_id)},
        )
