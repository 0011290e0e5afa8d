"""Response models of the knowledge-base routes (:mod:`huashu.web.api_kb`): saved snapshots,
one snapshot's entries per segment, the diff of two snapshots, a distillation's versions."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from huashu.web.schemas_common import Ok, Timestamp


class SnapshotInfo(BaseModel):
    snapshot_id: str
    created_at: Timestamp
    segments: int
    entries: int
    brand_id: str = Field(description='"" for a snapshot saved without a brand.')
    trained_on: dict[str, int] = Field(description="creatives, impressions, clicks.")


class SnapshotsOut(Ok):
    snapshots: list[SnapshotInfo]


class VersionOut(BaseModel):
    brand_id: str
    snapshot_id: str
    new: bool = Field(description="False when nothing changed since the latest version.")
    segments: int
    entries: int
    creatives: int
    impressions: int
    clicks: int


class VersionsOut(Ok):
    versions: list[VersionOut]


class Example(BaseModel):
    creative_id: str
    text: str


class EntryOut(BaseModel):
    """The effect of ``feature`` on click odds in the segment (``lift`` 0.18 = +18%)."""

    feature: str
    lift: float
    low: float
    high: float
    support: int
    clicks: int
    ctr: float
    low_support: bool
    group: str
    examples: list[Example]


class SegmentEntries(BaseModel):
    segment_key: str
    segment_name: str
    base_ctr: float
    entries: list[EntryOut]


class SnapshotOut(Ok):
    snapshot_id: str
    created_at: Timestamp
    level: float
    min_support: int
    segments: list[SegmentEntries]


class KBEntryOut(BaseModel):
    """A stored entry as a diff shows it (``examples``: [creative id, text] pairs)."""

    segment_key: str
    feature: str
    lift: float
    low: float
    high: float
    support: int
    clicks: int
    ctr: float
    base_ctr: float
    low_support: bool
    coef: float
    sd: float
    group: str
    examples: list[list[str]]


class ChangeOut(BaseModel):
    segment_key: str
    segment_name: str
    feature: str
    kind: Literal["added", "changed", "removed"]
    delta: float | None = Field(
        description="Lift after minus lift before; null when added or removed."
    )
    before: KBEntryOut | None
    after: KBEntryOut | None
    line: str = Field(description="The change as one Markdown line.")


class DiffOut(Ok):
    a: str
    b: str
    changes: list[ChangeOut]
    markdown: str
