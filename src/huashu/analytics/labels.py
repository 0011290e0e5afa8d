"""How metrics read to people, in Chinese (the default) and English: the words for columns,
slices, funnel steps, attribution models and chart texts, and numbers written for Chinese
readers (万 and 亿, percentages, never scientific notation, "—" for a missing value)."""

from __future__ import annotations

import math
from typing import Any

#: what a missing value (NaN, None, a rate over zero users) is shown as
MISSING = "—"

#: economics column -> (zh, en, zh help, en help); the help is the header's tooltip
COLUMNS: dict[str, tuple[str, str, str, str]] = {
    "new_users": ("新用户", "New users", "通过该来源首次访问的用户数", "users first seen here"),
    "payers": ("付费用户", "Payers", "首次访问后有付费的用户数", "users who paid after first seen"),
    "revenue": ("收入", "Revenue", "首次访问后的付费与转化金额", "pay and conversion value"),
    "cost": ("成本", "Cost", "导入的投放成本", "imported cost"),
    "arpu": ("人均收入", "ARPU", "收入 ÷ 新用户", "revenue / new users"),
    "arppu": ("付费人均收入", "ARPPU", "收入 ÷ 付费用户", "revenue / payers"),
    "cac": ("获客成本", "CAC", "成本 ÷ 新用户", "cost / new users"),
    "roi": ("投入产出比", "ROI", "收入 ÷ 成本", "revenue / cost"),
    "payback_days": (
        "回本天数",
        "Payback",
        "累计收入首次覆盖成本时距首次访问的天数",
        "days after first seen until revenue covers cost",
    ),
}

#: ``by`` -> (zh, en)
SLICES: dict[str, tuple[str, str]] = {
    "channel": ("渠道", "Channel"),
    "campaign": ("活动", "Campaign"),
    "segment_key": ("人群", "Segment"),
    "creative_id": ("素材", "Creative"),
    "creator": ("达人", "Creator"),
}

#: funnel steps (event kinds and imported action steps) -> (zh, en)
STEPS: dict[str, tuple[str, str]] = {
    "impression": ("曝光", "Impression"),
    "click": ("点击", "Click"),
    "conversion": ("转化", "Conversion"),
    "register": ("注册", "Register"),
    "download": ("下载", "Download"),
    "pay": ("付费", "Pay"),
    "visit": ("回访", "Visit"),
}

#: attribution models -> (zh, en); ``markov_k`` is worded by :func:`model_name`
MODELS: dict[str, tuple[str, str]] = {
    "first_touch": ("首次触点", "First touch"),
    "last_touch": ("末次触点", "Last touch"),
    "linear": ("线性", "Linear"),
    "time_decay": ("时间衰减", "Time decay"),
    "position_based": ("位置加权", "Position-based"),
    "shapley": ("Shapley 值", "Shapley"),
}

#: slice labels the metrics make up -> (zh, en)
SPECIAL: dict[str, tuple[str, str]] = {"(unknown)": ("未知", "(unknown)"), "all": ("全部", "All")}

#: chart texts -> (zh, en); ``{name}`` fields are filled by the charts
CHART: dict[str, tuple[str, str]] = {
    "cohorts.title": ("各批新用户的留存", "Retention by cohort"),
    "cohorts.x.week": ("首次访问后第几周", "Weeks since first seen"),
    "cohorts.x.day": ("首次访问后第几天", "Days since first seen"),
    "cohorts.colour": ("仍活跃的用户占比", "Share still active"),
    "cohorts.row": ("{cohort} 起（{n} 人）", "{cohort} (n={n})"),
    "cohorts.empty": ("还没有新用户：请先导入注册数据", "No signups yet: import signups first"),
    "funnel.title": ("转化漏斗（括号内为相对上一步的转化率）", "Funnel (step-to-step rate)"),
    "funnel.x": ("用户数", "Users"),
    "funnel.empty": (
        "还没有漏斗数据：没有用户完成第一步（{step}）",
        "No funnel yet: nobody reached the first step ({step})",
    ),
    "roi.title": ("各{slice}的成本与收入", "Cost and revenue by {slice}"),
    "roi.cost": ("成本", "Cost"),
    "roi.revenue": ("收入", "Revenue"),
    "roi.y": ("金额", "Amount"),
    "roi.payback": ("{days} 天回本", "paid back in {days} d"),
    "roi.no_payback": ("尚未回本", "not paid back yet"),
    "roi.empty": ("没有成本数据：导入成本后显示投入产出", "No costs: import costs to see ROI"),
    "roi.no_cost_slice": (
        "按{slice}切分时没有成本（成本按投放位购买，不分{slice}）",
        "No cost by {slice}: costs are bought per placement, not per {slice}",
    ),
    "attribution.title": ("各归因模型下的渠道贡献", "Conversions credited per channel, by model"),
    "attribution.y": ("归因转化数", "Credited conversions"),
    "attribution.empty": (
        "没有可归因的转化路径：转化前需要有投放记录的曝光或点击",
        "No journeys to attribute: conversions need logged impressions or clicks before them",
    ),
}


def pick(pair: tuple[str, ...], lang: str) -> str:
    """The Chinese (first) or English (second) word of ``pair``."""
    return pair[1] if lang == "en" else pair[0]


def chart_text(key: str, lang: str, **fields: Any) -> str:
    text = pick(CHART[key], lang)
    return text.format(**fields) if fields else text


def step_name(step: str, lang: str) -> str:
    return pick(STEPS[step], lang) if step in STEPS else step


def slice_word(by: str | None, lang: str) -> str:
    """What a slice is called (渠道, 活动, ...); the column header of the economics table."""
    if by in SLICES:
        return pick(SLICES[by], lang)
    return "切分" if lang != "en" else "Slice"


def slice_name(label: object, lang: str, names: dict[str, str] | None = None) -> str:
    """A slice label as shown: ``names`` (e.g. channel display names) first, then the made-up
    labels ((unknown), all), else the label itself."""
    text = str(label)
    if names and text in names:
        return names[text]
    return pick(SPECIAL[text], lang) if text in SPECIAL else text


def model_name(model: str, lang: str) -> str:
    if model in MODELS:
        return pick(MODELS[model], lang)
    if model.startswith("markov_") and model[7:].isdigit():
        order = model[7:]
        return f"{order} 阶马尔可夫" if lang != "en" else f"Markov (order {order})"
    return model


def missing(value: object) -> bool:
    """True for None, NaN and infinities (nothing a reader can use)."""
    if value is None:
        return True
    try:
        return not math.isfinite(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def _trim(text: str) -> str:
    return text.rstrip("0").rstrip(".") if "." in text else text


def number(value: object, lang: str = "zh", decimals: int = 0) -> str:
    """A count or an amount. Chinese: 9,503 / 1.26万 / 90.5万 / 3.2亿; English: 9,503 / 12,560
    / 1.26M. Below 10,000 (English: 1,000,000) ``decimals`` places with a thousands separator.
    Never scientific notation; "—" when missing."""
    if missing(value):
        return MISSING
    v = float(value)  # type: ignore[arg-type]
    size = abs(v)
    units = (
        ((1e12, "万亿"), (1e8, "亿"), (1e4, "万"))
        if lang != "en"
        else ((1e12, "T"), (1e9, "B"), (1e6, "M"))
    )
    for scale, unit in units:
        if size >= scale:
            scaled = v / scale
            digits = 2 if abs(scaled) < 10 else 1 if abs(scaled) < 100 else 0
            return _trim(f"{scaled:,.{digits}f}") + unit
    text = f"{v:,.{decimals}f}"
    return text[1:] if text.startswith("-") and not text.strip("-0.,") else text  # no "-0"


def count(value: object, lang: str = "zh") -> str:
    return number(value, lang, 0)


def money(value: object, lang: str = "zh") -> str:
    """An amount: two decimals below 1,000, whole units up to 10,000, then 万 / M."""
    if missing(value):
        return MISSING
    v = float(value)  # type: ignore[arg-type]
    return number(v, lang, 2 if 0 < abs(v) < 1000 else 0)


def percent(value: object, digits: int = 1) -> str:
    """A share as 12.3%; "—" when missing."""
    if missing(value):
        return MISSING
    return f"{float(value) * 100:.{digits}f}%"  # type: ignore[arg-type]


def ratio(value: object, lang: str = "zh") -> str:
    """A ratio such as ROI: 2.50 (large ones like other numbers: 1.2万)."""
    if missing(value):
        return MISSING
    v = float(value)  # type: ignore[arg-type]
    return f"{v:.2f}" if abs(v) < 1000 else number(v, lang, 0)


def days(value: object, lang: str = "zh") -> str:
    if missing(value):
        return MISSING
    n = f"{float(value):.0f}"  # type: ignore[arg-type]
    return f"{n} 天" if lang != "en" else f"{n} d"
