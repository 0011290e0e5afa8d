"""Running analytics expressions on the events engine: quiet calls, results as pandas/arrow."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pandas as pd
from ibis.common.exceptions import TableNotFound
from pandas.errors import Pandas4Warning

from huashu.domain import InputError


@contextmanager
def quiet() -> Iterator[None]:
    """Silence deprecation notices duckdb 2 and pandas 3 raise inside Ibis' own calls."""
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


def error(message: str, message_zh: str, code: str, **details: object) -> InputError:
    return InputError(message, message_zh=message_zh, code=code, details=details)


def table(con: Any, name: str) -> Any:
    """Table ``name`` of the backend, or an :class:`InputError` naming it."""
    try:
        with quiet():
            return con.table(name)
    except TableNotFound as err:
        raise error(
            f"table '{name}' does not exist in the events engine",
            f"事件引擎中没有表 '{name}'",
            "unknown_table",
            table=name,
        ) from err
