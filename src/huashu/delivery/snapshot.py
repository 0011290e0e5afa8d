"""Policy snapshots: the frozen per segment x channel arm stats, prior and allocation
probabilities the decide path reads, from which every logged propensity can be re-derived."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from huashu.delivery.thompson import ThompsonAllocator
from huashu.domain import InputError


@dataclass(frozen=True)
class GroupAllocation:
    """One segment x channel of a snapshot: the stats the policy saw, the group prior it
    used (None in snapshots written before priors were recorded: then re-estimated from the
    stats) and what it allocated."""

    segment_key: str
    channel: str
    key: str
    creative_ids: tuple[str, ...]
    impressions: tuple[int, ...]
    clicks: tuple[int, ...]
    probs: tuple[float, ...]
    prior_means: tuple[float | None, ...] = ()
    prior_strengths: tuple[float | None, ...] = ()
    prior_loadings: tuple[tuple[float, ...] | None, ...] = ()
    prior: tuple[float, float] | None = None

    @cached_property
    def digest(self) -> str:
        """A content hash of the group (part of its snapshot's id)."""
        text = json.dumps(_group_content(self), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def stats(self) -> pd.DataFrame:
        frame = pd.DataFrame(
            {
                "creative_id": pd.Series(self.creative_ids, dtype=object),
                "impressions": pd.Series(self.impressions, dtype="int64"),
                "clicks": pd.Series(self.clicks, dtype="int64"),
            }
        )
        if self.prior_means:
            frame["prior_mean"] = pd.Series(
                [np.nan if m is None else m for m in self.prior_means], dtype="float64"
            )
        if self.prior_strengths:
            frame["prior_strength"] = pd.Series(
                [np.nan if m is None else m for m in self.prior_strengths], dtype="float64"
            )
        if self.prior_loadings:
            frame["prior_loading"] = pd.Series(list(self.prior_loadings), dtype=object)
        return frame

    def allocation(self) -> pd.Series:
        index = pd.Index(list(self.creative_ids), dtype=object, name="creative_id")
        return pd.Series(list(self.probs), index=index, dtype="float64", name="probability")


@dataclass(frozen=True)
class PolicySnapshot:
    """A frozen Thompson policy: params, seed and one :class:`GroupAllocation` per group.

    ``snapshot_id`` is a content hash of everything except ``created_at``.
    """

    snapshot_id: str
    created_at: datetime
    policy: str
    params: Mapping[str, Any]
    snapshot_seed: int
    blocked: tuple[str, ...]
    groups: tuple[GroupAllocation, ...]

    def group(self, segment_key: str, channel: str) -> GroupAllocation:
        for group in self.groups:
            if group.segment_key == segment_key and group.channel == channel:
                return group
        raise InputError(
            f"snapshot {self.snapshot_id} has no creatives for {segment_key} x {channel}",
            message_zh=f"策略快照 {self.snapshot_id} 中没有 {segment_key} x {channel} 的素材",
            code="no_arms",
            details={"segment_key": segment_key, "channel": channel},
        )

    def allocation(
        self, segment_key: str, channel: str, *, blocked: Iterable[str] = ()
    ) -> pd.Series:
        """creative_id -> probability; creatives in ``blocked`` (a take-down list checked at
        decide time) are dropped and the rest renormalised, which is then the logged policy."""
        probs = self.group(segment_key, channel).allocation()
        gone = set(blocked)
        if not gone:
            return probs
        kept = probs[~probs.index.isin(list(gone))]
        if kept.empty:
            raise InputError(
                f"every creative for {segment_key} x {channel} is paused or taken down",
                message_zh=f"{segment_key} x {channel} 的所有素材均已暂停或下架",
                code="no_arms",
                details={"segment_key": segment_key, "channel": channel},
            )
        return kept / kept.sum()

    def allocator(self) -> ThompsonAllocator:
        return ThompsonAllocator(**dict(self.params))

    def rederive(self, segment_key: str, channel: str) -> pd.Series:
        """Recompute the group's allocation from its recorded stats, prior, params and key."""
        group = self.group(segment_key, channel)
        return self.allocator().allocation(group.stats(), key=group.key, prior=group.prior)

    def to_json(self) -> str:
        return json.dumps(
            {"created_at": self.created_at.isoformat(), **_content(self)},
            ensure_ascii=False,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> PolicySnapshot:
        try:
            data = json.loads(text)
            groups = tuple(_group_from_json(g) for g in data["groups"])
            return cls(
                snapshot_id=data["snapshot_id"],
                created_at=datetime.fromisoformat(data["created_at"]),
                policy=data["policy"],
                params=dict(data["params"]),
                snapshot_seed=int(data["snapshot_seed"]),
                blocked=tuple(data["blocked"]),
                groups=groups,
            )
        except (KeyError, TypeError, ValueError) as err:
            raise InputError(
                f"not a policy snapshot: {err}",
                message_zh=f"不是有效的策略快照：{err}",
                code="bad_snapshot",
            ) from err


def _group_from_json(g: dict[str, Any]) -> GroupAllocation:
    return GroupAllocation(
        segment_key=g["segment_key"],
        channel=g["channel"],
        key=g["key"],
        creative_ids=tuple(g["creative_ids"]),
        impressions=tuple(int(v) for v in g["impressions"]),
        clicks=tuple(int(v) for v in g["clicks"]),
        probs=tuple(float(v) for v in g["probs"]),
        prior_means=tuple(None if v is None else float(v) for v in g.get("prior_means", [])),
        prior_strengths=tuple(
            None if v is None else float(v) for v in g.get("prior_strengths", [])
        ),
        prior_loadings=tuple(
            None if v is None else tuple(float(x) for x in v) for v in g.get("prior_loadings", [])
        ),
        prior=(float(g["prior"][0]), float(g["prior"][1])) if "prior" in g else None,
    )


def _group_content(g: GroupAllocation) -> dict[str, Any]:
    return {
        "segment_key": g.segment_key,
        "channel": g.channel,
        "key": g.key,
        "creative_ids": list(g.creative_ids),
        "impressions": list(g.impressions),
        "clicks": list(g.clicks),
        "probs": list(g.probs),
        **({"prior_means": list(g.prior_means)} if g.prior_means else {}),
        **({"prior_strengths": list(g.prior_strengths)} if g.prior_strengths else {}),
        **(
            {"prior_loadings": [None if v is None else list(v) for v in g.prior_loadings]}
            if g.prior_loadings
            else {}
        ),
        **({"prior": list(g.prior)} if g.prior is not None else {}),
    }


def _content(snapshot: PolicySnapshot) -> dict[str, Any]:
    return {
        "snapshot_id": snapshot.snapshot_id,
        "policy": snapshot.policy,
        "params": dict(snapshot.params),
        "snapshot_seed": snapshot.snapshot_seed,
        "blocked": list(snapshot.blocked),
        "groups": [_group_content(g) for g in snapshot.groups],
    }


def with_id(draft: PolicySnapshot) -> PolicySnapshot:
    """``draft`` with its content hash as ``snapshot_id``: the hash of the policy, params,
    seed, blocked list and every group's :attr:`GroupAllocation.digest` (so a snapshot that
    differs from its predecessor in a few groups hashes only those again)."""
    header = {
        "policy": draft.policy,
        "params": dict(draft.params),
        "snapshot_seed": draft.snapshot_seed,
        "blocked": list(draft.blocked),
        "groups": [g.digest for g in draft.groups],
    }
    text = json.dumps(header, sort_keys=True, ensure_ascii=False)
    return replace(draft, snapshot_id=f"ps-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:16]}")
