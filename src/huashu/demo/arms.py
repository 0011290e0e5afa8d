"""The two delivery arms the demo compares on the same visitors.

``HuashuArm``: creatives per segment x channel, Thompson sampling per segment with burn-in
floors, exact logged propensities, and a knowledge base that steers the next drafts.
``BaselineArm``: the seed story's failure: one global UCB1 per channel over generic creatives,
no segments, no knowledge base.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from huashu.delivery import UCB1, PolicySnapshot, ThompsonAllocator, allocate, build_snapshot
from huashu.demo.market import Market, Shown, concat_shown
from huashu.demo.rows import decision_rows, event_rows
from huashu.domain import Creative
from huashu.events import EventStore

BASELINE_BATCH = 50


@dataclass
class HuashuArm:
    run_id: str
    policy: ThompsonAllocator
    snapshot_dir: Path
    live: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)

    name = "huashu"

    def add(self, creatives: list[Creative]) -> None:
        for c in creatives:
            self.live.setdefault((c.segment_key, c.channel), []).append(c.id)
            self.texts[c.id] = c.text

    def live_count(self) -> int:
        return sum(len(ids) for ids in self.live.values())

    def snapshot(
        self,
        events: EventStore,
        round_: int,
        seed: int,
        prior_means: dict[str, float] | None = None,
        prior_strengths: dict[str, float] | None = None,
        prior_loadings: dict[str, tuple[float, ...]] | None = None,
        part: int = 0,
    ) -> PolicySnapshot:
        stats = events.arm_stats()
        stats = stats[stats["creative_id"].isin(self.texts)]
        snap = build_snapshot(
            stats,
            self.live,
            self.policy,
            snapshot_seed=(seed * 1000 + round_) * 100 + part,
            prior_means=prior_means,
            prior_strengths=prior_strengths,
            prior_loadings=prior_loadings,
        )
        self.snapshot_dir.mkdir(parents=True, exist_ok=True)
        (self.snapshot_dir / f"{snap.snapshot_id}.json").write_text(snap.to_json())
        return snap

    def make_room(
        self,
        arm_stats: pd.DataFrame,
        max_live: int,
        new_per_round: int,
        prior_means: dict[str, float] | None = None,
        prior_strengths: dict[str, float] | None = None,
    ) -> dict[tuple[str, str], int]:
        """Per group, how many new creatives to draft (``new_per_round``, fewer when the group
        cannot make room) so that at most ``max_live`` are live; to make room, the creatives
        with the lowest posterior mean CTR leave the allocation.
        ``arm_stats``: impressions and clicks per segment_key x channel x creative_id.

        Without ``prior_means`` only mature creatives (past burn-in) can leave, judged on
        their own clicks under a flat prior. With them (the knowledge base's predicted CTR per
        creative), every creative the knowledge base predicts can leave, judged on its own
        clicks under a ``Beta`` prior of that mean and ``prior_strengths`` pseudo-counts
        (default: the policy's ``arm_prior_strength``): the
        knowledge base has already seen its phrases elsewhere, so a small segment's weak
        drafts need not wait for their own burn-in before better ones replace them."""
        counts = arm_stats.set_index(["segment_key", "channel", "creative_id"])
        wanted: dict[tuple[str, str], int] = {}
        for key in sorted(self.live):
            if not self.live[key]:
                continue
            index = pd.MultiIndex.from_tuples([(*key, c) for c in sorted(self.live[key])])
            stats = (
                counts.reindex(index, fill_value=0)[["impressions", "clicks"]]
                .rename_axis(["segment_key", "channel", "creative_id"])
                .reset_index()
            )
            n_new = new_per_round
            excess = len(self.live[key]) + n_new - max_live
            if excess > 0:
                known = stats["creative_id"].map(prior_means or {})
                judged = stats[(stats["impressions"] >= self.policy.n_min) | known.notna()]
                strength = (
                    stats["creative_id"]
                    .map(prior_strengths or {})
                    .fillna(self.policy.arm_prior_strength)[judged.index]
                )
                prior = known[judged.index].fillna(0.5).where(known.notna(), 0.5)
                weight = np.where(known[judged.index].notna(), strength, 2.0)
                mean = (judged["clicks"] + prior * weight) / (judged["impressions"] + weight)
                worst = set(judged.loc[mean.sort_values().index[:excess], "creative_id"])
                self.live[key] = [c for c in self.live[key] if c not in worst]
                n_new = max(0, min(n_new, max_live - len(self.live[key])))
            if n_new:
                wanted[key] = n_new
        return wanted

    def deliver(
        self,
        market: Market,
        events: EventStore,
        snap: PolicySnapshot,
        round_: int,
        channel: str,
        rows: np.ndarray,
        rng: np.random.Generator,
    ) -> Shown:
        segments = market.segment_of_user[rows]
        chosen = np.empty(len(rows), dtype=object)
        propensity = np.empty(len(rows), dtype="float64")
        for key in np.unique(segments):
            members = np.flatnonzero(segments == key)
            ids, props = allocate(snap.allocation(str(key), channel), len(members), rng)
            chosen[members] = ids
            propensity[members] = props
        shown = market.show(rows, chosen, self.texts, channel, rng)
        _log(events, self.run_id, round_, channel, shown, market, propensity, self.name, snap)
        return shown


@dataclass
class BaselineArm:
    run_id: str
    alpha: float = 0.01
    ucb: dict[str, UCB1] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)

    name = "baseline-ucb1"

    def add(self, creatives: list[Creative]) -> None:
        for c in creatives:
            self.ucb.setdefault(c.channel, UCB1(alpha=self.alpha)).add_arms([c.id])
            self.texts[c.id] = c.text

    def live_count(self) -> int:
        return len(self.texts)

    def deliver(
        self,
        market: Market,
        events: EventStore,
        round_: int,
        channel: str,
        rows: np.ndarray,
        rng: np.random.Generator,
    ) -> Shown:
        ucb = self.ucb[channel]
        parts: list[Shown] = []
        for start in range(0, len(rows), BASELINE_BATCH):
            batch = rows[start : start + BASELINE_BATCH]
            arm = ucb.select()
            ids = np.full(len(batch), arm, dtype=object)
            shown = market.show(batch, ids, self.texts, channel, rng)
            ucb.update(arm, clicks=int(shown.clicked.sum()), impressions=len(batch))
            parts.append(shown)
        shown = concat_shown(parts)
        ones = np.ones(len(rows), dtype="float64")
        _log(events, self.run_id, round_, channel, shown, market, ones, self.name, None)
        return shown


def _log(
    events: EventStore,
    run_id: str,
    round_: int,
    channel: str,
    shown: Shown,
    market: Market,
    propensity: np.ndarray,
    policy: str,
    snap: PolicySnapshot | None,
) -> None:
    decisions = decision_rows(
        run_id,
        round_,
        channel,
        shown,
        market.users,
        market.segment_of_user[shown.rows],
        propensity,
        policy,
        snap.snapshot_id if snap else f"{policy}-deterministic",
    )
    events.log_decisions(decisions)
    events.log_events(event_rows(decisions, shown))


def stats_frame(events: EventStore, creative_ids: set[str]) -> pd.DataFrame:
    stats = events.arm_stats()
    return stats[stats["creative_id"].isin(creative_ids)]
