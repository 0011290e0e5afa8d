"""What huashu understood of a brief, before anything is filed or drafted: the product, its
offers, the channels and audiences it will draft for, and, named one by one, what the brief
asks for that huashu cannot honour (a platform it does not deliver to, a channel the brand has
not enabled, an audience no segment matches). The chat shows it and asks the operator to
confirm or adjust whenever something was not understood."""

from __future__ import annotations

from typing import Any

from huashu.audience import cross_segments
from huashu.audience.briefs import parse_brief, read_brief
from huashu.domain import BrandPack, InputError
from huashu.generate.plan import content_plan
from huashu.runtime import Runtime
from huashu.store import repos


def understanding(pack: BrandPack, text: str) -> dict[str, Any]:
    """The brief ``text`` as huashu reads it with ``pack``.

    ``channels`` / ``segments``: what drafting would cover (``channels_default`` /
    ``audiences_default``: the brief named none, so all the pack's); ``unknown_channels``,
    ``disabled_channels``, ``unmatched_audiences``: the brief's own words huashu cannot
    honour; ``refusal``: why nothing can be drafted (null when something can);
    ``needs_confirmation``: something was not understood, so the operator confirms or adjusts
    before anything is filed. An empty or over-long brief raises its :class:`InputError`."""
    reading = read_brief(text, pack)
    refusal: dict[str, str] | None = None
    try:
        brief = parse_brief(text, pack)
        channels = tuple(str(c) for c in brief.channels)
        segments = cross_segments(pack, brief.focus)
    except InputError as err:
        refusal = {"code": err.code, "zh": err.localized("zh"), "en": err.localized("en")}
        channels = tuple(c for c in reading.channels if c in pack.channels)
        segments = []
    plan = content_plan(pack, reading.text, segments, channels, reading)
    disabled = [c for c in reading.channels if c not in pack.channels]
    unknown = bool(reading.unknown_channels or disabled or reading.unmatched_audiences)
    return {
        "brand_id": pack.id,
        "brand_name": pack.brand.name,
        "text": reading.text,
        "product": plan.product,
        "product_kind": plan.product_kind,
        "offers": [
            {"name": o.name, "description": o.description, "eligible": list(o.eligible)}
            for o in plan.offers
        ],
        "channels": list(channels),
        "channels_default": refusal is None and not reading.channels,
        "unknown_channels": list(reading.unknown_channels),
        "disabled_channels": disabled,
        "audiences": list(reading.audiences),
        "audiences_default": refusal is None and not reading.audiences,
        "unmatched_audiences": list(reading.unmatched_audiences),
        "segments": [s.name for s in segments],
        "available_channels": list(pack.channels),
        "available_audiences": [v.label for d in pack.dimensions for v in d.values],
        "language": reading.language,
        "refusal": refusal,
        "can_draft": refusal is None,
        "needs_confirmation": refusal is not None or unknown,
    }


def understand_brief(rt: Runtime, brand_id: str, text: str) -> dict[str, Any]:
    """:func:`understanding` of ``text`` with the stored brand pack ``brand_id``."""
    with rt.store.session() as s:
        pack = repos.get_brand_pack(s, brand_id)
    return understanding(pack, text)
