"""A chat-completions server on loopback for the ``openai`` backend's tests and benchmark: a
real uvicorn server whose answers come from a script (JSON, malformed JSON, 429s, delays)."""

from __future__ import annotations

import asyncio
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
    """What the server answers: ``content`` as the assistant message (status 200), or an
    error ``status`` with ``body``; after ``delay`` seconds."""

    content: str = ""
    status: int = 200
    body: str = ""
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    prompt_tokens: int = 100
    completion_tokens: int = 50


Script = Callable[[dict[str, Any], int], Reply]


@dataclass
class Recorder:
    """Requests seen (bodies and headers), in arrival order, and the peak in flight."""

    bodies: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    in_flight: int = 0
    peak: int = 0


def _app(script: Script, rec: Recorder) -> Callable[..., Any]:
    lock = threading.Lock()

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
        body = json.loads(b"".join(chunks) or b"{}")
        with lock:
            index = len(rec.bodies)
            rec.bodies.append(body)
            rec.headers.append({k.decode(): v.decode() for k, v in scope["headers"]})
            rec.in_flight += 1
            rec.peak = max(rec.peak, rec.in_flight)
        try:
            reply = script(body, index)
            if reply.delay:
                await asyncio.sleep(reply.delay)
            if reply.status == 200:
                payload = json.dumps(
                    {
                        "id": f"chatcmpl-{index}",
                        "object": "chat.completion",
                        "model": body.get("model", ""),
                        "choices": [
                            {
                                "index": 0,
                                "message": {"role": "assistant", "content": reply.content},
                                "finish_reason": "stop",
                            }
                        ],
                        "usage": {
                            "prompt_tokens": reply.prompt_tokens,
                            "completion_tokens": reply.completion_tokens,
                            "total_tokens": reply.prompt_tokens + reply.completion_tokens,
                        },
                    },
                    ensure_ascii=False,
                ).encode()
            else:
                payload = reply.body.encode()
            headers = [(b"content-type", b"application/json")] + [
                (k.encode(), v.encode()) for k, v in reply.headers.items()
            ]
            await send({"type": "http.response.start", "status": reply.status, "headers": headers})
            await send({"type": "http.response.body", "body": payload})
        finally:
            with lock:
                rec.in_flight -= 1

    return app


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def chat_server(script: Script) -> Iterator[tuple[str, Recorder]]:
    """``(base_url, recorder)`` of a server answering ``POST /v1/chat/completions``."""
    rec = Recorder()
    port = _free_port()
    config = uvicorn.Config(
        _app(script, rec), host="127.0.0.1", port=port, log_level="error", lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("chat server did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}/v1", rec
    finally:
        server.should_exit = True
        thread.join(timeout=10)
