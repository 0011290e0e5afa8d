"""Fixtures for the audience tests: a DuckDB events engine in tmp_path and simulator users."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ibis
import numpy as np
import pandas as pd
import pytest

from huashu.audience.engine import quiet, write_table
from huashu.sim import load_world

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def con(tmp_path: Path) -> Iterator[Any]:
    backend = ibis.duckdb.connect(tmp_path / "events.duckdb")
    yield backend
    with quiet():
        backend.disconnect()


def population(pack: str, n: int, seed: int = 3) -> pd.DataFrame:
    return load_world(EXAMPLES / f"{pack}.world.yaml").population(n, seed)


@pytest.fixture
def bank_users(con: Any) -> pd.DataFrame:
    users = population("rural_bank", 5_000)
    write_table(con, "users", users)
    return users


def transactions(user_ids: np.ndarray, seed: int = 11) -> pd.DataFrame:
    """A seeded transactions table: 0-6 purchases per user over 2026, lognormal amounts."""
    rng = np.random.default_rng(seed)
    counts = rng.poisson(2.0, len(user_ids))
    owner = np.repeat(user_ids, counts)
    day = rng.integers(0, 365, len(owner))
    return pd.DataFrame(
        {
            "user_id": owner,
            "ts": pd.Timestamp("2026-01-01") + pd.to_timedelta(day, unit="D"),
            "amount": np.round(rng.lognormal(5.0, 1.0, len(owner)), 2),
        }
    )
