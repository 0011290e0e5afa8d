"""Report charts as PNG or SVG bytes (matplotlib Figure + Agg canvas, no pyplot state):
cohort heatmap, funnel, ROI by slice, attribution comparison, in Chinese (default) or English.

Chinese needs a CJK font: matplotlib's own list first, then the font banners use
(:func:`huashu.images.fonts.find_cjk_fonts`: fontconfig, then known Debian paths), added to
matplotlib once. Without one a Chinese chart is drawn with the English words instead of
empty boxes. A chart with nothing to show says why in place of the plot.
"""

from __future__ import annotations

import functools
import io
import logging
from collections.abc import Mapping
from typing import Literal

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import fontManager
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter

from huashu.analytics import labels
from huashu.analytics.engine import error
from huashu.domain import InputError

Format = Literal["png", "svg"]
FONTS = ["Noto Sans CJK SC", "WenQuanYi Zen Hei", "SimHei", "Microsoft YaHei"]
FALLBACK = "DejaVu Sans"
log = logging.getLogger(__name__)


@functools.cache
def cjk_family() -> str | None:
    """The CJK family charts are set in, or None when no CJK font is installed."""
    installed = {f.name for f in fontManager.ttflist}
    for name in FONTS:
        if name in installed:
            return name
    from huashu.images.fonts import find_cjk_fonts

    try:
        face = find_cjk_fonts().regular
    except InputError as err:
        log.warning("charts are drawn in English: %s", err)
        return None
    fontManager.addfont(str(face.path))  # every face of a .ttc collection, by family name
    known = {f.name for f in fontManager.ttflist}
    return face.family if face.family in known else None


def chart_lang(lang: str) -> str:
    """The language a chart can be drawn in: Chinese only with a CJK font."""
    return "en" if lang == "en" or cjk_family() is None else "zh"


def _families() -> list[str]:
    family = cjk_family()
    return [family, FALLBACK] if family else [FALLBACK]


def _figure(width: float, height: float) -> Figure:
    fig = Figure(figsize=(width, height), dpi=110, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def render(fig: Figure, fmt: Format = "png") -> bytes:
    if fmt not in ("png", "svg"):
        raise error(
            f"chart format must be png or svg, got {fmt}",
            f"图表格式应为 png 或 svg，收到 {fmt}",
            "bad_chart_format",
        )
    families = _families()
    for text in fig.findobj(Text):
        text.set_fontfamily(families)
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt)
    return buffer.getvalue()


def message_chart(title: str, message: str) -> Figure:
    """A chart that has nothing to plot: its title and why."""
    fig = _figure(7, 2.6)
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.set_title(title)
    ax.text(0.5, 0.5, message, ha="center", va="center", wrap=True, color="#6b7385", fontsize=11)
    return fig


def _amounts(ax: Axes, lang: str, axis: str = "y") -> None:
    """Tick labels in the reader's numbers (1.2万, never 1e6 or an offset)."""
    formatter = FuncFormatter(lambda v, _pos: labels.number(v, lang))
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(formatter)


def cohort_heatmap(
    cohorts: pd.DataFrame, *, lang: str = "zh", period: str = "week", title: str | None = None
) -> Figure:
    """Cohorts (rows) x offsets (columns), coloured and labelled by the share active."""
    lang = chart_lang(lang)
    title = title or labels.chart_text("cohorts.title", lang)
    if cohorts.empty:
        return message_chart(title, labels.chart_text("cohorts.empty", lang))
    grid = cohorts.pivot_table(index="cohort", columns="offset", values="rate", aggfunc="mean")
    sizes = cohorts.groupby("cohort")["cohort_size"].max()
    fig = _figure(max(7.0, 2.4 + 0.5 * len(grid.columns)), 1.6 + 0.42 * max(len(grid), 3))
    ax = fig.add_subplot()
    data = grid.to_numpy(dtype="float64")
    image = ax.imshow(np.ma.masked_invalid(data), cmap="YlGnBu", vmin=0, vmax=1, aspect="auto")
    for (row, col), rate in np.ndenumerate(data):
        if not np.isnan(rate):
            colour = "white" if rate > 0.6 else "black"
            ax.text(col, row, f"{rate:.0%}", ha="center", va="center", fontsize=8, color=colour)
    ax.set_xticks(range(len(grid.columns)), [str(c) for c in grid.columns])
    row_text = labels.CHART["cohorts.row"][1 if lang == "en" else 0]
    ax.set_yticks(
        range(len(grid)),
        [row_text.format(cohort=c, n=labels.count(sizes[c], lang)) for c in grid.index],
    )
    ax.set_xlabel(labels.chart_text(f"cohorts.x.{'day' if period == 'day' else 'week'}", lang))
    ax.set_title(title)
    bar = fig.colorbar(image, ax=ax, label=labels.chart_text("cohorts.colour", lang))
    bar.ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:.0%}"))
    return fig


def funnel_chart(
    funnel: pd.DataFrame,
    *,
    lang: str = "zh",
    names: Mapping[str, str] | None = None,
    steps: tuple[str, ...] = (),
    title: str | None = None,
) -> Figure:
    """Horizontal bars per step (one group per slice), labelled with users and step rates."""
    lang = chart_lang(lang)
    title = title or labels.chart_text("funnel.title", lang)
    if funnel.empty or "slice" not in funnel.columns:
        first = labels.step_name(steps[0], lang) if steps else ""
        return message_chart(title, labels.chart_text("funnel.empty", lang, step=first))
    slices = list(dict.fromkeys(funnel["slice"]))
    steps = tuple(dict.fromkeys(funnel["step"]))
    fig = _figure(7, 1.4 + 0.3 * len(steps) * max(len(slices), 1))
    ax = fig.add_subplot()
    height = 0.8 / len(slices)
    for k, label in enumerate(slices):
        part = funnel[funnel["slice"] == label].set_index("step").reindex(list(steps))
        y = np.arange(len(steps)) + k * height
        shown = labels.slice_name(label, lang, dict(names or {}))
        bars = ax.barh(y, part["users"], height=height, label=shown)
        for bar, users, rate in zip(bars, part["users"], part["rate_from_previous"], strict=True):
            text = labels.count(users, lang)
            if not labels.missing(rate):
                share = labels.percent(rate)
                text += f"（{share}）" if lang != "en" else f" ({share})"
            ax.text(
                bar.get_width(),
                bar.get_y() + bar.get_height() / 2,
                f" {text}",
                va="center",
                fontsize=8,
            )
    ax.set_yticks(
        np.arange(len(steps)) + 0.4 - height / 2, [labels.step_name(s, lang) for s in steps]
    )
    ax.invert_yaxis()
    ax.set_xlabel(labels.chart_text("funnel.x", lang))
    _amounts(ax, lang, "x")
    ax.set_title(title)
    if len(slices) > 1:
        ax.legend(fontsize=8)
    ax.margins(x=0.25)
    return fig


def roi_chart(
    economics: pd.DataFrame,
    *,
    lang: str = "zh",
    by: str | None = "channel",
    names: Mapping[str, str] | None = None,
    title: str | None = None,
) -> Figure:
    """Cost vs revenue bars per slice with ROI and payback labels."""
    lang = chart_lang(lang)
    word = labels.slice_word(by, lang) if lang != "en" else labels.slice_word(by, lang).lower()
    title = title or labels.chart_text("roi.title", lang, slice=word)
    frame = economics[economics["cost"].fillna(0) > 0].sort_values("roi", ascending=False)
    if frame.empty:
        no_cost = economics["cost"].isna().all() and not economics.empty
        key = "roi.no_cost_slice" if no_cost else "roi.empty"
        return message_chart(title, labels.chart_text(key, lang, slice=word))
    fig = _figure(max(7.0, 1.2 * len(frame) + 2), 4.5)
    ax = fig.add_subplot()
    x = np.arange(len(frame))
    cost, revenue = labels.chart_text("roi.cost", lang), labels.chart_text("roi.revenue", lang)
    ax.bar(x - 0.2, frame["cost"], 0.4, label=cost, color="#c44e52")
    ax.bar(x + 0.2, frame["revenue"], 0.4, label=revenue, color="#55a868")
    for i, (roi, days, top) in enumerate(
        zip(
            frame["roi"], frame["payback_days"], frame[["cost", "revenue"]].max(axis=1), strict=True
        )
    ):
        payback = (
            labels.chart_text("roi.no_payback", lang)
            if labels.missing(days)
            else labels.chart_text("roi.payback", lang, days=f"{days:.0f}")
        )
        label = f"ROI {labels.ratio(roi, lang)}\n{payback}"
        ax.text(i, top, label, ha="center", va="bottom", fontsize=8)
    shown = dict(names or {})
    ax.set_xticks(
        x, [labels.slice_name(s, lang, shown) for s in frame["slice"]], rotation=20, ha="right"
    )
    ax.set_ylabel(labels.chart_text("roi.y", lang))
    _amounts(ax, lang)
    ax.set_title(title)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.margins(y=0.2)
    return fig


def attribution_chart(
    table: pd.DataFrame,
    *,
    lang: str = "zh",
    names: Mapping[str, str] | None = None,
    title: str | None = None,
) -> Figure:
    """Grouped bars: credited conversions per channel (rows) under each model (columns)."""
    lang = chart_lang(lang)
    title = title or labels.chart_text("attribution.title", lang)
    if table.empty or len(table.columns) == 0:
        return message_chart(title, labels.chart_text("attribution.empty", lang))
    fig = _figure(max(7.0, 1.2 * len(table) + 3), 4.5)
    ax = fig.add_subplot()
    width = 0.85 / len(table.columns)
    x = np.arange(len(table))
    for k, model in enumerate(table.columns):
        ax.bar(
            x + k * width - 0.425 + width / 2,
            table[model].fillna(0.0),
            width,
            label=labels.model_name(str(model), lang),
        )
    shown = dict(names or {})
    ax.set_xticks(
        x, [labels.slice_name(c, lang, shown) for c in table.index], rotation=20, ha="right"
    )
    ax.set_ylabel(labels.chart_text("attribution.y", lang))
    _amounts(ax, lang)
    ax.set_title(title)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return fig
