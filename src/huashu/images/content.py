"""What a banner may say: text taken only from the creative's checked fields, the pack's facts
(the rate/offer callout and the disclosure small print) and the brand name, each with its source."""

from __future__ import annotations

import re
from dataclasses import dataclass

from huashu.domain import BrandPack, Creative, Fact, InputError

#: Creative field names read as each banner part, first present wins.
FIELD_ROLES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "subtitle": ("subtitle", "description", "body"),
    "cta": ("cta",),
    "disclosure": ("disclosure",),
}
#: Small print appended to a fact, by industry: finance rates, consumer prices.
DISCLOSURE_TEMPLATES: dict[str, tuple[str, str]] = {
    "finance": ("年化", "{fact}，具体以审批结果为准"),
    "cosmetics": ("价", "{fact}，以下单页面实际价格为准"),
}
_NUMBER = re.compile(r"^(?P<prefix>\D*?)(?P<number>\d+(?:\.\d+)?)(?P<suffix>.*)$")
_CALLOUT_ORDER = ("年化", "价", "额度")


@dataclass(frozen=True)
class TextPart:
    """A piece of banner text and where it came from (``field:title``, ``fact:price``...)."""

    text: str
    source: str


@dataclass(frozen=True)
class Callout:
    """The big number: a fact's value that the creative states, split for display."""

    label: str
    prefix: str
    number: str
    suffix: str
    source: str

    @property
    def text(self) -> str:
        return f"{self.label}{self.prefix}{self.number}{self.suffix}"


@dataclass(frozen=True)
class BannerContent:
    brand: TextPart
    title: TextPart
    subtitle: TextPart | None = None
    cta: TextPart | None = None
    callout: Callout | None = None
    disclosure: TextPart | None = None

    def sources(self) -> dict[str, dict[str, str]]:
        """Part -> {text, source}, for the image's metadata."""
        parts: dict[str, TextPart | Callout | None] = {
            "brand": self.brand,
            "title": self.title,
            "subtitle": self.subtitle,
            "cta": self.cta,
            "callout": self.callout,
            "disclosure": self.disclosure,
        }
        return {k: {"text": v.text, "source": v.source} for k, v in parts.items() if v}


def _field(creative: Creative, role: str) -> TextPart | None:
    for name in FIELD_ROLES[role]:
        value = " ".join(creative.fields.get(name, "").split())
        if value:
            return TextPart(value, f"field:{name}")
    return None


def _callout(pack: BrandPack, creative: Creative) -> Callout | None:
    def rank(fact: Fact) -> int:
        hits = [i for i, word in enumerate(_CALLOUT_ORDER) if word in fact.label]
        return hits[0] if hits else len(_CALLOUT_ORDER)

    for fact in sorted(pack.facts, key=rank):
        match = _NUMBER.match(fact.value)
        if match is None:
            continue
        for name, value in creative.fields.items():
            if name != "disclosure" and fact.value in value:
                return Callout(
                    fact.label,
                    match["prefix"],
                    match["number"],
                    match["suffix"],
                    f"fact:{fact.key}@field:{name}",
                )
    return None


def disclosure_for(pack: BrandPack, creative: Creative) -> TextPart | None:
    """The small print: the creative's own ``disclosure`` field when it has one, else the
    industry template over the first matching fact (stated facts first), e.g.
    ``年化利率3.6%起，具体以审批结果为准``; None when the industry needs none."""
    own = _field(creative, "disclosure")
    if own is not None:
        return own
    if pack.brand.industry not in DISCLOSURE_TEMPLATES:
        return None
    word, template = DISCLOSURE_TEMPLATES[pack.brand.industry]
    facts = [f for f in pack.facts if word in f.label]
    if not facts:
        return None
    stated = [f for f in facts if f.value in creative.text]
    fact = (stated or facts)[0]
    return TextPart(
        template.format(fact=fact.text), f"fact:{fact.key}+template:{pack.brand.industry}"
    )


def banner_content(pack: BrandPack, creative: Creative) -> BannerContent:
    """The banner's parts for ``creative``; raises ``banner_missing_title`` without a title."""
    title = _field(creative, "title")
    if title is None:
        names = "/".join(FIELD_ROLES["title"])
        raise InputError(
            f"creative {creative.id} has no {names} field to put on a banner",
            message_zh=f"创意 {creative.id} 缺少标题（{names}），无法生成横幅",
            code="banner_missing_title",
            details={"creative": creative.id, "fields": sorted(creative.fields)},
        )
    return BannerContent(
        brand=TextPart(pack.brand.name, "brand:name"),
        title=title,
        subtitle=_field(creative, "subtitle"),
        cta=_field(creative, "cta"),
        callout=_callout(pack, creative),
        disclosure=disclosure_for(pack, creative),
    )
