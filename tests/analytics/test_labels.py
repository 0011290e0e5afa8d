"""Numbers as Chinese readers read them (万 and 亿, percentages, "—" for missing, never
scientific notation) and in English; the words of models, steps and slices."""

from __future__ import annotations

import math

import pytest

from huashu.analytics import labels


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (21000, "zh", "2.1万"),
        (12560, "zh", "1.26万"),
        (905123.4, "zh", "90.5万"),
        (9503, "zh", "9,503"),
        (3.2e8, "zh", "3.2亿"),
        (-21000, "zh", "-2.1万"),
        (0, "zh", "0"),
        (-0.0001, "zh", "0"),
        (21000, "en", "21,000"),
        (1_260_000, "en", "1.26M"),
        (float("nan"), "zh", "—"),
        (None, "zh", "—"),
        (math.inf, "en", "—"),
    ],
)
def test_number(value: float | None, lang: str, expected: str) -> None:
    assert labels.number(value, lang) == expected


@pytest.mark.parametrize(
    ("function", "value", "expected"),
    [
        (labels.percent, 0.123, "12.3%"),
        (labels.percent, float("nan"), "—"),
        (labels.money, 72.064, "72.06"),
        (labels.money, 1778.5, "1,778"),
        (labels.money, 0.0, "0"),
        (labels.money, 51996.84, "5.2万"),
        (labels.ratio, 2.5, "2.50"),
        (labels.ratio, 1971.3, "1,971"),
        (labels.days, 12.0, "12 天"),
        (labels.days, float("nan"), "—"),
    ],
)
def test_formats(function: object, value: float, expected: str) -> None:
    assert function(value) == expected  # type: ignore[operator]


def test_words() -> None:
    assert labels.model_name("markov_2", "zh") == "2 阶马尔可夫"
    assert labels.model_name("markov_2", "en") == "Markov (order 2)"
    assert labels.model_name("first_touch", "zh") == "首次触点"
    assert labels.step_name("pay", "zh") == "付费"
    assert labels.step_name("custom_step", "zh") == "custom_step"
    assert labels.slice_word("segment_key", "zh") == "人群"
    assert labels.slice_name("(unknown)", "zh") == "未知"
    assert labels.slice_name("sms", "zh", {"sms": "短信"}) == "短信"
