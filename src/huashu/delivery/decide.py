"""The decide path: a creative for one request, from an in-memory policy snapshot.

It never queries the operational store: allocation probabilities come from the snapshot
(rebuilt from the event store on a cadence) and the stop list (creatives taken down, paused or
not started) is checked on every call, so a creative taken down stops being served at the next
decision. Each decision carries the
exact propensity of the policy that made it (the snapshot's distribution, renormalised over
what is not taken down).
"""

from __future__ import annotations

import bisect
import itertools
import threading
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import NamedTuple

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from huashu.delivery.snapshot import GroupAllocation, PolicySnapshot
from huashu.domain import InputError

Blocked = Callable[[], frozenset[str]]


class Decision(NamedTuple):
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
    id_list: list[str]
    cumulative: list[float]
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
        self._uniforms: list[float] = []
        self._prefix = uuid.uuid4().hex[:12]
        self._counter = itertools.count()
        self._sources: dict[tuple[str, str], tuple[GroupAllocation, _Group]] = {}
        self._install(snapshot)

    def _install(self, snapshot: PolicySnapshot) -> None:
        """Index the snapshot's groups; a group the previous snapshot shares (an incremental
        update leaves unchanged groups as they were) keeps its index."""
        previous = self._sources
        groups: dict[tuple[str, str], _Group] = {}
        sources: dict[tuple[str, str], tuple[GroupAllocation, _Group]] = {}
        for g in snapshot.groups:
            key = (g.segment_key, g.channel)
            kept = previous.get(key)
            if kept is not None and kept[0] is g:
                built = kept[1]
            else:
                probs = np.asarray(g.probs, dtype=np.float64)
                built = _Group(
                    ids=np.asarray(g.creative_ids, dtype=object),
                    id_list=list(g.creative_ids),
                    cumulative=np.cumsum(probs).tolist(),
                    probs=probs,
                    id_set=frozenset(g.creative_ids),
                )
            groups[key] = built
            sources[key] = (g, built)
        self._snapshot = snapshot
        self._groups = groups
        self._sources = sources

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
                "every creative of this group is paused, taken down or not started",
                message_zh="该人群与渠道的所有素材均已暂停或下架，或尚未开始投放",
                code="no_arms",
            )
        probs = np.where(keep, group.probs, 0.0)
        out: NDArray[np.float64] = probs / probs.sum()
        return out

    def _uniform(self) -> float:
        if not self._uniforms:
            self._uniforms = self._rng.random(4096).tolist()
        return self._uniforms.pop()

    def decide(self, user_id: int, segment_key: str, channel: str, slot: str = "") -> Decision:
        with self._lock:
            snapshot = self._snapshot
            group = self._group(segment_key, channel)
            u = self._uniform()
            serial = next(self._counter)
        blocked = self._blocked()
        if blocked and blocked & group.id_set:
            probs = self._effective(group, blocked)
            cumulative = np.cumsum(probs).tolist()
        else:
            probs, cumulative = group.probs, group.cumulative
        index = min(bisect.bisect_right(cumulative, u * cumulative[-1]), len(cumulative) - 1)
        while probs[index] == 0.0:
            index -= 1
        return Decision(
            decision_id=f"{self._prefix}-{serial}",
            user_id=int(user_id),
            segment_key=segment_key,
            channel=channel,
            slot=slot or f"{channel}:1",
            creative_id=group.id_list[index],
            propensity=float(probs[index]),
            snapshot_id=snapshot.snapshot_id,
            policy=snapshot.policy,
            ts=datetime.now(UTC),
        )

    def decide_many(self, requests: Iterable[tuple[int, str, str, str]]) -> list[Decision]:
        return [self.decide(*r) for r in requests]

    def decide_batch(
        self, user_ids: NDArray[np.int64], segment_keys: NDArray[np.object_], channel: str
    ) -> pd.DataFrame:
        """Vectorised decisions for many requests on one channel, as event-store rows.

        The same policy as :meth:`decide` (one categorical draw per request from the group's
        distribution, take-downs applied), grouped by segment so numpy does the drawing.
        """
        with self._lock:
            snapshot = self._snapshot
            rng_state = self._rng.integers(2**63)
            first = next(self._counter)
            self._counter = itertools.count(first + len(user_ids))
        rng = np.random.default_rng(int(rng_state))
        blocked = self._blocked()
        codes, keys = pd.factorize(pd.Series(segment_keys, dtype=object))
        creative = np.empty(len(user_ids), dtype=object)
        propensity = np.empty(len(user_ids), dtype=np.float64)
        order = np.argsort(codes, kind="stable")
        bounds = np.searchsorted(codes[order], np.arange(len(keys) + 1))
        for code, key in enumerate(keys):
            rows = order[bounds[code] : bounds[code + 1]]
            group = self._group(str(key), channel)
            probs = self._effective(group, blocked)
            cumulative = np.cumsum(probs)
            index = np.searchsorted(cumulative, rng.random(rows.size) * cumulative[-1], "right")
            # never past the last arm with a share (a retired arm can have none)
            index = np.minimum(index, int(np.flatnonzero(probs)[-1]))
            creative[rows] = group.ids[index]
            propensity[rows] = probs[index]
        n = len(user_ids)
        serials = np.arange(first, first + n).astype(str)
        return pd.DataFrame(
            {
                "decision_id": np.char.add(f"{self._prefix}-", serials).astype(object),
                "ts": pd.Series([datetime.now(UTC)] * n, dtype="datetime64[us, UTC]"),
                "round": np.zeros(n, dtype="int64"),
                "user_id": np.asarray(user_ids, dtype="int64"),
                "segment_key": np.asarray(segment_keys, dtype=object),
                "channel": channel,
                "slot": f"{channel}:1",
                "creative_id": creative,
                "propensity": propensity,
                "policy": snapshot.policy,
                "snapshot_id": snapshot.snapshot_id,
            }
        )


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
