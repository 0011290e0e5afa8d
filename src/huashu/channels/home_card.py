"""App home-page card: a short title, a subtitle carrying the offer, and a call to action."""

from __future__ import annotations

from huashu.channels.base import ChannelSpec, FieldSpec

HOME_CARD = ChannelSpec(
    name="home_card",
    label_zh="首页卡片",
    fields=(
        FieldSpec("title", "标题", ("hook",), max_chars=16),
        FieldSpec("subtitle", "副标题", ("benefit", "offer"), max_chars=40),
        FieldSpec("cta", "按钮", ("cta",), max_chars=8),
    ),
    notes_zh="标题不超过16字，副标题不超过40字，按钮不超过8字；贷款类须展示年化利率。",
)
