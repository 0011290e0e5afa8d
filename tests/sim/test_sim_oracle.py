"""The oracle: per-group best texts, traffic-weighted CTR, and speed at benchmark size."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from huashu.domain import InputError
from huashu.sim import World

PREFERRED = {
    "livestock": ("养殖", "补贴", "低息", "饲料"),
    "crop": ("春耕", "种植", "种苗", "农机", "补贴"),
    "smb": ("周转", "随借随还", "免抵押"),
    "merchant": ("进货", "周转", "当天放款"),
    "salaried": ("线上", "额度", "工薪"),
}


@pytest.fixture(scope="module")
def users(bank: World) -> pd.DataFrame:
    return bank.population(5_000, seed=21)


def test_each_segment_gets_a_text_with_its_own_words(
    bank: World, users: pd.DataFrame, bank_creatives: list[str]
) -> None:
    oracle = bank.oracle_ctr(users, bank_creatives, "home_card", users["occupation"].to_numpy())
    assert oracle.groups == ("crop", "livestock", "merchant", "salaried", "smb")
    for occupation, words in PREFERRED.items():
        best = oracle.best_for(occupation)
        assert sum(w in best for w in words) >= 2, (occupation, best)
    assert "养殖" in oracle.best_for("livestock")
    assert "网点" not in oracle.best_for("livestock")
    assert "网点" not in oracle.best_for("salaried")
    assert len(set(oracle.best_text)) == 5


def test_oracle_matches_brute_force_group_means(
    bank: World, users: pd.DataFrame, bank_creatives: list[str]
) -> None:
    groups = (users["occupation"] + "." + users["rate_discount_eligible"].astype(str)).to_numpy()
    oracle = bank.oracle_ctr(users, bank_creatives, "sms", groups, position=2)
    probs = bank.click_prob(users, bank_creatives, "sms", position=2)
    for g, key in enumerate(oracle.groups):
        mean = probs[groups == key].mean(axis=0)
        np.testing.assert_allclose(oracle.candidate_ctr[g], mean, rtol=1e-10)
        assert oracle.group_size[g] == (groups == key).sum()
    best = oracle.per_group
    assert oracle.ctr == pytest.approx(np.mean([best[g] for g in groups]), rel=1e-10)
    assert oracle.ctr == pytest.approx(oracle.expected_ctr(oracle.best_index), rel=1e-12)
    assert oracle.single_best_ctr == pytest.approx(probs.mean(axis=0).max(), rel=1e-10)


def test_segmented_copy_beats_one_size_fits_all(
    bank: World, users: pd.DataFrame, bank_creatives: list[str]
) -> None:
    oracle = bank.oracle_ctr(users, bank_creatives, "home_card", users["occupation"].to_numpy())
    assert oracle.ctr > 1.3 * oracle.single_best_ctr
    frame = oracle.to_frame()
    assert list(frame.columns) == ["group", "n_users", "best_index", "best_text", "ctr"]
    assert frame["n_users"].sum() == len(users)


def test_in_the_null_world_segmenting_gains_nothing(
    bank: World, users: pd.DataFrame, bank_creatives: list[str]
) -> None:
    oracle = bank.without_preferences().oracle_ctr(
        users, bank_creatives, "home_card", users["occupation"].to_numpy()
    )
    assert oracle.ctr == pytest.approx(oracle.single_best_ctr, rel=1e-12)


def test_thousand_candidates_five_thousand_users_one_call(
    bank: World, users: pd.DataFrame, bank_creatives: list[str]
) -> None:
    rng = np.random.default_rng(0)
    candidates = [
        bank_creatives[i] + bank_creatives[j]
        for i, j in rng.integers(0, len(bank_creatives), (1_000, 2))
    ]
    oracle = bank.oracle_ctr(users, candidates, "home_card", users["value_tier"].to_numpy())
    assert oracle.candidate_ctr.shape == (3, 1_000)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda w, u: w.oracle_ctr(u, ["a"], "sms", np.zeros(3)),
            InputError,
            "groups needs one key per user (5000), got shape (3,)",
        ),
        (
            lambda w, u: w.oracle_ctr(u, [], "sms", np.zeros(len(u))),
            InputError,
            "oracle_ctr needs at least one user and one candidate text",
        ),
        (
            lambda w, u: w.oracle_ctr(u, ["a"], "sms", np.zeros(len(u))).best_for(1.0),
            InputError,
            "unknown group 1.0",
        ),
        (
            lambda w, u: w.oracle_ctr(u, ["a"], "sms", np.zeros(len(u))).expected_ctr([0, 0]),
            InputError,
            "choice needs one text index per group (1), got (2,)",
        ),
    ],
)
def test_bad_oracle_calls(
    bank: World, users: pd.DataFrame, call: object, error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        call(bank, users)  # type: ignore[operator]
    assert str(caught.value) == message
