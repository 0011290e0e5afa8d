"""Log in and out, API tokens (shown once, revocable at once) and user administration."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from huashu.config import Settings
from huashu.domain import InputError
from huashu.store import Store, credentials, logins, repos
from huashu.store.users import User
from huashu.web.auth import (
    PUBLIC,
    SESSION_COOKIE,
    AccessDenied,
    Admin,
    Anyone,
    Principal,
)
from huashu.web.schemas_auth import (
    LoginOut,
    MeOut,
    NewTokenOut,
    TokenOut,
    TokensOut,
    UserEnvelope,
    UsersOut,
)
from huashu.web.schemas_common import Ok

router = APIRouter(tags=["auth"])


class LoginBody(BaseModel):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1024)


class TokenBody(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    #: admins may mint tokens for another user (e.g. a machine account).
    username: str | None = Field(default=None, max_length=64)


class UserBody(BaseModel):
    username: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.@-]+$")
    role: str
    display_name: str = Field(default="", max_length=200)
    password: str | None = Field(default=None, max_length=1024)


class UserPatch(BaseModel):
    role: str | None = None
    display_name: str | None = Field(default=None, max_length=200)
    active: bool | None = None
    password: str | None = Field(default=None, max_length=1024)


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def client_of(request: Request) -> str:
    return request.client.host if request.client is not None else "unknown"


def login_limits(settings: Settings) -> logins.LoginLimits:
    return logins.LoginLimits(
        max_failures=settings.login_max_failures,
        window=timedelta(seconds=settings.login_window_seconds),
        backoff=timedelta(seconds=settings.login_backoff_seconds),
        client_max_failures=settings.login_client_max_failures,
    )


def _refused(err: logins.LoginRefused) -> AccessDenied:
    wait = err.retry_after
    if err.scope == "client":
        en = f"too many failed logins from this address; try again in {wait} s"
        zh = f"此地址登录失败次数过多，请 {wait} 秒后再试"
    else:
        en = f"too many failed logins for this account from this address; try again in {wait} s"
        zh = f"该账号在此地址登录失败次数过多，请 {wait} 秒后再试"
    return AccessDenied(429, "too_many_attempts", en, zh, {"Retry-After": str(wait)})


def login(request: Request, body: LoginBody) -> tuple[Principal, str, str]:
    """Check the password (failures limited per account and client address, with backoff);
    return the new session's principal, cookie value and CSRF token. Shared by the API and
    the login page. The slow password hash runs between two short, retried transactions."""
    settings = _settings(request)
    store = _store(request)
    client = client_of(request)
    limits = login_limits(settings)
    try:
        attempt = store.run(lambda s: logins.begin_attempt(s, body.username, client, limits))
    except logins.LoginRefused as err:
        raise _refused(err) from None
    ok = credentials.verify_password(attempt.password_hash, body.password)
    stored = attempt.password_hash
    new_hash = credentials.rehash(stored, body.password) if ok and stored else None
    ttl = timedelta(hours=settings.session_hours)

    def finish(s: Session) -> tuple[User, tuple[str, str]] | None:
        user = logins.finish_attempt(s, attempt, ok, new_hash)
        return None if user is None else (user, credentials.create_session(s, user, ttl))

    done = store.run(finish)
    if done is None:
        raise AccessDenied(401, "bad_credentials", "wrong username or password", "用户名或密码错误")
    user, (cookie, csrf) = done
    return Principal(user, "session", csrf), cookie, csrf


def set_session_cookie(response: Response, settings: Settings, cookie: str) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        cookie,
        max_age=int(settings.session_hours * 3600),
        httponly=True,
        secure=settings.secure_cookies,
        samesite="lax",
        path="/",
    )


@router.post("/auth/login", response_model=LoginOut, dependencies=[PUBLIC])
def api_login(request: Request, response: Response, body: LoginBody) -> dict[str, Any]:
    principal, cookie, csrf = login(request, body)
    set_session_cookie(response, _settings(request), cookie)
    return {"ok": True, "user": principal.user.as_dict(), "csrf_token": csrf}


@router.post("/auth/logout", response_model=Ok)
def api_logout(request: Request, response: Response, who: Anyone) -> dict[str, Any]:
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie is not None:
        with request.app.state.store.session() as s:
            credentials.end_session(s, cookie)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return {"ok": True}


@router.get("/auth/me", response_model=MeOut)
def me(who: Anyone) -> dict[str, Any]:
    return {"ok": True, "user": who.user.as_dict(), "via": who.via, "csrf_token": who.csrf}


@router.get("/tokens", response_model=TokensOut)
def tokens(request: Request, who: Anyone) -> dict[str, Any]:
    """Your own tokens; admins see everyone's."""
    owner = None if who.role == "admin" else who.username
    with request.app.state.store.session() as s:
        return {"ok": True, "tokens": [t.as_dict() for t in credentials.list_tokens(s, owner)]}


def _forbidden_other_user() -> AccessDenied:
    return AccessDenied(
        403,
        "forbidden",
        "only admins manage other users' tokens",
        "只有管理员可以管理他人的令牌",
    )


@router.post("/tokens", response_model=NewTokenOut)
def create_token(request: Request, body: TokenBody, who: Anyone) -> dict[str, Any]:
    """Mint a token; the response is the only time it is shown."""
    owner = body.username or who.username
    if owner != who.username and who.role != "admin":
        raise _forbidden_other_user()
    token_id, token = _store(request).run(
        lambda s: credentials.create_token(s, owner, body.name, actor=who.username)
    )
    return {"ok": True, "id": token_id, "token": token, "username": owner}


@router.delete("/tokens/{token_id}", response_model=TokenOut)
def revoke_token(request: Request, token_id: str, who: Anyone) -> dict[str, Any]:
    def work(s: Session) -> credentials.TokenInfo:
        if credentials.token_owner(s, token_id) != who.username and who.role != "admin":
            raise _forbidden_other_user()
        return credentials.revoke_token(s, token_id, actor=who.username)

    return {"ok": True, "token": _store(request).run(work).as_dict()}


@router.get("/users", response_model=UsersOut)
def users(request: Request, who: Admin) -> dict[str, Any]:
    with request.app.state.store.session() as s:
        return {"ok": True, "users": [u.as_dict() for u in repos.list_users(s)]}


@router.post("/users", response_model=UserEnvelope)
def create_user(request: Request, body: UserBody, who: Admin) -> dict[str, Any]:
    def work(s: Session) -> User | None:
        if repos.get_user(s, body.username) is not None:
            raise InputError(
                f"user {body.username} already exists",
                message_zh=f"用户 {body.username} 已存在",
                code="duplicate",
                details={"username": body.username},
            )
        repos.ensure_user(s, body.username, body.role, body.display_name)
        if body.password is not None:
            credentials.set_password(s, body.username, body.password, actor=who.username)
        repos.audit(s, who.username, "user.create", "user", body.username, {"role": body.role})
        return repos.get_user(s, body.username)

    user = _store(request).run(work)
    assert user is not None
    return {"ok": True, "user": user.as_dict()}


@router.patch("/users/{username}", response_model=UserEnvelope)
def update_user(request: Request, username: str, body: UserPatch, who: Admin) -> dict[str, Any]:
    """Change a user's role, name, state or password; a deactivation or a new password ends
    every session and token of the user (the caller's own included)."""

    def work(s: Session) -> User | None:
        user = repos.get_user(s, username)
        if user is None:
            raise InputError(
                f"no user {username}",
                message_zh=f"用户 {username} 不存在",
                code="not_found",
                details={"username": username},
            )
        if body.role is not None or body.display_name is not None:
            repos.ensure_user(
                s, username, body.role or user.role, body.display_name or user.display_name
            )
            repos.audit(s, who.username, "user.update", "user", username, {"role": body.role})
        if body.active is not None:
            credentials.set_active(s, username, body.active, actor=who.username)
        if body.password is not None:
            credentials.set_password(s, username, body.password, actor=who.username)
        return repos.get_user(s, username)

    updated = _store(request).run(work)
    assert updated is not None
    return {"ok": True, "user": updated.as_dict()}
