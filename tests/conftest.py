"""Fixtures shared by every test package: the example brand packs."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from huashu.domain import BrandPack

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _load(name: str) -> BrandPack:
    return BrandPack.model_validate(yaml.safe_load((EXAMPLES / name).read_text("utf-8")))


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def bank_pack() -> BrandPack:
    return _load("rural_bank.yaml")


@pytest.fixture(scope="session")
def cosmetics_pack() -> BrandPack:
    return _load("cosmetics_xhs.yaml")
