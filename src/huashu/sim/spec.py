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


def effect_at(effect: float, drift: float, fatigue: float, round_: int) -> float:
    """A rule's effect in round ``round_`` (1 = the first): ``effect * (1 - fatigue) **
    (round_ - 1) + drift * (round_ - 1)``; exactly ``effect`` for a static rule."""
    if drift == 0.0 and fatigue == 0.0:
        return effect
    k = round_ - 1
    return effect * (1.0 - fatigue) ** k + drift * k


@dataclass(frozen=True)
class KeywordEffect:
    """Users matching every ``when`` pair add ``effect`` to their click logit for any text
    containing ``keyword`` as a substring. An empty ``when`` matches everyone.

    ``drift`` (logit per round) and ``fatigue`` (share of the effect lost per round) move the
    effect over a campaign's rounds (:func:`effect_at`); both 0 by default: a static rule."""

    when: tuple[tuple[str, AttributeValue], ...]
    keyword: str
    effect: float
    drift: float = 0.0
    fatigue: float = 0.0

    def matches(self, profile: Mapping[str, object]) -> bool:
        return all(name in profile and profile[name] == value for name, value in self.when)

    def at(self, round_: int) -> float:
        return effect_at(self.effect, self.drift, self.fatigue, round_)


@dataclass(frozen=True)
class InteractionEffect:
    """Users matching ``when`` add ``effect`` to their click logit for any text containing
    every one of ``keywords`` (two or more): on top of the keywords' own effects."""

    when: tuple[tuple[str, AttributeValue], ...]
    keywords: tuple[str, ...]
    effect: float
    drift: float = 0.0
    fatigue: float = 0.0

    def matches(self, profile: Mapping[str, object]) -> bool:
        return all(name in profile and profile[name] == value for name, value in self.when)

    def at(self, round_: int) -> float:
        return effect_at(self.effect, self.drift, self.fatigue, round_)


@dataclass(frozen=True)
class ConversionKeyword:
    """Users matching ``when`` who click a text containing ``keyword`` convert with their
    rate times ``factor`` (0: never, e.g. an ineligible user clicking a discount)."""

    when: tuple[tuple[str, AttributeValue], ...]
    keyword: str
    factor: float


@dataclass(frozen=True)
class ResponseModel:
    """Click logit = base[attribute value] + channel + position + sum of keyword effects
    + sum of interaction effects."""

    base_attribute: str
    base_logits: tuple[float, ...]
    channels: tuple[tuple[str, float], ...]
    positions: tuple[tuple[int, float], ...]
    keywords: tuple[KeywordEffect, ...]
    interactions: tuple[InteractionEffect, ...] = ()

    @property
    def dynamic(self) -> bool:
        """Whether any effect moves between rounds (drift or fatigue)."""
        rules: tuple[KeywordEffect | InteractionEffect, ...] = self.keywords + self.interactions
        return any(r.drift != 0.0 or r.fatigue != 0.0 for r in rules)


@dataclass(frozen=True)
class ConversionModel:
    """P(convert | click) per value of ``attribute``, times the ``factor`` of every
    :class:`ConversionKeyword` that applies to the user and the clicked text (capped at 1);
    delay ~ Exponential(mean_delay_days)."""

    attribute: str
    rates: tuple[float, ...]
    mean_delay_days: float
    keywords: tuple[ConversionKeyword, ...] = ()
