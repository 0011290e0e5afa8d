"""Operational-store backends for the shared test suites: a SQLite file, and PostgreSQL (when
HUASHU_TEST_DATABASE_URL is set) in a fresh schema of its own that is dropped afterwards."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from huashu.store import Store, normalize_url, open_store

PG_ENV = "HUASHU_TEST_DATABASE_URL"

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


@contextmanager
def pg_schema_store(base_url: str) -> Iterator[Store]:
    """A store whose connections see only a new, randomly named schema."""
    url = make_url(normalize_url(base_url))
    schema = f"huashu_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        scoped = url.update_query_dict({"options": f"-csearch_path={schema}"})
        store = open_store(scoped.render_as_string(hide_password=False))
        try:
            yield store
        finally:
            store.close()
            with admin.connect() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        admin.dispose()


@contextmanager
def backend_store(backend: str, tmp_path: Path) -> Iterator[Store]:
    """An empty, unmigrated store on ``backend``; PostgreSQL is skipped without the env var
    (CI always sets it, so there the PostgreSQL half runs)."""
    if backend == "sqlite":
        store = open_store(f"sqlite:///{tmp_path / 'data' / 'huashu.db'}")
        try:
            yield store
        finally:
            store.close()
        return
    base_url = os.environ.get(PG_ENV)
    if not base_url:
        pytest.skip(
            f"PostgreSQL backend: set {PG_ENV}, e.g. postgresql://postgres@127.0.0.1:5432/test"
        )
    with pg_schema_store(base_url) as store:
        yield store
