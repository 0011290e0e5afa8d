"""Fixtures for the simulator tests: the example worlds and their brand packs' phrase texts."""

from __future__ import annotations

from collections.abc import Callable
from itertools import product
from pathlib import Path

import pytest
import yaml

from huashu.domain import BrandPack
from huashu.sim import World, load_world

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def pack_texts(pack: BrandPack, slot: str, channel: str | None = None) -> list[str]:
    """The phrase texts of one slot (written for ``channel``, when given), rendered."""
    return [
        pack.render(p)
        for p in pack.phrases.get(slot, ())
        if channel is None or not p.channels or channel in p.channels
    ]


def load_pack(name: str) -> BrandPack:
    data = yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))
    return BrandPack.model_validate(data)


@pytest.fixture(scope="session")
def examples() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def pack_phrases() -> Callable[[str], tuple[BrandPack, list[str]]]:
    """Loads an example brand pack and every phrase text of it, placeholders filled."""

    def load(name: str) -> tuple[BrandPack, list[str]]:
        pack = load_pack(name)
        return pack, [t for slot in pack.phrases for t in pack_texts(pack, slot)]

    return load


@pytest.fixture(scope="session")
def bank() -> World:
    return load_world(EXAMPLES / "rural_bank.world.yaml")


@pytest.fixture(scope="session")
def cosmetics() -> World:
    return load_world(EXAMPLES / "cosmetics_xhs.world.yaml")


@pytest.fixture(scope="session")
def bank_creatives() -> list[str]:
    """hook x benefit x cta home-card creatives composed from the rural bank pack."""
    pack = load_pack("rural_bank")
    slots = [pack_texts(pack, s, "home_card") for s in ("hook", "benefit", "cta")]
    return ["，".join(parts) for parts in product(*slots)]
