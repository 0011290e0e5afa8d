"""Auto-fit of a column of banner parts: each part shrinks from its preferred to its minimum
pixel size until the column fits; what still does not fit is reported as an overflow."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from huashu.images.fonts import CjkFonts
from huashu.images.linebreak import wrap


@dataclass(frozen=True)
class Plan:
    """A part at one size: its height, its lines, and whether it fits its own box."""

    height: int
    lines: tuple[str, ...] = ()
    fits: bool = True
    needed: int = 0
    available: int = 0


@dataclass(frozen=True)
class Overflow:
    """A part that does not fit even at its minimum size; it is drawn whole, not clipped,
    and the banner is refused for export until the copy is shortened."""

    role: str
    text: str
    reason: str
    needed: int
    available: int
    min_px: int

    def message(self) -> str:
        unit = "lines" if self.reason == "lines" else "px"
        return (
            f"{self.role} does not fit ({self.reason}): needs {self.needed} {unit}, "
            f"has {self.available} {unit} at the minimum size {self.min_px}px"
        )

    def message_zh(self) -> str:
        what = {"lines": "行", "width": "像素宽", "height": "像素高"}[self.reason]
        return (
            f"{ROLE_ZH.get(self.role, self.role)}放不下：最小字号{self.min_px}px时需要"
            f"{self.needed}{what}，只有{self.available}{what}，请缩短文案"
        )


ROLE_ZH = {
    "title": "标题",
    "subtitle": "副标题",
    "cta": "按钮",
    "callout": "利率/优惠标注",
    "disclosure": "披露小字",
    "brand": "品牌名",
    "column": "文字区",
}


@dataclass
class Item:
    """One part of a column: ``plan(size)`` lays it out at a pixel size."""

    role: str
    text: str
    max_px: int
    min_px: int
    plan: Callable[[int], Plan]
    gap_after: int = 0
    flex_after: float = 0.0


def text_plan(
    fonts: CjkFonts, text: str, width: int, max_lines: int, *, bold: bool, leading: float
) -> Callable[[int], Plan]:
    """Plan for wrapped text: at most ``max_lines`` lines of ``width`` px."""

    def plan(size: int) -> Plan:
        measure = fonts.measure(size, bold=bold)
        lines = tuple(wrap(text, measure, width, max_lines))
        line_h = round(size * leading)
        widest = max((measure(line) for line in lines), default=0.0)
        fits = len(lines) <= max_lines and widest <= width
        if len(lines) > max_lines:
            return Plan(line_h * len(lines), lines, False, len(lines), max_lines)
        return Plan(line_h * len(lines), lines, fits, round(widest), width)

    return plan


def _step(size: int) -> int:
    return max(1, round(size * 0.05))


def fit_column(items: list[Item], height: int) -> tuple[dict[str, int], list[Overflow]]:
    """Sizes per role making ``items`` fit ``height`` px, shrinking the least-shrunk part
    first; overflows for parts that cannot fit at their minimum."""
    sizes = {it.role: it.max_px for it in items}
    overflows: list[Overflow] = []
    stuck: set[str] = set()
    while True:
        plans = {it.role: it.plan(sizes[it.role]) for it in items}
        crowded = [it for it in items if not plans[it.role].fits and it.role not in stuck]
        if crowded:
            it = crowded[0]
            if sizes[it.role] > it.min_px:
                sizes[it.role] = max(it.min_px, sizes[it.role] - _step(sizes[it.role]))
            else:
                p = plans[it.role]
                reason = "lines" if p.lines and p.needed == len(p.lines) else "width"
                overflows.append(
                    Overflow(it.role, it.text, reason, p.needed, p.available, it.min_px)
                )
                stuck.add(it.role)
            continue
        total = sum(plans[it.role].height + it.gap_after for it in items) - items[-1].gap_after
        if total <= height:
            return sizes, overflows
        shrinkable = [it for it in items if sizes[it.role] > it.min_px]
        if not shrinkable:
            if not overflows:
                overflows.append(Overflow("column", "", "height", total, height, 0))
            return sizes, overflows
        it = max(shrinkable, key=lambda i: sizes[i.role] / i.max_px)
        sizes[it.role] = max(it.min_px, sizes[it.role] - _step(sizes[it.role]))


def place_column(
    items: list[Item], sizes: dict[str, int], top: int, height: int
) -> dict[str, tuple[int, Plan]]:
    """Top y and plan per role, spreading spare height by each item's ``flex_after``."""
    plans = {it.role: it.plan(sizes[it.role]) for it in items}
    used = sum(plans[it.role].height + it.gap_after for it in items) - items[-1].gap_after
    spare = max(0, height - used)
    weights = sum(it.flex_after for it in items) or 1.0
    out: dict[str, tuple[int, Plan]] = {}
    y = float(top)
    for it in items:
        out[it.role] = (round(y), plans[it.role])
        y += plans[it.role].height + it.gap_after + spare * it.flex_after / weights
    return out
