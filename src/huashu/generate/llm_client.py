"""The client of an OpenAI-compatible chat-completions endpoint over the shared HTTP layer
(:mod:`huashu.net`: bounded concurrency, connect/read timeouts, retries with backoff on
429/5xx and transport errors, ``Retry-After``), and token accounting.

The API key is sent only in the Authorization header; it never appears in a repr, a log line
or an error message.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx
from pydantic import SecretStr

from huashu.domain import UpstreamError
from huashu.generate.base import TokenUsage
from huashu.net import (
    AsyncHttpClient,
    HttpPolicy,
    UpstreamHTTPError,
    api_policy,
    check_api_call_settings,
    excerpt,
)


class LLMError(UpstreamError):
    """The endpoint failed for good: ``llm_rejected`` (a non-retryable status),
    ``llm_unavailable`` (retries exhausted) or ``llm_protocol`` (not a chat completion).
    ``upstream_status`` is the endpoint's HTTP status, when it answered."""

    def __init__(
        self, message: str, *, upstream_status: int | None = None, code: str = "llm_error"
    ) -> None:
        super().__init__(message, code=code, details={"upstream_status": upstream_status})
        self.upstream_status = upstream_status


@dataclass(frozen=True)
class LLMConfig:
    """Where and how to call the model. ``concurrency`` bounds requests in flight;
    ``max_retries`` counts retries after the first try; backoff doubles from ``backoff_s`` up
    to ``max_backoff_s``, with jitter (a ``Retry-After`` header lengthens a wait, within the
    same cap). ``timeout_s`` bounds reading an answer, ``connect_timeout_s`` connecting."""

    base_url: str
    model: str
    api_key: SecretStr | None = field(default=None, repr=False)
    timeout_s: float = 60.0
    concurrency: int = 8
    max_retries: int = 4
    backoff_s: float = 0.5
    max_backoff_s: float = 20.0
    temperature: float = 0.8
    connect_timeout_s: float = 10.0

    def __post_init__(self) -> None:
        if self.concurrency < 1:
            raise ValueError("concurrency must be >= 1")
        check_api_call_settings(self)

    @property
    def endpoint(self) -> str:
        return self.base_url.rstrip("/") + "/chat/completions"

    @property
    def http_policy(self) -> HttpPolicy:
        return api_policy(self, per_host=self.concurrency)


@dataclass(frozen=True)
class ChatReply:
    content: str
    usage: TokenUsage
    retries: int = 0
    finish_reason: str = ""


class ChatClient:
    """One async session against the endpoint; use as ``async with ChatClient(config) as c``.
    At most ``config.concurrency`` requests are in flight (:class:`huashu.net.AsyncHttpClient`).
    """

    def __init__(
        self, config: LLMConfig, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self.config = config
        headers = {"Content-Type": "application/json"}
        self._secrets: tuple[str, ...] = ()
        if config.api_key is not None:
            key = config.api_key.get_secret_value()
            headers["Authorization"] = f"Bearer {key}"
            self._secrets = (key,)
        self._http = AsyncHttpClient(
            config.http_policy,
            name="chat completion",
            headers=headers,
            secrets=self._secrets,
            transport=transport,
        )
        self._open = False

    async def __aenter__(self) -> ChatClient:
        self._open = True
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._open = False
        await self._http.aclose()

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
        try:
            sent = await self._http.request("POST", self.config.endpoint, json=body)
        except UpstreamHTTPError as err:
            raise LLMError(
                err.summary("chat completion"),
                upstream_status=err.upstream_status,
                code="llm_unavailable" if err.transient else "llm_rejected",
            ) from err
        return _reply(sent.response, sent.attempts - 1, self._secrets)


def _reply(response: httpx.Response, retries: int, secrets: Sequence[str]) -> ChatReply:
    try:
        data = response.json()
        choice = data["choices"][0]
        content = choice["message"]["content"] or ""
    except (ValueError, KeyError, IndexError, TypeError) as err:
        raise LLMError(
            f"not a chat-completions response: {excerpt(response.text, 200, secrets)}",
            code="llm_protocol",
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
