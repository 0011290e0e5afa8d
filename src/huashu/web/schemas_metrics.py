"""Response models of the analytics routes (:mod:`huashu.web.api_metrics`). A metric's rows
carry one column per dimension asked for (``by``) beside the measures, so a row is an open
mapping of column name to a JSON scalar (NaN as null, dates as ISO text)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from huashu.web.schemas_common import Ok

#: one cell of a metrics table.
Cell = str | int | float | bool | None
Row = dict[str, Cell]


class RowsOut(Ok):
    rows: list[Row]


class AttributionOut(Ok):
    """Conversions and value credited per channel (one column per model), removal effects."""

    conversions: list[Row]
    value: list[Row]
    removal_effects: list[Row]
    conversion_probability: dict[str, float] = Field(description="Markov order -> probability.")
    total_conversions: float
    total_value: float
    paths: int
    unique_paths: int
    unattributed_conversions: int


class ImportedOut(Ok):
    table: str
    inserted: int
    duplicates: int
    rejected: list[dict[str, Any]] = Field(description="Rows not imported, each with a reason.")
