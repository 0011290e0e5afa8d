"""A scripted HTTP server on loopback for the HTTP layer's tests: a real uvicorn server whose
n-th request gets ``script(n)`` (status, headers, body, after a delay), counting requests and
the peak of requests in flight (on this server and over every server sharing one tally)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from tests.loopback import read_body, run_asgi, serve_lifespan


@dataclass(frozen=True)
class Answer:
    status: int = 200
    body: str = "ok"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class Tally:
    """Requests in flight and their peak, guarded by one lock (shared by several servers)."""

    in_flight: int = 0
    peak: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def enter(self) -> None:
        with self.lock:
            self.in_flight += 1
            self.peak = max(self.peak, self.in_flight)

    def leave(self) -> None:
        with self.lock:
            self.in_flight -= 1


@dataclass
class Seen:
    """What one server saw: each request's headers, and its own in-flight tally."""

    headers: list[dict[str, str]] = field(default_factory=list)
    tally: Tally = field(default_factory=Tally)

    @property
    def count(self) -> int:
        return len(self.headers)


Script = Callable[[int], Answer]


def _app(script: Script, seen: Seen, shared: Tally | None) -> Callable[..., Any]:
    tallies = [seen.tally] + ([shared] if shared is not None else [])

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            await serve_lifespan(receive, send)
            return
        await read_body(receive)
        with seen.tally.lock:
            index = len(seen.headers)
            seen.headers.append({k.decode(): v.decode() for k, v in scope["headers"]})
        for t in tallies:
            t.enter()
        try:
            answer = script(index)
            if answer.delay:
                await asyncio.sleep(answer.delay)
            headers = [(k.encode(), v.encode()) for k, v in answer.headers.items()]
            await send({"type": "http.response.start", "status": answer.status, "headers": headers})
            await send({"type": "http.response.body", "body": answer.body.encode()})
        finally:
            for t in tallies:
                t.leave()

    return app


@contextmanager
def script_server(script: Script, shared: Tally | None = None) -> Iterator[tuple[str, Seen]]:
    """``(base_url, seen)`` of a server answering every path by ``script``."""
    seen = Seen()
    with run_asgi(_app(script, seen, shared), log_level="error") as base:
        yield base, seen


def then(*answers: Answer) -> Script:
    """Answer the n-th request with ``answers[n]`` (the last one repeated)."""
    return lambda i: answers[min(i, len(answers) - 1)]
