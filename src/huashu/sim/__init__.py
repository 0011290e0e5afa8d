"""Market simulator: synthetic users with hidden, known preferences, for the demo, tests and
benchmarks. Worlds are YAML files (docs/simulator.md) kept apart from brand packs; a world
family (:func:`random_world`) draws seeded random worlds for a brand pack."""

from huashu.sim.family import FamilyConfig, random_world, random_world_spec
from huashu.sim.oracle import OracleResult
from huashu.sim.parse import load_world, parse_world
from huashu.sim.spec import (
    Attribute,
    ConversionKeyword,
    ConversionModel,
    DiscreteAttribute,
    IntegerAttribute,
    InteractionEffect,
    KeywordEffect,
    ResponseModel,
)
from huashu.sim.world import PreparedUsers, Response, World

__all__ = [
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
