"""The 数据 page's reading of the metrics: the unit-economics table in the reader's words and
numbers (渠道, 新用户, 1.26万, 12.3%, "—"), each cell's exact value as its tooltip, and the
charts with their titles, captions and URLs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pandas as pd

from huashu.analytics import labels
from huashu.analytics.service import CHARTS
from huashu.web.i18n import CHANNEL_ZH, channel_name

#: the slices the page offers, in its select
BY_OPTIONS = ("channel", "campaign", "segment_key", "creative_id", "creator")

#: chart -> (zh title, en title, zh caption, en caption)
CHART_TEXT: dict[str, tuple[str, str, str, str]] = {
    "cohorts": (
        "留存",
        "Retention",
        "每行是同一周首次访问的用户，格子里是之后第几周仍活跃的比例",
        "Each row: users first seen that week; each cell: the share still active weeks later",
    ),
    "funnel": (
        "转化漏斗",
        "Funnel",
        "曝光 → 点击 → 注册 → 付费，括号内为相对上一步的转化率",
        "Impression → click → register → pay; in brackets the rate from the step before",
    ),
    "roi": (
        "投入产出",
        "Return on spend",
        "成本与收入按获客来源汇总；ROI = 收入 ÷ 成本",
        "Cost and revenue per acquisition slice; ROI = revenue / cost",
    ),
    "attribution": (
        "渠道归因",
        "Channel attribution",
        "同一批转化在各归因模型下记给各渠道的数量（始终按渠道）",
        "The same conversions credited to each channel under each model (always by channel)",
    ),
}

#: page texts -> (zh, en)
TEXT: dict[str, tuple[str, str]] = {
    "by": ("切分方式", "Slice by"),
    "by.option": ("按{slice}", "By {slice}"),
    "economics": ("单位经济", "Unit economics"),
    "hint": (
        "金额单位与导入的成本一致；悬停数字可看精确值",
        "Amounts are in the currency of the imported costs; hover a number for its exact value",
    ),
    "no_cost_slice": (
        "成本按投放位购买，不分人群，所以按人群切分时没有成本、获客成本、ROI 和回本天数",
        "Costs are bought per placement, not per segment: no cost, CAC, ROI or payback by segment",
    ),
    "no_payback": ("尚未回本", "not yet"),
    "no_cost": ("无成本", "no cost"),
    "as_of": ("数据截至 {when}", "Data as of {when}"),
    "swipe": (
        "表格可左右滑动，图表可点开放大",
        "Swipe the table sideways; tap a chart to enlarge it",
    ),
    "zoom": ("在新标签页打开大图", "Open the full-size chart in a new tab"),
    "bad_by": ("不能按“{by}”切分，可选：{options}", "Cannot slice by “{by}”; choose {options}"),
}


def text(key: str, lang: str, **fields: Any) -> str:
    value = labels.pick(TEXT[key], lang)
    return value.format(**fields) if fields else value


def slice_names(lang: str) -> dict[str, str]:
    """Display names of the built-in channels (短信, 首页卡片, ...) for slice labels."""
    return {name: channel_name(name, lang) for name in CHANNEL_ZH}


@dataclass(frozen=True)
class Cell:
    text: str
    exact: str = ""  # the tooltip: the full number when ``text`` is rounded or abbreviated
    numeric: bool = True
    user: bool = False  # a value as people wrote it (a campaign's or creator's name)


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    help: str


def _exact(value: object, decimals: int) -> str:
    return "" if labels.missing(value) else f"{float(value):,.{decimals}f}"  # type: ignore[arg-type]


def _cell(column: str, value: object, row: Mapping[str, Any], lang: str) -> Cell:
    if column in ("new_users", "payers"):
        return Cell(labels.count(value, lang), _exact(value, 0))
    if column in ("revenue", "cost", "arpu", "arppu", "cac"):
        return Cell(labels.money(value, lang), _exact(value, 2))
    if column == "roi":
        return Cell(labels.ratio(value, lang), _exact(value, 4))
    if column == "payback_days":
        cost = row.get("cost")
        if labels.missing(cost):
            return Cell(labels.MISSING)
        if not float(cost) > 0:  # type: ignore[arg-type]
            return Cell(labels.MISSING, text("no_cost", lang))
        if labels.missing(value):
            return Cell(text("no_payback", lang))
        return Cell(labels.days(value, lang))
    if labels.missing(value):
        return Cell(labels.MISSING)
    return Cell(str(value), numeric=False)


def economics_table(
    frame: pd.DataFrame, by: str, lang: str, segments: Mapping[str, str] | None = None
) -> tuple[list[Column], list[list[Cell]]]:
    """The economics frame as header columns and rows of cells, slice first: channels and
    (by segment) ``segments`` by display name, other slices as written."""
    columns = [Column("slice", labels.slice_word(by, lang), "")]
    for key in frame.columns:
        if key in labels.COLUMNS:
            zh, en, zh_help, en_help = labels.COLUMNS[key]
            columns.append(
                Column(key, en if lang == "en" else zh, en_help if lang == "en" else zh_help)
            )
    names = slice_names(lang) if by == "channel" else {}
    if by == "segment_key":
        names = dict(segments or {})
    rows: list[list[Cell]] = []
    for record in frame.to_dict(orient="records"):
        label = labels.slice_name(record["slice"], lang, names)
        shown = [Cell(label, numeric=False, user=label == str(record["slice"]))]
        shown += [_cell(c.key, record.get(c.key), record, lang) for c in columns[1:]]
        rows.append(shown)
    return columns, rows


def chart_list(by: str, lang: str, version: str) -> list[dict[str, str]]:
    """Each chart's title, caption and URL (``v`` changes with the data, so a browser never
    shows an image of older data under the same address)."""
    out = []
    for name in CHARTS:
        zh, en, zh_caption, en_caption = CHART_TEXT[name]
        query = urlencode({"by": by, "lang": lang, "v": version})
        out.append(
            {
                "name": name,
                "title": en if lang == "en" else zh,
                "caption": en_caption if lang == "en" else zh_caption,
                "url": f"/api/v1/metrics/charts/{name}.svg?{query}",
            }
        )
    return out
