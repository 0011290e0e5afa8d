"""Store fixtures: every store test runs on a SQLite file and, when HUASHU_TEST_DATABASE_URL is
set, on PostgreSQL in a fresh schema of its own that is dropped afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from tests.backends import BACKENDS, backend_store

from huashu.domain import BrandPack
from huashu.store import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(params=BACKENDS)
def empty_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    with backend_store(request.param, tmp_path) as store:
        yield store


@pytest.fixture
def store(empty_store: Store) -> Store:
    empty_store.upgrade()
    return empty_store


@pytest.fixture(scope="session")
def rural_yaml() -> str:
    return (EXAMPLES / "rural_bank.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def rural_pack(rural_yaml: str) -> BrandPack:
    return BrandPack.model_validate(yaml.safe_load(rural_yaml))
