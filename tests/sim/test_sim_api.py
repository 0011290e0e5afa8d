"""Pins the public API of huashu.sim."""

from __future__ import annotations

import huashu.sim


def test_public_names() -> None:
    assert sorted(huashu.sim.__all__) == [
        "Attribute",
        "ConversionKeyword",
        "ConversionModel",
        "DiscreteAttribute",
        "FamilyConfig",
        "IntegerAttribute",
        "InteractionEffect",
        "KeywordEffect",
        "OracleResult",
        "PreparedUsers",
        "Response",
        "ResponseModel",
        "World",
        "load_world",
        "parse_world",
        "random_world",
        "random_world_spec",
    ]
    assert huashu.sim.World.__module__ == "huashu.sim.world"
