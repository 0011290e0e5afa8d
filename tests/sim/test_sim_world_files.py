"""World files: the examples load and fit their brand packs; bad files fail naming the field."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from huashu.domain import BrandPack, InputError
from huashu.sim import DiscreteAttribute, load_world, parse_world

PAIRS = [("rural_bank", "rural_bank"), ("cosmetics_xhs", "cosmetics_xhs")]


@pytest.mark.parametrize(("world_name", "pack_name"), PAIRS)
def test_example_world_loads_and_every_when_names_a_real_value(
    examples: Path, world_name: str, pack_name: str
) -> None:
    path = examples / f"{world_name}.world.yaml"
    world = load_world(path)
    assert world.name == world_name
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    population = raw["population"]
    for rule in raw["response"]["keywords"]:
        for attribute, value in rule.get("when", {}).items():
            spec = population[attribute]
            if spec["type"] == "bool":
                assert isinstance(value, bool)
            else:
                shares = spec["shares"]
                values = next(iter(shares.values())) if "given" in spec else shares
                assert value in values, (attribute, value)


@pytest.mark.parametrize(("world_name", "pack_name"), PAIRS)
def test_example_world_fits_its_brand_pack(
    examples: Path,
    pack_phrases: Callable[[str], tuple[BrandPack, list[str]]],
    world_name: str,
    pack_name: str,
) -> None:
    world = load_world(examples / f"{world_name}.world.yaml")
    pack, phrases = pack_phrases(pack_name)
    attributes = {a.name: a for a in world.attributes}
    for dimension in pack.dimensions:
        attribute = attributes[dimension.field]
        assert isinstance(attribute, DiscreteAttribute)
        assert {v.value for v in dimension.values} == set(attribute.values)
    assert set(pack.channels) <= set(world.channels)
    unused = [k for k in world.keywords if not any(k in text for text in phrases)]
    assert unused == []


def _minimal() -> dict[str, Any]:
    return {
        "name": "tiny",
        "population": {
            "job": {"type": "categorical", "shares": {"farmer": 0.6, "clerk": 0.4}},
            "eligible": {
                "type": "bool",
                "given": "job",
                "probability": {"farmer": 0.5, "clerk": 0.1},
            },
            "age": {"type": "integer", "min": 20, "max": 60},
        },
        "response": {
            "base": {"attribute": "job", "logits": {"farmer": -3.5, "clerk": -3.0}},
            "channels": {"sms": -0.4},
            "keywords": [{"when": {"job": "farmer"}, "keyword": "补贴", "effect": 0.5}],
        },
        "conversion": {
            "attribute": "job",
            "rates": {"farmer": 0.1, "clerk": 0.2},
            "delay": {"distribution": "exponential", "mean_days": 2},
        },
    }


def _edit(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    data = copy.deepcopy(_minimal())
    change(data)
    return data


def test_minimal_world_parses() -> None:
    world = parse_world(_minimal())
    assert world.keywords == ("补贴",)
    assert world.true_effects({"job": "farmer", "eligible": True}) == {"补贴": 0.5}


BAD: list[tuple[dict[str, Any], type[Exception], str, str]] = [
    (
        _edit(lambda d: d.update(foo=1)),
        InputError,
        "foo: unknown field; expected one of: name, population, response, description, conversion",
        "foo",
    ),
    (
        _edit(lambda d: d.pop("response")),
        InputError,
        "response: required field is missing",
        "response",
    ),
    (
        _edit(lambda d: d["population"]["job"]["shares"].update(farmer=0.5)),
        InputError,
        "population.job.shares: shares sum to 0.9, expected 1",
        "population.job.shares",
    ),
    (
        _edit(lambda d: d["population"]["eligible"]["probability"].update(clerk=-0.1)),
        InputError,
        "population.eligible.probability.clerk: probability must be between 0 and 1, got -0.1",
        "population.eligible.probability.clerk",
    ),
    (
        _edit(lambda d: d["population"]["job"]["shares"].update(farmer=1.2, clerk=-0.2)),
        InputError,
        "population.job.shares.farmer: share must be between 0 and 1, got 1.2",
        "population.job.shares.farmer",
    ),
    (
        _edit(lambda d: d["population"]["eligible"]["probability"].pop("clerk")),
        InputError,
        "population.eligible.probability: missing values of 'job': clerk",
        "population.eligible.probability",
    ),
    (
        _edit(lambda d: d["population"]["eligible"].update(given="region")),
        InputError,
        "population.eligible.given: unknown attribute 'region'; attributes defined before it: job",
        "population.eligible.given",
    ),
    (
        _edit(lambda d: d["population"]["eligible"].update(given="age")),
        InputError,
        "population.eligible.given: unknown attribute 'age'; attributes defined before it: job",
        "population.eligible.given",
    ),
    (
        _edit(
            lambda d: d["population"].update(
                tier={"type": "bool", "given": "age", "probability": 0.5}
            )
        ),
        InputError,
        "population.tier.given: attribute 'age' is an integer; only categorical and bool "
        "attributes fit here",
        "population.tier.given",
    ),
    (
        _edit(lambda d: d["population"]["job"].update(type="text")),
        InputError,
        "population.job.type: expected one of: categorical, bool, integer; got 'text'",
        "population.job.type",
    ),
    (
        _edit(lambda d: d["population"]["age"].update(min=70)),
        InputError,
        "population.age: min 70 is greater than max 60",
        "population.age",
    ),
    (
        _edit(lambda d: d["response"]["keywords"][0]["when"].update(region="north")),
        InputError,
        "response.keywords[0].when.region: unknown attribute 'region'; attributes defined: "
        "job, eligible, age",
        "response.keywords[0].when.region",
    ),
    (
        _edit(lambda d: d["response"]["keywords"][0]["when"].update(job="fisher")),
        InputError,
        "response.keywords[0].when.job: 'fisher' is not a value of attribute 'job' (farmer, clerk)",
        "response.keywords[0].when.job",
    ),
    (
        _edit(lambda d: d["response"]["keywords"][0]["when"].update(age=30)),
        InputError,
        "response.keywords[0].when.age: attribute 'age' is an integer; only categorical and "
        "bool attributes fit here",
        "response.keywords[0].when.age",
    ),
    (
        _edit(lambda d: d["response"]["keywords"][0].update(effect="big")),
        InputError,
        "response.keywords[0].effect: expected a number, got 'big'",
        "response.keywords[0].effect",
    ),
    (
        _edit(lambda d: d["response"]["base"]["logits"].pop("clerk")),
        InputError,
        "response.base.logits: missing values of 'job': clerk",
        "response.base.logits",
    ),
    (
        _edit(lambda d: d["response"]["channels"].update(tiktok=0.1)),
        InputError,
        "response.channels.tiktok: unknown channel; expected one of: sms, home_card, "
        "smart_call, dsp, xiaohongshu, video_script, live_script",
        "response.channels.tiktok",
    ),
    (
        _edit(lambda d: d["response"].update(positions={0: 0.0})),
        InputError,
        "response.positions.0: position must be an integer >= 1",
        "response.positions.0",
    ),
    (
        _edit(lambda d: d["conversion"]["rates"].update(clerk=1.5)),
        InputError,
        "conversion.rates.clerk: probability must be between 0 and 1, got 1.5",
        "conversion.rates.clerk",
    ),
    (
        _edit(lambda d: d["conversion"]["delay"].update(mean_days=0)),
        InputError,
        "conversion.delay.mean_days: must be > 0, got 0",
        "conversion.delay.mean_days",
    ),
]


@pytest.mark.parametrize(("data", "error", "message", "field"), BAD)
def test_bad_world_file(
    tmp_path: Path, data: dict[str, Any], error: type[Exception], message: str, field: str
) -> None:
    path = tmp_path / "bad.world.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(error) as caught:
        load_world(path)
    assert str(caught.value) == message
    assert isinstance(caught.value, InputError)
    assert caught.value.details == {"file": str(path), "field": field}
    assert caught.value.code == "invalid_world"
    assert field in caught.value.message_zh


@pytest.mark.parametrize(
    ("content", "error", "message"),
    [
        ("name: [unclosed\n", InputError, "world file {path} is not valid YAML (line 2)"),
        (None, InputError, "cannot read world file {path}: No such file or directory"),
        ("- just\n- a list\n", InputError, "<root>: expected a mapping"),
    ],
)
def test_unreadable_world_file(
    tmp_path: Path, content: str | None, error: type[Exception], message: str
) -> None:
    path = tmp_path / "world.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(error) as caught:
        load_world(path)
    assert str(caught.value) == message.format(path=path)
