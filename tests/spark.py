"""PySpark local mode for the parity suites: one session builder, the warnings pyspark raises
under pandas 3 (filtered by name, in those modules only), and its unclosed result sockets."""

from __future__ import annotations

import gc
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

PYSPARK_WARNINGS = [
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


def local_session(app_name: str, warehouse: Path) -> Any:
    """A ``local[2]`` SparkSession without UI, 4 shuffle partitions, UTC."""
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName(app_name)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.warehouse.dir", str(warehouse))
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session


@contextmanager
def spark_sockets() -> Iterator[None]:
    """pyspark's toPandas leaves its result socket unclosed (a pyspark leak, not ours): the
    ResourceWarning is ignored while Spark runs and the garbage collected before leaving."""
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message="unclosed <socket.socket", category=ResourceWarning
        )
        yield
        gc.collect()
