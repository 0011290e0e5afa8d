"""The parsed parts of a world file: population attributes, the click model and conversions.

Plain frozen values; ``huashu.sim.parse`` builds them from YAML and checks them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

#: A value a discrete attribute can take: a category name or a bool.
AttributeValue = str | bool


@dataclass(frozen=True)
class DiscreteAttribute:
    """A categorical or bool attribute.

    ``table`` holds one row of shares over ``values`` per value of ``given`` (in the parent's
    value order), or a single row when ``given`` is None. A bool attribute has
    ``values == (False, True)``.
    """

    name: str
    kind: Literal["categorical", "bool"]
    values: tuple[AttributeValue, ...]
    table: tuple[tuple[float, ...], ...]
    given: str | None = None


@dataclass(frozen=True)
class IntegerAttribute:
    """A whole number drawn uniformly from an inclusive range, one range per parent value."""

    name: str
    ranges: tuple[tuple[int, int], ...]
    given: str | None = None


Attribute = DiscreteAttribute | IntegerAttribute


@dataclass(frozen=True)
class KeywordEffect:
    """Users matching every ``when`` pair add ``effect`` to their click logit for any text
    containing ``keyword`` as a substring. An empty ``when`` matches everyone."""

    when: tuple[tuple[str, AttributeValue], ...]
    keyword: str
    effect: float

    def matches(self, profile: Mapping[str, object]) -> bool:
        return all(name in profile and profile[name] == value for name, value in self.when)


@dataclass(frozen=True)
class ResponseModel:
    """Click logit = base[attribute value] + channel + position + sum of keyword effects."""

    base_attribute: str
    base_logits: tuple[float, ...]
    channels: tuple[tuple[str, float], ...]
    positions: tuple[tuple[int, float], ...]
    keywords: tuple[KeywordEffect, ...]


@dataclass(frozen=True)
class ConversionModel:
    """P(convert | click) per value of ``attribute``; delay ~ Exponential(mean_delay_days)."""

    attribute: str
    rates: tuple[float, ...]
    mean_delay_days: float
