"""Segments (a named slice of users) and briefs (what the operator asked for)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from huashu.domain.brand import ChannelName


class Segment(BaseModel):
    """A segment: the conjunction ``field == value`` over ``rule`` items.

    ``key`` is stable and ASCII (``livestock.yes``); ``name`` is the operator-facing label
    (``养殖户·有优惠``); ``labels`` maps dimension name -> value label.
    """

    model_config = ConfigDict(frozen=True)

    key: str = Field(min_length=1)
    name: str = Field(min_length=1)
    rule: dict[str, str | int | float | bool]
    labels: dict[str, str] = Field(default_factory=dict)
    size: int | None = None
    description: str = ""


class Brief(BaseModel):
    """A parsed operator brief: free text plus what huashu understood from it."""

    model_config = ConfigDict(frozen=True)

    text: str = Field(min_length=1)
    brand_id: str
    channels: tuple[ChannelName, ...]
    #: dimension value labels the brief restricts to (e.g. ``("养殖户",)``); empty = all.
    focus: tuple[str, ...] = ()
