"""Report charts as PNG or SVG bytes (matplotlib Figure + Agg canvas, no pyplot state):
cohort heatmap, funnel, ROI by slice, attribution comparison."""

from __future__ import annotations

import io
from typing import Literal

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import fontManager
from matplotlib.text import Text

from huashu.analytics.engine import error

Format = Literal["png", "svg"]
FONTS = ["Noto Sans CJK SC", "WenQuanYi Zen Hei", "SimHei", "Microsoft YaHei", "DejaVu Sans"]


def _families() -> list[str]:
    """The installed CJK-capable families (so Chinese slice names render), then DejaVu."""
    installed = {f.name for f in fontManager.ttflist}
    return [name for name in FONTS if name in installed] or ["DejaVu Sans"]


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
    for text in fig.findobj(Text):
        text.set_fontfamily(_families())
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt)
    return buffer.getvalue()


def cohort_heatmap(cohorts: pd.DataFrame, *, title: str = "Retention by cohort") -> Figure:
    """Cohorts (rows) x offsets (columns), coloured and labelled by the share active."""
    grid = cohorts.pivot_table(index="cohort", columns="offset", values="rate", aggfunc="mean")
    sizes = cohorts.groupby("cohort")["cohort_size"].max()
    fig = _figure(1.2 + 0.7 * max(len(grid.columns), 4), 1.2 + 0.42 * max(len(grid), 3))
    ax = fig.add_subplot()
    data = grid.to_numpy(dtype="float64")
    image = ax.imshow(np.ma.masked_invalid(data), cmap="YlGnBu", vmin=0, vmax=1, aspect="auto")
    for (row, col), rate in np.ndenumerate(data):
        if not np.isnan(rate):
            colour = "white" if rate > 0.6 else "black"
            ax.text(col, row, f"{rate:.0%}", ha="center", va="center", fontsize=8, color=colour)
    ax.set_xticks(range(len(grid.columns)), [str(c) for c in grid.columns])
    ax.set_yticks(range(len(grid)), [f"{c} (n={sizes[c]})" for c in grid.index])
    ax.set_xlabel("periods since first seen")
    ax.set_title(title)
    fig.colorbar(image, ax=ax, label="share active")
    return fig


def funnel_chart(funnel: pd.DataFrame, *, title: str = "Funnel") -> Figure:
    """Horizontal bars per step (one group per slice), labelled with users and step rates."""
    slices = list(dict.fromkeys(funnel["slice"]))
    steps = list(dict.fromkeys(funnel["step"]))
    fig = _figure(8, 1.0 + 0.45 * len(steps) * max(len(slices), 1))
    ax = fig.add_subplot()
    height = 0.8 / len(slices)
    for k, label in enumerate(slices):
        part = funnel[funnel["slice"] == label].set_index("step").reindex(steps)
        y = np.arange(len(steps)) + k * height
        bars = ax.barh(y, part["users"], height=height, label=str(label))
        for bar, users, rate in zip(bars, part["users"], part["rate_from_previous"], strict=True):
            ax.text(
                bar.get_width(),
                bar.get_y() + bar.get_height() / 2,
                f" {int(users):,} ({rate:.1%})",
                va="center",
                fontsize=8,
            )
    ax.set_yticks(np.arange(len(steps)) + 0.4 - height / 2, steps)
    ax.invert_yaxis()
    ax.set_xlabel("users")
    ax.set_title(title)
    if len(slices) > 1:
        ax.legend(fontsize=8)
    ax.margins(x=0.25)
    return fig


def roi_chart(economics: pd.DataFrame, *, title: str = "ROI by slice") -> Figure:
    """Cost vs revenue bars per slice with ROI and payback labels; a line at ROI = 1."""
    frame = economics[economics["cost"].fillna(0) > 0].sort_values("roi", ascending=False)
    fig = _figure(max(6.0, 1.2 * len(frame) + 2), 4.5)
    ax = fig.add_subplot()
    x = np.arange(len(frame))
    ax.bar(x - 0.2, frame["cost"], 0.4, label="cost", color="#c44e52")
    ax.bar(x + 0.2, frame["revenue"], 0.4, label="revenue", color="#55a868")
    for i, (roi, days, top) in enumerate(
        zip(
            frame["roi"], frame["payback_days"], frame[["cost", "revenue"]].max(axis=1), strict=True
        )
    ):
        payback = "no payback" if np.isnan(days) else f"payback {days:.0f} d"
        ax.text(i, top, f"ROI {roi:.2f}\n{payback}", ha="center", va="bottom", fontsize=8)
    ax.set_xticks(x, [str(s) for s in frame["slice"]], rotation=20, ha="right")
    ax.set_ylabel("amount")
    ax.set_title(title)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.margins(y=0.2)
    return fig


def attribution_chart(table: pd.DataFrame, *, title: str = "Attribution by model") -> Figure:
    """Grouped bars: credited conversions per channel (rows) under each model (columns)."""
    fig = _figure(max(7.0, 0.9 * len(table) * max(len(table.columns), 1) / 3 + 3), 4.5)
    ax = fig.add_subplot()
    width = 0.85 / len(table.columns)
    x = np.arange(len(table))
    for k, model in enumerate(table.columns):
        ax.bar(x + k * width - 0.425 + width / 2, table[model], width, label=str(model))
    ax.set_xticks(x, [str(c) for c in table.index], rotation=20, ha="right")
    ax.set_ylabel("credited conversions")
    ax.set_title(title)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return fig
