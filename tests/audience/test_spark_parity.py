"""The same segment files give the same sizes (and overlaps) on DuckDB and on PySpark (local
mode) for both example packs, value tiers included. One SparkSession for the module."""

from __future__ import annotations

import gc
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import ibis
import pandas as pd
import pyarrow as pa
import pytest
from tests.audience.conftest import EXAMPLES, population, transactions

from huashu.audience import load_spec, preview
from huashu.audience.engine import write_table
from huashu.audience.spec import TierSpec

pytestmark = [
    pytest.mark.filterwarnings(
        "ignore:The copy keyword is deprecated:pandas.errors.Pandas4Warning"
    ),
    pytest.mark.filterwarnings(
        "ignore:The 'future.infer_string' option is deprecated:pandas.errors.Pandas4Warning"
    ),
    pytest.mark.filterwarnings("ignore:is_datetime64tz_dtype is deprecated:DeprecationWarning"),
    pytest.mark.filterwarnings(
        "ignore:distutils Version classes are deprecated:DeprecationWarning"
    ),
]


@contextmanager
def _spark_sockets() -> Iterator[None]:
    """pyspark's toPandas leaves its result socket unclosed (a pyspark leak, not ours): its
    ResourceWarning is ignored while Spark runs, and the garbage is collected before leaving."""
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message="unclosed <socket.socket", category=ResourceWarning
        )
        yield
        gc.collect()


@pytest.fixture(scope="module")
def spark(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from pyspark.sql import SparkSession

    warehouse = tmp_path_factory.mktemp("spark-warehouse")
    session = (
        SparkSession.builder.master("local[2]")
        .appName("huashu-parity")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.warehouse.dir", str(warehouse))
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _spark_con(spark: Any, tables: dict[str, pd.DataFrame]) -> Any:
    for name, frame in tables.items():
        spark.createDataFrame(
            pa.Table.from_pandas(frame, preserve_index=False)
        ).createOrReplaceTempView(name)
    return ibis.pyspark.connect(spark)


def _duck_con(tmp_path: Path, tables: dict[str, pd.DataFrame]) -> Any:
    con = ibis.duckdb.connect(tmp_path / "parity.duckdb")
    for name, frame in tables.items():
        write_table(con, name, frame)
    return con


@pytest.mark.parametrize("pack", ["cosmetics_xhs", "rural_bank"])
def test_same_sizes_on_duckdb_and_pyspark(spark: Any, tmp_path: Path, pack: str) -> None:
    users = population(pack, 4_000, seed=5)
    tables = {"users": users}
    spec = load_spec(EXAMPLES / "segments" / f"{pack}.yaml")
    if pack == "rural_bank":
        tables["transactions"] = transactions(users.user_id.to_numpy(), seed=2)
        spec = replace(spec, value_tiers=TierSpec(transactions="transactions", as_of="2026-12-31"))
    duck = preview(_duck_con(tmp_path, tables), spec, profiles=False)
    with _spark_sockets():
        pyspark = preview(_spark_con(spark, tables), spec, profiles=False)
    assert duck.population == pyspark.population == 4_000
    assert [(s.key, s.status) for s in duck.segments] == [
        (s.key, s.status) for s in pyspark.segments
    ]
    assert duck.sizes() == pyspark.sizes()
    assert (duck.overlap == pyspark.overlap).all()
    assert sum(s.size for s in duck.segments if s.kind != "rule") == 4_000
