"""Drawing a laid-out banner: background, legibility scrim, brand mark, text, callout card,
CTA button and disclosure band; the result carries the metadata of what went into it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageDraw

from huashu.domain import BrandPack, Creative, InputError
from huashu.images.backgrounds import (
    BackgroundRequest,
    GradientBackground,
    ImageBackend,
    open_logo,
)
from huashu.images.colors import RGB, WHITE, Palette, contrast, mix, text_on
from huashu.images.content import BannerContent, banner_content
from huashu.images.fonts import CjkFonts
from huashu.images.layout import FADE, BannerLayout, Box, TextBlock, layout_banner
from huashu.images.presets import BannerPreset, presets_for

MIN_CONTRAST = 4.5
_OVERFLOW_MARK = (230, 20, 20)
_DISCLOSURE_INK = (240, 240, 240)


@dataclass(frozen=True)
class RenderedBanner:
    """A drawn banner. ``overflows`` non-empty means a part did not fit: the image is a proof
    (overflowing parts outlined in red), and export refuses it."""

    image: Image.Image
    layout: BannerLayout
    content: BannerContent
    metadata: dict[str, Any]

    @property
    def fits(self) -> bool:
        return self.layout.fits


def _sample(image: Image.Image, box: Box) -> np.ndarray:
    """The background under ``box`` as a 24 x 12 grid of RGB floats."""
    x, y, w, h = box
    crop = image.crop((x, y, x + max(1, w), y + max(1, h))).resize((24, 12), Image.Resampling.BOX)
    return np.asarray(crop, dtype=np.float64).reshape(-1, 3)


def _white_contrast(pixels: np.ndarray) -> np.ndarray:
    """WCAG contrast of white text against each pixel."""
    c = pixels / 255.0
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    lum = linear @ np.array([0.2126, 0.7152, 0.0722])
    return np.asarray(1.05 / (lum + 0.05))


def _low_contrast(pixels: np.ndarray) -> float:
    """The 10th-percentile contrast of white text over ``pixels``."""
    values = np.sort(_white_contrast(pixels))
    return float(values[len(values) // 10])


def _scrim_alpha(pixels: np.ndarray, shade: RGB) -> float:
    target = np.array(shade, dtype=np.float64)
    for step in range(0, 19):
        alpha = step / 20 + (0.04 if step else 0.0)
        if _low_contrast(pixels * (1 - alpha) + target * alpha) >= MIN_CONTRAST:
            return alpha
    return 0.9


def _scrim(image: Image.Image, layout: BannerLayout, shade: RGB) -> float:
    """Darken the text area just enough for white text to reach :data:`MIN_CONTRAST` on 90%
    of it; returns the alpha used."""
    x, y, w, h = layout.text_area
    boxes = [layout.texts[r].box for r in ("brand", "title", "subtitle") if r in layout.texts]
    alpha = max(_scrim_alpha(_sample(image, box), shade) for box in boxes or [layout.text_area])
    if alpha <= 0:
        return 0.0
    across = layout.shape == "wide" and not layout.preset.compact
    length = w if across else h
    solid = length - round((layout.preset.width if across else layout.preset.height) * FADE)
    fade = np.clip(1.0 - (np.arange(length) - solid) / max(1, length - solid), 0.0, 1.0)
    ramp = np.round(255 * alpha * fade).astype(np.uint8)
    strip = Image.fromarray(ramp[None, :] if across else ramp[:, None], "L")
    mask = strip.resize((w, h), Image.Resampling.NEAREST)
    image.paste(shade, (x, y, x + w, y + h), mask)
    return alpha


def _lines(draw: ImageDraw.ImageDraw, fonts: CjkFonts, block: TextBlock, ink: RGB) -> None:
    font = fonts.font(block.size, bold=block.bold)
    x, y, _, _ = block.box
    for i, line in enumerate(block.lines):
        cy = y + i * block.line_height + block.line_height / 2
        draw.text((x, cy), line, font=font, fill=ink, anchor="lm")


def _brand(
    image: Image.Image,
    draw: ImageDraw.ImageDraw,
    fonts: CjkFonts,
    block: TextBlock,
    palette: Palette,
    logo: Image.Image | None,
) -> None:
    x, y, _, h = block.box
    mark = round(block.size * 1.6)
    if logo is not None:
        scaled = logo.copy()
        scaled.thumbnail((mark * 3, mark))
        image.paste(scaled, (x, y + (h - scaled.height) // 2), scaled)
        right = x + scaled.width
    else:
        draw.rounded_rectangle(
            (x, y, x + mark, y + mark), radius=round(mark * 0.24), fill=palette.accent
        )
        draw.text(
            (x + mark / 2, y + mark / 2),
            block.lines[0][:1],
            font=fonts.font(round(block.size * 1.05), bold=True),
            fill=text_on(palette.accent),
            anchor="mm",
        )
        right = x + mark
    draw.text(
        (right + round(block.size * 0.5), y + mark / 2),
        block.lines[0],
        font=fonts.font(block.size, bold=True),
        fill=WHITE,
        anchor="lm",
    )


def _callout(
    draw: ImageDraw.ImageDraw, fonts: CjkFonts, layout: BannerLayout, palette: Palette
) -> None:
    block = layout.callout
    if block is None:
        return
    x, y, w, h = block.box
    pad = round(block.number_size * 0.28)
    radius = round(min(h, w) * 0.12)
    header = pad + round(block.label_size * 1.3)
    draw.rounded_rectangle((x + 3, y + 5, x + w + 3, y + h + 5), radius=radius, fill=(0, 0, 0, 46))
    draw.rounded_rectangle((x, y, x + w, y + h), radius=radius, fill=palette.accent)
    draw.rounded_rectangle(
        (x, y + header, x + w, y + h), radius=radius, fill=WHITE, corners=(False, False, True, True)
    )
    ink = palette.primary if contrast(palette.primary, WHITE) >= 3.0 else palette.dark
    c = block.callout
    draw.text(
        (x + w / 2, y + header / 2 + pad * 0.15),
        c.label,
        font=fonts.font(block.label_size, bold=True),
        fill=text_on(palette.accent),
        anchor="mm",
    )
    big = fonts.font(block.number_size, bold=True)
    small = fonts.font(block.suffix_size, bold=True)
    widths = (small.getlength(c.prefix), big.getlength(c.number), small.getlength(c.suffix))
    left = x + (w - sum(widths)) / 2
    baseline = y + header + (h - header) / 2 + block.number_size * 0.36
    for text, font, width in zip(
        (c.prefix, c.number, c.suffix), (small, big, small), widths, strict=True
    ):
        if text:
            draw.text((left, baseline), text, font=font, fill=ink, anchor="ls")
        left += width


def _button(
    draw: ImageDraw.ImageDraw, fonts: CjkFonts, layout: BannerLayout, palette: Palette
) -> None:
    block = layout.button
    if block is None:
        return
    x, y, w, h = block.box
    draw.rounded_rectangle((x, y + 3, x + w, y + h + 3), radius=h // 2, fill=(0, 0, 0, 40))
    draw.rounded_rectangle((x, y, x + w, y + h), radius=h // 2, fill=palette.accent)
    draw.text(
        (x + w / 2, y + h / 2),
        block.text,
        font=fonts.font(block.size, bold=True),
        fill=text_on(palette.accent),
        anchor="mm",
    )


def _overflow_marks(draw: ImageDraw.ImageDraw, layout: BannerLayout) -> None:
    roles = {o.role for o in layout.overflows}
    boxes: list[Box] = [b.box for r, b in layout.texts.items() if r in roles]
    if "callout" in roles and layout.callout is not None:
        boxes.append(layout.callout.box)
    if "cta" in roles and layout.button is not None:
        boxes.append(layout.button.box)
    if "column" in roles:
        boxes.append(layout.safe)
    for x, y, w, h in boxes:
        draw.rectangle((x - 2, y - 2, x + w + 2, y + h + 2), outline=_OVERFLOW_MARK, width=3)


@dataclass
class BannerRenderer:
    """Renders creatives into banners with one font set and one background backend."""

    fonts: CjkFonts
    backend: ImageBackend = field(default_factory=GradientBackground)
    logo: Path | None = None
    _logo: Image.Image | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.logo is not None:
            path = Path(self.logo)
            if not path.is_file():
                raise InputError(
                    f"logo file {path} does not exist",
                    message_zh=f"logo 文件 {path} 不存在",
                    code="logo_not_found",
                    details={"file": str(path)},
                )
            self._logo = open_logo(path)

    def render_all(
        self, pack: BrandPack, creative: Creative, *, seed: int = 0
    ) -> list[RenderedBanner]:
        """``creative`` on every banner preset of its channel."""
        return [self.render(pack, creative, p, seed=seed) for p in presets_for(creative.channel)]

    def layout(self, pack: BrandPack, creative: Creative, preset: BannerPreset) -> BannerLayout:
        return layout_banner(self.fonts, preset, banner_content(pack, creative))

    def render(
        self, pack: BrandPack, creative: Creative, preset: BannerPreset, *, seed: int = 0
    ) -> RenderedBanner:
        content = banner_content(pack, creative)
        layout = layout_banner(self.fonts, preset, content)
        palette = Palette.of(pack)
        subject = f"{pack.brand.name}，{pack.campaign.name if pack.campaign else ''}"
        request = BackgroundRequest(preset.width, preset.height, palette, seed, subject)
        background = self.backend.background(request)
        image = background.image.convert("RGB")
        shade = mix(palette.primary, (0, 0, 0), 0.62)
        alpha = _scrim(image, layout, shade)
        text_contrast = _text_contrast(image, layout)
        draw = ImageDraw.Draw(image, "RGBA")
        if layout.disclosure_band is not None:
            bx, by, bw, bh = layout.disclosure_band
            draw.rectangle((bx, by, bx + bw, by + bh), fill=(*shade, 150))
        texts = layout.texts
        if "brand" in texts:
            _brand(image, draw, self.fonts, texts["brand"], palette, self._logo)
        for role in ("title", "subtitle"):
            if role in texts:
                _lines(draw, self.fonts, texts[role], WHITE)
        if "disclosure" in texts:
            _lines(draw, self.fonts, texts["disclosure"], _DISCLOSURE_INK)
        _callout(draw, self.fonts, layout, palette)
        _button(draw, self.fonts, layout, palette)
        if layout.overflows:
            _overflow_marks(draw, layout)
        metadata = _metadata(pack, creative, layout, content, background.source, self.fonts)
        metadata["scrim_alpha"] = round(alpha, 2)
        metadata["min_contrast"] = round(text_contrast, 2)
        return RenderedBanner(image, layout, content, metadata)


def _text_contrast(image: Image.Image, layout: BannerLayout) -> float:
    """The lowest contrast of white against the background of title and subtitle (the
    10th percentile of sampled pixels, so glyph edges do not count)."""
    worst = 21.0
    for role in ("title", "subtitle"):
        block = layout.texts.get(role)
        if block is None:
            continue
        worst = min(worst, _low_contrast(_sample(image, block.box)))
    return worst


def _metadata(
    pack: BrandPack,
    creative: Creative,
    layout: BannerLayout,
    content: BannerContent,
    background: dict[str, str],
    fonts: CjkFonts,
) -> dict[str, Any]:
    preset = layout.preset
    boxes: dict[str, list[int]] = {r: list(b.box) for r, b in layout.texts.items()}
    sizes = {r: b.size for r, b in layout.texts.items()}
    if layout.callout is not None:
        boxes["callout"] = list(layout.callout.box)
        sizes["callout"] = layout.callout.number_size
    if layout.button is not None:
        boxes["cta"] = list(layout.button.box)
        sizes["cta"] = layout.button.size
    return {
        "schema": "huashu.banner/1",
        "creative_id": creative.id,
        "brand_id": pack.id,
        "channel": preset.channel,
        "preset": preset.name,
        "size": [preset.width, preset.height],
        "shape": layout.shape,
        "fields": content.sources(),
        "omitted": list(layout.omitted),
        "background": dict(background),
        "font": fonts.describe(),
        "boxes": boxes,
        "sizes_px": sizes,
        "overflows": [o.message() for o in layout.overflows],
    }
