"""The banner layout engine: where title, subtitle, callout, CTA button, brand mark and the
disclosure go for a preset's shape (wide, square, tall), inside safe margins, auto-fitted."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from huashu.images.content import BannerContent, Callout
from huashu.images.fitting import Item, Overflow, Plan, fit_column, place_column, text_plan
from huashu.images.fonts import CjkFonts
from huashu.images.presets import BannerPreset

Box = tuple[int, int, int, int]

#: Minimum legible sizes in points on the phone screen (scaled by ``preset.px_per_pt``).
MIN_PT = {"disclosure": 8.0, "subtitle": 10.0, "title": 14.0, "cta": 10.0, "brand": 9.0}
TITLE_LEADING = 1.22
#: Share of the banner width over which the wide layout's scrim fades out past the text.
FADE = 0.1
BODY_LEADING = 1.38


@dataclass(frozen=True)
class TextBlock:
    role: str
    lines: tuple[str, ...]
    size: int
    bold: bool
    box: Box
    line_height: int


@dataclass(frozen=True)
class CalloutBlock:
    callout: Callout
    box: Box
    number_size: int
    label_size: int
    suffix_size: int


@dataclass(frozen=True)
class ButtonBlock:
    text: str
    box: Box
    size: int


@dataclass(frozen=True)
class BannerLayout:
    """Every part's box for one preset; ``overflows`` empty means everything fits."""

    preset: BannerPreset
    shape: Literal["wide", "square", "tall"]
    safe: Box
    text_area: Box
    """Where a scrim may darken the background; it fades out over its last ``FADE`` of the
    banner's width (wide layouts) or height (the others)."""
    texts: dict[str, TextBlock] = field(default_factory=dict)
    callout: CalloutBlock | None = None
    button: ButtonBlock | None = None
    disclosure_band: Box | None = None
    omitted: tuple[str, ...] = ()
    overflows: tuple[Overflow, ...] = ()

    @property
    def fits(self) -> bool:
        return not self.overflows


def min_px(preset: BannerPreset, role: str) -> int:
    return max(12, math.ceil(MIN_PT[role] * preset.px_per_pt))


def _button_plan(fonts: CjkFonts, text: str, width: int) -> Callable[[int], Plan]:
    def plan(size: int) -> Plan:
        w = round(fonts.measure(size, bold=True)(text)) + round(size * 2.4)
        return Plan(round(size * 2.2), (text,), w <= width, w, width)

    return plan


def _brand_plan(fonts: CjkFonts, text: str, width: int) -> Callable[[int], Plan]:
    def plan(size: int) -> Plan:
        w = round(size * 1.6 + size * 0.5 + fonts.measure(size, bold=True)(text))
        return Plan(round(size * 1.6), (text,), w <= width, w, width)

    return plan


def _callout_sizes(size: int, floor: int) -> tuple[int, int]:
    return max(floor, round(size * 0.3)), max(floor, round(size * 0.46))


def _callout_plan(
    fonts: CjkFonts, callout: Callout, width: int, floor: int
) -> Callable[[int], Plan]:
    def plan(size: int) -> Plan:
        label_size, suffix_size = _callout_sizes(size, floor)
        pad = round(size * 0.28)
        big = fonts.measure(size, bold=True)(callout.number)
        small = fonts.measure(suffix_size, bold=True)(callout.prefix + callout.suffix)
        label = fonts.measure(label_size, bold=False)(callout.label)
        w = round(max(big + small, label) + 2 * pad)
        h = 2 * pad + round(label_size * 1.3) + round(size * 1.02)
        return Plan(h, (callout.text,), w <= width, w, width)

    return plan


def _one_line(fonts: CjkFonts, text: str, width: int, size: int) -> int:
    """``size``, or a size up to 25% smaller at which ``text`` fits on one line (a short
    title reads better on one line than broken in two at full size)."""
    at_size = fonts.measure(size, bold=True)(text)
    if at_size <= width:
        return size
    fitted = int(size * width / at_size)
    while fitted > 1 and fonts.measure(fitted, bold=True)(text) > width:
        fitted -= 1
    return fitted if fitted >= size * 0.75 else size


def _margins(preset: BannerPreset) -> tuple[int, int]:
    w, h = preset.width, preset.height
    if preset.shape == "wide":
        return max(12, round(w * 0.045)), max(10, round(h * 0.07))
    return max(12, round(w * 0.07)), max(12, round(h * 0.045))


def _disclosure(
    fonts: CjkFonts, preset: BannerPreset, content: BannerContent, safe: Box
) -> tuple[TextBlock | None, Overflow | None, int]:
    if content.disclosure is None:
        return None, None, 0
    low = min_px(preset, "disclosure")
    for lines in (1, 2):
        item = Item(
            "disclosure",
            content.disclosure.text,
            round(low * 1.12),
            low,
            text_plan(fonts, content.disclosure.text, safe[2], lines, bold=False, leading=1.3),
        )
        sizes, overflows = fit_column([item], preset.height)
        if not overflows:
            break
    size = sizes["disclosure"]
    plan = item.plan(size)
    y = safe[1] + safe[3] - plan.height
    block = TextBlock(
        "disclosure", plan.lines, size, False, (safe[0], y, safe[2], plan.height), round(size * 1.3)
    )
    return block, (overflows[0] if overflows else None), plan.height


def layout_banner(fonts: CjkFonts, preset: BannerPreset, content: BannerContent) -> BannerLayout:
    """Lay out ``content`` on ``preset``: fit every part, never below its minimum size."""
    mx, my = _margins(preset)
    safe = (mx, my, preset.width - 2 * mx, preset.height - 2 * my)
    disclosure, disclosure_overflow, dh = _disclosure(fonts, preset, content, safe)
    gap = round(preset.height * 0.035) if disclosure else 0
    content_h = safe[3] - dh - gap
    if preset.shape == "wide" and not preset.compact:
        result = _wide(fonts, preset, content, safe, content_h)
    else:
        result = _stacked(fonts, preset, content, safe, content_h)
    texts, callout, button, text_area, omitted, overflows = result
    band = None
    if disclosure is not None:
        texts["disclosure"] = disclosure
        pad = max(4, round(disclosure.size * 0.45))
        top = disclosure.box[1] - pad
        band = (0, top, preset.width, preset.height - top)
    if disclosure_overflow is not None:
        overflows.insert(0, disclosure_overflow)
    return BannerLayout(
        preset,
        preset.shape,
        safe,
        text_area,
        texts,
        callout,
        button,
        band,
        omitted,
        tuple(overflows),
    )


_Result = tuple[
    dict[str, TextBlock],
    CalloutBlock | None,
    ButtonBlock | None,
    Box,
    tuple[str, ...],
    list[Overflow],
]


def _text_items(
    fonts: CjkFonts,
    preset: BannerPreset,
    content: BannerContent,
    width: int,
    unit: float,
    ratios: dict[str, float],
    title_lines: int,
    subtitle_lines: int,
) -> list[Item]:
    def top(role: str) -> int:
        return max(min_px(preset, role), round(unit * ratios[role]))

    items = [
        Item(
            "brand",
            content.brand.text,
            top("brand"),
            min_px(preset, "brand"),
            _brand_plan(fonts, content.brand.text, width),
            gap_after=round(unit * 0.04),
            flex_after=1.0,
        ),
        Item(
            "title",
            content.title.text,
            _one_line(fonts, content.title.text, width, top("title")),
            min_px(preset, "title"),
            text_plan(
                fonts, content.title.text, width, title_lines, bold=True, leading=TITLE_LEADING
            ),
            gap_after=round(unit * 0.035),
        ),
    ]
    if preset.compact:
        items = items[1:]
    if content.subtitle is not None and not preset.compact:
        items.append(
            Item(
                "subtitle",
                content.subtitle.text,
                top("subtitle"),
                min_px(preset, "subtitle"),
                text_plan(
                    fonts,
                    content.subtitle.text,
                    width,
                    subtitle_lines,
                    bold=False,
                    leading=BODY_LEADING,
                ),
                flex_after=1.0,
            )
        )
    else:
        items[-1].flex_after = 1.0
    return items


def _blocks(
    items: list[Item], sizes: dict[str, int], x: int, top: int, height: int, width: int
) -> tuple[dict[str, TextBlock], dict[str, tuple[int, Plan]]]:
    placed = place_column(items, sizes, top, height)
    texts: dict[str, TextBlock] = {}
    for it in items:
        y, plan = placed[it.role]
        if it.role in ("brand", "title", "subtitle"):
            leading = {"brand": 1.6, "title": TITLE_LEADING}.get(it.role, BODY_LEADING)
            size = sizes[it.role]
            texts[it.role] = TextBlock(
                it.role,
                plan.lines,
                size,
                it.role != "subtitle",
                (x, y, width, plan.height),
                round(size * leading),
            )
    return texts, placed


def _omitted(preset: BannerPreset, content: BannerContent) -> tuple[str, ...]:
    if not preset.compact:
        return ()
    parts = (("brand", content.brand), ("subtitle", content.subtitle), ("cta", content.cta))
    return tuple(r for r, part in parts if part)


def _wide(
    fonts: CjkFonts, preset: BannerPreset, content: BannerContent, safe: Box, content_h: int
) -> _Result:
    x, y, w, _ = safe
    side = content.callout is not None or (content.cta is not None and not preset.compact)
    panel_w = round(w * 0.31) if side else 0
    col_w = w - panel_w - (round(w * 0.04) if side else 0)
    ratios = {"brand": 0.075, "title": 0.2, "subtitle": 0.092}
    items = _text_items(fonts, preset, content, col_w, content_h, ratios, 2, 3)
    sizes, overflows = fit_column(items, content_h)
    texts, _ = _blocks(items, sizes, x, y, content_h, col_w)
    right: list[Item] = []
    floor = min_px(preset, "subtitle")
    if content.callout is not None:
        right.append(
            Item(
                "callout",
                content.callout.text,
                max(floor * 2, round(content_h * 0.3)),
                max(floor, round(content_h * 0.14)),
                _callout_plan(fonts, content.callout, panel_w, floor),
                gap_after=round(content_h * 0.07),
            )
        )
    if content.cta is not None and not preset.compact:
        right.append(
            Item(
                "cta",
                content.cta.text,
                max(min_px(preset, "cta"), round(content_h * 0.085)),
                min_px(preset, "cta"),
                _button_plan(fonts, content.cta.text, panel_w),
            )
        )
    callout = button = None
    if right:
        r_sizes, r_over = fit_column(right, content_h)
        overflows += r_over
        total = sum(it.plan(r_sizes[it.role]).height + it.gap_after for it in right)
        total -= right[-1].gap_after
        top = y + max(0, (content_h - total) // 2)
        placed = place_column(right, r_sizes, top, total)
        callout, button = _side_parts(
            fonts, content, r_sizes, placed, x + w - panel_w, panel_w, floor
        )
    text_area = (0, 0, x + col_w + round(preset.width * FADE), preset.height)
    return texts, callout, button, text_area, _omitted(preset, content), overflows


def _side_parts(
    fonts: CjkFonts,
    content: BannerContent,
    sizes: dict[str, int],
    placed: dict[str, tuple[int, Plan]],
    x: int,
    width: int,
    floor: int,
) -> tuple[CalloutBlock | None, ButtonBlock | None]:
    callout = button = None
    if content.callout is not None and "callout" in placed:
        cy, plan = placed["callout"]
        size = sizes["callout"]
        label_size, suffix_size = _callout_sizes(size, floor)
        callout = CalloutBlock(
            content.callout, (x, cy, width, plan.height), size, label_size, suffix_size
        )
    if content.cta is not None and "cta" in placed:
        by, plan = placed["cta"]
        size = sizes["cta"]
        bw = min(width, max(plan.needed, round(width * 0.8)))
        button = ButtonBlock(content.cta.text, (x + (width - bw) // 2, by, bw, plan.height), size)
    return callout, button


def _stacked(
    fonts: CjkFonts, preset: BannerPreset, content: BannerContent, safe: Box, content_h: int
) -> _Result:
    x, y, w, _ = safe
    tall = preset.shape == "tall"
    ratios = {"brand": 0.045, "title": 0.12 if tall else 0.095, "subtitle": 0.056 if tall else 0.05}
    items = _text_items(fonts, preset, content, w, w, ratios, 3 if tall else 2, 3)
    floor = min_px(preset, "subtitle")
    items[-1].gap_after = round(w * 0.05)
    items[-1].flex_after = 0.0
    if content.callout is not None:
        items.append(
            Item(
                "callout",
                content.callout.text,
                round(w * (0.2 if tall else 0.13)),
                max(floor, round(w * 0.07)),
                _callout_plan(fonts, content.callout, w, floor),
                gap_after=round(w * 0.05),
            )
        )
    if content.cta is not None and not preset.compact:
        items.append(
            Item(
                "cta",
                content.cta.text,
                max(min_px(preset, "cta"), round(w * 0.05)),
                min_px(preset, "cta"),
                _button_plan(fonts, content.cta.text, w),
                flex_after=1.6,
            )
        )
    sizes, overflows = fit_column(items, content_h)
    texts, placed = _blocks(items, sizes, x, y, content_h, w)
    callout, button = _side_parts(fonts, content, sizes, placed, x, w, floor)
    if button is not None:
        _, by, bw, bh = button.box
        wide_w = max(bw, round(w * 0.62))
        button = ButtonBlock(button.text, (x + (w - wide_w) // 2, by, wide_w, bh), button.size)
    last = max(b.box[1] + b.box[3] for b in texts.values())
    bottom = min(preset.height, last + round(preset.height * FADE))
    return (
        texts,
        callout,
        button,
        (0, 0, preset.width, bottom),
        _omitted(preset, content),
        overflows,
    )
