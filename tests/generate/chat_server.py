"""A chat-completions server on loopback for the ``openai`` backend's tests and benchmark: a
real uvicorn server whose answers come from a script (JSON, malformed JSON, 429s, delays)."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from tests.loopback import read_body, run_asgi, serve_lifespan


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


def by_turn(*replies: Reply) -> Script:
    """A script answering a conversation's first turn with ``replies[0]``, the first repair
    turn with ``replies[1]`` and so on (the last one repeated); a turn is counted from the
    messages sent (system + user, then an assistant + user pair per repair)."""

    def script(body: dict[str, Any], index: int) -> Reply:
        turn = max(0, (len(body.get("messages", [])) - 2) // 2)
        return replies[min(turn, len(replies) - 1)]

    return script


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
            await serve_lifespan(receive, send)
            return
        raw = await read_body(receive)
        body = json.loads(raw or b"{}")
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


@contextmanager
def chat_server(script: Script) -> Iterator[tuple[str, Recorder]]:
    """``(base_url, recorder)`` of a server answering ``POST /v1/chat/completions``."""
    rec = Recorder()
    app = _app(script, rec)
    with run_asgi(app, log_level="error") as base:
        yield f"{base}/v1", rec
