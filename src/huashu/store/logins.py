"""Failed-login limits, per (account, client address), kept in ``login_attempts`` so every
worker sees the same counts.

After ``max_failures`` failures within the window, one (account, address) pair waits
``backoff``, doubled with each further failure (at most the window); a success clears its
count. One address failing on many accounts (``client_max_failures`` within the window) is
refused as a whole. Nothing a client does makes an account wait for anyone else, so an
anonymous client cannot lock out an admin.

A pair with a recent failure records each new attempt as failed *before* its password is
checked (and marks it a success when it matches), so parallel guesses count at once; a pair
with a clean record never waits on anything, so a burst of correct logins is never refused.
Passwords are checked between the two short transactions of :func:`begin_attempt` and
:func:`finish_attempt`, never while a lock is held.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from huashu.store.models import UserRow, utcnow
from huashu.store.models_workflow import LoginAttemptRow
from huashu.store.users import User, to_user


@dataclass(frozen=True)
class LoginLimits:
    max_failures: int = 5
    window: timedelta = timedelta(seconds=300)
    backoff: timedelta = timedelta(seconds=30)
    client_max_failures: int = 20


class LoginRefused(Exception):
    """The pair (``scope="account"``) or the address (``"client"``) must wait
    ``retry_after`` seconds."""

    def __init__(self, retry_after: float, scope: Literal["account", "client"]) -> None:
        super().__init__(f"login refused for {retry_after:.0f} s ({scope})")
        self.retry_after = max(1, int(retry_after + 0.999))
        self.scope = scope


@dataclass(frozen=True)
class Attempt:
    """An attempt allowed to check its password: the active user's hash when it began (None:
    no such active user) and the id of its pre-recorded failure, if any."""

    username: str
    client: str
    password_hash: str | None
    row_id: int | None = None


def _serialise(session: Session, client: str) -> None:
    """On PostgreSQL, one attempt of an address at a time decides whether it may go on (on
    SQLite the transaction's write lock already does)."""
    if session.get_bind().dialect.name == "postgresql":
        digest = hashlib.sha256(b"huashu-login\x00" + client.encode("utf-8")).digest()
        key = int.from_bytes(digest[:8], "big", signed=True)
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def pair_wait(failures: list[datetime], limits: LoginLimits, now: datetime) -> float:
    """Seconds a pair with these failures (oldest first, since its last success) must wait."""
    extra = len(failures) - limits.max_failures
    if extra < 0:
        return 0.0
    delay = min(limits.backoff * (2 ** min(extra, 32)), limits.window)
    wait: float = (failures[-1] + delay - now).total_seconds()
    return wait


def begin_attempt(
    session: Session,
    username: str,
    client: str,
    limits: LoginLimits,
    now: datetime | None = None,
) -> Attempt:
    """Refuse with :class:`LoginRefused` while the pair or the address must wait; else the
    :class:`Attempt` whose password the caller checks (outside any transaction)."""
    now = now or utcnow()
    username, client = username[:64], client[:64]
    _serialise(session, client)
    since = now - limits.window
    pair = (LoginAttemptRow.username == username) & (LoginAttemptRow.client == client)
    last_ok = session.scalar(
        select(func.max(LoginAttemptRow.ts)).where(
            pair, LoginAttemptRow.ok.is_(True), LoginAttemptRow.ts > since
        )
    )
    failures = list(
        session.scalars(
            select(LoginAttemptRow.ts)
            .where(pair, LoginAttemptRow.ok.is_(False), LoginAttemptRow.ts > (last_ok or since))
            .order_by(LoginAttemptRow.ts)
        )
    )
    wait = pair_wait(failures, limits, now)
    if wait > 0:
        raise LoginRefused(wait, "account")
    recent = list(
        session.scalars(
            select(LoginAttemptRow.ts)
            .where(
                LoginAttemptRow.client == client,
                LoginAttemptRow.ok.is_(False),
                LoginAttemptRow.ts > since,
            )
            .order_by(LoginAttemptRow.ts.desc())
            .limit(limits.client_max_failures)
        )
    )
    if len(recent) >= limits.client_max_failures:
        raise LoginRefused((recent[-1] + limits.window - now).total_seconds(), "client")
    row_id = None
    if failures:
        row = LoginAttemptRow(username=username, client=client, ok=False, ts=now)
        session.add(row)
        session.flush()
        row_id = row.id
    user = session.scalar(select(UserRow).where(UserRow.username == username))
    stored = user.password_hash if user is not None and user.active else None
    return Attempt(username, client, stored, row_id)


def finish_attempt(
    session: Session,
    attempt: Attempt,
    ok: bool,
    new_hash: str | None = None,
    now: datetime | None = None,
) -> User | None:
    """Record the outcome of the password check; on a match return the user, provided it is
    still active with the password that was checked (``new_hash``: a rehash to store)."""
    row = session.scalar(select(UserRow).where(UserRow.username == attempt.username))
    if ok and (row is None or not row.active or row.password_hash != attempt.password_hash):
        ok = False
    if attempt.row_id is None:
        session.add(
            LoginAttemptRow(
                username=attempt.username, client=attempt.client, ok=ok, ts=now or utcnow()
            )
        )
    elif ok:
        session.execute(
            update(LoginAttemptRow).where(LoginAttemptRow.id == attempt.row_id).values(ok=True)
        )
    session.flush()
    if not ok or row is None:
        return None
    if new_hash is not None:
        row.password_hash = new_hash
        session.flush()
    return to_user(row)
