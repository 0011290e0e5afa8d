"""Who is calling and what they may do: every route declares an :class:`Authorize` dependency.

A caller is a user, authenticated by ``Authorization: Bearer <API token>`` (machine clients)
or by the ``huashu_session`` cookie of a web login. Cookie-authenticated requests that change
something must also carry the session's CSRF token (``X-CSRF-Token`` header or a
``csrf_token`` form field). No credentials: 401; a role the route does not allow: 403.
The authorization-matrix test walks every route and reads each one's ``Authorize.roles``.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import Depends, Request
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool

from huashu.services import accounts
from huashu.store.users import User
from huashu.web.backends import store_of
from huashu.web.i18n import role_name

SESSION_COOKIE = "huashu_session"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

ALL_ROLES = frozenset({"operator", "reviewer", "analyst", "admin"})
OPERATE = frozenset({"operator", "admin"})
REVIEW = frozenset({"reviewer", "admin"})
#: emergency take-down: legal (reviewers) and admins keep control after approval.
RESPOND = frozenset({"reviewer", "admin"})
ADMIN = frozenset({"admin"})
#: reading and preparing data: analysts, operators, admins.
ANALYZE = frozenset({"analyst", "operator", "admin"})


class AccessDenied(Exception):
    """401 (no or bad credentials), 403 (authenticated, but not allowed: ``principal`` and
    the ``allowed`` roles, for the page that says so) or 429 (too many failed logins;
    ``headers`` carries its Retry-After)."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        message_zh: str,
        headers: dict[str, str] | None = None,
        *,
        principal: Principal | None = None,
        allowed: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.message_zh = message_zh
        self.headers = headers
        self.principal = principal
        self.allowed = allowed

    def localized(self, lang: str) -> str:
        return self.message_zh if lang == "zh" else self.message


@dataclass(frozen=True)
class Principal:
    user: User
    via: Literal["token", "session"]
    csrf: str | None = None

    @property
    def username(self) -> str:
        return self.user.username

    @property
    def role(self) -> str:
        return self.user.role


def _unauthenticated(reason: str) -> AccessDenied:
    return AccessDenied(401, "unauthenticated", reason, "请先登录，或提供有效的 API 令牌")


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return None


def _resolve(request: Request) -> Principal | None:
    token = _bearer(request)
    cookie = request.cookies.get(SESSION_COOKIE)
    if token is None and cookie is None:
        return None
    store = store_of(request)
    if token is not None:
        user = accounts.user_for_token(store, token)
        if user is None:
            raise _unauthenticated("the API token is unknown, revoked or its user inactive")
        return Principal(user, "token")
    assert cookie is not None
    found = accounts.user_for_session(store, cookie)
    if found is None:
        raise _unauthenticated("the session has expired or was ended; log in again")
    return Principal(found[0], "session", found[1])


def viewer(request: Request) -> Principal | None:
    """Who is looking, for pages that need no rule of their own (an error page's navigation):
    the principal a route's rule resolved, else the caller's credentials if valid, else None."""
    found: Principal | None = getattr(request.state, "principal", None)
    if found is not None:
        return found
    try:
        return _resolve(request)
    except (AccessDenied, SQLAlchemyError):  # expired session, unknown token, store down
        return None


async def _csrf_ok(request: Request, principal: Principal) -> bool:
    if principal.via != "session" or request.method in _SAFE_METHODS:
        return True
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        # closed at once: no route takes uploaded files, and an unclosed multipart part would
        # leave its temporary file open
        async with request.form() as form:
            value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    return (
        sent is not None
        and principal.csrf is not None
        and hmac.compare_digest(sent, principal.csrf)
    )


class Authorize:
    """A route's access rule: callers with one of ``roles`` may call it."""

    def __init__(self, roles: frozenset[str]) -> None:
        self.roles = roles

    def __repr__(self) -> str:
        return f"Authorize({sorted(self.roles)})"

    async def __call__(self, request: Request) -> Principal:
        principal = await run_in_threadpool(_resolve, request)
        if principal is None:
            raise _unauthenticated("log in or send an API token (Authorization: Bearer ...)")
        if not await _csrf_ok(request, principal):
            raise AccessDenied(
                403,
                "csrf_failed",
                "missing or wrong CSRF token for a cookie-authenticated change",
                "页面已过期或请求来源不可信（CSRF 校验失败），请刷新后重试",
            )
        if principal.role not in self.roles:
            allowed = ", ".join(sorted(self.roles))
            allowed_zh = "、".join(role_name(r, "zh") for r in sorted(self.roles))
            raise AccessDenied(
                403,
                "forbidden",
                f"role {principal.role} may not do this (allowed: {allowed})",
                f"当前角色（{role_name(principal.role, 'zh')}）无权执行此操作，需要：{allowed_zh}",
                principal=principal,
                allowed=self.roles,
            )
        request.state.principal = principal
        return principal


class Public:
    """Marks a deliberately public route (health check, login), so the matrix test can tell
    it from a route that forgot its rule."""

    roles = None

    async def __call__(self) -> None:
        return None


PUBLIC = Depends(Public())
Anyone = Annotated[Principal, Depends(Authorize(ALL_ROLES))]
Operator = Annotated[Principal, Depends(Authorize(OPERATE))]
Reviewer = Annotated[Principal, Depends(Authorize(REVIEW))]
Responder = Annotated[Principal, Depends(Authorize(RESPOND))]
Admin = Annotated[Principal, Depends(Authorize(ADMIN))]


def allow(roles: frozenset[str]) -> Any:
    """For ``dependencies=[allow(...)]`` on routes that do not need the principal itself."""
    return Depends(Authorize(roles))
