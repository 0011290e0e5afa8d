"""A world family: seeded random worlds for a brand pack, so that the closed loop is measured on
many hidden truths instead of the one hand-written world it was tuned on.

:func:`random_world_spec` draws a world file's data (docs/simulator.md, "World families");
:func:`random_world` parses it into a :class:`~huashu.sim.world.World`. A seed fixes the world.
What is drawn (the distributions are :class:`FamilyConfig`'s):

- population: the pack's dimensions (the segmentation), offer eligibility, three hidden
  attributes that no segment names (life stage, digital habit, price sensitivity) and a value
  tier for conversions;
- base click rates per channel and segment value within ``base_ctr`` (0.3-5%);
- many small effects: every phrase of the pack, per segment value, per angle (with sign flips
  between segment values), per tone and hidden attribute, offers, identity words (another
  segment's words cost clicks), interactions between phrases, drift and fatigue over rounds;
- conversions: per value tier; an ineligible user who clicks an offer never converts.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from huashu.domain import BrandPack, Dimension, InputError
from huashu.sim.family_effects import EffectDrawer, Rules, Value
from huashu.sim.parse import parse_world
from huashu.sim.world import World

HIDDEN = {
    "life_stage": ("early", "settled", "late"),
    "digital": (False, True),
    "price_sensitive": (False, True),
}
TIERS = ("high", "mid", "low")


@dataclass(frozen=True)
class FamilyConfig:
    """The distributions a family draws from. Effects are in click log-odds; ``scale`` is drawn
    once per world (log-uniform) and sets the size of every effect in it."""

    #: every base click rate (no keyword) of every channel and segment value lies in this range
    base_ctr: tuple[float, float] = (0.003, 0.05)
    #: a narrower range for some channels (SMS is clicked least)
    channel_ctr: Mapping[str, tuple[float, float]] = field(
        default_factory=lambda: {"sms": (0.003, 0.015), "smart_call": (0.003, 0.02)}
    )
    #: largest base-logit deviation of a segment value from its channel's level
    base_spread: float = 0.4
    scale: tuple[float, float] = (0.03, 0.1)
    #: phrase effects are ``scale * t(df)``: many small effects, a few large ones
    tail_df: float = 3.0
    max_effect: float = 0.8
    #: chance that a phrase gets its own deviation for a segment value
    segment_share: float = 0.5
    #: chance that an angle's effect flips sign for a segment value
    flip_share: float = 0.35
    #: chance that a phrase's effect differs by a hidden attribute's value
    hidden_share: float = 0.3
    #: random phrase-pair interactions per world, and at most this many angle-repeat pairs
    synergies: int = 15
    repeats: int = 20
    #: chance that an effect drifts; its drift's sd per round, in units of ``scale``
    drift_share: float = 0.15
    drift_sd: float = 0.3
    #: chance that a clearly positive phrase effect wears out, and its share lost per round
    fatigue_share: float = 0.4
    fatigue: tuple[float, float] = (0.05, 0.2)


def random_world(pack: BrandPack, seed: int, config: FamilyConfig | None = None) -> World:
    """The world of ``seed`` in the family of ``pack``."""
    return parse_world(random_world_spec(pack, seed, config), source=f"family:{pack.id}:{seed}")


def random_world_spec(
    pack: BrandPack, seed: int, config: FamilyConfig | None = None
) -> dict[str, Any]:
    """The world file data (a mapping ``parse_world`` and ``yaml.safe_dump`` accept) of the
    world of ``seed`` in the family of ``pack``."""
    cfg = config or FamilyConfig()
    dims = pack.dimensions
    for d in dims:
        if not all(isinstance(v.value, str | bool) for v in d.values):
            raise InputError(
                f"dimension {d.name!r}: world families support text and yes/no values only",
                message_zh=f"维度 {d.name!r}：世界族只支持文本和是/否取值",
                code="invalid_pack",
                details={"dimension": d.name},
            )
    streams = _Streams(seed)
    population, names = _population(pack, streams.rng(1))
    scale = _log_uniform(streams.rng(0), *cfg.scale)
    first = dims[0]
    domains = {name: _domain(spec) for name, spec in population.items()}
    rules = Rules()
    drawer = EffectDrawer(pack, cfg, scale, domains, names, rules)
    drawer.phrases(streams.rng(10))
    drawer.segments(streams.rng(11))
    drawer.angles(streams.rng(12), first.field)
    drawer.hidden(streams.rng(13), first.field)
    drawer.offers(streams.rng(14))
    drawer.identity(streams.rng(15))
    drawer.interactions(streams.rng(16), first.field)
    spec: dict[str, Any] = {
        "name": f"{pack.id}-family-{seed}",
        "description": (
            f"Random world {seed} of the family of brand pack {pack.id} "
            f"(huashu.sim.family, effect scale {scale:.3f})."
        ),
        "population": population,
        "response": {
            **_base(pack, cfg, streams.rng(2), first.field, domains[first.field]),
            "keywords": rules.keyword_specs(),
            "interactions": rules.interaction_specs(),
        },
        "conversion": {
            "attribute": names["value_tier"],
            "rates": _tier_rates(streams.rng(3)),
            "delay": {"distribution": "exponential", "mean_days": _r(streams.rng(4).uniform(1, 5))},
            "keywords": rules.conversion_specs(),
        },
    }
    return spec


class _Streams:
    """One independent generator per part of the world, so parts do not shift each other."""

    def __init__(self, seed: int) -> None:
        self.seed = seed

    def rng(self, part: int) -> np.random.Generator:
        return np.random.default_rng([self.seed, part])


def _population(pack: BrandPack, g: np.random.Generator) -> tuple[dict[str, Any], dict[str, str]]:
    """Attribute specs in draw order, and the names given to the hidden attributes and the
    value tier (renamed ``hidden_<name>`` where the pack already uses the name)."""
    dims = pack.dimensions
    first = dims[0]
    parents = _values(first)
    out: dict[str, Any] = {first.field: _attribute(_values(first), None, g)}
    for d in dims[1:]:
        if d.field not in out:
            out[d.field] = _attribute(_values(d), (first.field, parents), g)
    for offer in pack.offers:
        for name, wanted in offer.when.items():
            options = wanted if isinstance(wanted, tuple) else (wanted,)
            if name in out:
                continue
            if all(isinstance(o, bool) for o in options):
                out[name] = _attribute((False, True), (first.field, parents), g)
            elif all(isinstance(o, str) for o in options):
                out[name] = _attribute((*map(str, options), "other"), None, g)
    names: dict[str, str] = {}
    for name, values in (*HIDDEN.items(), ("value_tier", TIERS)):
        names[name] = name if name not in out else f"hidden_{name}"
        given = None if name == "price_sensitive" else (first.field, parents)
        out[names[name]] = _attribute(values, given, g)
    return out, names


def _values(d: Dimension) -> tuple[Value, ...]:
    values = tuple(v.value for v in d.values)
    if all(isinstance(v, bool) for v in values):
        return (False, True)
    return tuple(str(v) for v in values)


def _attribute(
    values: tuple[Value, ...],
    given: tuple[str, tuple[Value, ...]] | None,
    g: np.random.Generator,
) -> dict[str, Any]:
    """A categorical (Dirichlet shares, at least 6% each) or bool attribute, per parent value
    when ``given``."""
    boolean = values == (False, True)

    def row() -> Any:
        if boolean:
            return _r(g.uniform(0.15, 0.75))
        return _shares(values, g)

    spec: dict[str, Any] = {"type": "bool" if boolean else "categorical"}
    key = "probability" if boolean else "shares"
    if given is None:
        spec[key] = row()
    else:
        spec["given"] = given[0]
        spec[key] = {parent: row() for parent in given[1]}
    return spec


def _shares(values: tuple[Value, ...], g: np.random.Generator) -> dict[Value, float]:
    raw = np.maximum(g.dirichlet(np.full(len(values), 4.0)), 0.06)
    shares = [round(float(x), 4) for x in raw / raw.sum()]
    shares[int(np.argmax(shares))] += round(1.0 - sum(shares), 4)
    return {v: round(s, 4) for v, s in zip(values, shares, strict=True)}


def _domain(spec: Mapping[str, Any]) -> tuple[Value, ...]:
    if spec["type"] == "bool":
        return (False, True)
    shares = spec["shares"]
    row = next(iter(shares.values())) if "given" in spec else shares
    return tuple(row)


def _base(
    pack: BrandPack,
    cfg: FamilyConfig,
    g: np.random.Generator,
    attribute: str,
    values: tuple[Value, ...],
) -> dict[str, Any]:
    """Base logits per value of the first dimension (within ``base_spread`` of 0) and one
    level per channel, drawn so that every value x channel rate lies in the channel's range."""
    spread = cfg.base_spread
    logits = {v: _r(float(np.clip(g.normal(0, spread / 2), -spread, spread))) for v in values}
    channels: dict[str, float] = {}
    for channel in pack.channels:
        lo, hi = cfg.channel_ctr.get(channel, cfg.base_ctr)
        lo, hi = max(lo, cfg.base_ctr[0]), min(hi, cfg.base_ctr[1])
        # odds = p / (1 - p): the base odds are the channel's odds times exp(logit)
        low = math.log(lo / (1 - lo)) + spread + 1e-3
        high = math.log(hi / (1 - hi)) - spread - 1e-3
        channels[channel] = _r(g.uniform(low, max(low, high)))
    positions = {1: 0.0, 2: -_r(g.uniform(0.15, 0.35)), 3: -_r(g.uniform(0.35, 0.6))}
    return {
        "base": {"attribute": attribute, "logits": logits},
        "channels": channels,
        "positions": positions,
    }


def _tier_rates(g: np.random.Generator) -> dict[str, float]:
    bounds = {"high": (0.12, 0.3), "mid": (0.05, 0.12), "low": (0.01, 0.05)}
    return {tier: _r(g.uniform(*bounds[tier])) for tier in TIERS}


def _log_uniform(g: np.random.Generator, lo: float, hi: float) -> float:
    return float(math.exp(g.uniform(math.log(lo), math.log(hi))))


def _r(x: float) -> float:
    return round(float(x), 4)
