"""Brand packs: the brand, its facts and offers, audience dimensions and composer phrase banks.

The YAML file format is documented in docs/brand-pack.md; ``huashu.brand.load_brand_pack``
parses a file into a :class:`BrandPack` with file/line/field errors.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ChannelName = Literal[
    "sms", "home_card", "smart_call", "dsp", "xiaohongshu", "video_script", "live_script"
]
Industry = Literal["finance", "cosmetics", "general"]

#: Composer slots, in reading order. A phrase bank may leave any slot empty except ``hook``.
SLOTS: tuple[str, ...] = ("hook", "pain", "benefit", "offer", "proof", "cta")

_ID = r"^[a-z0-9][a-z0-9_\-]*$"
_PLACEHOLDER = re.compile(r"\{([a-z0-9_]+)\}")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Fact(_Frozen):
    """A checked statement the copy may use verbatim, e.g. 年化利率 = 3.6%起."""

    key: str = Field(pattern=_ID)
    label: str = Field(min_length=1)
    value: str = Field(min_length=1)

    @property
    def text(self) -> str:
        return f"{self.label}{self.value}"


class Offer(_Frozen):
    key: str = Field(pattern=_ID)
    name: str = Field(min_length=1)
    description: str = ""


class DimensionValue(_Frozen):
    """One value of an audience dimension: the operator-facing label and the stored value."""

    label: str = Field(min_length=1)
    value: str | int | float | bool


class Dimension(_Frozen):
    """An audience dimension: a user attribute ``field`` split into labelled values."""

    name: str = Field(pattern=_ID)
    field: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    values: tuple[DimensionValue, ...] = Field(min_length=1)

    @field_validator("values")
    @classmethod
    def _unique_labels(cls, values: tuple[DimensionValue, ...]) -> tuple[DimensionValue, ...]:
        labels = [v.label for v in values]
        dupes = sorted({lab for lab in labels if labels.count(lab) > 1})
        if dupes:
            raise ValueError(f"duplicate value labels: {', '.join(dupes)}")
        return values


class Phrase(_Frozen):
    """A phrase-bank entry. ``{fact_key}`` placeholders are filled from the pack's facts."""

    id: str = Field(pattern=_ID)
    text: str = Field(min_length=1)

    def placeholders(self) -> list[str]:
        return _PLACEHOLDER.findall(self.text)


class Brand(_Frozen):
    id: str = Field(pattern=_ID)
    name: str = Field(min_length=1)
    industry: Industry = "general"
    sms_signature: str = Field(min_length=1, max_length=12)
    voice: tuple[str, ...] = ()
    required_terms: tuple[str, ...] = ()
    forbidden_terms: tuple[str, ...] = ()
    colors: dict[str, str] = Field(default_factory=dict)


class Campaign(_Frozen):
    """The pack's example campaign: a brief the demo types into the chat box."""

    name: str = Field(min_length=1)
    brief: str = Field(min_length=1)


class BrandPack(_Frozen):
    """Everything huashu knows about one brand, loaded from one YAML file."""

    brand: Brand
    facts: tuple[Fact, ...] = ()
    offers: tuple[Offer, ...] = ()
    channels: tuple[ChannelName, ...] = Field(min_length=1)
    dimensions: tuple[Dimension, ...] = Field(min_length=1)
    phrases: dict[str, tuple[Phrase, ...]]
    campaign: Campaign | None = None

    @field_validator("phrases")
    @classmethod
    def _known_slots(cls, phrases: dict[str, tuple[Phrase, ...]]) -> dict[str, tuple[Phrase, ...]]:
        unknown = sorted(set(phrases) - set(SLOTS))
        if unknown:
            raise ValueError(
                f"unknown phrase slot(s) {', '.join(unknown)}; allowed: {', '.join(SLOTS)}"
            )
        if not phrases.get("hook"):
            raise ValueError("slot 'hook' needs at least one phrase")
        return phrases

    @model_validator(mode="after")
    def _cross_references(self) -> BrandPack:
        fact_keys = {f.key for f in self.facts}
        if len(fact_keys) != len(self.facts):
            raise ValueError("fact keys must be unique")
        seen: set[str] = set()
        for slot, bank in self.phrases.items():
            for phrase in bank:
                if phrase.id in seen:
                    raise ValueError(f"phrase id '{phrase.id}' is used twice")
                seen.add(phrase.id)
                missing = [p for p in phrase.placeholders() if p not in fact_keys]
                if missing:
                    raise ValueError(
                        f"phrase '{phrase.id}' in slot '{slot}' refers to unknown fact(s): "
                        + ", ".join(missing)
                    )
        names = [d.name for d in self.dimensions]
        if len(set(names)) != len(names):
            raise ValueError("dimension names must be unique")
        return self

    @property
    def id(self) -> str:
        return self.brand.id

    def fact(self, key: str) -> Fact:
        for f in self.facts:
            if f.key == key:
                return f
        raise KeyError(key)

    def fact_values(self) -> dict[str, str]:
        return {f.key: f.value for f in self.facts}

    def phrase(self, phrase_id: str) -> Phrase:
        for bank in self.phrases.values():
            for p in bank:
                if p.id == phrase_id:
                    return p
        raise KeyError(phrase_id)

    def render(self, phrase: Phrase) -> str:
        """The phrase with its fact placeholders filled in."""
        values = self.fact_values()
        return _PLACEHOLDER.sub(lambda m: values[m.group(1)], phrase.text)
