"""Server-rendered pages (Jinja2, autoescaped; small hand-written JS for streaming and actions).

Every page declares an access rule like the API does. A browser without a session is sent to
``/login``; a role the page does not allow gets an HTML 403. Actions on a page call the JSON
API under ``/api/v1`` with the session's CSRF token, so each is also available to machines.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape

from huashu import __version__
from huashu.domain import InputError
from huashu.web.auth import ALL_ROLES, ANALYZE, OPERATE, RESPOND, REVIEW, AccessDenied, Principal
from huashu.web.i18n import LANG_COOKIE, channel_list, channel_name, lang_of, translator

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
        ch=lambda name: channel_name(name, lang),
        chs=lambda names: channel_list(names, lang),
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
        **context,
    )
    return HTMLResponse(html)


def _is_page(request: Request) -> bool:
    path = request.url.path
    return not path.startswith(("/api/", "/healthz", "/static/"))


def install(app: FastAPI) -> None:
    """Include the page routers, mount the static files, and answer page requests that fail
    authentication or input checks with a redirect or an HTML page (the API keeps its JSON)."""
    from huashu.web.pages import chat, delivery, emergency, insight, knowledge, login, review

    for module in (login, chat, review, delivery, insight, knowledge, emergency):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")

    api_denied = app.exception_handlers[AccessDenied]
    api_input = app.exception_handlers[InputError]

    async def denied(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, AccessDenied)
        if not _is_page(request):
            answer = api_denied(request, exc)
            return await answer if inspect.isawaitable(answer) else answer
        if exc.status == 401:
            target = request.url.path
            return RedirectResponse(f"/login?next={target}", status_code=303)
        lang = lang_of(request)
        return render(
            request,
            "error.html",
            None,
            status_code=exc.status,
            title=translator(lang)["forbidden"],
            message=exc.localized(lang),
            code=exc.code,
        )

    async def bad_input(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, InputError)
        if not _is_page(request):
            answer = api_input(request, exc)
            return await answer if inspect.isawaitable(answer) else answer
        lang = lang_of(request)
        return render(
            request,
            "error.html",
            getattr(request.state, "principal", None),
            status_code=400,
            title=translator(lang)["error"],
            message=exc.localized(lang),
            code=exc.code,
        )

    app.add_exception_handler(AccessDenied, denied)
    app.add_exception_handler(InputError, bad_input)
