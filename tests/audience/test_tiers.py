"""RFM value tiers: scores against a pandas computation, tier rules, tiers as a dimension."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest
from tests.audience.conftest import transactions

from huashu.audience import parse_spec, preview, rfm_table
from huashu.audience.engine import table, to_pandas, write_table
from huashu.audience.spec import TierSpec
from huashu.audience.tiers import materialize_tiers
from huashu.domain import InputError


def _pandas_rfm(tx: pd.DataFrame, as_of: pd.Timestamp, bins: int = 5) -> pd.DataFrame:
    per = (
        tx[tx.ts <= as_of]
        .groupby("user_id")
        .agg(last=("ts", "max"), frequency=("ts", "size"), monetary=("amount", "sum"))
    )
    per["recency_days"] = ((as_of - per["last"]).dt.total_seconds() // 86400).astype("int64")

    def score(values: pd.Series, ascending: bool) -> pd.Series:
        rank = values.rank(method="min", ascending=ascending)
        pct = (rank - 1) / (len(values) - 1)
        return np.minimum(np.floor(pct * bins).astype("int64") + 1, bins)

    per["r_score"] = score(per.recency_days, ascending=False)
    per["f_score"] = score(per.frequency, ascending=True)
    per["m_score"] = score(per.monetary, ascending=True)
    per["rfm_score"] = per.r_score + per.f_score + per.m_score
    return per


def test_rfm_scores_match_pandas(con: Any, bank_users: pd.DataFrame) -> None:
    tx = transactions(bank_users.user_id.to_numpy())
    write_table(con, "transactions", tx)
    spec = TierSpec(transactions="transactions", as_of="2026-12-31")
    got = (
        to_pandas(rfm_table(table(con, "transactions"), spec, users=table(con, "users")))
        .set_index("user_id")
        .sort_index()
    )
    want = _pandas_rfm(tx, pd.Timestamp("2026-12-31"))
    active = got[got.frequency > 0]
    assert len(active) == len(want)
    for column in ("recency_days", "frequency", "r_score", "f_score", "m_score", "rfm_score"):
        assert (active[column].astype("int64") == want.loc[active.index, column]).all(), column
    assert np.allclose(active.monetary, want.loc[active.index, "monetary"])
    tier = np.where(want.rfm_score >= 12, "high", np.where(want.rfm_score >= 8, "mid", "low"))
    assert (active.value_tier.to_numpy() == tier).all()
    inactive = got[got.frequency == 0]
    assert len(inactive) == 5_000 - len(want) > 0
    assert set(inactive.value_tier) == {"inactive"}


def test_hand_checked_scores(con: Any) -> None:
    write_table(con, "users", pd.DataFrame({"user_id": [1, 2, 3, 4]}))
    tx = pd.DataFrame(
        {
            "user_id": [1, 1, 1, 2, 3],
            "ts": pd.to_datetime(
                ["2026-06-01", "2026-06-20", "2026-06-29", "2026-03-01", "2026-06-25"]
            ),
            "amount": [100.0, 200.0, 300.0, 50.0, 80.0],
        }
    )
    write_table(con, "transactions", tx)
    counts = materialize_tiers(
        con, "transactions", "users", "user_value", as_of="2026-06-30", user_id="user_id"
    )
    got = to_pandas(table(con, "user_value")).set_index("user_id").sort_index()
    assert got.recency_days.tolist()[:3] == [1, 121, 5]
    assert got.frequency.tolist() == [3, 1, 1, 0]
    # bins=5 over 3 active users: percent ranks 0, 0.5, 1 -> scores 1, 3, 5
    assert got.r_score.tolist() == [5, 1, 3, 0]
    assert got.f_score.tolist() == [5, 1, 1, 0]
    assert got.m_score.tolist() == [5, 1, 3, 0]
    assert got.value_tier.tolist() == ["high", "low", "low", "inactive"]
    assert counts == {"high": 1, "mid": 0, "low": 2, "inactive": 1}


def test_window_drops_old_transactions(con: Any) -> None:
    write_table(con, "users", pd.DataFrame({"user_id": [1, 2]}))
    write_table(
        con,
        "transactions",
        pd.DataFrame(
            {
                "user_id": [1, 2],
                "ts": pd.to_datetime(["2026-06-01", "2025-01-01"]),
                "amount": [1.0, 2.0],
            }
        ),
    )
    counts = materialize_tiers(
        con, "transactions", "users", "v", as_of="2026-06-30", window_days=90
    )
    assert counts["inactive"] == 1


def test_tiers_as_a_dimension(con: Any, bank_users: pd.DataFrame) -> None:
    write_table(con, "transactions", transactions(bank_users.user_id.to_numpy()))
    spec = parse_spec(
        {
            "min_size": 0,
            "small": "mark",
            "value_tiers": {"transactions": "transactions", "as_of": "2026-12-31"},
            "segments": [{"key": "vip", "rule": {"field": "rfm_score", "op": ">=", "value": 12}}],
            "cross": {
                "dimensions": [
                    {
                        "name": "tier",
                        "field": "value_tier",
                        "values": [
                            {"label": "高价值", "value": "high", "key": "high"},
                            {
                                "label": "其他",
                                "key": "rest",
                                "rule": {"field": "value_tier", "op": "!=", "value": "high"},
                            },
                        ],
                    }
                ]
            },
        },
        "t.yaml",
    )
    plan = preview(con, spec, profiles=False)
    sizes = plan.sizes()
    assert sizes["vip"] == sizes["high"] > 0
    assert sizes["high"] + sizes["rest"] == 5_000


@pytest.mark.parametrize(
    ("frame", "code", "message"),
    [
        (
            pd.DataFrame({"user_id": [1], "amount": [1.0]}),
            "unknown_field",
            "transactions table has no column 'ts'; columns: user_id, amount",
        ),
        (
            pd.DataFrame({"user_id": [1], "ts": ["2026-01-01"], "amount": [1.0]}),
            "wrong_type",
            "transactions column 'ts' must be timestamp, got string",
        ),
        (
            pd.DataFrame({"user_id": [1], "ts": pd.to_datetime(["2026-01-01"]), "amount": ["1"]}),
            "wrong_type",
            "transactions column 'amount' must be numeric, got string",
        ),
    ],
)
def test_bad_transactions(con: Any, frame: pd.DataFrame, code: str, message: str) -> None:
    write_table(con, "users", pd.DataFrame({"user_id": [1]}))
    write_table(con, "transactions", frame)
    with pytest.raises(InputError) as info:
        materialize_tiers(con, "transactions", "users", "v", as_of="2026-06-30")
    assert (info.value.code, str(info.value)) == (code, message)


def test_users_into_writes_the_tier_columns_onto_the_users(
    con: Any, bank_users: pd.DataFrame
) -> None:
    write_table(con, "transactions", transactions(bank_users.user_id.to_numpy()))
    counts = materialize_tiers(
        con, "transactions", "users", "user_value", as_of="2026-12-31", users_into="users_valued"
    )
    valued = to_pandas(table(con, "users_valued"))
    assert len(valued) == 5_000
    assert set(bank_users.columns) <= set(valued.columns)
    assert valued.value_tier.value_counts().to_dict() == {k: v for k, v in counts.items() if v}
