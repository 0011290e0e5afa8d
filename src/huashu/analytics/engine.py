"""Running analytics expressions on the events engine: quiet calls, results as pandas/arrow."""

from __future__ import annotations

from typing import Any

from ibis.common.exceptions import TableNotFound

from huashu.domain import InputError
from huashu.events.results import quiet as quiet
from huashu.events.results import scalar as scalar
from huashu.events.results import to_pandas as to_pandas


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
