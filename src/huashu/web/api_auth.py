"""Log in and out, API tokens (shown once, revocable at once) and user administration."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from huashu.config import Settings
from huashu.domain import InputError
from huashu.store import credentials, repos
from huashu.web.auth import (
    PUBLIC,
    SESSION_COOKIE,
    AccessDenied,
    Admin,
    Anyone,
    Principal,
)

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


def client_of(request: Request) -> str:
    return request.client.host if request.client is not None else "unknown"


def login(request: Request, body: LoginBody) -> tuple[Principal, str, str]:
    """Check the password (rate-limited per user and per client); return the new session's
    principal, cookie value and CSRF token. Shared by the API and the login page."""
    settings = _settings(request)
    client = client_of(request)
    window = timedelta(seconds=settings.login_window_seconds)
    with request.app.state.store.session() as s:
        if credentials.recent_failures(s, body.username, client, window) >= (
            settings.login_max_failures
        ):
            raise AccessDenied(
                429,
                "too_many_attempts",
                "too many failed logins; wait a few minutes and try again",
                "登录失败次数过多，请稍后再试",
            )
        user = credentials.check_password(s, body.username, body.password)
        credentials.record_login(s, body.username, client, user is not None)
    if user is None:
        raise AccessDenied(401, "bad_credentials", "wrong username or password", "用户名或密码错误")
    with request.app.state.store.session() as s:
        cookie, csrf = credentials.create_session(s, user, timedelta(hours=settings.session_hours))
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


@router.post("/auth/login", dependencies=[PUBLIC])
def api_login(request: Request, response: Response, body: LoginBody) -> dict[str, Any]:
    principal, cookie, csrf = login(request, body)
    set_session_cookie(response, _settings(request), cookie)
    return {"ok": True, "user": principal.user.as_dict(), "csrf_token": csrf}


@router.post("/auth/logout")
def api_logout(request: Request, response: Response, who: Anyone) -> dict[str, Any]:
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie is not None:
        with request.app.state.store.session() as s:
            credentials.end_session(s, cookie)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return {"ok": True}


@router.get("/auth/me")
def me(who: Anyone) -> dict[str, Any]:
    return {"ok": True, "user": who.user.as_dict(), "via": who.via, "csrf_token": who.csrf}


@router.get("/tokens")
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


@router.post("/tokens")
def create_token(request: Request, body: TokenBody, who: Anyone) -> dict[str, Any]:
    """Mint a token; the response is the only time it is shown."""
    owner = body.username or who.username
    if owner != who.username and who.role != "admin":
        raise _forbidden_other_user()
    with request.app.state.store.session() as s:
        token_id, token = credentials.create_token(s, owner, body.name, actor=who.username)
    return {"ok": True, "id": token_id, "token": token, "username": owner}


@router.delete("/tokens/{token_id}")
def revoke_token(request: Request, token_id: str, who: Anyone) -> dict[str, Any]:
    with request.app.state.store.session() as s:
        if credentials.token_owner(s, token_id) != who.username and who.role != "admin":
            raise _forbidden_other_user()
        info = credentials.revoke_token(s, token_id, actor=who.username)
    return {"ok": True, "token": info.as_dict()}


@router.get("/users")
def users(request: Request, who: Admin) -> dict[str, Any]:
    with request.app.state.store.session() as s:
        return {"ok": True, "users": [u.as_dict() for u in repos.list_users(s)]}


@router.post("/users")
def create_user(request: Request, body: UserBody, who: Admin) -> dict[str, Any]:
    with request.app.state.store.session() as s:
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
        user = repos.get_user(s, body.username)
    assert user is not None
    return {"ok": True, "user": user.as_dict()}


@router.patch("/users/{username}")
def update_user(request: Request, username: str, body: UserPatch, who: Admin) -> dict[str, Any]:
    with request.app.state.store.session() as s:
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
        updated = repos.get_user(s, username)
    assert updated is not None
    return {"ok": True, "user": updated.as_dict()}
