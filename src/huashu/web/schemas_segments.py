"""Response models of the audience routes (:mod:`huashu.web.api_segments`): segment previews
(sizes, overlaps, profiles), applied and exported segments, user imports and value tiers."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from huashu.web.schemas_common import Ok


class SegmentSize(BaseModel):
    key: str
    name: str
    kind: str
    status: str
    size: int
    share: float
    rule: dict[str, Any] = Field(description="The segment's rule as written in the file.")
    labels: dict[str, str]
    merged_from: list[str]
    description: str
    profile: list[dict[str, Any]] = Field(
        description="What sets the segment apart: ``category`` shares or ``mean`` shifts."
    )


class Overlap(BaseModel):
    keys: list[str]
    matrix: list[list[int]] = Field(description="Users in both segments, in ``keys`` order.")


class PreviewOut(Ok):
    name: str
    population: int
    min_size: int
    small: str
    segments: list[SegmentSize]
    overlap: Overlap
    seconds: dict[str, float]


class AppliedOut(PreviewOut):
    tables: list[str] = Field(description="The members table and its catalog.")


class ExportedFile(BaseModel):
    key: str
    name: str
    path: str
    rows: int


class ExportedOut(Ok):
    directory: str
    files: list[ExportedFile]


class Column(BaseModel):
    name: str
    type: str


class ImportedUsersOut(Ok):
    table: str
    source: str
    rows: int
    columns: list[Column]
    seconds: float


class TiersOut(Ok):
    table: str
    tiers: dict[str, int] = Field(description="Users per value tier.")


class TableOut(Ok):
    table: str
    rows: int
    columns: list[Column]
