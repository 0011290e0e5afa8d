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


@contextmanager
def pg_schema_url(base_url: str) -> Iterator[str]:
    """A ``postgres://`` URL (Ibis form) whose connections see only a new schema."""
    url = make_url(normalize_url(base_url))
    schema = f"huashu_ev_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        plain = url.set(drivername="postgres").render_as_string(hide_password=False)
        yield f"{plain}?options=-csearch_path%3D{schema}"
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        admin.dispose()


EVENT_BACKENDS = [
    pytest.param("duckdb", id="duckdb"),
    pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
]


@contextmanager
def event_store_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """An event-store URL: a DuckDB file, or a fresh PostgreSQL schema (skipped without the
    env var)."""
    if backend == "duckdb":
        yield f"duckdb://{tmp_path}/data/events.duckdb"
        return
    base_url = os.environ.get(PG_ENV)
    if not base_url:
        pytest.skip(f"PostgreSQL event store: set {PG_ENV}")
    with pg_schema_url(base_url) as url:
        yield url
