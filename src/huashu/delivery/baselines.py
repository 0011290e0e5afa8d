"""Slot policies compared in the bandit benchmark, behind one interface: huashu's Thompson
allocation (per batch, from counts kept current incrementally) and the baselines UCB1,
epsilon-greedy, uniform, and plain Beta(1, 1) Thompson sampling (a fresh posterior draw per
impression)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from huashu.delivery.draws import ArmGroup
from huashu.delivery.params import require_int, require_number
from huashu.delivery.thompson import ThompsonAllocator
from huashu.delivery.ucb import UCB1


class SlotPolicy(Protocol):
    """A policy for one slot: arms join at any time; choices come in batches between updates."""

    name: str

    def add_arms(self, creative_ids: Sequence[str]) -> None: ...

    def choose(self, n: int, rng: np.random.Generator) -> NDArray[np.object_]: ...

    def update(self, creative_ids: NDArray[np.object_], clicks: NDArray[np.bool_]) -> None: ...


@dataclass
class _Counts:
    ids: list[str] = field(default_factory=list)
    pulls: list[int] = field(default_factory=list)
    clicks: list[int] = field(default_factory=list)

    def add(self, creative_ids: Sequence[str]) -> None:
        for cid in creative_ids:
            if cid not in self.ids:
                self.ids.append(cid)
                self.pulls.append(0)
                self.clicks.append(0)

    def update(self, creative_ids: NDArray[np.object_], clicks: NDArray[np.bool_]) -> None:
        index = {cid: i for i, cid in enumerate(self.ids)}
        pos = np.array([index[c] for c in creative_ids], dtype=np.int64)
        pulls = np.bincount(pos, minlength=len(self.ids))
        hits = np.bincount(pos, weights=clicks.astype(np.float64), minlength=len(self.ids))
        self.pulls = [int(a + b) for a, b in zip(self.pulls, pulls, strict=True)]
        self.clicks = [int(a + b) for a, b in zip(self.clicks, hits, strict=True)]

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            {"creative_id": self.ids, "impressions": self.pulls, "clicks": self.clicks}
        )

    def arrays(self) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        return np.asarray(self.pulls, dtype=np.float64), np.asarray(self.clicks, dtype=np.float64)


@dataclass
class ThompsonSlot:
    """huashu's policy: allocation probabilities from the counts at the start of each batch,
    kept current the way a learning loop keeps a :class:`huashu.delivery.LivePolicy`: after a
    batch only the draws of the arms it showed are redrawn, and every ``rebuild_every``
    batches (and when arms join) the group is rebuilt with a fresh key and empirical-Bayes
    prior, as a full snapshot rebuild would."""

    allocator: ThompsonAllocator = field(
        default_factory=lambda: ThompsonAllocator(burn_in="compete")
    )
    name: str = "huashu-thompson"
    rebuild_every: int = 50
    counts: _Counts = field(default_factory=_Counts)
    batches: int = 0
    group: ArmGroup | None = None
    shown: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        require_int("rebuild_every", self.rebuild_every, 1)

    def add_arms(self, creative_ids: Sequence[str]) -> None:
        self.counts.add(creative_ids)
        self.group = None

    def probabilities(self) -> pd.Series:
        if self.group is None or self.batches % self.rebuild_every == 0:
            self.group = self.allocator.draws(self.counts.frame(), key=f"batch-{self.batches}")
        elif self.shown:
            index = {cid: i for i, cid in enumerate(self.counts.ids)}
            self.group.update(
                {c: (self.counts.pulls[index[c]], self.counts.clicks[index[c]]) for c in self.shown}
            )
        self.shown = set()
        probs = self.allocator.shares(self.group)[0]
        return pd.Series(probs, index=pd.Index(self.group.ids, dtype=object))

    def choose(self, n: int, rng: np.random.Generator) -> NDArray[np.object_]:
        probs = self.probabilities()
        self.batches += 1
        index = rng.choice(len(probs), size=n, p=probs.to_numpy())
        out: NDArray[np.object_] = probs.index.to_numpy(dtype=object)[index]
        return out

    def update(self, creative_ids: NDArray[np.object_], clicks: NDArray[np.bool_]) -> None:
        self.counts.update(creative_ids, clicks)
        self.shown.update(str(c) for c in creative_ids)


@dataclass
class UCB1Slot:
    alpha: float = 1.0
    name: str = "ucb1"
    ucb: UCB1 = field(init=False)

    def __post_init__(self) -> None:
        self.ucb = UCB1(alpha=self.alpha)

    def add_arms(self, creative_ids: Sequence[str]) -> None:
        self.ucb.add_arms(creative_ids)

    def choose(self, n: int, rng: np.random.Generator) -> NDArray[np.object_]:
        ids, _ = self.ucb.select_batch(n)
        return ids

    def update(self, creative_ids: NDArray[np.object_], clicks: NDArray[np.bool_]) -> None:
        self.ucb.update(list(creative_ids), clicks.astype(np.int64))


@dataclass
class EpsilonGreedySlot:
    epsilon: float = 0.1
    name: str = "epsilon-greedy"
    counts: _Counts = field(default_factory=_Counts)

    def __post_init__(self) -> None:
        require_number("epsilon", self.epsilon, 0.0, 1.0, low_open=False, high_open=False)

    def add_arms(self, creative_ids: Sequence[str]) -> None:
        self.counts.add(creative_ids)

    def choose(self, n: int, rng: np.random.Generator) -> NDArray[np.object_]:
        pulls, clicks = self.counts.arrays()
        means = np.where(pulls > 0, clicks / np.maximum(pulls, 1), np.inf)
        best = int(np.argmax(means))
        explore = rng.random(n) < self.epsilon
        index = np.where(explore, rng.integers(len(pulls), size=n), best)
        out: NDArray[np.object_] = np.asarray(self.counts.ids, dtype=object)[index]
        return out

    def update(self, creative_ids: NDArray[np.object_], clicks: NDArray[np.bool_]) -> None:
        self.counts.update(creative_ids, clicks)


@dataclass
class UniformSlot:
    name: str = "uniform"
    counts: _Counts = field(default_factory=_Counts)

    def add_arms(self, creative_ids: Sequence[str]) -> None:
        self.counts.add(creative_ids)

    def choose(self, n: int, rng: np.random.Generator) -> NDArray[np.object_]:
        out: NDArray[np.object_] = np.asarray(self.counts.ids, dtype=object)[
            rng.integers(len(self.counts.ids), size=n)
        ]
        return out

    def update(self, creative_ids: NDArray[np.object_], clicks: NDArray[np.bool_]) -> None:
        self.counts.update(creative_ids, clicks)


@dataclass
class BetaTSSlot:
    """Plain Thompson sampling with a Beta(1, 1) prior: one posterior draw per impression."""

    name: str = "beta11-thompson"
    counts: _Counts = field(default_factory=_Counts)

    def add_arms(self, creative_ids: Sequence[str]) -> None:
        self.counts.add(creative_ids)

    def choose(self, n: int, rng: np.random.Generator) -> NDArray[np.object_]:
        pulls, clicks = self.counts.arrays()
        draws = rng.beta(1.0 + clicks, 1.0 + pulls - clicks, size=(n, len(pulls)))
        out: NDArray[np.object_] = np.asarray(self.counts.ids, dtype=object)[draws.argmax(axis=1)]
        return out

    def update(self, creative_ids: NDArray[np.object_], clicks: NDArray[np.bool_]) -> None:
        self.counts.update(creative_ids, clicks)
