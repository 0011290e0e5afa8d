"""FastAPI app factory, the JSON error envelope, and the first JSON views."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from huashu import __version__
from huashu.config import Settings
from huashu.domain import InputError
from huashu.store import open_store, repos


def error_envelope(code: str, message: str, details: Any = None) -> dict[str, Any]:
    return {"ok": False, "error": {"code": code, "message": message, "details": details or {}}}


def create_app(settings: Settings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        store = open_store(settings.resolved_database_url)
        store.upgrade()
        app.state.store = store
        try:
            yield
        finally:
            store.close()

    app = FastAPI(title="huashu", version=__version__, lifespan=lifespan)
    app.state.settings = settings

    @app.exception_handler(InputError)
    async def _input_error(request: Request, exc: InputError) -> JSONResponse:
        return JSONResponse(
            error_envelope(exc.code, exc.localized(settings.lang), exc.details), status_code=400
        )

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException) -> JSONResponse:
        code = "not_found" if exc.status_code == 404 else f"http_{exc.status_code}"
        return JSONResponse(error_envelope(code, str(exc.detail)), status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        details = {"errors": [{"loc": list(e["loc"]), "msg": e["msg"]} for e in exc.errors()]}
        message = "请求参数有误" if settings.lang == "zh" else "invalid request"
        return JSONResponse(error_envelope("invalid_request", message, details), status_code=422)

    @app.get("/healthz")
    def healthz() -> dict[str, Any]:
        return {"ok": True, "version": __version__}

    @app.get("/api/v1/campaigns")
    def campaigns(request: Request) -> dict[str, Any]:
        with request.app.state.store.session() as s:
            return {"ok": True, "campaigns": repos.list_campaigns(s)}

    return app
