"""Value tiers: RFM scores from a transactions table, and the documented "high-value" tier.

Recency, frequency and monetary value per user are scored 1..``bins`` by their percent rank
(ties share a score, so every engine gives the same answer); ``rfm_score`` is their sum and
``value_tier`` is ``high`` (score >= ``high_min``), ``mid`` (>= ``mid_min``), ``low``, or
``inactive`` for users without a transaction in the window.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import ibis

from huashu.audience.engine import (
    create_table,
    overwrite_error,
    scalar,
    shown_name,
    table,
    to_pandas,
)
from huashu.audience.spec import TierSpec
from huashu.domain import InputError

TIERS = ("high", "mid", "low", "inactive")
TIER_LABELS = {"high": "高价值", "mid": "中价值", "low": "低价值", "inactive": "无消费"}
RFM_COLUMNS = (
    "recency_days",
    "frequency",
    "monetary",
    "r_score",
    "f_score",
    "m_score",
    "rfm_score",
    "value_tier",
)


def _as_of(spec: TierSpec, transactions: Any) -> dt.datetime:
    if spec.as_of is None:
        latest = scalar(transactions[spec.time_column].max())
        if latest is None:
            raise InputError(
                "the transactions table is empty",
                message_zh="交易表为空，无法计算价值分层",
                code="empty_transactions",
            )
        return latest if isinstance(latest, dt.datetime) else dt.datetime.fromisoformat(str(latest))
    try:
        return dt.datetime.fromisoformat(spec.as_of)
    except ValueError as err:
        raise InputError(
            f"value_tiers.as_of must be an ISO date, got {spec.as_of!r}",
            message_zh=f"value_tiers.as_of 应为 ISO 日期（如 2026-11-01），收到 {spec.as_of!r}",
            code="bad_segment_file",
            details={"where": "value_tiers.as_of"},
        ) from err


def _check_columns(spec: TierSpec, transactions: Any) -> None:
    schema = transactions.schema()
    wanted = {
        spec.user_column: "any",
        spec.time_column: "timestamp",
        spec.amount_column: "numeric",
    }
    for column, kind in wanted.items():
        if column not in schema:
            raise InputError(
                f"transactions table has no column '{column}'; columns: {', '.join(schema.names)}",
                message_zh=f"交易表缺少列 '{column}'；现有列：{'、'.join(schema.names)}",
                code="unknown_field",
                details={"field": column},
            )
        dtype = schema[column]
        ok = (
            kind == "any"
            or (kind == "numeric" and dtype.is_numeric())
            or (kind == "timestamp" and (dtype.is_timestamp() or dtype.is_date()))
        )
        if not ok:
            raise InputError(
                f"transactions column '{column}' must be {kind}, got {dtype}",
                message_zh=f"交易表列 '{column}' 应为 {kind} 类型，实际为 {dtype}",
                code="wrong_type",
                details={"field": column, "expected": kind, "got": str(dtype)},
            )


def _score(column: Any, bins: int, descending: bool = False) -> Any:
    order = ibis.desc(column) if descending else ibis.asc(column)
    rank = ibis.percent_rank().over(order_by=order)
    return ibis.least((rank * bins).floor().cast("int64") + 1, bins)


def rfm_table(
    transactions: Any, spec: TierSpec, users: Any | None = None, user_id: str = "user_id"
) -> Any:
    """An Ibis table of :data:`RFM_COLUMNS` keyed by ``user_id``.

    With ``users``, every user appears (those without transactions are ``inactive`` with zero
    scores); without it, only users with transactions.
    """
    _check_columns(spec, transactions)
    as_of = _as_of(spec, transactions)
    t = transactions
    ts = t[spec.time_column].cast("timestamp")
    kept = t.filter(ts <= ibis.literal(as_of))
    if spec.window_days is not None:
        kept = kept.filter(ts > ibis.literal(as_of - dt.timedelta(days=spec.window_days)))
    as_of_s = int(as_of.replace(tzinfo=dt.UTC).timestamp())
    per_user = kept.group_by(kept[spec.user_column].name(user_id)).aggregate(
        last_s=kept[spec.time_column].cast("timestamp").max().epoch_seconds(),
        frequency=kept.count(),
        monetary=kept[spec.amount_column].sum().cast("float64"),
    )
    per_user = per_user.mutate(
        recency_days=((as_of_s - per_user.last_s) / 86400).floor().cast("int64")
    )
    scored = per_user.mutate(
        r_score=_score(per_user.recency_days, spec.bins, descending=True),
        f_score=_score(per_user.frequency, spec.bins),
        m_score=_score(per_user.monetary, spec.bins),
    )
    scored = scored.mutate(rfm_score=scored.r_score + scored.f_score + scored.m_score)
    if users is not None:
        ids = users.select(users[user_id])
        scored = ids.left_join(scored, user_id).select(
            user_id,
            recency_days=scored.recency_days,
            frequency=scored.frequency.fill_null(0),
            monetary=scored.monetary.fill_null(0.0),
            r_score=scored.r_score.fill_null(0),
            f_score=scored.f_score.fill_null(0),
            m_score=scored.m_score.fill_null(0),
            rfm_score=scored.rfm_score.fill_null(0),
        )
    tier = ibis.cases(
        (scored.frequency == 0, "inactive"),
        (scored.rfm_score >= spec.high_min, "high"),
        (scored.rfm_score >= spec.mid_min, "mid"),
        else_="low",
    )
    return scored.mutate(value_tier=tier).select(user_id, *RFM_COLUMNS)


def with_tiers(con: Any, users: Any, spec: TierSpec | None, user_id: str) -> Any:
    """``users`` with the RFM columns joined on, when the segment file asks for value tiers.

    The tier columns replace user columns of the same name (e.g. an older ``value_tier``)."""
    if spec is None:
        return users
    if spec.table is not None:
        tiers = table(con, spec.table)
        missing = [c for c in ("value_tier",) if c not in tiers.schema()]
        if missing or user_id not in tiers.schema():
            shown = shown_name(spec.table)
            raise InputError(
                f"value tier table '{shown}' needs columns {user_id} and value_tier",
                message_zh=f"价值分层表 '{shown}' 需要列 {user_id} 和 value_tier",
                code="unknown_field",
                details={"table": shown},
            )
        extra = [c for c in tiers.columns if c != user_id]
        tiers = tiers.select(user_id, *extra)
    else:
        assert spec.transactions is not None
        tiers = rfm_table(table(con, spec.transactions), spec, users=None, user_id=user_id)
        extra = [c for c in tiers.columns if c != user_id]
    kept = [users[c] for c in users.columns if c not in extra]
    joined = users.left_join(tiers, user_id).select(*kept, *[tiers[c] for c in extra])
    if "value_tier" in extra:
        joined = joined.mutate(value_tier=joined.value_tier.fill_null("inactive"))
    for column in ("frequency", "rfm_score", "r_score", "f_score", "m_score"):
        if column in extra:
            joined = joined.mutate(**{column: joined[column].fill_null(0)})
    return joined


def materialize_tiers(
    con: Any,
    transactions: str,
    users: str,
    into: str,
    *,
    as_of: str | None = None,
    window_days: int | None = None,
    user_id: str = "user_id",
    users_into: str | None = None,
) -> dict[str, int]:
    """Write every user's RFM scores and tier to table ``into``; return users per tier.

    With ``users_into``, also write the users table with the tier columns added (for repeated
    sizing of large populations: no join at query time)."""
    for written in (into, users_into):
        if written is not None and written in (transactions, users):
            raise overwrite_error(written)
    if users_into == into:
        raise overwrite_error(into)
    spec = TierSpec(transactions=transactions, as_of=as_of, window_days=window_days)
    scored = rfm_table(table(con, transactions), spec, users=table(con, users), user_id=user_id)
    stored = create_table(con, into, scored)
    if users_into is not None:
        joined = with_tiers(con, table(con, users), TierSpec(table=into), user_id)
        create_table(con, users_into, joined)
    counts = to_pandas(stored.group_by("value_tier").aggregate(n=stored.count()))
    found = dict(zip(counts["value_tier"], counts["n"].astype(int), strict=True))
    return {tier: int(found.get(tier, 0)) for tier in TIERS}
