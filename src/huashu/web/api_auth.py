"""Log in and out, API tokens (shown once, revocable at once) and user administration."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from huashu.config import Settings
from huashu.services import accounts
from huashu.store import logins
from huashu.web.auth import (
    PUBLIC,
    SESSION_COOKIE,
    AccessDenied,
    Admin,
    Anyone,
    Principal,
)
from huashu.web.backends import store_of
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


def client_of(request: Request) -> str:
    return request.client.host if request.client is not None else "unknown"


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
    try:
        done = accounts.log_in(
            store_of(request),
            body.username,
            body.password,
            client_of(request),
            limits=accounts.login_limits(settings),
            ttl=timedelta(hours=settings.session_hours),
        )
    except logins.LoginRefused as err:
        raise _refused(err) from None
    if done is None:
        raise AccessDenied(401, "bad_credentials", "wrong username or password", "用户名或密码错误")
    return Principal(done.user, "session", done.csrf), done.cookie, done.csrf


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
        accounts.log_out(store_of(request), cookie)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return {"ok": True}


@router.get("/auth/me", response_model=MeOut)
def me(who: Anyone) -> dict[str, Any]:
    return {"ok": True, "user": who.user.as_dict(), "via": who.via, "csrf_token": who.csrf}


@router.get("/tokens", response_model=TokensOut)
def tokens(request: Request, who: Anyone) -> dict[str, Any]:
    """Your own tokens; admins see everyone's."""
    owner = None if who.role == "admin" else who.username
    found = accounts.list_tokens(store_of(request), owner)
    return {"ok": True, "tokens": [t.as_dict() for t in found]}


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
    made = accounts.create_token(store_of(request), owner, body.name, actor=who.username)
    return {"ok": True, "id": made.id, "token": made.token, "username": made.username}


@router.delete("/tokens/{token_id}", response_model=TokenOut)
def revoke_token(request: Request, token_id: str, who: Anyone) -> dict[str, Any]:
    revoked = accounts.revoke_token(
        store_of(request), token_id, actor=who.username, any_owner=who.role == "admin"
    )
    return {"ok": True, "token": revoked.as_dict()}


@router.get("/users", response_model=UsersOut)
def users(request: Request, who: Admin) -> dict[str, Any]:
    return {"ok": True, "users": [u.as_dict() for u in accounts.list_users(store_of(request))]}


@router.post("/users", response_model=UserEnvelope)
def create_user(request: Request, body: UserBody, who: Admin) -> dict[str, Any]:
    user = accounts.create_user(
        store_of(request),
        body.username,
        body.role,
        display_name=body.display_name,
        password=body.password,
        actor=who.username,
    )
    return {"ok": True, "user": user.as_dict()}


@router.patch("/users/{username}", response_model=UserEnvelope)
def update_user(request: Request, username: str, body: UserPatch, who: Admin) -> dict[str, Any]:
    """Change a user's role, name, state or password; a deactivation or a new password ends
    every session and token of the user (the caller's own included)."""
    updated = accounts.update_user(
        store_of(request),
        username,
        role=body.role,
        display_name=body.display_name,
        active=body.active,
        password=body.password,
        actor=who.username,
    )
    return {"ok": True, "user": updated.as_dict()}
