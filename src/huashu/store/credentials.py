"""Credentials: argon2id passwords, API tokens and web sessions (both kept only as SHA-256).

Tokens and session ids are 256-bit random strings, so a plain SHA-256 is the right hash at rest
(a slow hash adds nothing against brute force there and would cost every request); passwords,
which people choose, get argon2id. Setting a password and deactivating a user end every web
session and revoke every API token of that user (:func:`end_credentials`). Failed-login limits
live in :mod:`huashu.store.logins`.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from huashu.domain import InputError
from huashu.store.audit import audit
from huashu.store.errors import not_found
from huashu.store.models import UserRow, new_id, utcnow
from huashu.store.models_workflow import ApiTokenRow, WebSessionRow
from huashu.store.users import User, to_user

TOKEN_PREFIX = "hs_"
#: ``last_used_at`` is refreshed at most this often per token.
TOUCH_SECONDS = 60.0
MIN_PASSWORD = 10
_HASHER = PasswordHasher()
#: a real hash verified for unknown users, so the answer takes as long either way.
_DUMMY = _HASHER.hash("not-a-password-of-anyone")


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _user_row(session: Session, username: str) -> UserRow:
    row = session.scalar(select(UserRow).where(UserRow.username == username))
    if row is None:
        raise not_found("user", username)
    return row


def end_credentials(session: Session, row: UserRow, *, actor: str, reason: str) -> int:
    """End every live web session and revoke every live API token of the user (audited when
    there were any); return how many ended. Requests carrying them are refused from the next
    one on."""
    now = utcnow()
    live_sessions = select(WebSessionRow).where(
        WebSessionRow.user_id == row.id,
        WebSessionRow.revoked_at.is_(None),
        WebSessionRow.expires_at > now,
    )
    live_tokens = select(ApiTokenRow).where(
        ApiTokenRow.user_id == row.id, ApiTokenRow.revoked_at.is_(None)
    )
    sessions = tokens = 0
    for web in session.scalars(live_sessions):
        web.revoked_at = now
        sessions += 1
    for token in session.scalars(live_tokens):
        token.revoked_at = now
        tokens += 1
    session.flush()
    if sessions + tokens == 0:
        return 0
    audit(
        session,
        actor,
        "user.credentials_ended",
        "user",
        row.id,
        {"username": row.username, "reason": reason, "sessions": sessions, "tokens": tokens},
    )
    return sessions + tokens


def set_password(session: Session, username: str, password: str, *, actor: str) -> None:
    """Store a new password; the user's sessions and tokens end (log in again)."""
    if len(password) < MIN_PASSWORD:
        raise InputError(
            f"password must have at least {MIN_PASSWORD} characters",
            message_zh=f"密码至少 {MIN_PASSWORD} 个字符",
            code="weak_password",
            details={"min_length": MIN_PASSWORD},
        )
    row = _user_row(session, username)
    row.password_hash = _HASHER.hash(password)
    session.flush()
    audit(session, actor, "user.password", "user", row.id, {"username": username})
    end_credentials(session, row, actor=actor, reason="password")


def verify_password(stored: str | None, password: str) -> bool:
    """Whether ``password`` matches ``stored`` (None: no usable password, checked against a
    dummy hash so the answer takes as long). Slow by design: call it outside transactions."""
    try:
        _HASHER.verify(stored or _DUMMY, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
    return stored is not None


def rehash(stored: str, password: str) -> str | None:
    """A new hash of ``password`` when ``stored`` uses outdated parameters, else None."""
    return _HASHER.hash(password) if _HASHER.check_needs_rehash(stored) else None


def check_password(session: Session, username: str, password: str) -> User | None:
    """The active user whose password this is, else None (same work for unknown users)."""
    row = session.scalar(select(UserRow).where(UserRow.username == username))
    stored = row.password_hash if row is not None and row.active else None
    try:
        _HASHER.verify(stored or _DUMMY, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if row is None or stored is None:
        return None
    if _HASHER.check_needs_rehash(stored):
        row.password_hash = _HASHER.hash(password)
    return to_user(row)


def set_active(session: Session, username: str, active: bool, *, actor: str) -> None:
    """(De)activate a user; deactivation ends its sessions and tokens for good (reactivating
    brings none back)."""
    row = _user_row(session, username)
    if row.active == active:
        return
    row.active = active
    session.flush()
    audit(session, actor, "user.active" if active else "user.inactive", "user", row.id, {})
    if not active:
        end_credentials(session, row, actor=actor, reason="deactivated")


@dataclass(frozen=True)
class TokenInfo:
    id: str
    username: str
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "username": self.username,
            "name": self.name,
            "prefix": self.prefix,
            "created_at": self.created_at.isoformat(),
            "last_used_at": self.last_used_at.isoformat() if self.last_used_at else None,
            "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None,
        }


def create_token(session: Session, username: str, name: str, *, actor: str) -> tuple[str, str]:
    """Mint a token for the user; return ``(token id, token)``. Only the hash is stored."""
    row = _user_row(session, username)
    if not name.strip():
        raise InputError(
            "a token needs a name (what uses it)",
            message_zh="请为令牌命名（说明由哪个系统使用）",
            code="invalid_token_name",
        )
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token_id = new_id("tok")
    session.add(
        ApiTokenRow(
            id=token_id,
            user_id=row.id,
            name=name.strip()[:200],
            token_hash=digest(token),
            prefix=token[:10],
        )
    )
    session.flush()
    audit(session, actor, "token.create", "token", token_id, {"user": username, "name": name})
    return token_id, token


def user_for_token(session: Session, token: str) -> tuple[User, str | None] | None:
    """``(user, token id to touch or None)`` for a live token of an active user, else None.

    Reading never writes: ``last_used_at`` is due for a refresh (returned id) at most once a
    minute, and the caller refreshes it in a transaction of its own (:func:`touch_token`), so
    concurrent requests on SQLite never turn a read into a contended write."""
    found = session.execute(
        select(ApiTokenRow, UserRow)
        .join(UserRow, UserRow.id == ApiTokenRow.user_id)
        .where(ApiTokenRow.token_hash == digest(token))
    ).first()
    if found is None:
        return None
    token_row, user_row = found
    if token_row.revoked_at is not None or not user_row.active:
        return None
    last = token_row.last_used_at
    due = last is None or utcnow() - last > timedelta(seconds=TOUCH_SECONDS)
    return to_user(user_row), token_row.id if due else None


def touch_token(session: Session, token_id: str) -> None:
    """Record that the token was used now (a single UPDATE, so it only waits, never deadlocks)."""
    session.execute(
        update(ApiTokenRow).where(ApiTokenRow.id == token_id).values(last_used_at=utcnow())
    )


def list_tokens(session: Session, username: str | None = None) -> list[TokenInfo]:
    query = (
        select(ApiTokenRow, UserRow.username)
        .join(UserRow, UserRow.id == ApiTokenRow.user_id)
        .order_by(ApiTokenRow.created_at, ApiTokenRow.id)
    )
    if username is not None:
        query = query.where(UserRow.username == username)
    return [
        TokenInfo(
            id=t.id,
            username=name,
            name=t.name,
            prefix=t.prefix,
            created_at=t.created_at,
            last_used_at=t.last_used_at,
            revoked_at=t.revoked_at,
        )
        for t, name in session.execute(query)
    ]


def revoke_token(session: Session, token_id: str, *, actor: str) -> TokenInfo:
    row = session.get(ApiTokenRow, token_id)
    if row is None:
        raise not_found("token", token_id)
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        session.flush()
        audit(session, actor, "token.revoke", "token", token_id, {})
    return next(t for t in list_tokens(session) if t.id == token_id)


def token_owner(session: Session, token_id: str) -> str:
    row = session.get(ApiTokenRow, token_id)
    if row is None:
        raise not_found("token", token_id)
    owner = session.get(UserRow, row.user_id)
    assert owner is not None
    return owner.username


def create_session(session: Session, user: User, ttl: timedelta) -> tuple[str, str]:
    """A new web session for the user; return ``(cookie value, CSRF token)``."""
    cookie = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(24)
    session.add(
        WebSessionRow(
            id_hash=digest(cookie), user_id=user.id, csrf_token=csrf, expires_at=utcnow() + ttl
        )
    )
    session.flush()
    audit(session, user.username, "session.login", "user", user.id, {})
    return cookie, csrf


def user_for_session(session: Session, cookie: str) -> tuple[User, str] | None:
    """``(user, CSRF token)`` of a live session, else None."""
    found = session.execute(
        select(WebSessionRow, UserRow)
        .join(UserRow, UserRow.id == WebSessionRow.user_id)
        .where(WebSessionRow.id_hash == digest(cookie))
    ).first()
    if found is None:
        return None
    web, user_row = found
    if web.revoked_at is not None or web.expires_at <= utcnow() or not user_row.active:
        return None
    return to_user(user_row), web.csrf_token


def end_session(session: Session, cookie: str) -> None:
    web = session.get(WebSessionRow, digest(cookie))
    if web is not None and web.revoked_at is None:
        web.revoked_at = utcnow()
        session.flush()
