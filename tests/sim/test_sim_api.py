"""Pins the public API of huashu.sim."""

from __future__ import annotations

import huashu.sim


def test_public_names() -> None:
    assert sorted(huashu.sim.__all__) == [
        "Attribute",
        "ConversionModel",
        "DiscreteAttribute",
        "IntegerAttribute",
        "KeywordEffect",
        "OracleResult",
        "PreparedUsers",
        "Response",
        "ResponseModel",
        "World",
        "load_world",
        "parse_world",
    ]
    assert huashu.sim.World.__module__ == "huashu.sim.world"
