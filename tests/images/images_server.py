"""An OpenAI-compatible images server on loopback: a real uvicorn server answering
``POST /v1/images/generations`` from a script, and serving generated files by URL."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from tests.loopback import read_body, run_asgi, serve_lifespan


@dataclass(frozen=True)
class Reply:
    """``payload`` as JSON with ``status``, or ``body`` verbatim when given."""

    payload: dict[str, Any] = field(default_factory=dict)
    status: int = 200
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)


Script = Callable[[dict[str, Any], int], Reply]


@dataclass
class Recorder:
    bodies: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    fetched: list[str] = field(default_factory=list)
    fetch_headers: list[dict[str, str]] = field(default_factory=list)


def _app(script: Script, rec: Recorder, files: dict[str, bytes]) -> Callable[..., Any]:
    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            await serve_lifespan(receive, send)
            return
        raw = await read_body(receive)
        path = scope["path"]
        if scope["method"] == "GET" and path.startswith("/files/"):
            rec.fetched.append(path)
            rec.fetch_headers.append({k.decode(): v.decode() for k, v in scope["headers"]})
            data = files.get(path.removeprefix("/files/"))
            status, payload, kind = (200, data, b"image/png") if data else (404, b"", b"text/plain")
        else:
            body = json.loads(raw or b"{}")
            rec.bodies.append(body)
            rec.headers.append({k.decode(): v.decode() for k, v in scope["headers"]})
            reply = script(body, len(rec.bodies) - 1)
            status = reply.status
            payload = reply.body if reply.body is not None else json.dumps(reply.payload).encode()
            kind = b"application/json"
            extra = [(k.encode(), v.encode()) for k, v in reply.headers.items()]
        headers = [(b"content-type", kind)] + (extra if scope["method"] == "POST" else [])
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": payload})

    return app


@contextmanager
def images_server(
    script: Script, files: dict[str, bytes] | None = None
) -> Iterator[tuple[str, Recorder]]:
    """``(base_url, recorder)``; ``files`` are served at ``{root}/files/{name}``."""
    rec = Recorder()
    app = _app(script, rec, files or {})
    with run_asgi(app, log_level="error") as base:
        yield f"{base}/v1", rec
