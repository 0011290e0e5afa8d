"""Opening the operational store: the engine, one-transaction sessions and Alembic upgrades.

SQLite (a file, the default) and PostgreSQL (``postgresql://`` or ``postgresql+psycopg://``) are
supported through the same code path. On SQLite the file is in WAL mode (readers never wait for
the writer), every connection waits up to :data:`BUSY_TIMEOUT_MS` for a lock, and a transaction
takes the write lock when it begins (``BEGIN IMMEDIATE``; ``session(read_only=True)`` does not),
so a transaction that reads and then writes never meets a "database is locked" it cannot wait
out. :meth:`Store.run` runs a short transaction again when the database still answers busy,
locked, deadlocked or with a serialization failure.
"""

from __future__ import annotations

import json
import logging
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from huashu.domain import InputError

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
#: how long a SQLite connection waits for another one's lock before it answers "busy".
BUSY_TIMEOUT_MS = 30_000
#: tries of :meth:`Store.run` before a busy or conflicting database is reported.
RUN_ATTEMPTS = 6
#: execution option marking a SQLite transaction that only reads (plain ``BEGIN``).
READ_ONLY = "huashu_read_only"
#: PostgreSQL states worth another try: serialization failure, deadlock, lock not available.
_PG_RETRY = frozenset({"40001", "40P01", "55P03"})
_MIGRATE = 0x68756174  # advisory lock key of the schema migrations ("huat")
_SQLITE_RETRY = ("database is locked", "database table is locked", "database is busy")

log = logging.getLogger("huashu.store")
T = TypeVar("T")

_PG_PREFIXES = ("postgresql://", "postgres://")


def normalize_url(url: str) -> str:
    """``postgresql://`` and ``postgres://`` mean psycopg 3; every other URL is kept as given."""
    for prefix in _PG_PREFIXES:
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _wal(cursor: Any) -> None:
    """Put the file in WAL mode (kept by the file; "memory" stays for an in-memory database).
    The switch takes the database's exclusive lock without calling the busy handler, so a
    connection opened while another process switches or migrates may see "database is locked":
    it tries again for up to the busy timeout; once in WAL there is nothing left to switch."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() > deadline:
                raise
            if cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
                return
        time.sleep(random.uniform(0.01, 0.05))


def _configure_sqlite(engine: Engine) -> None:
    """WAL, a busy timeout and foreign keys on every connection; SQLAlchemy (not pysqlite) in
    charge of BEGIN, so savepoints work, and BEGIN IMMEDIATE unless the session only reads."""

    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        _wal(cursor)
        cursor.execute("PRAGMA synchronous=NORMAL")  # durable enough in WAL mode
        cursor.close()

    def on_begin(connection: Any) -> None:
        read_only = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    event.listen(engine, "connect", on_connect)
    event.listen(engine, "begin", on_begin)


def is_transient(err: DBAPIError) -> bool:
    """A conflict that another try may not meet: SQLite busy or locked, a PostgreSQL
    serialization failure, deadlock or lock timeout."""
    state = getattr(err.orig, "sqlstate", None)
    if state is not None:
        return state in _PG_RETRY
    return any(text in str(err.orig).lower() for text in _SQLITE_RETRY)


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
    def session(self, *, read_only: bool = False) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back if it raises.

        On SQLite it holds the write lock from its start (other writers wait, readers do
        not); ``read_only=True`` takes no lock, for a block that never writes."""
        with self._sessions.begin() as session:
            if read_only and self.dialect == "sqlite":
                session.connection(execution_options={READ_ONLY: True})
            yield session

    def run(self, work: Callable[[Session], T], *, read_only: bool = False) -> T:
        """``work(session)`` in one transaction, run again from the start after a short random
        wait when the database reports a transient conflict (:func:`is_transient`); any other
        error, and the last conflict, propagate. ``work`` must do nothing but database work."""
        for attempt in range(1, RUN_ATTEMPTS + 1):
            try:
                with self.session(read_only=read_only) as session:
                    return work(session)
            except DBAPIError as err:
                if attempt == RUN_ATTEMPTS or not is_transient(err):
                    raise
                log.info("store busy (%s), try %d of %d", err.orig, attempt, RUN_ATTEMPTS)
            time.sleep(random.uniform(0.02, 0.05) * 2**attempt)
        raise AssertionError("unreachable")

    def alembic_config(self) -> Config:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
        return config

    def upgrade(self, revision: str = "head") -> None:
        """Run the packaged Alembic migrations up to ``revision``; a no-op when already there."""
        config = self.alembic_config()
        with self.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                # several workers starting on one fresh database migrate one after another
                # (the others then find it at head); released when the transaction ends
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATE})
            config.attributes["connection"] = connection
            command.upgrade(config, revision)

    def current_revision(self) -> str | None:
        with self.engine.connect() as connection:
            revision: str | None = MigrationContext.configure(connection).get_current_revision()
            return revision

    def close(self) -> None:
        self.engine.dispose()
