"""The decide path: a creative for one request, from an in-memory policy snapshot.

It never queries the operational store: allocation probabilities come from the snapshot
(rebuilt from the event store on a cadence) and the take-down list is checked on every call,
so a creative taken down stops being served at the next decision. Each decision carries the
exact propensity of the policy that made it (the snapshot's distribution, renormalised over
what is not taken down).
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from huashu.delivery.snapshot import PolicySnapshot
from huashu.domain import InputError

Blocked = Callable[[], frozenset[str]]


@dataclass(frozen=True)
class Decision:
    decision_id: str
    user_id: int
    segment_key: str
    channel: str
    slot: str
    creative_id: str
    propensity: float
    snapshot_id: str
    policy: str
    ts: datetime


@dataclass(frozen=True)
class _Group:
    ids: NDArray[np.object_]
    cumulative: NDArray[np.float64]
    probs: NDArray[np.float64]
    id_set: frozenset[str]


def _no_takedowns() -> frozenset[str]:
    return frozenset()


class DecideService:
    """Thread-safe decisions from the current snapshot; :meth:`swap` installs a new one."""

    def __init__(
        self,
        snapshot: PolicySnapshot,
        blocked: Blocked = _no_takedowns,
        random_state: int | None = None,
    ) -> None:
        self._blocked = blocked
        self._rng = np.random.default_rng(random_state)
        self._lock = threading.Lock()
        self._install(snapshot)

    def _install(self, snapshot: PolicySnapshot) -> None:
        groups = {}
        for g in snapshot.groups:
            probs = np.asarray(g.probs, dtype=np.float64)
            groups[(g.segment_key, g.channel)] = _Group(
                ids=np.asarray(g.creative_ids, dtype=object),
                cumulative=np.cumsum(probs),
                probs=probs,
                id_set=frozenset(g.creative_ids),
            )
        self._snapshot = snapshot
        self._groups = groups

    @property
    def snapshot(self) -> PolicySnapshot:
        return self._snapshot

    def swap(self, snapshot: PolicySnapshot) -> None:
        with self._lock:
            self._install(snapshot)

    def _group(self, segment_key: str, channel: str) -> _Group:
        try:
            return self._groups[(segment_key, channel)]
        except KeyError:
            raise InputError(
                f"no live creatives for segment '{segment_key}' on channel '{channel}'",
                message_zh=f"人群“{segment_key}”在渠道“{channel}”上没有可投放的素材",
                code="no_arms",
                details={"segment_key": segment_key, "channel": channel},
            ) from None

    def probabilities(self, segment_key: str, channel: str) -> pd.Series:
        """The distribution a decision for this group is drawn from right now."""
        group = self._group(segment_key, channel)
        probs = self._effective(group, self._blocked())
        return pd.Series(probs, index=pd.Index(group.ids, name="creative_id"))

    def _effective(self, group: _Group, blocked: frozenset[str]) -> NDArray[np.float64]:
        if not blocked or not (blocked & group.id_set):
            return group.probs
        keep = np.array([c not in blocked for c in group.ids])
        if not keep.any():
            raise InputError(
                "every creative of this group is taken down",
                message_zh="该人群与渠道的所有素材均已下架",
                code="no_arms",
            )
        probs = np.where(keep, group.probs, 0.0)
        out: NDArray[np.float64] = probs / probs.sum()
        return out

    def decide(self, user_id: int, segment_key: str, channel: str, slot: str = "") -> Decision:
        with self._lock:
            snapshot = self._snapshot
            group = self._group(segment_key, channel)
            blocked = self._blocked()
            u = float(self._rng.random())
        if blocked and blocked & group.id_set:
            probs = self._effective(group, blocked)
            index = int(np.searchsorted(np.cumsum(probs), u * probs.sum(), side="right"))
        else:
            probs = group.probs
            index = int(np.searchsorted(group.cumulative, u * group.cumulative[-1], side="right"))
        index = min(index, len(probs) - 1)
        while probs[index] == 0.0:
            index -= 1
        return Decision(
            decision_id=uuid.uuid4().hex,
            user_id=int(user_id),
            segment_key=segment_key,
            channel=channel,
            slot=slot or f"{channel}:1",
            creative_id=str(group.ids[index]),
            propensity=float(probs[index]),
            snapshot_id=snapshot.snapshot_id,
            policy=snapshot.policy,
            ts=datetime.now(UTC),
        )

    def decide_many(self, requests: Iterable[tuple[int, str, str, str]]) -> list[Decision]:
        return [self.decide(*r) for r in requests]


def decisions_frame(decisions: list[Decision], round_: int = 0) -> pd.DataFrame:
    """Decisions as rows for :meth:`huashu.events.EventStore.log_decisions`."""
    return pd.DataFrame(
        {
            "decision_id": [d.decision_id for d in decisions],
            "ts": pd.Series([d.ts for d in decisions], dtype="datetime64[us, UTC]"),
            "round": np.full(len(decisions), round_, dtype="int64"),
            "user_id": np.array([d.user_id for d in decisions], dtype="int64"),
            "segment_key": [d.segment_key for d in decisions],
            "channel": [d.channel for d in decisions],
            "slot": [d.slot for d in decisions],
            "creative_id": [d.creative_id for d in decisions],
            "propensity": np.array([d.propensity for d in decisions], dtype="float64"),
            "policy": [d.policy for d in decisions],
            "snapshot_id": [d.snapshot_id for d in decisions],
        }
    )
