"""Opening the operational store: the engine, one-transaction sessions and Alembic upgrades.

SQLite (a file, the default) and PostgreSQL (``postgresql://`` or ``postgresql+psycopg://``) are
supported through the same code path.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from huashu.domain import InputError

MIGRATIONS_DIR = Path(__file__).with_name("migrations")

_PG_PREFIXES = ("postgresql://", "postgres://")


def normalize_url(url: str) -> str:
    """``postgresql://`` and ``postgres://`` mean psycopg 3; every other URL is kept as given."""
    for prefix in _PG_PREFIXES:
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _configure_sqlite(engine: Engine) -> None:
    """Foreign keys on, and SQLAlchemy (not pysqlite) in charge of BEGIN, so savepoints work."""

    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    def on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")

    event.listen(engine, "connect", on_connect)
    event.listen(engine, "begin", on_begin)


def open_store(url: str) -> Store:
    """Create the engine for ``url``; for a SQLite file, create its parent directory too."""
    sa_url = make_url(normalize_url(url))
    backend = sa_url.get_backend_name()
    if backend == "sqlite":
        database = sa_url.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(sa_url, json_serializer=_dumps)
    except ModuleNotFoundError as err:
        raise InputError(
            f"the database driver for {backend} is not installed ({err.name}); "
            "run: pip install 'huashu[postgres]'",
            message_zh=(
                f"未安装 {backend} 数据库驱动（{err.name}），请运行：pip install 'huashu[postgres]'"
            ),
            code="missing_dependency",
            details={"backend": backend, "module": err.name},
        ) from err
    if backend == "sqlite":
        _configure_sqlite(engine)
    return Store(engine)


class Store:
    """The operational store: one engine, sessions that are transactions, schema upgrades."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        with self._sessions.begin() as session:
            yield session

    def alembic_config(self) -> Config:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
        return config

    def upgrade(self, revision: str = "head") -> None:
        """Run the packaged Alembic migrations up to ``revision``; a no-op when already there."""
        config = self.alembic_config()
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)

    def current_revision(self) -> str | None:
        with self.engine.connect() as connection:
            revision: str | None = MigrationContext.configure(connection).get_current_revision()
            return revision

    def close(self) -> None:
        self.engine.dispose()
