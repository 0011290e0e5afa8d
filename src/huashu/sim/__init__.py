"""Market simulator: synthetic users with hidden, known preferences, for the demo, tests and
benchmarks. Worlds are YAML files (docs/simulator.md) kept apart from brand packs."""

from huashu.sim.oracle import OracleResult
from huashu.sim.parse import load_world, parse_world
from huashu.sim.spec import (
    Attribute,
    ConversionModel,
    DiscreteAttribute,
    IntegerAttribute,
    KeywordEffect,
    ResponseModel,
)
from huashu.sim.world import PreparedUsers, Response, World

__all__ = [
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
