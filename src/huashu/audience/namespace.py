"""User tables' own namespace in the events engine.

Every table an operator names (an import's target, value tiers, a segment file's ``users`` and
``value_tiers`` tables, ``apply``'s members table) is a *logical* name stored as
``seg_<name>``; no table of the app itself (``events``, ``decisions``, and in the shared
PostgreSQL layout every table of the operational store) starts with ``seg_``, so no name an
operator can type reaches one. The CLI and the API map names here; the library functions in
:mod:`huashu.audience` take the physical names they are given.
"""

from __future__ import annotations

import dataclasses
import re

from huashu.audience.spec import SegmentSpec
from huashu.domain import InputError

PREFIX = "seg_"
#: longest logical name: ``seg_`` + 48 + ``_catalog`` stays within PostgreSQL's 63 bytes
MAX_NAME = 48
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def check_name(name: str, what: str = "table") -> str:
    """``name`` when it is a valid logical table name, else a 422 naming ``what``."""
    if not isinstance(name, str) or not _NAME.fullmatch(name) or len(name) > MAX_NAME:
        shown = name[:60] if isinstance(name, str) else name
        raise InputError(
            f"{what} name {shown!r} is not allowed: use 1-{MAX_NAME} ASCII letters, digits or "
            "'_', not starting with a digit (e.g. users, transactions)",
            message_zh=(
                f"{what} 名称 {shown!r} 不合法：只能用 1 到 {MAX_NAME} 个英文字母、数字或下划线，"
                "且不能以数字开头（如 users、transactions）"
            ),
            code="bad_table_name",
            details={"field": what},
        )
    return name


def user_table(name: str, what: str = "table") -> str:
    """The physical table of logical user table ``name`` (``users`` -> ``seg_users``)."""
    return PREFIX + check_name(name, what)


def logical(physical: str) -> str:
    """The logical name of a physical user table (``seg_users`` -> ``users``)."""
    return physical[len(PREFIX) :] if physical.startswith(PREFIX) else physical


def is_user_table(physical: str) -> bool:
    return physical.lower().startswith(PREFIX)


def user_spec(spec: SegmentSpec) -> SegmentSpec:
    """``spec`` with its user table and value-tier tables mapped into the namespace."""
    tiers = spec.value_tiers
    if tiers is not None:
        tiers = dataclasses.replace(
            tiers,
            transactions=None
            if tiers.transactions is None
            else user_table(tiers.transactions, "value_tiers.transactions"),
            table=None if tiers.table is None else user_table(tiers.table, "value_tiers.table"),
        )
    return dataclasses.replace(spec, users=user_table(spec.users, "users"), value_tiers=tiers)
