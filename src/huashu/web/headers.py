"""Security headers on every response, and the optional API docs page served without a CDN.

Every response gets a Content-Security-Policy that allows only this origin's scripts, styles,
images and connections (no inline script or style, no framing: ``frame-ancestors 'none'``),
``X-Content-Type-Options: nosniff``, ``Referrer-Policy: no-referrer`` and
``X-Frame-Options: DENY``; with ``secure_cookies`` on (or a request that came over HTTPS) also
``Strict-Transport-Security``. A response that sets its own policy (the docs page) keeps it.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from huashu.domain import InputError
from huashu.web.auth import PUBLIC

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
#: Swagger UI sets inline styles on its elements; its scripts still come from this origin.
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
HSTS = "max-age=31536000; includeSubDomains"
_FIXED = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


def security_headers(https: bool) -> dict[str, str]:
    """The headers of the module docstring as a dict (for responses built outside the
    middleware, such as the 500 handler's)."""
    out = {k.decode(): v.decode() for k, v in _FIXED}
    out["content-security-policy"] = CSP
    if https:
        out["strict-transport-security"] = HSTS
    return out


class SecurityHeaders:
    """ASGI middleware adding the headers of the module docstring to every HTTP response."""

    def __init__(self, app: ASGIApp, *, hsts: bool) -> None:
        self.app = app
        self.hsts = hsts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        https = self.hsts or scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                extra = [*_FIXED, (b"content-security-policy", CSP.encode())]
                if https:
                    extra.append((b"strict-transport-security", HSTS.encode()))
                headers += [(k, v) for k, v in extra if k not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


_DOCS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>huashu API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui" data-spec="/openapi.json"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/static/docs.js"></script></body></html>
"""


def install_docs(app: FastAPI) -> None:
    """Serve Swagger UI at ``/docs`` from the assets of the installed ``fastapi-offline``
    package (Swagger UI 5, which reads FastAPI's OpenAPI 3.1)."""
    try:
        import fastapi_offline
    except ImportError as err:
        raise InputError(
            "api_docs needs the fastapi-offline package; run: pip install 'huashu[docs]'",
            message_zh="api_docs 需要 fastapi-offline 包，请运行：pip install 'huashu[docs]'",
            code="missing_dependency",
            details={"package": "fastapi-offline"},
        ) from err

    assets = Path(fastapi_offline.__file__).parent / "static"
    app.mount("/docs/assets", StaticFiles(directory=assets), name="docs-assets")

    @app.get("/docs", include_in_schema=False, dependencies=[PUBLIC])
    def docs() -> HTMLResponse:
        return HTMLResponse(_DOCS_PAGE, headers={"Content-Security-Policy": DOCS_CSP})
