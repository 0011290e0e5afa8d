"""Running Ibis expressions on the events engine: quiet calls, results as pandas or Python.

duckdb 2 and pandas 3 raise deprecation notices inside Ibis' own calls (not ours to fix);
every module that executes expressions goes through these helpers so warnings stay errors
everywhere else.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pandas as pd
from pandas.errors import Pandas4Warning


@contextmanager
def quiet() -> Iterator[None]:
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message=r"fetch_\w+\(\) is deprecated", category=DeprecationWarning
        )
        warnings.filterwarnings(
            "ignore",
            message=r"The 'future\.infer_string' option is deprecated",
            category=Pandas4Warning,
        )
        yield


def to_pandas(expr: Any) -> pd.DataFrame:
    with quiet():
        frame: pd.DataFrame = expr.to_pyarrow().to_pandas()
    return frame


def scalar(expr: Any) -> Any:
    with quiet():
        return expr.to_pyarrow().as_py()
