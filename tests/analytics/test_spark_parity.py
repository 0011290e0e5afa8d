"""The same growth metrics, unit economics and attribution on DuckDB and on PySpark (local
mode) for a fixed synthetic fixture. One SparkSession for the module."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import ibis
import pandas as pd
import pyarrow as pa
import pytest

from huashu.analytics import cohorts, from_events, funnel, new_users, retention, unit_economics
from huashu.analytics.attribution import attribute
from huashu.analytics.tables import checked
from tests.analytics.fixtures import load, synthetic_tables
from tests.spark import PYSPARK_WARNINGS, local_session, spark_sockets

pytestmark = PYSPARK_WARNINGS


@pytest.fixture(scope="module")
def engines(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, Any]]:
    tables = synthetic_tables()
    duck = load(tmp_path_factory.mktemp("duck") / "events.duckdb", tables)
    session = local_session("huashu-analytics-parity", tmp_path_factory.mktemp("spark-warehouse"))
    typed = {name: checked(name, tables[name]) for name in ("signups", "actions", "costs")}
    typed["events"] = tables["events"]
    for name, frame in typed.items():
        arrow = pa.Table.from_pandas(frame, preserve_index=False)
        session.createDataFrame(arrow).createOrReplaceTempView(name)
    yield duck.backend, ibis.pyspark.connect(session)
    with spark_sockets():
        session.stop()
    duck.close()


def _same(left: pd.DataFrame, right: pd.DataFrame) -> None:
    keys = [c for c in ("slice", "start", "cohort", "offset", "step_index") if c in left]
    left = left.sort_values(keys).reset_index(drop=True)
    right = right.sort_values(keys).reset_index(drop=True)
    pd.testing.assert_frame_equal(left, right, check_dtype=False, rtol=1e-9)


METRICS: list[tuple[str, Callable[[Any], pd.DataFrame]]] = [
    ("new_users_week_channel", lambda con: new_users(con, by="channel", period="week")),
    ("retention_campaign", lambda con: retention(con, days=(1, 7, 14), by="campaign")),
    ("cohorts_week", lambda con: cohorts(con, period="week", max_offset=4, as_of="2026-04-20")),
    (
        "funnel_creator",
        lambda con: funnel(con, ["impression", "click", "register", "pay"], by="creator"),
    ),
    ("roi_channel", lambda con: unit_economics(con, by="channel")),
]


@pytest.mark.parametrize(("name", "metric"), METRICS, ids=[m[0] for m in METRICS])
def test_same_metrics_on_duckdb_and_pyspark(
    engines: tuple[Any, Any], name: str, metric: Callable[[Any], pd.DataFrame]
) -> None:
    duck, spark = engines
    expected = metric(duck)
    assert len(expected) > 0
    with spark_sockets():
        got = metric(spark)
    _same(expected, got)


def test_same_attribution_on_duckdb_and_pyspark(engines: tuple[Any, Any]) -> None:
    duck, spark = engines
    left, unattributed_left = from_events(duck)
    with spark_sockets():
        right, unattributed_right = from_events(spark)
    assert unattributed_left == unattributed_right
    a = attribute(left, orders=(1, 2))
    b = attribute(right, orders=(1, 2))
    assert a.total_conversions > 20
    pd.testing.assert_frame_equal(a.conversions, b.conversions, rtol=1e-9)
    pd.testing.assert_frame_equal(a.value, b.value, rtol=1e-9)
