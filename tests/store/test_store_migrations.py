"""Opening stores and the packaged Alembic migrations, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from huashu.store import Store, normalize_url, open_store, repos
from huashu.store.models import Base, CreativeRow

TABLES = {
    "alembic_version",
    "api_tokens",
    "approval_votes",
    "audit_samples",
    "brand_policies",
    "delivery_targets",
    "incidents",
    "login_attempts",
    "outbox",
    "web_sessions",
    "approval_items",
    "approvals",
    "audit_log",
    "brands",
    "briefs",
    "campaigns",
    "channel_tasks",
    "compliance_reports",
    "creatives",
    "facts",
    "generation_yields",
    "refinement_turns",
    "segments",
    "users",
}


def test_upgrade_creates_schema_on_empty_database(empty_store: Store) -> None:
    assert empty_store.current_revision() is None
    assert set(inspect(empty_store.engine).get_table_names()) == set()
    empty_store.upgrade()
    assert empty_store.current_revision() == "0004"
    assert set(inspect(empty_store.engine).get_table_names()) == TABLES


def test_upgrade_twice_is_a_no_op_and_keeps_data(store: Store) -> None:
    with store.session() as s:
        repos.ensure_user(s, "laoli", "reviewer", "老李")
    store.upgrade()
    assert store.current_revision() == "0004"
    with store.session() as s:
        assert [u.display_name for u in repos.list_users(s)] == ["老李"]


def test_upgrade_to_0003_chains_existing_audit_entries(empty_store: Store) -> None:
    empty_store.upgrade("0002")
    with empty_store.engine.begin() as conn:
        for i, detail in enumerate(['{"n": 1, "名": "老李"}', '{"n": 2}', "{}"]):
            conn.execute(
                text(
                    "INSERT INTO audit_log (ts, actor, action, object_type, object_id, detail) "
                    "VALUES (:ts, 'laoli', 'x.y', 'creative', :oid, :detail)"
                ),
                {"ts": datetime(2026, 1, 1, 8, i, tzinfo=UTC), "oid": f"c-{i}", "detail": detail},
            )
    empty_store.upgrade()
    with empty_store.session() as s:
        result = repos.verify_audit(s)
        assert result.ok and result.entries == 3
        repos.audit(s, "laoli", "x.z", "creative", "c-9")
    with empty_store.session() as s:
        assert repos.verify_audit(s).entries == 4
        assert repos.verify_audit(s).ok


def test_migrations_match_models(store: Store) -> None:
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_foreign_keys_are_enforced(store: Store) -> None:
    row = CreativeRow(
        id="c-1",
        campaign_id="cmp-missing",
        brand_id="brand-missing",
        segment_key="s",
        channel="sms",
        fields={},
        phrase_ids={},
        provenance={},
        round=0,
        status="draft",
    )
    with pytest.raises(IntegrityError), store.session() as s:
        s.add(row)


def test_open_sqlite_creates_parent_directory(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "huashu.db"
    store = open_store(f"sqlite:///{path}")
    try:
        store.upgrade()
        assert store.dialect == "sqlite"
    finally:
        store.close()
    assert path.is_file()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql://u@h:5432/db", "postgresql+psycopg://u@h:5432/db"),
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:///x.db", "sqlite:///x.db"),
    ],
)
def test_normalize_url(url: str, expected: str) -> None:
    assert normalize_url(url) == expected


def test_stores_migrating_one_fresh_database_at_once_all_reach_head(empty_store: Store) -> None:
    """``serve --workers N`` on a new database: every worker runs the migrations at start."""
    url = empty_store.engine.url.render_as_string(hide_password=False)
    stores = [open_store(url) for _ in range(4)]
    gate = threading.Barrier(len(stores))
    errors: list[BaseException] = []

    def upgrade(store: Store) -> None:
        gate.wait()
        try:
            store.upgrade()
        except BaseException as err:  # collected: the assertion names it
            errors.append(err)

    threads = [threading.Thread(target=upgrade, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert errors == []
        assert set(inspect(empty_store.engine).get_table_names()) >= TABLES
        assert len({s.current_revision() for s in stores}) == 1
    finally:
        for store in stores:
            store.close()
