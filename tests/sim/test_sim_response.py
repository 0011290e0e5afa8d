"""Click probabilities, drawn responses, true effects and the null world."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from huashu.domain import InputError
from huashu.sim import World


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


@pytest.fixture
def two_users() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "user_id": [0, 1],
            "occupation": ["livestock", "salaried"],
            "rate_discount_eligible": [True, False],
            "region": ["north", "east"],
            "age": [40, 28],
            "value_tier": ["high", "low"],
        }
    )


def test_click_prob_matches_hand_computed_logistic(bank: World, two_users: pd.DataFrame) -> None:
    texts = ["养殖补栏优惠，就近网点咨询", "线上申请，点击查看额度", "春天来了"]
    got = bank.click_prob(two_users, texts, "sms", position=2)
    shift = -0.4 - 0.3
    expected = [
        [
            _sigmoid(-3.9 + shift + 0.7 + 0.5 + 0.5 - 0.2),
            _sigmoid(-3.9 + shift),
            _sigmoid(-3.9 + shift),
        ],
        [
            _sigmoid(-3.4 + shift - 0.1 - 0.3),
            _sigmoid(-3.4 + shift + 0.5 + 0.4),
            _sigmoid(-3.4 + shift),
        ],
    ]
    assert got.shape == (2, 3)
    np.testing.assert_allclose(got, expected, rtol=1e-12)


def test_high_value_and_everyone_rules(bank: World, two_users: pd.DataFrame) -> None:
    got = bank.click_prob(two_users, ["30万元额度，利率全县领先"], "home_card")
    np.testing.assert_allclose(
        got[:, 0], [_sigmoid(-3.9 + 0.3 + 0.2), _sigmoid(-3.4 + 0.4 + 0.2)], rtol=1e-12
    )


def test_pairs_equal_the_matrix_picks(bank: World, bank_creatives: list[str]) -> None:
    users = bank.population(3_000, seed=2)
    index = np.random.default_rng(0).integers(0, len(bank_creatives), len(users))
    full = bank.click_prob(users, bank_creatives, "home_card", position=3)
    pairs = bank.click_prob_pairs(users, index, bank_creatives, "home_card", position=3)
    np.testing.assert_allclose(pairs, full[np.arange(len(users)), index], rtol=1e-12)


def test_position_may_differ_per_user(bank: World, two_users: pd.DataFrame) -> None:
    texts = ["立即申请"]
    got = bank.click_prob_pairs(two_users, [0, 0], texts, "home_card", position=[1, 3])
    np.testing.assert_allclose(got, [_sigmoid(-3.9), _sigmoid(-3.4 - 0.5)], rtol=1e-12)


def test_realistic_ctr_range(bank: World, cosmetics: World, bank_creatives: list[str]) -> None:
    users = bank.population(5_000, seed=4)
    mean = bank.click_prob(users, bank_creatives, "home_card").mean()
    # in-app cards to the bank's own customers, most naming an occupation: a few percent
    assert 0.015 < mean < 0.06


def test_respond_ctr_matches_click_prob_within_three_standard_errors(
    bank: World, bank_creatives: list[str]
) -> None:
    users = bank.population(200_000, seed=8)
    index = np.random.default_rng(9).integers(0, len(bank_creatives), len(users))
    response = bank.respond(users, index, bank_creatives, "sms", rng=np.random.default_rng(10))
    p = response.click_prob
    standard_error = math.sqrt(float((p * (1 - p)).sum())) / len(p)
    assert abs(response.clicked.mean() - p.mean()) < 3 * standard_error
    assert response.clicked.sum() > 3_000


def test_conversions_follow_clicks_with_positive_delays(
    bank: World, bank_creatives: list[str]
) -> None:
    users = bank.population(200_000, seed=12)
    index = np.zeros(len(users), dtype=np.int64)
    r = bank.respond(users, index, bank_creatives, "home_card", 1, np.random.default_rng(13))
    assert not (r.converted & ~r.clicked).any()
    assert r.converted.sum() > 100
    assert (r.conversion_delay_days[r.converted] > 0).all()
    assert np.isnan(r.conversion_delay_days[~r.converted]).all()
    assert r.conversion_delay_days[r.converted].mean() == pytest.approx(3.0, rel=0.15)
    rates = users["value_tier"].map({"high": 0.20, "mid": 0.10, "low": 0.05}).to_numpy()
    np.testing.assert_allclose(r.conversion_prob, rates * r.click_prob)
    expected = float((rates * r.clicked).sum())
    assert abs(r.converted.sum() - expected) < 3 * math.sqrt(expected)


def test_respond_is_reproducible_for_a_seeded_generator(
    bank: World, bank_creatives: list[str]
) -> None:
    users = bank.population(10_000, seed=1)
    index = np.arange(len(users)) % len(bank_creatives)
    a = bank.respond(users, index, bank_creatives, "sms", rng=np.random.default_rng(5))
    b = bank.respond(users, index, bank_creatives, "sms", rng=np.random.default_rng(5))
    np.testing.assert_array_equal(a.clicked, b.clicked)
    np.testing.assert_array_equal(a.conversion_delay_days, b.conversion_delay_days)


def test_prepared_rows_respond_exactly_like_the_users_themselves(
    bank: World, bank_creatives: list[str]
) -> None:
    users = bank.population(5_000, seed=3)
    prepared = bank.prepare(users)
    rows = np.sort(np.random.default_rng(1).choice(len(users), size=1_200, replace=False))
    index = np.arange(len(rows)) % len(bank_creatives)
    for channel, position in (("sms", 1), ("home_card", 2)):
        a = bank.respond(
            users.iloc[rows], index, bank_creatives, channel, position, np.random.default_rng(8)
        )
        b = bank.respond_rows(
            prepared, rows, index, bank_creatives, channel, np.random.default_rng(8), position
        )
        np.testing.assert_array_equal(a.click_prob, b.click_prob)
        np.testing.assert_array_equal(a.clicked, b.clicked)
        np.testing.assert_array_equal(a.converted, b.converted)
        np.testing.assert_array_equal(a.conversion_delay_days, b.conversion_delay_days)
    assert a.converted.any() and a.clicked.sum() > a.converted.sum()
    rng = np.random.default_rng()
    with pytest.raises(InputError):
        bank.respond_rows(prepared, rows, index[:-1], bank_creatives, "sms", rng)
    with pytest.raises(InputError):
        bank.respond_rows(prepared, rows, index, bank_creatives, "fax", rng)


def test_true_effects_for_a_profile(bank: World) -> None:
    livestock = bank.true_effects({"occupation": "livestock", "rate_discount_eligible": True})
    assert set(livestock) == set(bank.keywords)
    assert livestock["养殖"] == 0.7
    assert livestock["优惠"] == 0.5
    assert livestock["网点"] == -0.2
    assert livestock["领先"] == 0.2
    assert livestock["线上"] == 0.0
    assert livestock["30万"] == 0.0
    salaried = bank.true_effects({"occupation": "salaried", "rate_discount_eligible": False})
    assert (salaried["优惠"], salaried["工薪"], salaried["养殖"]) == (-0.1, 0.6, 0.0)


def test_keyword_effects_frame_matches_true_effects(bank: World, two_users: pd.DataFrame) -> None:
    frame = bank.keyword_effects(two_users)
    assert list(frame.columns) == list(bank.keywords)
    profile = two_users.iloc[0].drop("user_id").to_dict()
    assert frame.iloc[0].to_dict() == bank.true_effects(profile)


def test_null_world_ignores_the_text(bank: World, bank_creatives: list[str]) -> None:
    null = bank.without_preferences()
    users = bank.population(500, seed=3)
    p = null.click_prob(users, bank_creatives, "home_card")
    np.testing.assert_allclose(p, np.repeat(p[:, :1], p.shape[1], axis=1))
    assert set(null.true_effects({"occupation": "crop"}).values()) == {0.0}
    assert null.keywords == bank.keywords
    assert bank.true_effects({"occupation": "crop"})["春耕"] == 0.6


def _users(bank: World) -> pd.DataFrame:
    return bank.population(4, seed=1)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda w, u: w.click_prob(u, ["a"], "dsp"),
            InputError,
            "world 'rural_bank' has no channel 'dsp'; it has: home_card, sms, smart_call",
        ),
        (
            lambda w, u: w.click_prob(u, ["a"], "sms", position=4),
            InputError,
            "world 'rural_bank' has no position 4; it has: 1, 2, 3",
        ),
        (
            lambda w, u: w.click_prob(u.drop(columns="occupation"), ["a"], "sms"),
            InputError,
            "users have no column 'occupation'",
        ),
        (
            lambda w, u: w.click_prob(u.assign(occupation="fisher"), ["a"], "sms"),
            InputError,
            "column 'occupation' holds 'fisher', not a value of the world's attribute",
        ),
        (
            lambda w, u: w.click_prob_pairs(u, [0, 1, 2, 0], ["a", "b"], "sms"),
            InputError,
            "text_index must lie in 0..1",
        ),
        (
            lambda w, u: w.click_prob_pairs(u, [0, 0], ["a"], "sms"),
            InputError,
            "text_index needs one integer per user (4), got shape (2,)",
        ),
        (
            lambda w, u: w.respond(u, [0, 0, 0, 0], ["a"], "sms"),
            InputError,
            "respond needs rng, a numpy Generator such as np.random.default_rng(seed)",
        ),
        (
            lambda w, u: w.true_effects({"job": "crop"}),
            InputError,
            "unknown attribute 'job'; world 'rural_bank' has: occupation, "
            "rate_discount_eligible, region, age, value_tier",
        ),
        (
            lambda w, u: w.true_effects({"rate_discount_eligible": "yes"}),
            InputError,
            "'yes' is not a value of attribute 'rate_discount_eligible'",
        ),
    ],
)
def test_bad_calls(bank: World, call: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as caught:
        call(bank, _users(bank))  # type: ignore[operator]
    assert str(caught.value) == message


def test_true_effects_accepts_numpy_scalars(bank: World) -> None:
    profile = {"occupation": np.str_("livestock"), "rate_discount_eligible": np.bool_(True)}
    assert bank.true_effects(profile)["优惠"] == 0.5
