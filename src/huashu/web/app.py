"""FastAPI app factory, the JSON error envelope, and the first JSON views.

Feature routers live in their own modules (``api_*.py``) and are included here; each reaches
the backends through ``request.app.state.runtime`` (a :class:`huashu.runtime.Runtime` opened
in the lifespan), never through module globals.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from huashu import __version__
from huashu.analytics.service import Metrics
from huashu.config import Settings
from huashu.domain import HuashuError, InputError
from huashu.runtime import Runtime
from huashu.services import lifecycle
from huashu.services.cadence import LeaderCadence
from huashu.services.delivery import DecidePath, SnapshotCadence
from huashu.services.knowledge import distill_all
from huashu.web import (
    api_audits,
    api_auth,
    api_briefs,
    api_check,
    api_delivery,
    api_emergency,
    api_kb,
    api_metrics,
    api_segments,
    api_targets,
    api_workflow,
    pages,
)
from huashu.web.auth import PUBLIC, AccessDenied, Anyone
from huashu.web.backends import store_of
from huashu.web.data_warmer import DataWarmer
from huashu.web.headers import SecurityHeaders, install_docs, security_headers
from huashu.web.i18n import LANGS, lang_of
from huashu.web.jobs import DraftJobs
from huashu.web.limits import BodyLimit
from huashu.web.schemas_common import ERRORS, HealthOut
from huashu.web.schemas_workflow import CampaignsOut
from huashu.workflow.netguard import AddressGuard
from huashu.workflow.outbox import OutboxWorker

log = logging.getLogger("huashu.web")


_BAD_UTF8 = {
    "zh": ("invalid_utf8", "请求内容不是有效的 UTF-8 文本，请以 UTF-8 编码后重试"),
    "en": ("invalid_utf8", "the request is not valid UTF-8 text; send it encoded as UTF-8"),
}
_TOO_DEEP = {
    "zh": ("too_deeply_nested", "请求内容嵌套层级过深"),
    "en": ("too_deeply_nested", "the request is nested too deeply"),
}


def error_envelope(code: str, message: str, details: Any = None) -> dict[str, Any]:
    return {"ok": False, "error": {"code": code, "message": message, "details": details or {}}}


def create_app(settings: Settings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime = Runtime.open(settings)
        app.state.runtime = runtime
        app.state.store = runtime.store
        stale = settings.analytics_max_stale_seconds  # kept figures answered while recomputed
        app.state.metrics = Metrics(runtime.events, cache=True, max_stale_seconds=stale)
        app.state.decide_path = DecidePath(runtime)
        app.state.draft_jobs = DraftJobs()  # drafting runs server-side, one job per campaign
        cadence = (
            SnapshotCadence(runtime, settings.snapshot_rebuild_seconds)
            if settings.snapshot_rebuild_seconds > 0
            else None
        )
        learning = (
            LeaderCadence(
                runtime, settings.kb_distill_seconds, "kb-cadence", lambda rt: distill_all(rt)
            )
            if settings.kb_distill_seconds > 0
            else None
        )
        outbox = (
            OutboxWorker(
                runtime.store,
                settings.outbox_interval_seconds,
                data_dir=settings.data_dir,
                guard=AddressGuard.from_settings(settings),
            )
            if settings.outbox_interval_seconds > 0
            else None
        )
        langs = [settings.lang, *(lang for lang in LANGS if lang != settings.lang)]
        warmer = DataWarmer(app.state.metrics, langs, stale / 2)  # 数据's default views, daemon
        app.state.data_warmer = warmer
        try:
            yield
        finally:
            warmer.close()
            app.state.metrics.close()
            if outbox is not None:
                outbox.close()
            if cadence is not None:
                cadence.close()
            if learning is not None:
                learning.close()
            app.state.draft_jobs.close()
            app.state.decide_path.close()
            runtime.close()

    # Swagger UI only from the installed fastapi-offline package (api_docs), never a CDN
    app = FastAPI(
        title="huashu", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None
    )
    app.state.settings = settings

    @app.exception_handler(HuashuError)  # UpstreamError: 502; the statuses live in domain.errors
    @app.exception_handler(InputError)
    async def _input_error(request: Request, exc: HuashuError) -> JSONResponse:
        return JSONResponse(
            error_envelope(exc.code, exc.localized(lang_of(request)), exc.details),
            status_code=exc.status,
        )

    @app.exception_handler(AccessDenied)
    async def _access_denied(request: Request, exc: AccessDenied) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else exc.headers or None
        return JSONResponse(
            error_envelope(exc.code, exc.localized(lang_of(request))),
            status_code=exc.status,
            headers=headers,
        )

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException) -> JSONResponse:
        cause = exc.__cause__  # FastAPI's "error parsing the body" names no reason
        if exc.status_code == 400 and isinstance(cause, UnicodeDecodeError | RecursionError):
            known = _BAD_UTF8 if isinstance(cause, UnicodeDecodeError) else _TOO_DEEP
            return JSONResponse(error_envelope(*known[lang_of(request)], {}), status_code=400)
        code = "not_found" if exc.status_code == 404 else f"http_{exc.status_code}"
        return JSONResponse(error_envelope(code, str(exc.detail)), status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        message = "服务器内部错误，请稍后重试" if lang_of(request) == "zh" else "internal error"
        return JSONResponse(  # outside the middleware: the security headers are added here
            error_envelope("internal_error", message),
            status_code=500,
            headers=security_headers(settings.secure_cookies),
        )

    @app.exception_handler(UnicodeDecodeError)
    async def _bad_utf8(request: Request, exc: UnicodeDecodeError) -> JSONResponse:
        return JSONResponse(error_envelope(*_BAD_UTF8[lang_of(request)], {}), status_code=400)

    @app.exception_handler(RecursionError)
    async def _too_deep(request: Request, exc: RecursionError) -> JSONResponse:
        return JSONResponse(error_envelope(*_TOO_DEEP[lang_of(request)], {}), status_code=400)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        details = {"errors": [{"loc": list(e["loc"]), "msg": e["msg"]} for e in exc.errors()]}
        message = "请求参数有误" if lang_of(request) == "zh" else "invalid request"
        return JSONResponse(error_envelope("invalid_request", message, details), status_code=422)

    @app.get("/healthz", response_model=HealthOut, dependencies=[PUBLIC])
    def healthz() -> dict[str, Any]:
        return {"ok": True, "version": __version__}

    @app.get("/api/v1/campaigns", response_model=CampaignsOut, responses=ERRORS)
    def campaigns(request: Request, who: Anyone) -> dict[str, Any]:
        return {"ok": True, "campaigns": lifecycle.list_campaigns(store_of(request))}

    app.include_router(api_auth.router, prefix="/api/v1", responses=ERRORS)
    app.include_router(api_segments.router, prefix="/api/v1", responses=ERRORS)
    app.include_router(api_check.router, prefix="/api/v1", responses=ERRORS)
    app.include_router(api_delivery.router, prefix="/api/v1", responses=ERRORS)
    app.include_router(api_metrics.router, prefix="/api/v1", responses=ERRORS)
    app.include_router(api_kb.router, prefix="/api/v1", responses=ERRORS)
    app.include_router(api_targets.router, prefix="/api/v1", responses=ERRORS)
    app.include_router(api_workflow.router, prefix="/api/v1", responses=ERRORS)
    app.include_router(api_emergency.router, prefix="/api/v1", responses=ERRORS)
    app.include_router(api_audits.router, prefix="/api/v1", responses=ERRORS)
    app.include_router(api_briefs.router, prefix="/api/v1", responses=ERRORS)
    pages.install(app)  # the web pages, /static, and redirects to /login for browsers
    if settings.api_docs:
        install_docs(app)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders, hsts=settings.secure_cookies)
    return app


def app_from_environment() -> FastAPI:
    """``create_app`` with settings read from ``HUASHU_*`` / huashu.toml: the factory each
    worker process of ``huashu serve --workers N`` calls."""
    return create_app(Settings())
