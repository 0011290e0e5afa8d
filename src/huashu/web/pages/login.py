"""The login page (a form with its own CSRF cookie, as no session exists yet) and the home
redirect to each role's first page."""

from __future__ import annotations

import hmac
import secrets
from urllib.parse import parse_qs

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse
from pydantic import ValidationError

from huashu.web.api_auth import LoginBody, login, set_session_cookie
from huashu.web.auth import PUBLIC, AccessDenied, Anyone
from huashu.web.i18n import lang_of
from huashu.web.pages import HOME, render

router = APIRouter(include_in_schema=False)
LOGIN_CSRF_COOKIE = "huashu_login_csrf"


def _safe_next(value: str | None) -> str | None:
    if value and value.startswith("/") and not value.startswith("//"):
        return value
    return None


def _form(request: Request, error: str = "", status: int = 200, username: str = "") -> Response:
    token = secrets.token_urlsafe(24)
    response = render(
        request,
        "login.html",
        None,
        status_code=status,
        login_csrf=token,
        error=error,
        username=username,
        next=_safe_next(request.query_params.get("next")) or "",
    )
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        max_age=3600,
        httponly=True,
        secure=request.app.state.settings.secure_cookies,
        samesite="strict",
        path="/login",
    )
    return response


@router.get("/login", dependencies=[PUBLIC])
def login_page(request: Request) -> Response:
    return _form(request)


@router.post("/login", dependencies=[PUBLIC])
async def login_submit(request: Request) -> Response:
    form = {k: v[0] for k, v in parse_qs((await request.body()).decode("utf-8")).items()}
    sent, expected = form.get("csrf_token", ""), request.cookies.get(LOGIN_CSRF_COOKIE, "")
    zh = lang_of(request) == "zh"
    if not (sent and expected and hmac.compare_digest(sent, expected)):
        message = "页面已过期，请重新登录" if zh else "the form expired; log in again"
        return _form(request, message, 403)
    try:
        body = LoginBody(username=form.get("username", ""), password=form.get("password", ""))
        principal, cookie, _ = login(request, body)
    except ValidationError:
        return _form(request, "请输入用户名和密码" if zh else "enter username and password", 401)
    except AccessDenied as err:
        return _form(request, err.localized(lang_of(request)), err.status, body.username)
    target = _safe_next(form.get("next")) or HOME.get(principal.role, "/delivery")
    response = RedirectResponse(target, status_code=303)
    set_session_cookie(response, request.app.state.settings, cookie)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


@router.get("/")
def home(who: Anyone) -> Response:
    return RedirectResponse(HOME.get(who.role, "/delivery"), status_code=303)
