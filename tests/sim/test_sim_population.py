"""Population draws: shares, conditional shares, ranges, dtypes, seeding and speed."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from huashu.domain import InputError
from huashu.sim import World

N = 100_000


@pytest.fixture(scope="module")
def bank_users(bank: World) -> pd.DataFrame:
    return bank.population(N, seed=11)


def test_columns_and_dtypes(bank_users: pd.DataFrame) -> None:
    assert list(bank_users.columns) == [
        "user_id",
        "occupation",
        "rate_discount_eligible",
        "region",
        "age",
        "value_tier",
    ]
    assert bank_users["user_id"].dtype == np.int64
    assert bank_users["user_id"].tolist() == list(range(N))
    assert bank_users["rate_discount_eligible"].dtype == bool
    assert bank_users["age"].dtype == np.int64
    assert pd.api.types.is_string_dtype(bank_users["occupation"])


@pytest.mark.parametrize(
    ("column", "expected"),
    [
        (
            "occupation",
            {"livestock": 0.25, "crop": 0.30, "smb": 0.15, "merchant": 0.15, "salaried": 0.15},
        ),
        ("region", {"north": 0.2, "south": 0.2, "east": 0.2, "west": 0.2, "central": 0.2}),
    ],
)
def test_categorical_shares(
    bank_users: pd.DataFrame, column: str, expected: dict[str, float]
) -> None:
    shares = bank_users[column].value_counts(normalize=True).to_dict()
    assert set(shares) == set(expected)
    for value, share in expected.items():
        assert shares[value] == pytest.approx(share, abs=0.006)


def test_conditional_bool_probability(bank_users: pd.DataFrame) -> None:
    rates = bank_users.groupby("occupation")["rate_discount_eligible"].mean().to_dict()
    expected = {"livestock": 0.55, "crop": 0.60, "smb": 0.30, "merchant": 0.25, "salaried": 0.15}
    for occupation, p in expected.items():
        assert rates[occupation] == pytest.approx(p, abs=0.02)


def test_conditional_categorical_shares(bank_users: pd.DataFrame) -> None:
    smb = bank_users.loc[bank_users["occupation"] == "smb", "value_tier"]
    shares = smb.value_counts(normalize=True).to_dict()
    assert shares == pytest.approx({"high": 0.35, "mid": 0.45, "low": 0.20}, abs=0.02)


def test_integer_range_is_uniform_and_inclusive(bank_users: pd.DataFrame) -> None:
    age = bank_users["age"]
    assert (age.min(), age.max()) == (20, 65)
    assert age.mean() == pytest.approx(42.5, abs=0.2)


def test_conditional_integer_ranges_and_gender_skew(cosmetics: World) -> None:
    users = cosmetics.population(N, seed=3)
    bounds = users.groupby("age_band")["age"].agg(["min", "max"]).to_dict("index")
    assert bounds == {
        "student": {"min": 17, "max": 23},
        "young_pro": {"min": 22, "max": 32},
        "mature": {"min": 30, "max": 45},
    }
    oily = users.groupby("gender")["skin_type"].apply(lambda s: (s == "oily").mean()).to_dict()
    assert oily["male"] == pytest.approx(0.65, abs=0.015)
    assert oily["female"] == pytest.approx(0.35, abs=0.01)


def test_same_seed_same_users_other_seed_other_users(bank: World) -> None:
    pd.testing.assert_frame_equal(bank.population(2_000, seed=5), bank.population(2_000, seed=5))
    assert not bank.population(2_000, seed=5).equals(bank.population(2_000, seed=6))


def test_hundred_thousand_users_one_row_each(bank: World, cosmetics: World) -> None:
    for world in (bank, cosmetics):
        users = world.population(N, seed=1)
        assert len(users) == N and users["user_id"].is_unique


def test_zero_users_gives_empty_frame_with_columns(bank: World) -> None:
    users = bank.population(0, seed=1)
    assert len(users) == 0
    assert "occupation" in users.columns


@pytest.mark.parametrize(
    ("n_users", "error", "message"),
    [
        (-1, InputError, "n_users must be a whole number >= 0, got -1"),
        (2.5, InputError, "n_users must be a whole number >= 0, got 2.5"),
    ],
)
def test_bad_user_counts(
    bank: World, n_users: object, error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        bank.population(n_users, seed=1)  # type: ignore[arg-type]
    assert str(caught.value) == message
