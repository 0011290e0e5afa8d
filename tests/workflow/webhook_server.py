"""A webhook receiver on loopback for the outbox tests: a real uvicorn server that checks the
HMAC signature with its own code (not the sender's), keeps the first copy of every idempotency
key, and follows a script: fail the first N calls, answer a status taken from the path
(``/status/<code>``), hold one call open, echo a header into an error body."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from tests.loopback import free_port, read_body, serve_lifespan


@dataclass
class Call:
    path: str
    key: str
    headers: dict[str, str]
    body: dict[str, Any]
    status: int
    at: float


@dataclass
class Receiver:
    secret: str
    #: more secrets accepted (several targets pointing at one receiver).
    also: tuple[str, ...] = ()
    #: answer 503 to the first ``fail_first`` calls (with ``retry_after`` when set).
    fail_first: int = 0
    retry_after: str | None = None
    #: hold the call with this index open until :attr:`release` is set.
    hang_on: int | None = None
    #: put this request header's value into the body of failures (to test redaction).
    echo_header: str | None = None
    calls: list[Call] = field(default_factory=list)
    #: the first body accepted for each key: the receiver's "processed exactly once" record.
    processed: dict[str, dict[str, Any]] = field(default_factory=dict)
    duplicates: list[Call] = field(default_factory=list)
    bad_signatures: int = 0
    release: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def signed(self, headers: dict[str, str], raw: bytes) -> bool:
        stamp = headers.get("x-huashu-timestamp", "")
        sent = headers.get("x-huashu-signature", "")
        fresh = stamp.isdigit() and abs(time.time() - int(stamp)) <= 300
        for secret in (self.secret, *self.also):
            mac = hmac.new(secret.encode(), f"{stamp}.".encode() + raw, hashlib.sha256)
            if fresh and hmac.compare_digest(f"sha256={mac.hexdigest()}", sent):
                return True
        return False

    def accepted(self) -> list[Call]:
        return [c for c in self.calls if 200 <= c.status < 300 or c.status == 409]

    def _answer(self, index: int, path: str, headers: dict[str, str]) -> tuple[int, bytes]:
        if index < self.fail_first:
            return 503, self._echo(headers)
        if path.startswith("/status/"):
            code = int(path.rsplit("/", 1)[1])
            return code, b"" if code < 400 else self._echo(headers)
        return 200, b"ok"

    def _echo(self, headers: dict[str, str]) -> bytes:
        if self.echo_header is None:
            return b"unavailable"
        return f"echo {headers.get(self.echo_header.lower(), '')}".encode()

    def app(self) -> Any:
        async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
            if scope["type"] == "lifespan":
                await serve_lifespan(receive, send)
                return
            raw = await read_body(receive)
            headers = {k.decode().lower(): v.decode() for k, v in scope["headers"]}
            key = headers.get("idempotency-key", "")
            if not self.signed(headers, raw):
                with self.lock:
                    self.bad_signatures += 1
                await _respond(send, 401, b"bad signature", {})
                return
            body = json.loads(raw)
            with self.lock:
                index = len(self.calls)
                status, text = self._answer(index, scope["path"], headers)
                call = Call(scope["path"], key, headers, body, status, time.monotonic())
                self.calls.append(call)
                if 200 <= status < 300:
                    if key in self.processed:
                        self.duplicates.append(call)
                        status = call.status = 409  # "already have it"
                    else:
                        self.processed[key] = body
            if index == self.hang_on:
                while not self.release.is_set():
                    await asyncio.sleep(0.01)
            extra = {"retry-after": self.retry_after} if status == 503 and self.retry_after else {}
            await _respond(send, status, text, extra)

        return app


async def _respond(send: Any, status: int, body: bytes, headers: dict[str, str]) -> None:
    raw_headers = [(b"content-type", b"text/plain")]
    raw_headers += [(k.encode(), v.encode()) for k, v in headers.items()]
    await send({"type": "http.response.start", "status": status, "headers": raw_headers})
    await send({"type": "http.response.body", "body": body})


@contextmanager
def serve_receiver(receiver: Receiver, port: int | None = None) -> Iterator[str]:
    """Serve ``receiver`` on ``port`` (a free one by default); yields the base URL."""
    port = port or free_port()
    config = uvicorn.Config(
        receiver.app(), host="127.0.0.1", port=port, log_level="warning", lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("receiver did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        receiver.release.set()
        server.should_exit = True
        thread.join(timeout=10)
