"""Accounts as operator actions: log in and out, who an API token or a session cookie belongs
to, API tokens (shown once, revocable at once) and user administration. Each change is one
short transaction run by ``Store.run``, so a busy store is retried rather than failed; a login
runs the slow password hash between two of them."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from huashu.config import Settings
from huashu.domain import Forbidden, InputError, NotFound
from huashu.store import Store, credentials, logins, repos
from huashu.store.credentials import TokenInfo
from huashu.store.users import User

log = logging.getLogger("huashu.accounts")


@dataclass(frozen=True)
class LoggedIn:
    """A new web session: its user, cookie value and CSRF token."""

    user: User
    cookie: str
    csrf: str


@dataclass(frozen=True)
class NewToken:
    """A minted API token: its id, the token itself (shown this once) and its owner."""

    id: str
    token: str
    username: str


class NotTokenOwner(Forbidden):
    """The token belongs to another user and the caller may not manage others' tokens (403
    ``forbidden``, as the web layer's own refusal of another user's token)."""

    def __init__(self, token_id: str) -> None:
        super().__init__(
            "only admins manage other users' tokens",
            message_zh="只有管理员可以管理他人的令牌",
            details={"token_id": token_id},
        )


def login_limits(settings: Settings) -> logins.LoginLimits:
    return logins.LoginLimits(
        max_failures=settings.login_max_failures,
        window=timedelta(seconds=settings.login_window_seconds),
        backoff=timedelta(seconds=settings.login_backoff_seconds),
        client_max_failures=settings.login_client_max_failures,
    )


def log_in(
    store: Store,
    username: str,
    password: str,
    client: str,
    *,
    limits: logins.LoginLimits,
    ttl: timedelta,
) -> LoggedIn | None:
    """Check the password (failures limited per account and ``client`` address, with backoff:
    :class:`~huashu.store.logins.LoginRefused`) and open a session of ``ttl``; None for a
    wrong username or password."""
    attempt = store.run(lambda s: logins.begin_attempt(s, username, client, limits))
    ok = credentials.verify_password(attempt.password_hash, password)
    stored = attempt.password_hash
    new_hash = credentials.rehash(stored, password) if ok and stored else None

    def finish(s: Session) -> LoggedIn | None:
        user = logins.finish_attempt(s, attempt, ok, new_hash)
        if user is None:
            return None
        cookie, csrf = credentials.create_session(s, user, ttl)
        return LoggedIn(user, cookie, csrf)

    return store.run(finish)


def log_out(store: Store, cookie: str) -> None:
    """End the session of ``cookie`` (a session already ended changes nothing)."""
    with store.session() as s:
        credentials.end_session(s, cookie)


def user_for_token(store: Store, token: str) -> User | None:
    """The active user of an API token, None for an unknown or revoked one; the token's
    last use is noted when due, as bookkeeping that a busy store may skip."""
    with store.session(read_only=True) as s:
        found = credentials.user_for_token(s, token)
    if found is None:
        return None
    user, touch = found
    if touch is not None:
        try:
            with store.session() as s:
                credentials.touch_token(s, touch)
        except SQLAlchemyError:  # bookkeeping only: a busy store must not fail the request
            log.debug("token last_used_at not refreshed", exc_info=True)
    return user


def user_for_session(store: Store, cookie: str) -> tuple[User, str] | None:
    """The user of a live session cookie and the session's CSRF token; None when expired or
    ended."""
    with store.session(read_only=True) as s:
        return credentials.user_for_session(s, cookie)


def list_tokens(store: Store, owner: str | None) -> list[TokenInfo]:
    """The tokens of ``owner``; None: everyone's."""
    with store.session() as s:
        return credentials.list_tokens(s, owner)


def create_token(store: Store, owner: str, name: str, *, actor: str) -> NewToken:
    """Mint a token for ``owner`` (audited)."""
    token_id, token = store.run(lambda s: credentials.create_token(s, owner, name, actor=actor))
    return NewToken(token_id, token, owner)


def revoke_token(store: Store, token_id: str, *, actor: str, any_owner: bool) -> TokenInfo:
    """Revoke a token at once (audited); :class:`NotTokenOwner` for another user's token
    unless ``any_owner`` (admins)."""

    def work(s: Session) -> TokenInfo:
        if credentials.token_owner(s, token_id) != actor and not any_owner:
            raise NotTokenOwner(token_id)
        return credentials.revoke_token(s, token_id, actor=actor)

    return store.run(work)


def list_users(store: Store) -> list[User]:
    with store.session() as s:
        return repos.list_users(s)


def create_user(
    store: Store,
    username: str,
    role: str,
    *,
    display_name: str = "",
    password: str | None = None,
    actor: str,
    existing_ok: bool = False,
) -> User:
    """Add a user (audited ``user.create``), then set its password when given (see
    :func:`set_password`); 422 ``duplicate`` for a taken username. With ``existing_ok`` (``huashu
    users add``) a taken username is brought to ``role`` and ``display_name`` (empty keeps its
    name) instead, audited ``user.create`` again."""

    def work(s: Session) -> User | None:
        if not existing_ok and repos.get_user(s, username) is not None:
            raise InputError(
                f"user {username} already exists",
                message_zh=f"用户 {username} 已存在",
                code="duplicate",
                details={"username": username},
            )
        repos.ensure_user(s, username, role, display_name)
        repos.audit(s, actor, "user.create", "user", username, {"role": role})
        if password is not None:
            credentials.set_password(s, username, password, actor=actor)
        return repos.get_user(s, username)

    return _user_of(store.run(work))


def update_user(
    store: Store,
    username: str,
    *,
    role: str | None = None,
    display_name: str | None = None,
    active: bool | None = None,
    password: str | None = None,
    actor: str,
) -> User:
    """Change a user's role, name, state or password (None keeps one); a deactivation or a
    new password ends every session and token of the user. 404 ``not_found`` (``NotFound``)
    for no such user."""

    def work(s: Session) -> User | None:
        user = repos.get_user(s, username)
        if user is None:
            raise NotFound(
                f"no user {username}",
                message_zh=f"用户 {username} 不存在",
                code="not_found",
                details={"username": username},
            )
        if role is not None or display_name is not None:
            repos.ensure_user(s, username, role or user.role, display_name or user.display_name)
            repos.audit(s, actor, "user.update", "user", username, {"role": role})
        if active is not None:
            credentials.set_active(s, username, active, actor=actor)
        if password is not None:
            credentials.set_password(s, username, password, actor=actor)
        return repos.get_user(s, username)

    return _user_of(store.run(work))


def set_password(store: Store, username: str, password: str, *, actor: str) -> User:
    """A new password (audited); every session and token of the user ends. 422
    ``weak_password`` for a short one (checked first), 404 ``not_found`` for no such user."""

    def work(s: Session) -> User | None:
        credentials.set_password(s, username, password, actor=actor)
        return repos.get_user(s, username)

    return _user_of(store.run(work))


def set_active(store: Store, username: str, active: bool, *, actor: str) -> User:
    """(De)activate a user (audited when it changes); a deactivation ends every session and
    token of the user for good. 404 ``not_found`` for no such user."""

    def work(s: Session) -> User | None:
        credentials.set_active(s, username, active, actor=actor)
        return repos.get_user(s, username)

    return _user_of(store.run(work))


def _user_of(user: User | None) -> User:
    """The user a write returned: the write has just saved it, so it exists."""
    assert user is not None
    return user
