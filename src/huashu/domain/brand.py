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
Industry = Literal["finance", "insurance", "cosmetics", "health_food", "general"]
#: The industries with rule packs of their own (``general`` copy gets only the common rules).
INDUSTRIES: tuple[str, ...] = ("finance", "insurance", "cosmetics", "health_food")
#: Every industry a check can run, ``general`` (the common rules only) included.
ALL_INDUSTRIES: tuple[str, ...] = (*INDUSTRIES, "general")
Tone = Literal["neutral", "friendly", "formal"]
Scalar = str | int | float | bool
#: A condition on segment attributes: ``{field: value}`` or ``{field: [value, ...]}``, all
#: of which must hold (the simulator's ``when:`` rules read the same way).
When = dict[str, Scalar | tuple[Scalar, ...]]
#: Placeholders every phrase may use besides the pack's fact keys.
BUILTIN_PLACEHOLDERS = ("product", "product_kind", "brand")

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


def holds(when: When, attributes: dict[str, Scalar]) -> bool:
    """Whether every condition of ``when`` holds for ``attributes`` (a segment's rule). A
    condition on an attribute the segment does not fix does not hold: copy for 养殖户 is not
    sent to a segment that mixes occupations."""
    for name, wanted in when.items():
        if name not in attributes:
            return False
        options = wanted if isinstance(wanted, tuple) else (wanted,)
        if not any(_same(attributes[name], o) for o in options):
            return False
    return True


def _same(a: Scalar, b: Scalar) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return str(a).lower() == str(b).lower()
    return a == b or str(a) == str(b)


class Product(_Frozen):
    """What the campaign sells: ``name`` (春耕贷), ``kind`` (贷款, 精华), what it is."""

    name: str = Field(min_length=1)
    kind: str = Field(min_length=1)
    description: str = ""


class Offer(_Frozen):
    """A promotion and who qualifies (``when``, on segment attributes; empty: everyone).

    ``facts`` are fact keys only a qualifying segment may be told (e.g. the discounted rate);
    ``words`` are wordings that state the offer (e.g. 利率优惠), kept from everyone else.
    """

    key: str = Field(pattern=_ID)
    name: str = Field(min_length=1)
    description: str = ""
    when: When = Field(default_factory=dict)
    facts: tuple[str, ...] = ()
    words: tuple[str, ...] = ()

    def eligible(self, attributes: dict[str, Scalar]) -> bool:
        return holds(self.when, attributes)

    def mentions(self) -> tuple[str, ...]:
        """Words that state the offer: its name and its ``words``."""
        return (self.name, *self.words)


class DimensionValue(_Frozen):
    """One value of an audience dimension: the operator-facing label and the stored value.

    ``aliases``: how operators name this audience in a brief (养猪的, livestock farmers);
    ``words``: the identity words copy for this audience uses and copy for anyone else must
    not (养殖户, 补栏, 饲料); ``scene``: where the audience is, for video shots (猪圈里).
    """

    label: str = Field(min_length=1)
    value: str | int | float | bool
    aliases: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    scene: str = ""


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
    """A phrase-bank entry. ``{fact_key}`` placeholders are filled from the pack's facts,
    ``{product}``, ``{product_kind}`` and ``{brand}`` from the pack.

    ``when``: the segment attributes it is written for (empty: any segment); ``offers``: the
    offer keys it states (only segments that qualify get it); ``channels``: the channels it
    is written for (empty: any); ``angles``: the selling angles it carries (额度 -> amount);
    ``tone``: friendly, formal or neutral.
    """

    id: str = Field(pattern=_ID)
    text: str = Field(min_length=1)
    when: When = Field(default_factory=dict)
    offers: tuple[str, ...] = ()
    channels: tuple[ChannelName, ...] = ()
    angles: tuple[str, ...] = ()
    tone: Tone = "neutral"

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


class Objection(_Frozen):
    """A smart-call objection turn: what the customer says and the agent's answer, for the
    segments of ``when`` (empty: any)."""

    question: str = Field(min_length=1, max_length=30)
    answer: str = Field(min_length=1, max_length=60)
    when: When = Field(default_factory=dict)


class Campaign(_Frozen):
    """The pack's example campaign: a brief the demo types into the chat box."""

    name: str = Field(min_length=1)
    brief: str = Field(min_length=1)


class BrandPack(_Frozen):
    """Everything huashu knows about one brand, loaded from one YAML file."""

    brand: Brand
    product: Product | None = None
    facts: tuple[Fact, ...] = ()
    offers: tuple[Offer, ...] = ()
    channels: tuple[ChannelName, ...] = Field(min_length=1)
    dimensions: tuple[Dimension, ...] = Field(min_length=1)
    phrases: dict[str, tuple[Phrase, ...]]
    objections: tuple[Objection, ...] = ()
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
        fields = {d.field for d in self.dimensions}
        offer_keys = {o.key for o in self.offers}
        for offer in self.offers:
            _known(f"offer '{offer.key}'", "facts", offer.facts, fact_keys)
            _known(f"offer '{offer.key}'", "when", offer.when, fields)
        for objection in self.objections:
            _known(f"objection '{objection.question}'", "when", objection.when, fields)
        seen: set[str] = set()
        for slot, bank in self.phrases.items():
            for phrase in bank:
                if phrase.id in seen:
                    raise ValueError(f"phrase id '{phrase.id}' is used twice")
                seen.add(phrase.id)
                _known(f"phrase '{phrase.id}'", "when", phrase.when, fields)
                _known(f"phrase '{phrase.id}'", "offers", phrase.offers, offer_keys)
                missing = [
                    p
                    for p in phrase.placeholders()
                    if p not in fact_keys and p not in BUILTIN_PLACEHOLDERS
                ]
                if any(p in ("product", "product_kind") for p in phrase.placeholders()) and (
                    self.product is None
                ):
                    raise ValueError(
                        f"phrase '{phrase.id}' uses {{product}} but the pack has no product"
                    )
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
        """The phrase with its placeholders filled in."""
        return self.fill(phrase.text)

    def fill(self, text: str) -> str:
        """``text`` with ``{fact_key}``, ``{product}``, ``{product_kind}``, ``{brand}`` filled."""
        values = self.fact_values()
        values["brand"] = self.brand.name
        if self.product is not None:
            values["product"] = self.product.name
            values["product_kind"] = self.product.kind
        return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)

    def offer(self, key: str) -> Offer:
        for o in self.offers:
            if o.key == key:
                return o
        raise KeyError(key)

    def fits(self, phrase: Phrase, attributes: dict[str, Scalar], channel: str) -> bool:
        """Whether ``phrase`` may be used for a segment with ``attributes`` on ``channel``:
        its conditions hold, the segment qualifies for every offer it states, and it is
        written for the channel."""
        if phrase.channels and channel not in phrase.channels:
            return False
        if not holds(phrase.when, attributes):
            return False
        return all(self.offer(k).eligible(attributes) for k in phrase.offers)

    def identity_words(self) -> dict[tuple[str, str], tuple[str, ...]]:
        """(dimension name, value label) -> the identity words of that audience."""
        return {(d.name, v.label): v.words for d in self.dimensions for v in d.values if v.words}


def _known(owner: str, what: str, keys: object, allowed: set[str]) -> None:
    unknown = sorted(str(k) for k in keys if k not in allowed)  # type: ignore[attr-defined]
    if unknown:
        raise ValueError(
            f"{owner} {what} names unknown key(s) {', '.join(unknown)}; "
            f"known: {', '.join(sorted(allowed)) or 'none'}"
        )
