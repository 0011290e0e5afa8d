"""Brand colours for banners: hex parsing, the palette derived from a brand pack, relative
luminance and WCAG contrast ratios used to pick legible text colours."""

from __future__ import annotations

import re
from dataclasses import dataclass

from huashu.domain import BrandPack, InputError

RGB = tuple[int, int, int]
WHITE: RGB = (255, 255, 255)
INK: RGB = (28, 28, 30)
DEFAULT_PRIMARY = "#1F4E9C"
DEFAULT_ACCENT = "#F5A623"
_HEX = re.compile(r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def parse_hex(value: str, *, name: str = "color") -> RGB:
    match = _HEX.match(value.strip())
    if match is None:
        raise InputError(
            f"{name} '{value}' is not a hex colour like #1B7F3B",
            message_zh=f"颜色 {name}“{value}”格式不对，应为 #1B7F3B 这样的十六进制色值",
            code="invalid_color",
            details={"name": name, "value": value},
        )
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))


def to_hex(rgb: RGB) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgb)


def mix(a: RGB, b: RGB, t: float) -> RGB:
    """``a`` moved a share ``t`` of the way to ``b``."""
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def luminance(rgb: RGB | tuple[float, float, float]) -> float:
    """WCAG relative luminance of an sRGB colour."""

    def channel(c: float) -> float:
        c = c / 255.0
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGB | tuple[float, float, float], b: RGB | tuple[float, float, float]) -> float:
    """WCAG contrast ratio, 1 (none) to 21 (black on white)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_on(background: RGB | tuple[float, float, float]) -> RGB:
    """White or ink, whichever contrasts more with ``background``."""
    return WHITE if contrast(WHITE, background) >= contrast(INK, background) else INK


@dataclass(frozen=True)
class Palette:
    """The brand colours a banner uses; ``dark`` and ``light`` are derived from ``primary``."""

    primary: RGB
    accent: RGB

    @property
    def dark(self) -> RGB:
        return mix(self.primary, (0, 0, 0), 0.45)

    @property
    def light(self) -> RGB:
        return mix(self.primary, WHITE, 0.88)

    def as_hex(self) -> dict[str, str]:
        return {"primary": to_hex(self.primary), "accent": to_hex(self.accent)}

    @classmethod
    def of(cls, pack: BrandPack) -> Palette:
        colors = pack.brand.colors
        return cls(
            parse_hex(colors.get("primary", DEFAULT_PRIMARY), name="primary"),
            parse_hex(colors.get("accent", DEFAULT_ACCENT), name="accent"),
        )
