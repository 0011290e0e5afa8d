"""The HTTP client of an OpenAI-compatible chat-completions endpoint: bounded concurrency,
timeouts, retries with backoff on 429/5xx and transport errors, and token accounting.

The API key is sent only in the Authorization header; it never appears in a repr, a log line
or an error message.
"""

from __future__ import annotations

import asyncio
import logging
import random
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx
from pydantic import SecretStr

from huashu.domain import HuashuError
from huashu.generate.base import TokenUsage

log = logging.getLogger(__name__)

RETRY_STATUS = frozenset({408, 409, 425, 429, 500, 502, 503, 504})


class LLMError(HuashuError):
    """The endpoint failed for good: a non-retryable status, or retries exhausted."""

    def __init__(self, message: str, *, status: int | None = None, code: str = "llm_error"):
        super().__init__(message)
        self.status = status
        self.code = code


@dataclass(frozen=True)
class LLMConfig:
    """Where and how to call the model. ``concurrency`` bounds requests in flight;
    ``max_retries`` counts retries after the first try; backoff doubles from ``backoff_s`` up
    to ``max_backoff_s`` (a ``Retry-After`` header wins, within the same cap)."""

    base_url: str
    model: str
    api_key: SecretStr | None = field(default=None, repr=False)
    timeout_s: float = 60.0
    concurrency: int = 8
    max_retries: int = 4
    backoff_s: float = 0.5
    max_backoff_s: float = 20.0
    temperature: float = 0.8

    def __post_init__(self) -> None:
        if self.concurrency < 1:
            raise ValueError("concurrency must be >= 1")
        if self.max_retries < 0:
            raise ValueError("max_retries must be >= 0")
        if not self.timeout_s > 0:
            raise ValueError("timeout_s must be > 0")

    @property
    def endpoint(self) -> str:
        return self.base_url.rstrip("/") + "/chat/completions"


@dataclass(frozen=True)
class ChatReply:
    content: str
    usage: TokenUsage
    retries: int = 0
    finish_reason: str = ""


class ChatClient:
    """One async session against the endpoint; use as ``async with ChatClient(config) as c``.

    Concurrency is a pool of ``config.concurrency`` single-connection HTTP clients, created as
    needed: a request in flight owns one, so at most that many are in flight, and no request
    waits on a shared connection pool's bookkeeping (which costs several times the request
    itself at high concurrency).
    """

    def __init__(
        self, config: LLMConfig, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self.config = config
        self._transport = transport
        self._open = False
        self._clients: list[httpx.AsyncClient] = []
        self._free: asyncio.Queue[httpx.AsyncClient] = asyncio.Queue()
        self._ssl: ssl.SSLContext | None = None
        self._jitter = random.Random(0)

    async def __aenter__(self) -> ChatClient:
        self._open = True
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._open = False
        clients, self._clients = self._clients, []
        for client in clients:
            await client.aclose()

    def _new_client(self) -> httpx.AsyncClient:
        headers = {"Content-Type": "application/json"}
        if self.config.api_key is not None:
            headers["Authorization"] = f"Bearer {self.config.api_key.get_secret_value()}"
        if self._ssl is None:
            self._ssl = ssl.create_default_context()
        client = httpx.AsyncClient(
            headers=headers,
            timeout=httpx.Timeout(self.config.timeout_s),
            limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
            transport=self._transport,
            verify=self._ssl,
        )
        self._clients.append(client)
        return client

    async def _acquire(self) -> httpx.AsyncClient:
        if self._free.empty() and len(self._clients) < self.config.concurrency:
            return self._new_client()
        return await self._free.get()

    async def complete(
        self,
        messages: Sequence[Mapping[str, str]],
        *,
        response_format: Mapping[str, Any] | None = None,
        seed: int | None = None,
        temperature: float | None = None,
    ) -> ChatReply:
        """One chat completion; retried on 429/5xx, timeouts and connection errors."""
        if not self._open:
            raise RuntimeError("ChatClient used outside 'async with'")
        body: dict[str, Any] = {
            "model": self.config.model,
            "messages": list(messages),
            "temperature": self.config.temperature if temperature is None else temperature,
        }
        if response_format is not None:
            body["response_format"] = dict(response_format)
        if seed is not None:
            body["seed"] = seed
        retries = 0
        while True:
            client = await self._acquire()
            try:
                response = await client.post(self.config.endpoint, json=body)
            except (httpx.TimeoutException, httpx.TransportError) as err:
                failure: str = f"{type(err).__name__}"
                status: int | None = None
                wait = None
            else:
                if response.status_code == 200:
                    return _reply(response, retries)
                status = response.status_code
                failure = f"HTTP {status}: {response.text[:200]}"
                wait = _retry_after(response)
                if status not in RETRY_STATUS:
                    raise LLMError(
                        f"chat completion failed with {failure}",
                        status=status,
                        code="llm_rejected",
                    )
            finally:
                self._free.put_nowait(client)
            if retries >= self.config.max_retries:
                raise LLMError(
                    f"chat completion failed after {retries + 1} tries: {failure}",
                    status=status,
                    code="llm_unavailable",
                )
            delay = self._delay(retries, wait)
            log.warning("chat completion retry %d in %.2fs: %s", retries + 1, delay, failure)
            retries += 1
            await asyncio.sleep(delay)

    def _delay(self, retries: int, retry_after: float | None) -> float:
        cap = self.config.max_backoff_s
        if retry_after is not None:
            return min(retry_after, cap)
        base = min(self.config.backoff_s * 2.0**retries, cap)
        return base * (0.5 + 0.5 * self._jitter.random())


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        return None


def _reply(response: httpx.Response, retries: int) -> ChatReply:
    try:
        data = response.json()
        choice = data["choices"][0]
        content = choice["message"]["content"] or ""
    except (ValueError, KeyError, IndexError, TypeError) as err:
        raise LLMError(
            f"not a chat-completions response: {response.text[:200]}", code="llm_protocol"
        ) from err
    usage = data.get("usage") or {}
    return ChatReply(
        content=str(content),
        usage=TokenUsage(
            prompt_tokens=int(usage.get("prompt_tokens", 0) or 0),
            completion_tokens=int(usage.get("completion_tokens", 0) or 0),
            requests=retries + 1,
        ),
        retries=retries,
        finish_reason=str(choice.get("finish_reason") or ""),
    )
