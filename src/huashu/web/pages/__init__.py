"""Server-rendered pages (Jinja2, autoescaped; small hand-written JS for streaming and actions).

Every page declares an access rule like the API does. A browser without a session is sent to
``/login``; a role the page does not allow gets an HTML 403, and a browser asking for an unknown
page or meeting a server error an HTML 404 or 500 in the page's language (no traceback); the
API under ``/api/`` keeps its JSON errors. Actions on a page call the JSON API under
``/api/v1`` with the session's CSRF token, so each is also available to machines.
"""

from __future__ import annotations

import inspect
import json
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException

from huashu import __version__
from huashu.domain import HuashuError, InputError
from huashu.web.auth import (
    ALL_ROLES,
    ANALYZE,
    OPERATE,
    RESPOND,
    REVIEW,
    AccessDenied,
    Principal,
    viewer,
)
from huashu.web.headers import security_headers
from huashu.web.i18n import (
    LANG_COOKIE,
    channel_list,
    channel_name,
    field_label,
    lang_of,
    role_name,
    translator,
)

log = logging.getLogger("huashu.web")

WEB = Path(__file__).resolve().parent.parent
ENV = Environment(
    loader=FileSystemLoader(WEB / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)

#: (key, path, roles): the navigation bar, filtered by the caller's role.
NAV: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("chat", "/chat", OPERATE),
    ("review", "/review", REVIEW),
    ("delivery", "/delivery", ALL_ROLES),
    ("kb", "/kb", ALL_ROLES),
    ("data", "/data", ALL_ROLES | ANALYZE),
    ("emergency", "/emergency", RESPOND),
    ("audit", "/audit", REVIEW | {"analyst"}),
)

HOME = {"operator": "/chat", "reviewer": "/review", "analyst": "/data", "admin": "/chat"}
#: roles in the order pages name them
ROLE_ORDER = ("operator", "reviewer", "analyst", "admin")


#: words of the dictionary that scripts write on a page (besides every status), on its <body>
SCRIPT_WORDS = ("chat.save", "chat.cancel", "error.request", "error.network")


def _pct(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value * 100:.{digits}f}%"


ENV.filters["pct"] = _pct


def render(
    request: Request,
    template: str,
    who: Principal | None,
    active: str = "",
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    """Render ``template`` with the shell's context: language, texts, navigation, CSRF."""
    lang = lang_of(request)
    t = translator(lang)
    nav = [
        {"key": key, "path": path, "label": t[f"nav.{key}"], "active": key == active}
        for key, path, roles in NAV
        if who is not None and who.role in roles
    ]
    html = ENV.get_template(template).render(
        request=request,
        lang=lang,
        t=t,
        who=who,
        nav=nav,
        csrf=who.csrf if who is not None else "",
        version=__version__,
        script_words=json.dumps(  # JSON in an attribute: escaped like any text
            {k: v for k, v in t.items() if k.startswith("status.") or k in SCRIPT_WORDS},
            ensure_ascii=False,
        ),
        ch=lambda name: channel_name(name, lang),
        chs=lambda names: channel_list(names, lang),
        fl=lambda channel, name: field_label(channel, name, lang),
        **context,
    )
    response = HTMLResponse(html, status_code=status_code)
    if request.query_params.get("lang") == lang:
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 86400, samesite="lax", path="/")
    return response


def fragment(request: Request, template: str, **context: Any) -> HTMLResponse:
    """A piece of a page (no shell), for scripts that swap parts of a page in place."""
    lang = lang_of(request)
    html = ENV.get_template(template).render(
        lang=lang,
        t=translator(lang),
        ch=lambda name: channel_name(name, lang),
        chs=lambda names: channel_list(names, lang),
        fl=lambda channel, name: field_label(channel, name, lang),
        **context,
    )
    return HTMLResponse(html)


def _is_page(request: Request) -> bool:
    path = request.url.path
    return not path.startswith(("/api/", "/healthz", "/static/", "/docs", "/openapi"))


def _wants_page(request: Request) -> bool:
    """A browser asking for a page: not the API, and HTML accepted."""
    return _is_page(request) and "text/html" in request.headers.get("accept", "")


#: HTTP status -> (title key, explanation key) of the error page
ERROR_TEXT = {
    404: ("error.not_found", "error.not_found_body"),
    405: ("error.method", "error.method_body"),
    422: ("error", "error.invalid_body"),
    500: ("error.server", "error.server_body"),
}


def error_page(request: Request, status: int, headers: Mapping[str, str] | None = None) -> Response:
    """The friendly page for ``status`` in the page's language: what happened in a sentence,
    the status as its code, a link home, and the signed-in user's navigation (a login link
    for anyone else); never the exception or its traceback."""
    t = translator(lang_of(request))
    title, body = ERROR_TEXT.get(status, ("error", "error.server_body"))
    response = render(
        request,
        "error.html",
        viewer(request),
        status_code=status,
        title=t[title],
        message=t[body],
        code=str(status),
    )
    if headers:
        response.headers.update(headers)
    return response


def install(app: FastAPI) -> None:
    """Include the page routers, mount the static files, and answer page requests that fail
    authentication or input checks with a redirect or an HTML page (the API keeps its JSON)."""
    from huashu.web.pages import chat, delivery, emergency, insight, knowledge, login, review

    for module in (login, chat, review, delivery, insight, knowledge, emergency):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")

    api_denied = app.exception_handlers[AccessDenied]
    api_input = app.exception_handlers[InputError]
    api_http = app.exception_handlers[HTTPException]
    api_crash = app.exception_handlers[Exception]
    api_invalid = app.exception_handlers[RequestValidationError]

    async def api_answer(handler: Any, request: Request, exc: Exception) -> Response:
        answer = handler(request, exc)
        response: Response = await answer if inspect.isawaitable(answer) else answer
        return response

    async def denied(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, AccessDenied)
        if not _is_page(request):
            answer = api_denied(request, exc)
            return await answer if inspect.isawaitable(answer) else answer
        if exc.status == 401:
            target = request.url.path
            return RedirectResponse(f"/login?next={target}", status_code=303)
        lang = lang_of(request)
        t = translator(lang)
        message = exc.localized(lang)
        if exc.principal is not None and exc.allowed:
            sep = "、" if lang == "zh" else ", "
            message = t["error.forbidden_role"].format(
                role=role_name(exc.principal.role, lang),
                roles=sep.join(role_name(r, lang) for r in ROLE_ORDER if r in exc.allowed),
            )
        return render(
            request,
            "error.html",
            exc.principal,
            status_code=exc.status,
            title=t["forbidden"],
            message=message,
            code=exc.code,
        )

    async def bad_input(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HuashuError)
        if not _is_page(request):
            answer = api_input(request, exc)
            return await answer if inspect.isawaitable(answer) else answer
        lang = lang_of(request)
        t = translator(lang)
        return render(
            request,
            "error.html",
            viewer(request),
            status_code=exc.status,
            title=t["error.not_found"] if exc.status == 404 else t["error"],
            message=exc.localized(lang),
            code=exc.code,
        )

    async def bad_query(request: Request, exc: Exception) -> Response:
        if not _wants_page(request):
            return await api_answer(api_invalid, request, exc)
        return error_page(request, 422)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if not _wants_page(request) or exc.status_code < 400:
            return await api_answer(api_http, request, exc)
        return error_page(request, exc.status_code, exc.headers)

    async def crash(request: Request, exc: Exception) -> Response:
        if not _wants_page(request):
            return await api_answer(api_crash, request, exc)
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        try:
            response = error_page(request, 500)
        except Exception:  # the page itself failed: the plain JSON answer still goes out
            log.exception("the error page failed")
            return await api_answer(api_crash, request, exc)
        # outside the middleware: the security headers are added here
        response.headers.update(security_headers(request.app.state.settings.secure_cookies))
        return response

    app.add_exception_handler(AccessDenied, denied)
    app.add_exception_handler(InputError, bad_input)
    app.add_exception_handler(HuashuError, bad_input)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, bad_query)
    app.add_exception_handler(Exception, crash)
