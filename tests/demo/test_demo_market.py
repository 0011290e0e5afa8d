"""The demo's market in a world whose effects move over rounds, and per-cell round figures."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml

from huashu.demo.figures import cell_figures
from huashu.demo.market import Market, concat_shown
from huashu.domain import BrandPack
from huashu.sim import World, load_world, random_world

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TEXTS = {"a": "养殖户朋友，开春补栏、囤饲料正要用钱吧？", "b": "年化利率3.6%起", "c": "立即申请"}


def _market(world: World) -> Market:
    users = world.population(4_000, 3)
    segments = np.where(users["occupation"] == "livestock", "livestock", "other").astype(object)
    market = Market(world, users, segments, seed=5, oracle_sample=500)
    candidates = {key: list(TEXTS.values()) for key in ("livestock", "other")}
    market.fit_oracle("sms", candidates)
    return market


@pytest.fixture(scope="module")
def moving() -> World:
    data = yaml.safe_load((EXAMPLES / "rural_bank.yaml").read_text(encoding="utf-8"))
    world = random_world(BrandPack.model_validate(data), 4)
    assert world.dynamic
    return world


def test_clicks_and_the_oracle_follow_the_round_in_a_moving_world(moving: World) -> None:
    market = _market(moving)
    ids = np.array(["a", "b", "c"] * 100, dtype=object)
    seen = {}
    for round_ in (1, 4):
        rows = market.visitors(round_, "sms", 300)
        assert market.round == round_
        shown = market.show(rows, ids, TEXTS, "sms", np.random.default_rng(0))
        index = np.array([list(TEXTS).index(i) for i in ids])
        truth = moving.click_prob_pairs(
            market.users.iloc[rows], index, list(TEXTS.values()), "sms", round_=round_
        )
        np.testing.assert_allclose(shown.expected, truth, rtol=1e-12)
        seen[round_] = market.oracle_ctr("sms", rows)
        assert shown.oracle is not None
        assert shown.oracle.mean() == pytest.approx(seen[round_])
    assert seen[1] != seen[4]


def test_a_static_world_keeps_one_oracle() -> None:
    market = _market(load_world(EXAMPLES / "rural_bank.world.yaml"))
    rows = market.visitors(1, "sms", 300)
    first = market.oracle_ctr("sms", rows)
    market.visitors(5, "sms", 300)
    assert market.oracle_ctr("sms", rows) == first


def test_cells_add_up_to_the_round(moving: World) -> None:
    market = _market(moving)
    rows = market.visitors(2, "sms", 600)
    ids = np.array(["a", "b", "c"] * 200, dtype=object)
    rng = np.random.default_rng(1)
    parts = [
        market.show(r, i, TEXTS, "sms", rng)
        for r, i in ((rows[:250], ids[:250]), (rows[250:], ids[250:]))
    ]
    shown = concat_shown(parts)
    cells = cell_figures(parts)
    assert [(c.segment_key, c.channel) for c in cells] == [("livestock", "sms"), ("other", "sms")]
    assert sum(c.impressions for c in cells) == len(rows)
    assert sum(c.clicks for c in cells) == int(shown.clicked.sum())
    weighted = sum(c.expected_ctr * c.impressions for c in cells) / len(rows)
    assert weighted == pytest.approx(float(shown.expected.mean()))
    oracle = sum(c.oracle_ctr * c.impressions for c in cells) / len(rows)
    assert oracle == pytest.approx(market.oracle_ctr("sms", rows))
    assert all(c.fraction_of_oracle > 0 for c in cells)
    converting = sum(c.expected_cvr * c.impressions for c in cells) / len(rows)
    assert converting == pytest.approx(float(shown.expected_conversion.mean()))
    assert 0 < converting < weighted
