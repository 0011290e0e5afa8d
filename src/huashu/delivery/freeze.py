"""Freezing a Thompson policy into a :class:`~huashu.delivery.snapshot.PolicySnapshot`: every
segment x channel group allocated from its arm stats and the per-creative priors given."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar

import numpy as np
import pandas as pd

from huashu.delivery.draws import ArmGroup
from huashu.delivery.params import require_int
from huashu.delivery.snapshot import GroupAllocation, PolicySnapshot, with_id
from huashu.delivery.thompson import ThompsonAllocator
from huashu.domain import InputError


def group_allocation(
    policy: ThompsonAllocator,
    arms: ArmGroup,
    segment_key: str,
    channel: str,
    *,
    prior_means: tuple[float | None, ...] = (),
    prior_strengths: tuple[float | None, ...] = (),
    prior_loadings: tuple[tuple[float, ...] | None, ...] = (),
) -> GroupAllocation:
    """The record of a group whose draws are ``arms``: its counts, prior and allocation."""
    return GroupAllocation(
        segment_key=segment_key,
        channel=channel,
        key=arms.key,
        creative_ids=tuple(arms.ids),
        impressions=tuple(int(v) for v in arms.impressions),
        clicks=tuple(int(v) for v in arms.clicks),
        probs=tuple(float(p) for p in policy.shares(arms)[0]),
        prior_means=prior_means,
        prior_strengths=prior_strengths,
        prior_loadings=prior_loadings,
        prior=arms.prior,
    )


def build_snapshot(
    arm_stats: pd.DataFrame,
    arms_by_group: Mapping[tuple[str, str], Sequence[str]],
    policy: ThompsonAllocator,
    snapshot_seed: int,
    *,
    blocked: Iterable[str] = (),
    prior_means: Mapping[str, float] | None = None,
    prior_strengths: Mapping[str, float] | None = None,
    prior_loadings: Mapping[str, Sequence[float]] | None = None,
    created_at: datetime | None = None,
) -> PolicySnapshot:
    """Allocate every (segment_key, channel) group in ``arms_by_group`` and freeze the result.

    ``arm_stats`` has columns segment_key, channel, creative_id, impressions, clicks (e.g.
    :meth:`huashu.events.EventStore.arm_stats`); listed creatives without a row start at zero
    counts (burn-in), rows for unlisted creatives are ignored. Creatives in ``blocked`` are
    removed before allocation; a group left with no creatives is left out of the snapshot.
    ``prior_means`` (creative id -> expected CTR, e.g. the knowledge base's prediction for a
    new creative's features) gives those creatives their own prior, as strong as
    ``prior_strengths`` says (creative id -> pseudo-counts; default the policy's
    ``arm_prior_strength``) and drawn jointly where ``prior_loadings`` (creative id -> vector)
    are given; see :class:`ThompsonAllocator`. Each group records the prior it was allocated
    under (the empirical-Bayes estimate from its stats unless the policy fixes one).
    """
    snapshot, _ = build_groups(
        arm_stats,
        arms_by_group,
        policy,
        snapshot_seed,
        blocked=blocked,
        prior_means=prior_means,
        prior_strengths=prior_strengths,
        prior_loadings=prior_loadings,
        created_at=created_at,
    )
    return snapshot


def arm_counts(arm_stats: pd.DataFrame) -> dict[tuple[str, str, str], tuple[int, int]]:
    """(segment_key, channel, creative_id) -> (impressions, clicks) from arm-stats rows."""
    for column in ("segment_key", "channel", "creative_id", "impressions", "clicks"):
        if column not in arm_stats.columns:
            raise InputError(
                f"arm stats are missing column '{column}'",
                message_zh=f"素材统计缺少列 '{column}'",
                code="bad_stats",
                details={"column": column},
            )
    return {
        (str(s), str(ch), str(c)): (int(n), int(k))
        for s, ch, c, n, k in zip(
            arm_stats["segment_key"],
            arm_stats["channel"],
            arm_stats["creative_id"],
            arm_stats["impressions"],
            arm_stats["clicks"],
            strict=True,
        )
    }


def build_groups(
    arm_stats: pd.DataFrame,
    arms_by_group: Mapping[tuple[str, str], Sequence[str]],
    policy: ThompsonAllocator,
    snapshot_seed: int,
    *,
    blocked: Iterable[str] = (),
    prior_means: Mapping[str, float] | None = None,
    prior_strengths: Mapping[str, float] | None = None,
    prior_loadings: Mapping[str, Sequence[float]] | None = None,
    created_at: datetime | None = None,
) -> tuple[PolicySnapshot, dict[tuple[str, str], ArmGroup]]:
    """:func:`build_snapshot` and the posterior draws of every group it allocated."""
    require_int("snapshot_seed", snapshot_seed, 0)
    counts = arm_counts(arm_stats)
    gone = {str(c) for c in blocked}
    priors = _CreativePriors(prior_means, prior_strengths, prior_loadings)
    groups = []
    draws: dict[tuple[str, str], ArmGroup] = {}
    for (segment_key, channel), creatives in sorted(arms_by_group.items()):
        live = sorted({str(c) for c in creatives} - gone)
        if not live:
            continue
        observed = [counts.get((segment_key, channel, c), (0, 0)) for c in live]
        means, strengths, loadings = priors.of(live)
        stats = _group_stats(live, observed, means, strengths, loadings)
        arms = policy.draws(stats, key=f"{snapshot_seed}/{segment_key}/{channel}")
        draws[(segment_key, channel)] = arms
        groups.append(
            group_allocation(
                policy,
                arms,
                segment_key,
                channel,
                prior_means=_if_any(means),
                prior_strengths=_if_any(strengths),
                prior_loadings=_if_any(loadings),
            )
        )
    draft = PolicySnapshot(
        snapshot_id="",
        created_at=created_at or datetime.now(UTC),
        policy=policy.name,
        params=policy.params(),
        snapshot_seed=snapshot_seed,
        blocked=tuple(sorted(gone)),
        groups=tuple(groups),
    )
    return with_id(draft), draws


@dataclass(frozen=True)
class _CreativePriors:
    """The per-creative priors :func:`build_snapshot` was given (creative id -> value)."""

    means: Mapping[str, float] | None
    strengths: Mapping[str, float] | None
    loadings: Mapping[str, Sequence[float]] | None

    def of(
        self, live: list[str]
    ) -> tuple[
        tuple[float | None, ...], tuple[float | None, ...], tuple[tuple[float, ...] | None, ...]
    ]:
        """Per creative in ``live``: its prior mean, strength and loading (None where it has
        none; a strength or loading only where it has a mean; empty tuples where not given)."""
        if not self.means:
            return (), (), ()
        means = tuple(self.means.get(c) for c in live)
        strengths: tuple[float | None, ...] = ()
        loadings: tuple[tuple[float, ...] | None, ...] = ()
        if self.strengths:
            strengths = tuple(
                self.strengths.get(c) if m is not None else None
                for c, m in zip(live, means, strict=True)
            )
        if self.loadings:
            loadings = tuple(
                tuple(float(x) for x in self.loadings[c])
                if m is not None and c in self.loadings
                else None
                for c, m in zip(live, means, strict=True)
            )
        return means, strengths, loadings


def _group_stats(
    live: list[str],
    observed: list[tuple[int, int]],
    means: tuple[float | None, ...],
    strengths: tuple[float | None, ...],
    loadings: tuple[tuple[float, ...] | None, ...],
) -> pd.DataFrame:
    """The stats frame the policy allocates a group from: counts and, where given, priors."""
    stats = pd.DataFrame(
        {
            "creative_id": pd.Series(live, dtype=object),
            "impressions": [n for n, _ in observed],
            "clicks": [k for _, k in observed],
        }
    )
    if means:
        stats["prior_mean"] = [np.nan if m is None else m for m in means]
    if strengths:
        stats["prior_strength"] = [np.nan if v is None else v for v in strengths]
    if loadings:
        stats["prior_loading"] = pd.Series(list(loadings), dtype=object)
    return stats


T = TypeVar("T")


def _if_any(values: tuple[T | None, ...]) -> tuple[T | None, ...]:
    """``values``, or () when every one is None (nothing worth recording)."""
    return values if any(v is not None for v in values) else ()
