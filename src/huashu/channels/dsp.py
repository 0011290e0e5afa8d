"""DSP (programmatic feed ad) creative: headline, description and button, with length limits and
image sizes per platform preset (``dsp_spec('oceanengine')``); ``dsp`` fits every preset."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from huashu.channels.base import ChannelSpec, FieldSpec
from huashu.domain import InputError


@dataclass(frozen=True)
class DspPreset:
    """One platform's text limits and image sizes (width x height px); check them against the
    platform's current spec sheet before a large launch, they change."""

    name: str
    label_zh: str
    headline_max: int
    description_max: int
    cta_max: int
    image_sizes: tuple[tuple[int, int], ...]


DSP_PRESETS: dict[str, DspPreset] = {
    p.name: p
    for p in (
        DspPreset("oceanengine", "巨量引擎", 30, 60, 6, ((1280, 720), (720, 1280), (690, 388))),
        DspPreset("tencent", "腾讯广告", 20, 40, 6, ((1280, 720), (800, 800), (960, 334))),
        DspPreset("baidu", "百度信息流", 24, 40, 6, ((1140, 640), (370, 245))),
        DspPreset("kuaishou", "磁力引擎", 20, 50, 6, ((1280, 720), (720, 1280))),
    )
}


def _strictest() -> DspPreset:
    ps = list(DSP_PRESETS.values())
    sizes = tuple(dict.fromkeys(s for p in ps for s in p.image_sizes))
    return DspPreset(
        "generic",
        "通用（适配全部预设）",
        min(p.headline_max for p in ps),
        min(p.description_max for p in ps),
        min(p.cta_max for p in ps),
        sizes,
    )


@dataclass(frozen=True)
class DspSpec(ChannelSpec):
    preset: DspPreset = DSP_PRESETS["tencent"]

    def export(self, fields: Mapping[str, str]) -> dict[str, Any]:
        return {
            "channel": self.name,
            "preset": self.preset.name,
            "headline": fields.get("headline", ""),
            "description": fields.get("description", ""),
            "cta": fields.get("cta", ""),
            "images": [{"width": w, "height": h} for w, h in self.preset.image_sizes],
        }


def dsp_spec(preset: str = "generic") -> DspSpec:
    """The DSP channel with one platform's limits (``generic`` = fits every preset)."""
    if preset == "generic":
        chosen = _strictest()
    elif preset in DSP_PRESETS:
        chosen = DSP_PRESETS[preset]
    else:
        known = ", ".join(["generic", *sorted(DSP_PRESETS)])
        raise InputError(
            f"unknown DSP preset '{preset}'; known: {known}",
            message_zh=f"未知的DSP预设“{preset}”，可用：{known}",
            code="unknown_dsp_preset",
            details={"preset": preset},
        )
    sizes = "、".join(f"{w}×{h}" for w, h in chosen.image_sizes)
    return DspSpec(
        name="dsp",
        label_zh=f"信息流广告（{chosen.label_zh}）",
        label_en="Feed ad",
        fields=(
            FieldSpec("headline", "标题", ("hook",), max_chars=chosen.headline_max),
            FieldSpec(
                "description", "描述", ("benefit", "offer"), max_chars=chosen.description_max
            ),
            FieldSpec("cta", "按钮", ("cta",), max_chars=chosen.cta_max),
        ),
        notes_zh=(
            f"标题不超过{chosen.headline_max}字，描述不超过{chosen.description_max}字，"
            f"按钮不超过{chosen.cta_max}字；图片尺寸{sizes}。"
        ),
        preset=chosen,
    )


DSP = dsp_spec()
