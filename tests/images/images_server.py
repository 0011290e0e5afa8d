"""An OpenAI-compatible images server on loopback: a real uvicorn server answering
``POST /v1/images/generations`` from a script, and serving generated files by URL."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import uvicorn


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


def _app(script: Script, rec: Recorder, files: dict[str, bytes]) -> Callable[..., Any]:
    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        chunks = []
        while True:
            message = await receive()
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                break
        path = scope["path"]
        if scope["method"] == "GET" and path.startswith("/files/"):
            rec.fetched.append(path)
            data = files.get(path.removeprefix("/files/"))
            status, payload, kind = (200, data, b"image/png") if data else (404, b"", b"text/plain")
        else:
            body = json.loads(b"".join(chunks) or b"{}")
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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def images_server(
    script: Script, files: dict[str, bytes] | None = None
) -> Iterator[tuple[str, Recorder]]:
    """``(base_url, recorder)``; ``files`` are served at ``{root}/files/{name}``."""
    rec = Recorder()
    port = _free_port()
    config = uvicorn.Config(
        _app(script, rec, files or {}),
        host="127.0.0.1",
        port=port,
        log_level="error",
        lifespan="on",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("images server did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}/v1", rec
    finally:
        server.should_exit = True
        thread.join(timeout=10)
