"""Delivery actions shared by the API and the CLI: rebuild the policy snapshot from the event
store, keep the take-down list in memory, decide, and ingest outcome events; what the delivery
page reads of the store (:func:`delivery_board`)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import select

from huashu.delivery import (
    DecideService,
    PolicySnapshot,
    SnapshotRegistry,
    ThompsonAllocator,
    build_snapshot,
)
from huashu.domain import InputError
from huashu.events.journal import DecisionJournal
from huashu.runtime import Runtime
from huashu.services.brands import segment_names_in
from huashu.services.cadence import LeaderCadence
from huashu.services.knowledge import snapshot_priors
from huashu.store import Store, repos
from huashu.store.models import CreativeRow
from huashu.workflow.lifecycle import missing_targets, never_started

log = logging.getLogger("huashu.delivery")
BATCH_THRESHOLD = 64
EVENT_KINDS = ("impression", "click", "conversion")


def registry_for(rt: Runtime) -> SnapshotRegistry:
    return SnapshotRegistry(rt.settings.data_dir / "snapshots")


def taken_down(rt: Runtime) -> frozenset[str]:
    """Creatives the decide path must not serve: paused, taken down, archived or not started
    yet, themselves or through their campaign (:func:`repos.blocked_creative_ids`)."""
    with rt.store.session() as s:
        return frozenset(repos.blocked_creative_ids(s))


def rebuild_snapshot(
    rt: Runtime, policy: ThompsonAllocator | None = None, seed: int | None = None
) -> PolicySnapshot:
    """Counts per segment x channel x creative from the event store (discounted by the
    ``snapshot_half_life_days`` setting) over the live creatives of live campaigns (an
    approved or scheduled campaign serves nothing before 开始投放), each creative with the
    prior its brand's newest knowledge base predicts for its features
    (:func:`huashu.services.knowledge.snapshot_priors`); saved as the registry's latest
    version."""
    with rt.store.session() as s:
        live = repos.on_air_creatives(s)
    if not live:
        raise InputError(
            "no live creatives to deliver: start (开始投放) an approved campaign first",
            message_zh="没有投放中的素材：请先对已审批通过的活动点击“开始投放”",
            code="no_arms",
        )
    arms: dict[tuple[str, str], list[str]] = {}
    for c in live:
        arms.setdefault((c.segment_key, str(c.channel)), []).append(c.id)
    half_life = rt.settings.snapshot_half_life_days
    stats = rt.events.arm_stats(
        half_life=timedelta(days=half_life) if half_life else None,
        now=datetime.now(UTC) if half_life else None,
    )
    priors = snapshot_priors(rt, live, stats)
    snapshot = build_snapshot(
        stats,
        arms,
        policy or ThompsonAllocator(burn_in="compete"),
        snapshot_seed=seed if seed is not None else int(time.time()),
        blocked=taken_down(rt),
        prior_means=priors.means or None,
        prior_strengths=priors.strengths or None,
        prior_loadings=priors.loadings or None,
    )
    registry_for(rt).save(snapshot)
    return snapshot


@dataclass
class TakedownCache:
    """The take-down list held in memory, re-read from the store at most every ``ttl`` seconds:
    the decide path checks it on every decision without a store query per request."""

    load: Callable[[], frozenset[str]]
    ttl: float = 0.5
    _value: frozenset[str] = frozenset()
    _at: float = field(default=-1e18)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self) -> frozenset[str]:
        now = time.monotonic()
        if now - self._at > self.ttl:
            with self._lock:
                if now - self._at > self.ttl:
                    self._value = self.load()
                    self._at = now
        return self._value


class DecidePath:
    """A DecideService over the registry's latest snapshot, re-checked every ``refresh``
    seconds (reading one small file), plus decision logging."""

    def __init__(self, rt: Runtime, refresh: float = 2.0) -> None:
        self.rt = rt
        self.refresh = refresh
        self.registry = registry_for(rt)
        self.journal = DecisionJournal(rt.settings.data_dir / "journal", rt.events)
        self.takedowns = TakedownCache(lambda: taken_down(rt))
        self._service: DecideService | None = None
        self._checked = -1e18
        self._lock = threading.Lock()

    def service(self) -> DecideService:
        now = time.monotonic()
        if self._service is None or now - self._checked > self.refresh:
            with self._lock:
                latest = self.registry.latest_id()
                if latest is None:
                    raise InputError(
                        "no policy snapshot yet: rebuild one first",
                        message_zh="还没有投放策略快照，请先生成快照",
                        code="no_snapshot",
                    )
                if self._service is None:
                    self._service = DecideService(self.registry.load(latest), self.takedowns)
                elif self._service.snapshot.snapshot_id != latest:
                    self._service.swap(self.registry.load(latest))
                self._checked = now
        return self._service

    def decide(self, requests: list[tuple[int, str, str, str]]) -> list[dict[str, Any]]:
        """Decision records for a batch of (user_id, segment_key, channel, slot), in request
        order; written to the decision journal before returning, and from there to the event
        store within about half a second. Small batches take the per-request path (no pandas),
        large ones the vectorised one."""
        service = self.service()
        if len(requests) < BATCH_THRESHOLD:
            records = [service.decide(*r)._asdict() for r in requests]
            for record in records:
                record["ts"] = record["ts"].isoformat()
                record["round"] = 0
            self.journal.append_records(records)
            return records
        frame = pd.DataFrame(requests, columns=["user_id", "segment_key", "channel", "slot"])
        parts = []
        for channel, rows in frame.groupby("channel", sort=False):
            part = service.decide_batch(
                rows["user_id"].to_numpy(dtype=np.int64),
                rows["segment_key"].to_numpy(dtype=object),
                str(channel),
            )
            slots = rows["slot"].where(rows["slot"] != "", f"{channel}:1")
            part["slot"] = slots.to_numpy(dtype=object)
            part.index = rows.index
            parts.append(part)
        decisions = pd.concat(parts).sort_index()
        self.journal.append(decisions)
        decisions["ts"] = decisions["ts"].map(lambda t: t.isoformat())
        out: list[dict[str, Any]] = decisions.to_dict(orient="records")
        return out

    def close(self) -> None:
        self.journal.close()


class SnapshotCadence(LeaderCadence):
    """Rebuilds the snapshot every ``seconds`` on a background thread (new approvals join the
    allocation, outcomes update it, the knowledge base's latest version gives new creatives
    their priors); a failed rebuild is logged and retried next time.

    With several workers on one data directory only one rebuilds: the one holding an exclusive
    ``flock`` on ``<data_dir>/snapshot-cadence.lock`` (:class:`LeaderCadence`)."""

    def __init__(self, rt: Runtime, seconds: float) -> None:
        super().__init__(rt, seconds, "snapshot-cadence", lambda r: rebuild_snapshot(r))


@dataclass(frozen=True)
class Ingested:
    inserted: int
    duplicates: int
    rejected: list[dict[str, str]]


def ingest_events(
    rt: Runtime, rows: list[dict[str, object]], window: timedelta = timedelta(days=7)
) -> Ingested:
    """Outcome events linked to their decisions; a conversion later than ``window`` after its
    decision, an unknown decision or an unknown kind is rejected with a reason."""
    rejected: list[dict[str, str]] = []
    ids = sorted({str(r.get("decision_id", "")) for r in rows})
    found = rt.events.decisions_by_id(ids)
    decisions: dict[str, dict[str, Any]] = {
        str(d["decision_id"]): d for d in found.to_dict(orient="records")
    }
    accepted = []
    for row in rows:
        event_id, decision_id = str(row.get("event_id", "")), str(row.get("decision_id", ""))
        kind = str(row.get("kind", ""))
        reason = ""
        if not event_id:
            reason = "missing event_id"
        elif kind not in EVENT_KINDS:
            reason = f"unknown kind '{kind}'"
        elif decision_id not in decisions:
            reason = f"unknown decision '{decision_id}'"
        if reason:
            rejected.append({"event_id": event_id, "reason": reason})
            continue
        decision = decisions[decision_id]
        ts = pd.Timestamp(row.get("ts") or datetime.now(UTC))
        ts = ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")
        decided = pd.Timestamp(decision["ts"])
        decided = decided.tz_localize("UTC") if decided.tzinfo is None else decided
        if kind == "conversion" and ts - decided > window:
            rejected.append(
                {"event_id": event_id, "reason": f"conversion outside the {window.days}-day window"}
            )
            continue
        accepted.append(
            {
                "event_id": event_id,
                "decision_id": decision_id,
                "ts": ts,
                "kind": kind,
                "user_id": int(decision["user_id"]),
                "creative_id": str(decision["creative_id"]),
                "segment_key": str(decision["segment_key"]),
                "channel": str(decision["channel"]),
                "value": float(row.get("value") or 0.0),  # type: ignore[arg-type]
            }
        )
    inserted = 0
    if accepted:
        frame = pd.DataFrame(accepted)
        frame["ts"] = frame["ts"].astype("datetime64[us, UTC]")
        inserted = rt.events.log_events(frame)
    return Ingested(inserted, len(accepted) - inserted, rejected)


def _siblings(journal: DecisionJournal) -> bool:
    """Whether other workers' journals share this one's root (several ``serve`` workers)."""
    return any(p.is_dir() and p != journal.directory for p in journal.root.iterdir())


def ingest_settled(
    rt: Runtime, rows: list[dict[str, object]], journal: DecisionJournal, poll: float = 0.1
) -> Ingested:
    """:func:`ingest_events` for the API. With several workers a decision answered by another
    worker reaches the event store from that worker's journal within its flush interval, so
    events rejected only as ``unknown decision`` are retried for up to four flush intervals
    before the rejection stands (with one worker the journal was flushed just before)."""
    journal.flush()
    result = ingest_events(rt, rows)
    if not _siblings(journal):
        return result
    deadline = time.monotonic() + 4 * journal.flush_seconds
    while True:
        pending = {
            r["event_id"] for r in result.rejected if r["reason"].startswith("unknown decision")
        }
        if not pending or time.monotonic() >= deadline:
            return result
        time.sleep(poll)
        again = ingest_events(rt, [r for r in rows if str(r.get("event_id", "")) in pending])
        still = {r["event_id"] for r in again.rejected}
        result = Ingested(
            result.inserted + again.inserted,
            result.duplicates + again.duplicates,
            [r for r in result.rejected if r["event_id"] not in pending or r["event_id"] in still],
        )


@dataclass(frozen=True)
class CreativeLine:
    """A creative as the delivery page lists it: its copy (non-empty fields, one a line) and
    its status."""

    text: str
    status: str


@dataclass(frozen=True)
class DeliveryBoard:
    """What the delivery page reads of the store, in one read: every campaign, the channels
    of each that no delivery target takes (campaign id -> channels; covered campaigns left
    out), the paused campaigns never started, the asked-for creatives that exist by id, and
    every brand's segment names by key (:func:`huashu.services.brands.segment_names`)."""

    campaigns: list[dict[str, Any]]
    missing_targets: dict[str, list[str]]
    never_started: set[str]
    creatives: dict[str, CreativeLine]
    segment_names: dict[str, str]


def delivery_board(store: Store, creative_ids: Sequence[str]) -> DeliveryBoard:
    with store.session() as s:
        campaigns = repos.list_campaigns(s)
        ids = [c["id"] for c in campaigns]
        missing = missing_targets(s, ids)
        fresh = never_started(s, ids)
        creatives = {
            row.id: CreativeLine("\n".join(v for v in row.fields.values() if v), row.status)
            for row in s.scalars(select(CreativeRow).where(CreativeRow.id.in_(creative_ids)))
        }
        names = segment_names_in(s)
    return DeliveryBoard(campaigns, missing, fresh, creatives, names)
