"""Versioned knowledge-base snapshots as JSON files in one directory (``<data_dir>/kb/``), and
the per segment x feature diff between two snapshots."""

from __future__ import annotations

import builtins
import json
import os
import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from huashu.config import Settings
from huashu.domain import InputError, NotFound
from huashu.learn.kb import KBEntry, KnowledgeBase

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
_FORMAT = 1

ChangeKind = Literal["added", "removed", "changed"]


def _not_found(ref: str, message: str = "", message_zh: str = "") -> InputError:
    return NotFound(
        message or f"unknown knowledge-base snapshot '{ref}'",
        message_zh=message_zh or f"找不到知识库快照 '{ref}'",
        code="not_found",
        details={"snapshot": ref},
    )


@dataclass(frozen=True)
class KBSnapshotInfo:
    """One saved snapshot as listed: id, creation time, segment and entry counts."""

    snapshot_id: str
    created_at: datetime
    segments: int
    entries: int
    #: the brand whose outcomes it was distilled from ("" for a snapshot saved without one)
    brand_id: str = ""
    #: a fingerprint of the outcomes and features it was distilled from ("" when not given)
    source: str = ""
    #: what it was distilled from, as counts (``creatives``, ``impressions``, ``clicks``)
    trained_on: Mapping[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "snapshot_id": self.snapshot_id,
            "created_at": self.created_at.isoformat(),
            "segments": self.segments,
            "entries": self.entries,
            "brand_id": self.brand_id,
            "trained_on": dict(self.trained_on),
        }


@dataclass(frozen=True)
class _Saved:
    kb: KnowledgeBase
    saved_at: int
    brand_id: str
    source: str
    trained_on: dict[str, int]


class KBRegistry:
    """Knowledge-base snapshots saved as ``<snapshot_id>.json`` under ``directory``.

    Saving is atomic and idempotent (ids are content hashes); snapshots are ordered by
    creation time, then by the time they were first saved. Each file also keeps the segment
    display names (key -> name) the snapshot was saved with, the brand it belongs to and a
    fingerprint of what it was distilled from. Listing, ``latest`` and ``previous`` take an
    optional brand: each brand's versions are a sequence of their own.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    @classmethod
    def for_settings(cls, settings: Settings) -> KBRegistry:
        return cls(settings.data_dir / "kb")

    def _path(self, snapshot_id: str) -> Path:
        if not _ID.match(snapshot_id):
            raise _not_found(snapshot_id)
        return self.directory / f"{snapshot_id}.json"

    def save(
        self,
        kb: KnowledgeBase,
        names: Mapping[str, str] | None = None,
        *,
        brand_id: str = "",
        source: str = "",
        trained_on: Mapping[str, int] | None = None,
    ) -> Path:
        """Write ``kb`` (and the display names of its segments, its brand and the fingerprint
        of its inputs); a second save of the same id keeps the first file's save time and
        brand and merges the names."""
        path = self._path(kb.snapshot_id)
        self.directory.mkdir(parents=True, exist_ok=True)
        saved_at = time.time_ns()
        merged: dict[str, str] = {}
        if path.exists():
            old = self._read(kb.snapshot_id)
            saved_at = int(old["saved_at"])
            merged.update(old["segment_names"])
            brand_id = str(old.get("brand_id", "")) or brand_id
            source = str(old.get("source", "")) or source
            trained_on = old.get("trained_on") or trained_on
        merged.update({str(k): str(v) for k, v in (names or {}).items()})
        document = {
            "format": _FORMAT,
            "saved_at": saved_at,
            "brand_id": brand_id,
            "source": source,
            "trained_on": {str(k): int(v) for k, v in (trained_on or {}).items()},
            "segment_names": dict(sorted(merged.items())),
            "knowledge_base": json.loads(kb.to_json()),
        }
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(document, ensure_ascii=False, sort_keys=True), "utf-8")
        os.replace(tmp, path)
        return path

    def _read(self, snapshot_id: str) -> dict[str, Any]:
        path = self._path(snapshot_id)
        try:
            document = json.loads(path.read_text("utf-8"))
        except FileNotFoundError as err:
            raise _not_found(snapshot_id) from err
        except (OSError, ValueError) as err:
            raise InputError(
                f"cannot read knowledge-base snapshot '{snapshot_id}': {err}",
                message_zh=f"无法读取知识库快照 '{snapshot_id}'：{err}",
                code="bad_knowledge_base",
                details={"snapshot": snapshot_id},
            ) from err
        if not isinstance(document, dict) or document.get("format") != _FORMAT:
            raise InputError(
                f"'{path.name}' is not a knowledge-base snapshot file",
                message_zh=f"'{path.name}' 不是知识库快照文件",
                code="bad_knowledge_base",
                details={"snapshot": snapshot_id},
            )
        return document

    def load(self, snapshot_id: str, brand_id: str | None = None) -> KnowledgeBase:
        """The snapshot ``snapshot_id``; ``latest`` and ``previous`` name the last two saved
        (of ``brand_id`` when given)."""
        resolved = self.resolve(snapshot_id, brand_id)
        document = self._read(resolved)
        return KnowledgeBase.from_json(json.dumps(document["knowledge_base"]))

    def names(self, snapshot_id: str, brand_id: str | None = None) -> dict[str, str]:
        """Segment key -> display name saved with the snapshot (may be empty)."""
        document = self._read(self.resolve(snapshot_id, brand_id))
        return {str(k): str(v) for k, v in document.get("segment_names", {}).items()}

    def _ordered(self, brand_id: str | None = None) -> builtins.list[_Saved]:
        if not self.directory.is_dir():
            return []
        rows = []
        for path in self.directory.glob("*.json"):
            document = self._read(path.stem)
            brand = str(document.get("brand_id", ""))
            if brand_id is not None and brand != brand_id:
                continue
            kb = KnowledgeBase.from_json(json.dumps(document["knowledge_base"]))
            rows.append(
                _Saved(
                    kb,
                    int(document["saved_at"]),
                    brand,
                    str(document.get("source", "")),
                    {str(k): int(v) for k, v in document.get("trained_on", {}).items()},
                )
            )
        return sorted(rows, key=lambda r: (r.kb.created_at, r.saved_at, r.kb.snapshot_id))

    def list(self, brand_id: str | None = None) -> builtins.list[KBSnapshotInfo]:
        """Every saved snapshot (of ``brand_id`` when given), oldest first."""
        return [
            KBSnapshotInfo(
                r.kb.snapshot_id,
                r.kb.created_at,
                len(r.kb.segments()),
                len(r.kb.entries),
                r.brand_id,
                r.source,
                r.trained_on,
            )
            for r in self._ordered(brand_id)
        ]

    def brands(self) -> builtins.list[str]:
        """The brands with a saved snapshot ("" for snapshots saved without a brand)."""
        return sorted({r.brand_id for r in self._ordered()})

    def latest(self, brand_id: str | None = None) -> KnowledgeBase | None:
        rows = self._ordered(brand_id)
        return rows[-1].kb if rows else None

    def latest_info(self, brand_id: str | None = None) -> KBSnapshotInfo | None:
        rows = self.list(brand_id)
        return rows[-1] if rows else None

    def prune(self, brand_id: str, keep: int) -> int:
        """Delete all but the newest ``keep`` snapshots of ``brand_id``; returns how many."""
        if keep < 1:
            raise InputError(
                f"keep must be >= 1, got {keep}",
                message_zh=f"保留的快照数必须不小于 1，收到 {keep}",
                code="bad_parameter",
            )
        old = self._ordered(brand_id)[:-keep]
        for r in old:
            self._path(r.kb.snapshot_id).unlink(missing_ok=True)
        return len(old)

    def resolve(self, ref: str, brand_id: str | None = None) -> str:
        """A snapshot id for ``ref``: an id, ``latest`` (newest) or ``previous`` (the one
        before it), of ``brand_id`` when given."""
        if ref not in ("latest", "previous"):
            if not self._path(ref).exists():
                raise _not_found(ref)
            return ref
        ids = [r.kb.snapshot_id for r in self._ordered(brand_id)]
        need = 1 if ref == "latest" else 2
        if len(ids) < need:
            raise _not_found(
                ref,
                f"no '{ref}' snapshot: {len(ids)} saved in {self.directory}",
                f"没有 '{ref}' 快照：{self.directory} 中只保存了 {len(ids)} 个",
            )
        return ids[-need]


def select_segments(keys: Iterable[str], names: Mapping[str, str], term: str) -> list[str]:
    """Segment keys for ``term``: the key itself, the segment with that display name, or
    every segment whose name has it as a ``·``-separated label (``养殖户`` matches
    ``养殖户·有优惠`` and ``养殖户·无优惠``)."""
    keys = sorted(keys)
    for rule in (
        lambda k: k == term,
        lambda k: names.get(k) == term,
        lambda k: term in names.get(k, "").split("·"),
    ):
        found = [k for k in keys if rule(k)]
        if found:
            return found
    shown = "、".join(f"{k} ({names[k]})" if k in names else k for k in keys) or "-"
    raise InputError(
        f"no segment '{term}' in this snapshot; segments: {shown}",
        message_zh=f"快照中没有人群 '{term}'；可选人群：{shown}",
        code="unknown_segment",
        details={"segment": term, "segments": keys},
    )


def snapshot_document(
    kb: KnowledgeBase, names: Mapping[str, str], keys: Iterable[str]
) -> dict[str, Any]:
    """One snapshot as plain JSON values: its entries for the segments ``keys``."""
    return {
        "snapshot_id": kb.snapshot_id,
        "created_at": kb.created_at.isoformat(),
        "level": kb.level,
        "min_support": kb.min_support,
        "segments": [
            {
                "segment_key": key,
                "segment_name": names.get(key, key),
                "base_ctr": kb.base_ctr(key),
                "entries": [
                    {
                        "feature": e.feature,
                        "lift": e.lift,
                        "low": e.low,
                        "high": e.high,
                        "support": e.support,
                        "clicks": e.clicks,
                        "ctr": e.ctr,
                        "low_support": e.low_support,
                        "group": e.group,
                        "examples": [
                            {"creative_id": cid, "text": text} for cid, text in e.examples
                        ],
                    }
                    for e in kb.for_segment(key)
                ],
            }
            for key in keys
        ],
    }


def _effect(e: KBEntry) -> str:
    return e.effect()


@dataclass(frozen=True)
class KBChange:
    """How one segment x feature entry differs between snapshot ``a`` and snapshot ``b``."""

    segment_key: str
    segment_name: str
    feature: str
    kind: ChangeKind
    before: KBEntry | None
    after: KBEntry | None

    @property
    def delta(self) -> float | None:
        """Lift after minus lift before (None for added or removed entries)."""
        if self.before is None or self.after is None:
            return None
        return self.after.lift - self.before.lift

    def to_markdown(self) -> str:
        """One line, e.g. ``养殖户: 补贴 +18% [+9%, +27%] (was +5% [-3%, +14%])``."""
        head = f"{self.segment_name}: {_shown(self.feature)}"
        if self.kind == "added":
            assert self.after is not None
            return f"{head} {_effect(self.after)} (new 新增)"
        if self.kind == "removed":
            assert self.before is not None
            return f"{head} removed 移除 (was {_effect(self.before)})"
        assert self.before is not None and self.after is not None
        return f"{head} {_effect(self.after)} (was {_effect(self.before)})"

    def to_dict(self) -> dict[str, Any]:
        return {
            "segment_key": self.segment_key,
            "segment_name": self.segment_name,
            "feature": self.feature,
            "kind": self.kind,
            "delta": self.delta,
            "before": asdict(self.before) if self.before else None,
            "after": asdict(self.after) if self.after else None,
            "line": self.to_markdown(),
        }


def _shown(feature: str) -> str:
    """A feature as a diff line names it: words bare (``补贴``), others with their kind."""
    return feature.removeprefix("word:")


_ORDER: dict[str, int] = {"added": 0, "changed": 1, "removed": 2}


def diff(
    a: KnowledgeBase,
    b: KnowledgeBase,
    *,
    names: Mapping[str, str] | None = None,
    min_delta: float = 0.0,
) -> list[KBChange]:
    """Entries of ``b`` not in ``a`` (added), of ``a`` not in ``b`` (removed), and in both
    whose lift moved by more than ``min_delta`` or whose support flag flipped (changed).

    Ordered by segment, then added / changed / removed, then largest move first.
    ``names`` maps segment keys to display names (default: the key).
    """
    if min_delta < 0:
        raise InputError(
            "min_delta must be >= 0", message_zh="min_delta 不能为负数", code="invalid_option"
        )
    old = {(e.segment_key, e.feature): e for e in a.entries}
    new = {(e.segment_key, e.feature): e for e in b.entries}
    label = dict(names or {})
    changes: list[KBChange] = []
    for key in sorted(old.keys() | new.keys()):
        before, after = old.get(key), new.get(key)
        if before is None:
            kind: ChangeKind = "added"
        elif after is None:
            kind = "removed"
        elif abs(after.lift - before.lift) > min_delta or after.low_support != before.low_support:
            kind = "changed"
        else:
            continue
        segment, feature = key
        changes.append(KBChange(segment, label.get(segment, segment), feature, kind, before, after))

    def rank(c: KBChange) -> tuple[str, int, float, str]:
        moved = c.delta if c.delta is not None else 0.0
        return (c.segment_key, _ORDER[c.kind], -abs(moved), c.feature)

    return sorted(changes, key=rank)


def diff_markdown(a: KnowledgeBase, b: KnowledgeBase, changes: list[KBChange]) -> str:
    """The changes from ``a`` to ``b`` as a Markdown document, one bullet per change."""
    counts = {k: sum(c.kind == k for c in changes) for k in ("added", "changed", "removed")}
    lines = [
        f"# Knowledge-base diff 知识库变化 `{a.snapshot_id}` -> `{b.snapshot_id}`",
        "",
        f"{counts['added']} added 新增, {counts['changed']} changed 变化, "
        f"{counts['removed']} removed 移除; lift with {round(b.level * 100)}% interval.",
    ]
    if changes:
        lines.append("")
        lines += [f"- {c.to_markdown()}" for c in changes]
    return "\n".join(lines) + "\n"
