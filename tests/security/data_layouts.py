"""Server layouts for the data-plane security tests: embedded (SQLite operational store +
DuckDB events file) and the shared-PostgreSQL layout of docs/scale-out.md (operational store and
events in one schema), each with a "crm" database an administrator named as a data connection,
seeded events, and helpers that count the app's own tables before and after an attack."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from sqlalchemy import create_engine, text
from tests.backends import PG_ENV, pg_schema_url

from huashu.config import Settings
from huashu.events import open_event_store
from huashu.events.frames import TABLES as EVENT_TABLES
from huashu.store import normalize_url, open_store
from huashu.store.models import Base

LAYOUTS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]
#: the app's own tables: every table of the operational store and of the events engine
APP_TABLES = frozenset(
    {*Base.metadata.tables, "alembic_version", *EVENT_TABLES, "signups", "actions", "costs"}
)
CRM_ROWS = 300
SECRET = "TOP-SECRET-7f3a"


@dataclass
class Layout:
    name: str
    settings: Settings


def _crm_sqlite(path: Path) -> str:
    with sqlite3.connect(path) as db:
        db.execute("create table customers (user_id integer, occupation text, note text)")
        db.executemany(
            "insert into customers values (?, ?, ?)",
            [(i, "crop" if i % 2 else "smb", SECRET) for i in range(CRM_ROWS)],
        )
    return f"sqlite:///{path}"


def _crm_postgres(url: str) -> None:
    engine = create_engine(normalize_url("postgresql" + url[len("postgres") :]))
    try:
        with engine.begin() as conn:
            conn.execute(
                text("create table customers (user_id bigint, occupation text, note text)")
            )
            conn.execute(
                text("insert into customers values (:u, :o, :n)"),
                [{"u": i, "o": "crop" if i % 2 else "smb", "n": SECRET} for i in range(CRM_ROWS)],
            )
    finally:
        engine.dispose()


@contextmanager
def layout(name: str, tmp_path: Path, **extra: Any) -> Iterator[Layout]:
    """Settings of layout ``name`` with no background loops and a "crm" data connection;
    PostgreSQL is skipped without HUASHU_TEST_DATABASE_URL."""
    data_dir = tmp_path / "data"
    quiet = {
        "snapshot_rebuild_seconds": 0,
        "outbox_interval_seconds": 0,
        "kb_distill_seconds": 0,
        **extra,
    }
    if name == "sqlite":
        crm = _crm_sqlite(tmp_path / "crm.sqlite")
        yield Layout(name, Settings(data_dir=data_dir, data_connections={"crm": crm}, **quiet))
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"PostgreSQL: set {PG_ENV}, e.g. postgresql://postgres@127.0.0.1:5432/test")
    with pg_schema_url(base) as events_url, pg_schema_url(base) as crm_url:
        _crm_postgres(crm_url)
        settings = Settings(
            data_dir=data_dir,
            database_url="postgresql" + events_url[len("postgres") :],
            events_url=events_url,
            data_connections={"crm": crm_url},
            **quiet,
        )
        yield Layout(name, settings)


def seed_events(settings: Settings) -> None:
    """Two decisions and two events in the event log (before the server opens it)."""
    ts = pd.to_datetime(["2026-01-01", "2026-01-02"])
    decisions = pd.DataFrame(
        {
            "decision_id": ["d1", "d2"],
            "ts": ts,
            "round": [0, 0],
            "user_id": [1, 2],
            "segment_key": ["a", "a"],
            "channel": ["sms", "sms"],
            "slot": ["main", "main"],
            "creative_id": ["c1", "c1"],
            "propensity": [0.5, 0.5],
            "policy": ["thompson", "thompson"],
            "snapshot_id": ["s1", "s1"],
        }
    )
    events = pd.DataFrame(
        {
            "event_id": ["e1", "e2"],
            "decision_id": ["d1", "d2"],
            "ts": ts,
            "kind": ["impression", "click"],
            "user_id": [1, 2],
            "creative_id": ["c1", "c1"],
            "segment_key": ["a", "a"],
            "channel": ["sms", "sms"],
            "value": [0.0, 0.0],
        }
    )
    with open_event_store(settings.resolved_events_url) as store:
        store.log_decisions(decisions)
        store.log_events(events)


def event_counts(settings: Settings) -> dict[str, int]:
    """Rows of the event log (DuckDB: only while no server holds the file)."""
    with open_event_store(settings.resolved_events_url) as store:
        return store.counts()


def engine_tables(settings: Settings) -> set[str]:
    """Every table of the events engine (in the shared layout: of the whole schema)."""
    query = "select table_name from information_schema.tables where table_schema = current_schema()"
    with open_event_store(settings.resolved_events_url) as store:
        raw = store.backend.con
        if store.backend.name == "duckdb":
            return {row[0] for row in raw.sql(query).fetchall()}
        with raw.cursor() as cur:
            cur.execute(query)
            return {row[0] for row in cur.fetchall()}


def store_counts(settings: Settings) -> dict[str, int]:
    """Rows of the operational tables an attacker went for."""
    store = open_store(settings.resolved_database_url)
    try:
        with store.engine.connect() as conn:
            return {
                t: int(conn.execute(text(f'select count(*) from "{t}"')).scalar_one())
                for t in ("audit_log", "api_tokens", "users")
            }
    finally:
        store.close()


def password_hashes(settings: Settings) -> list[str]:
    store = open_store(settings.resolved_database_url)
    try:
        with store.engine.connect() as conn:
            rows = conn.execute(text("select password_hash from users")).scalars()
            return [r for r in rows if r]
    finally:
        store.close()
