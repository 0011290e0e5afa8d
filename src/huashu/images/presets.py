"""Banner size presets per channel: pixel size, the byte limit of the exported file, and the
default format. Check a platform's current spec sheet before a large launch; they change."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from huashu.domain import InputError

ImageFormat = Literal["png", "jpeg", "webp"]
FORMATS: tuple[ImageFormat, ...] = ("png", "jpeg", "webp")


@dataclass(frozen=True)
class BannerPreset:
    """One banner slot: ``name`` is ``{channel}-{width}x{height}``. ``display_pt`` is how wide
    the slot shows on a 375 pt phone screen (minimum legible sizes are set in points);
    a ``compact`` slot carries title, callout and disclosure only (the platform shows the
    description and button as text beside it)."""

    channel: str
    width: int
    height: int
    max_bytes: int
    label_zh: str
    format: ImageFormat = "jpeg"
    display_pt: int = 345
    compact: bool = False

    @property
    def px_per_pt(self) -> float:
        """Image pixels per point of the phone screen it is shown on (``display_pt`` wide)."""
        return self.width / self.display_pt

    @property
    def name(self) -> str:
        return f"{self.channel}-{self.width}x{self.height}"

    @property
    def aspect(self) -> float:
        return self.width / self.height

    @property
    def shape(self) -> Literal["wide", "square", "tall"]:
        if self.aspect >= 1.45:
            return "wide"
        return "square" if self.aspect >= 0.8 else "tall"


_KB = 1024
PRESETS: dict[str, tuple[BannerPreset, ...]] = {
    "home_card": (
        BannerPreset("home_card", 750, 300, 150 * _KB, "首页卡片横幅（标准）", "png"),
        BannerPreset("home_card", 1080, 450, 300 * _KB, "首页卡片横幅（高清）", "png"),
        BannerPreset("home_card", 690, 240, 120 * _KB, "首页卡片横幅（窄条）", "png"),
    ),
    "dsp": (
        BannerPreset("dsp", 1280, 720, 500 * _KB, "信息流大图横版16:9（巨量/腾讯/磁力）"),
        BannerPreset("dsp", 720, 1280, 500 * _KB, "信息流竖版9:16（巨量/磁力）", display_pt=375),
        BannerPreset("dsp", 690, 388, 300 * _KB, "信息流小图横版（巨量）"),
        BannerPreset("dsp", 800, 800, 300 * _KB, "信息流方图1:1（腾讯）"),
        BannerPreset("dsp", 960, 334, 300 * _KB, "信息流横幅（腾讯）"),
        BannerPreset("dsp", 1140, 640, 500 * _KB, "信息流大图（百度）"),
        BannerPreset(
            "dsp", 370, 245, 100 * _KB, "信息流三图小图（百度）", display_pt=170, compact=True
        ),
    ),
}


def presets_for(channel: str) -> tuple[BannerPreset, ...]:
    """Every banner preset of ``channel`` (``home_card`` or ``dsp``)."""
    if channel not in PRESETS:
        known = ", ".join(sorted(PRESETS))
        raise InputError(
            f"channel '{channel}' has no banner presets; channels with banners: {known}",
            message_zh=f"渠道“{channel}”没有横幅尺寸，支持横幅的渠道：{'、'.join(sorted(PRESETS))}",
            code="no_banner_presets",
            details={"channel": channel},
        )
    return PRESETS[channel]


def get_preset(channel: str, size: str) -> BannerPreset:
    """The preset of ``channel`` whose size is ``size`` (``WIDTHxHEIGHT``, e.g. ``750x300``)."""
    presets = presets_for(channel)
    for preset in presets:
        if f"{preset.width}x{preset.height}" == size.strip().lower().replace("×", "x"):
            return preset
    sizes = ", ".join(f"{p.width}x{p.height}" for p in presets)
    raise InputError(
        f"no {channel} banner preset of size '{size}'; sizes: {sizes}",
        message_zh=f"渠道“{channel}”没有“{size}”尺寸的横幅，可用尺寸：{sizes}",
        code="unknown_banner_size",
        details={"channel": channel, "size": size},
    )
