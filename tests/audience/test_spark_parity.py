"""The same segment files give the same sizes (and overlaps) on DuckDB and on PySpark (local
mode) for both example packs, value tiers included. One SparkSession for the module."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import ibis
import pandas as pd
import pyarrow as pa
import pytest
from tests.audience.conftest import EXAMPLES, population, transactions
from tests.spark import PYSPARK_WARNINGS, local_session, spark_sockets

from huashu.audience import load_spec, preview
from huashu.audience.engine import write_table
from huashu.audience.spec import TierSpec

pytestmark = PYSPARK_WARNINGS


@pytest.fixture(scope="module")
def spark(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    warehouse = tmp_path_factory.mktemp("spark-warehouse")
    session = local_session("huashu-parity", warehouse)
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
    with spark_sockets():
        pyspark = preview(_spark_con(spark, tables), spec, profiles=False)
    assert duck.population == pyspark.population == 4_000
    assert [(s.key, s.status) for s in duck.segments] == [
        (s.key, s.status) for s in pyspark.segments
    ]
    assert duck.sizes() == pyspark.sizes()
    assert (duck.overlap == pyspark.overlap).all()
    assert sum(s.size for s in duck.segments if s.kind != "rule") == 4_000
