"""Growth metrics and unit economics on the hand-checked fixture (figures worked out by hand
in tests/analytics/fixtures.py's journeys)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from huashu.analytics.service import Metrics
from huashu.domain import InputError
from tests.analytics.fixtures import hand_tables, load


@pytest.fixture(scope="module")
def metrics(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Metrics]:
    store = load(tmp_path_factory.mktemp("growth") / "events.duckdb", hand_tables())
    yield Metrics(store)
    store.close()


def test_new_users_per_day_and_week(metrics: Metrics) -> None:
    daily = metrics.new_users()
    assert [(str(d), n) for d, n in zip(daily.start, daily.new_users, strict=True)] == [
        ("2026-01-05", 2),
        ("2026-01-06", 1),
        ("2026-01-12", 1),
    ]
    weekly = metrics.new_users(by="channel", period="week")
    assert sorted(zip(weekly.start.astype(str), weekly.slice, weekly.new_users, strict=True)) == [
        ("2026-01-05", "home_card", 1),
        ("2026-01-05", "sms", 2),
        ("2026-01-12", "dsp", 1),
    ]


def test_retention_d1_d7_d30(metrics: Metrics) -> None:
    row = metrics.retention().iloc[0]
    assert (row.users, row.d1_retained, row.d7_retained, row.d30_retained) == (4, 3, 2, 1)
    assert (row.d1_rate, row.d7_rate, row.d30_rate) == (0.75, 0.5, 0.25)
    early = metrics.retention(as_of="2026-02-05").iloc[0]
    assert (early.d30_eligible, early.d30_retained) == (3, 0)
    by = metrics.retention(by="channel").set_index("slice")
    assert by.loc["sms", "d7_rate"] == 1.0
    assert by.loc["home_card", "d1_rate"] == 1.0


def test_daily_cohorts(metrics: Metrics) -> None:
    frame = metrics.cohorts(period="day", max_offset=2)
    got = {
        (str(c), o): (a, n)
        for c, o, a, n in frame[["cohort", "offset", "active", "cohort_size"]].itertuples(
            index=False
        )
    }
    assert got[("2026-01-05", 1)] == (2, 2)
    assert got[("2026-01-06", 2)] == (1, 1)
    assert got[("2026-01-12", 1)] == (0, 1)


def test_ordered_funnel(metrics: Metrics) -> None:
    frame = metrics.funnel(["impression", "click", "register", "pay"])
    assert frame["users"].tolist() == [4, 3, 2, 1]
    assert frame["rate_from_first"].tolist() == [1.0, 0.75, 0.5, 0.25]
    by = metrics.funnel(["impression", "click", "register", "pay"], by="channel")
    assert by[by.slice == "sms"]["users"].tolist() == [2, 2, 1, 1]
    windowed = metrics.funnel(["impression", "click", "register", "pay"], within_days=3)
    assert windowed["users"].tolist() == [4, 3, 2, 0]


def test_unit_economics_by_channel(metrics: Metrics) -> None:
    frame = metrics.economics(by="channel").set_index("slice")
    sms = frame.loc["sms"]
    assert (sms.new_users, sms.payers, sms.revenue, sms.cost) == (2, 2, 200.0, 160.0)
    assert (sms.arpu, sms.cac, sms.roi, sms.payback_days) == (100.0, 80.0, 1.25, 7.0)
    assert frame.loc["dsp", "payback_days"] == 30.0
    assert frame.loc["home_card", "roi"] == 0.0
    assert frame["payback_days"].isna().tolist() == [False, True, False]
    total = metrics.economics(by=None).iloc[0]
    assert (total.revenue, total.cost, total.roi, total.arppu) == (700.0, 400.0, 1.75, 700 / 3)


def test_costs_without_users_still_count(metrics: Metrics) -> None:
    frame = metrics.economics(by="creator").set_index("slice")
    assert frame.loc["kolA", "roi"] == pytest.approx(0.7)
    assert frame.loc["(unknown)", "cost"] == 100.0
    seg = metrics.economics(by="segment_key")
    assert seg["cost"].isna().all()


def test_attribution_from_the_event_log(metrics: Metrics) -> None:
    result, unattributed = metrics.attribution(orders=(1, 2))
    assert unattributed == 0
    assert (result.paths, result.total_conversions, result.total_value) == (4, 2.0, 150.0)
    table = result.conversions
    assert table.loc["sms", "first_touch"] == 2.0
    assert table.loc["home_card", "last_touch"] == 1.0
    assert table.loc["sms", "linear"] == pytest.approx(4 / 3)
    assert table.loc["dsp"].sum() == 0.0


@pytest.mark.parametrize(
    ("call", "code", "message"),
    [
        (
            lambda m: m.retention(days=[0]),
            "bad_retention_days",
            "retention days must be positive integers",
        ),
        (lambda m: m.funnel(["click"]), "bad_funnel", "a funnel needs at least two steps"),
        (
            lambda m: m.economics(by="city"),
            "bad_slice",
            "cannot slice by 'city'; expected one of campaign, channel, segment_key, "
            "creative_id, creator",
        ),
        (
            lambda m: m.attribution(key="slot"),
            "bad_attribution_key",
            "cannot attribute by 'slot'; expected channel, creative_id or segment_key",
        ),
        (
            lambda m: m.chart("pie"),
            "unknown_chart",
            "unknown chart 'pie'; expected one of cohorts, funnel, roi, attribution",
        ),
    ],
)
def test_bad_requests(metrics: Metrics, call: object, code: str, message: str) -> None:
    with pytest.raises(InputError) as info:
        call(metrics)  # type: ignore[operator]
    assert (info.value.code, str(info.value)) == (code, message)
