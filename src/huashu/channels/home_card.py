"""App home-page card: title, subtitle carrying the offer, call to action, the banner sizes, and
a rate disclosure for loan brands whose subtitle does not state the annualised rate."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from huashu.channels.base import ChannelSpec, FieldSpec
from huashu.domain import BrandPack, Segment

#: Banner sizes (width x height px) the card's image is rendered in.
BANNER_SIZES: tuple[tuple[int, int], ...] = ((750, 300), (1080, 450), (690, 240))
_RATE_WORDS = ("年化",)


def rate_disclosure(pack: BrandPack) -> str:
    """The pack's annualised-rate fact(s) as one line, '' when the pack states none."""
    rates = [f.text for f in pack.facts if "年化" in f.label]
    return "；".join(rates[:1]) + ("，以审批结果为准" if rates else "")


@dataclass(frozen=True)
class HomeCardSpec(ChannelSpec):
    banner_sizes: tuple[tuple[int, int], ...] = BANNER_SIZES

    def wrap(
        self, fields: dict[str, str], pack: BrandPack, segment: Segment | None = None
    ) -> dict[str, str]:
        out = {k: fields.get(k, "") for k in ("title", "subtitle", "cta")}
        shown = out["subtitle"] + out["title"]
        if pack.brand.industry == "finance" and not any(w in shown for w in _RATE_WORDS):
            disclosure = rate_disclosure(pack)
            if disclosure:
                out["disclosure"] = disclosure
        return out

    def unwrap(self, fields: Mapping[str, str]) -> dict[str, Any]:
        return {k: fields.get(k, "") for k in ("title", "subtitle", "cta")}

    def export(self, fields: Mapping[str, str]) -> dict[str, Any]:
        return {
            "channel": self.name,
            "title": fields.get("title", ""),
            "subtitle": fields.get("subtitle", ""),
            "cta": fields.get("cta", ""),
            "disclosure": fields.get("disclosure", ""),
            "banners": [{"width": w, "height": h} for w, h in self.banner_sizes],
        }


HOME_CARD = HomeCardSpec(
    name="home_card",
    label_zh="首页卡片",
    label_en="Home card",
    fields=(
        FieldSpec("title", "标题", ("hook",), max_chars=16),
        FieldSpec("subtitle", "副标题", ("benefit", "offer"), max_chars=40),
        FieldSpec("cta", "按钮", ("cta",), max_chars=8),
        FieldSpec("disclosure", "利率披露", (), max_chars=40, required=False, llm=False),
    ),
    notes_zh=(
        "标题不超过16字，副标题不超过40字，按钮不超过8字；贷款类须展示年化利率；"
        "横幅尺寸750×300、1080×450、690×240。"
    ),
)
