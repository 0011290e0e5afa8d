"""World-file fields for families: drift and fatigue over rounds, interactions between keywords,
conversion factors per keyword; bad values fail naming the field; old worlds are unchanged."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest

from huashu.domain import InputError
from huashu.sim import World, parse_world


def _world() -> dict[str, Any]:
    return {
        "name": "moving",
        "population": {
            "job": {"type": "categorical", "shares": {"farmer": 0.5, "clerk": 0.5}},
            "eligible": {"type": "bool", "probability": 0.5},
        },
        "response": {
            "base": {"attribute": "job", "logits": {"farmer": -3.0, "clerk": -3.0}},
            "channels": {"sms": 0.0},
            "keywords": [
                {"keyword": "补贴", "effect": 0.8, "fatigue": 0.5},
                {"when": {"job": "clerk"}, "keyword": "线上", "effect": 0.1, "drift": 0.2},
            ],
            "interactions": [
                {"when": {"job": "farmer"}, "keywords": ["补贴", "线上"], "effect": -0.6},
            ],
        },
        "conversion": {
            "attribute": "job",
            "rates": {"farmer": 0.5, "clerk": 0.5},
            "delay": {"distribution": "exponential", "mean_days": 1},
            "keywords": [{"when": {"eligible": False}, "keyword": "优惠", "factor": 0.0}],
        },
    }


def _users() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "user_id": np.arange(4, dtype=np.int64),
            "job": ["farmer", "clerk", "farmer", "clerk"],
            "eligible": [True, True, False, False],
        }
    )


def _logit(p: np.ndarray) -> np.ndarray:
    return np.asarray(np.log(p / (1 - p)))


def test_fatigue_drift_and_interactions_follow_the_rounds() -> None:
    world = parse_world(_world())
    assert world.dynamic
    assert world.terms == ("补贴", "线上", ("补贴", "线上"))
    texts = ["补贴", "线上", "补贴线上"]
    for round_ in (1, 2, 4):
        logit = _logit(world.click_prob(_users(), texts, "sms", round_=round_)) + 3.0
        k = round_ - 1
        subsidy = 0.8 * 0.5**k
        online = 0.1 + 0.2 * k
        np.testing.assert_allclose(logit[0], [subsidy, 0.0, subsidy - 0.6], atol=1e-9)
        np.testing.assert_allclose(logit[1], [subsidy, online, subsidy + online], atol=1e-9)
    assert world.true_effects({"job": "clerk"}, round_=3) == pytest.approx(
        {"补贴": 0.2, "线上": 0.5}
    )


def test_a_conversion_factor_of_zero_stops_conversions_for_those_it_names() -> None:
    world = parse_world(_world())
    users = pd.concat([_users()] * 5_000, ignore_index=True)
    users["user_id"] = np.arange(len(users))
    texts = ["补贴优惠", "补贴"]
    eligible = users["eligible"].to_numpy()
    for j in (0, 1):
        index = np.full(len(users), j)
        r = world.respond(users, index, texts, "sms", rng=np.random.default_rng(j))
        prepared = world.prepare(users)
        rows = np.arange(len(users))
        r2 = world.respond_rows(prepared, rows, index, texts, "sms", np.random.default_rng(j))
        np.testing.assert_array_equal(r.converted, r2.converted)
        assert r.converted[eligible].sum() > 0
        assert (r.converted[~eligible].sum() == 0) == (j == 0)


def test_a_static_world_ignores_the_round(bank: World) -> None:
    assert not bank.dynamic
    users = bank.population(500, 1)
    texts = ["养殖户补栏，免抵押", "优惠利率，工薪族线上申请"]
    assert np.array_equal(
        bank.click_prob(users, texts, "sms"), bank.click_prob(users, texts, "sms", round_=6)
    )
    assert bank.prepare(users, 5).effects.tobytes() == bank.prepare(users).effects.tobytes()


def test_without_preferences_flattens_interactions_and_dynamics() -> None:
    flat = parse_world(_world()).without_preferences()
    assert not flat.dynamic
    p = flat.click_prob(_users(), ["补贴线上", ""], "sms", round_=3)
    assert np.array_equal(p[:, 0], p[:, 1])


def _edit(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    data = copy.deepcopy(_world())
    change(data)
    return data


BAD: list[tuple[dict[str, Any], str, str]] = [
    (
        _edit(lambda d: d["response"]["keywords"][0].update(fatigue=1.5)),
        "response.keywords[0].fatigue: fatigue must be between 0 and 1, got 1.5",
        "response.keywords[0].fatigue",
    ),
    (
        _edit(lambda d: d["response"]["keywords"][1].update(drift="up")),
        "response.keywords[1].drift: expected a number, got 'up'",
        "response.keywords[1].drift",
    ),
    (
        _edit(lambda d: d["response"]["interactions"][0].update(keywords=["补贴", "补贴"])),
        "response.interactions[0].keywords: an interaction needs at least two distinct keywords",
        "response.interactions[0].keywords",
    ),
    (
        _edit(lambda d: d["response"]["interactions"][0].update(keywords="补贴")),
        "response.interactions[0].keywords: expected a list",
        "response.interactions[0].keywords",
    ),
    (
        _edit(lambda d: d["response"]["interactions"][0].update(keyword="补贴")),
        "response.interactions[0].keyword: unknown field; expected one of: keywords, effect, "
        "when, drift, fatigue",
        "response.interactions[0].keyword",
    ),
    (
        _edit(lambda d: d["response"].update(interactions={"a": 1})),
        "response.interactions: expected a list",
        "response.interactions",
    ),
    (
        _edit(lambda d: d["conversion"]["keywords"][0].update(factor=-1)),
        "conversion.keywords[0].factor: must be >= 0, got -1",
        "conversion.keywords[0].factor",
    ),
    (
        _edit(lambda d: d["conversion"]["keywords"][0].update(when={"eligible": "no"})),
        "conversion.keywords[0].when.eligible: 'no' is not a value of attribute 'eligible' "
        "(false, true)",
        "conversion.keywords[0].when.eligible",
    ),
]


@pytest.mark.parametrize(("data", "message", "field"), BAD)
def test_bad_dynamics_fields(data: dict[str, Any], message: str, field: str) -> None:
    with pytest.raises(InputError) as err:
        parse_world(data, source="moving.world.yaml")
    assert str(err.value) == message
    assert err.value.details == {"file": "moving.world.yaml", "field": field}
