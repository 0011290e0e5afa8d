"""Concepts from the development sets' remaining misses (session X, 2026-12-07: the long tail
left after round 64), each checked on wordings of its own (not the sets' text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # A figure credited to "a study" or "a survey" names no source (广告法第十一条).
    (
        "cited-data",
        "general",
        "home_card",
        "调查显示，七成上班族每天喝水不够，一天一瓶刚刚好",
        "block",
    ),
    ("cited-data", "general", "dsp", "研究证实，坚持用3个月，头发密度提升2倍", "block"),
    (
        "cited-data",
        "finance",
        "app_push",
        "数据显示，用我们的记账App，年轻人攒钱速度快了40%",
        "block",
    ),
    (
        "cited-data",
        "general",
        "xiaohongshu",
        "有研究发现，每天走8000步的人比久坐的人睡得好3倍",
        "block",
    ),
    # named sources, and a study with no figure
    (
        "cited-data",
        "finance",
        "home_card",
        "据中国银行业协会《2024年度报告》，手机银行用户占比超过八成",
        "pass",
    ),
    (
        "cited-data",
        "general",
        "home_card",
        "研究显示，65%的受访者更看重售后（来源：某咨询公司2025年问卷，样本1000人）",
        "pass",
    ),
    ("cited-data", "general", "home_card", "研究表明，规律作息有助于睡眠", "pass"),
]
