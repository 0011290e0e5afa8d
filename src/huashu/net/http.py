"""The one HTTP layer under every service huashu calls (the LLM endpoint, the images API,
webhook targets): httpx with explicit connect/read timeouts, a limit on requests in flight
per host, retries of transient failures only (tenacity: capped exponential backoff with
jitter, ``Retry-After`` honoured in seconds or as an HTTP date, up to a cap), and one error,
:class:`UpstreamHTTPError`, carrying the upstream status and a short excerpt of its answer.

Nothing secret is shown: URLs in errors and logs are redacted (:func:`redact_url`), and the
client's ``secrets`` (API keys, signing secrets) and a URL's password and secret-looking query
values are hidden in every text kept; httpx's own request log shows redacted URLs too. The
asynchronous client is :class:`huashu.net.aio.AsyncHttpClient`; the policy (what is retried,
how long to wait) is :mod:`huashu.net.policy`.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
import tenacity

from huashu.domain import UpstreamError
from huashu.net.policy import HttpPolicy, parse_retry_after
from huashu.net.redact import excerpt, hide_urls_in, redact_text, redact_url, url_secrets

log = logging.getLogger("huashu.http")
hide_urls_in(logging.getLogger("httpx"))  # httpx logs each request's URL at INFO

#: how much of an error answer is kept on the error.
BODY_EXCERPT = 200

Accept = Callable[[int], bool]
Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)


def _success(status: int) -> bool:
    return 200 <= status < 300


class UpstreamHTTPError(UpstreamError):
    """A call to a service failed for good: an answer not accepted (``upstream_status``, with
    ``body`` the first characters of the answer, secrets hidden), or no answer (a connection
    error or timeout: ``upstream_status`` None). ``transient`` says whether it was worth
    retrying; ``attempts`` how many tries were made; ``reason`` is ``"HTTP 503: <body>"`` or
    the transport error's class name, ``detail`` its text (URL redacted)."""

    default_code = "upstream_http"

    def __init__(
        self,
        reason: str,
        *,
        method: str,
        url: str,
        upstream_status: int | None = None,
        body: str = "",
        detail: str = "",
        transient: bool = False,
        timed_out: bool = False,
        retry_after: float | None = None,
        attempts: int = 1,
    ) -> None:
        self.reason = reason
        self.method = method
        self.url = url
        self.upstream_status = upstream_status
        self.body = body
        self.detail = detail
        self.transient = transient
        self.timed_out = timed_out
        self.retry_after = retry_after
        self.attempts = attempts
        tries = f" after {attempts} tries" if attempts > 1 else ""
        super().__init__(
            f"{method} {url} failed{tries}: {reason}",
            message_zh=f"上游服务请求失败（{method} {url}，尝试 {attempts} 次）：{reason}",
            details={"url": url, "upstream_status": upstream_status, "attempts": attempts},
        )

    def summary(self, what: str) -> str:
        """``"<what> failed after N tries: <reason>"`` when retries ran out, ``"<what> failed
        with <reason>"`` when the failure was not worth retrying."""
        if self.transient:
            return f"{what} failed after {self.attempts} tries: {self.reason}"
        return f"{what} failed with {self.reason}"


@dataclass(frozen=True)
class Exchange:
    """An accepted answer and how many tries it took."""

    response: httpx.Response
    attempts: int


def host_key(url: str | httpx.URL) -> tuple[str, str, int | None]:
    """Which limit a request counts against: scheme, host and port."""
    u = httpx.URL(url)
    return (u.scheme, u.host, u.port)


TRANSIENT_TRANSPORT = (
    httpx.TimeoutException,
    httpx.NetworkError,
    httpx.RemoteProtocolError,
    httpx.ProxyError,
)


@dataclass
class Call:
    """One request's arguments and the secrets its error texts must hide."""

    method: str
    url: str
    kwargs: dict[str, Any]
    secrets: tuple[str, ...]
    accept: Accept
    tries: int = 0
    shown: str = field(init=False)

    def __post_init__(self) -> None:
        self.secrets = (*self.secrets, *url_secrets(self.url))
        self.shown = redact_text(redact_url(self.url), self.secrets)


class Retrier:
    """What both clients share: the policy, the errors built from a failure, and the
    tenacity arguments (stop, wait with Retry-After, retry on transient errors, log)."""

    def __init__(
        self,
        policy: HttpPolicy,
        *,
        name: str,
        secrets: Iterable[str],
        rng: random.Random | None,
        clock: Clock,
    ) -> None:
        self.policy = policy
        self.name = name
        self._secrets = tuple(s for s in secrets if s)
        self._rng = rng or random.Random()
        self._clock = clock

    def call(
        self,
        method: str,
        url: str,
        *,
        json: Any,
        content: bytes | None,
        headers: Mapping[str, str] | None,
        timeout: httpx.Timeout | float | None,
        secrets: Iterable[str],
        accept: Accept | None,
    ) -> Call:
        kwargs: dict[str, Any] = {"headers": headers}
        if json is not None:
            kwargs["json"] = json
        if content is not None:
            kwargs["content"] = content
        kwargs["timeout"] = self.policy.timeout if timeout is None else timeout
        return Call(
            method, url, kwargs, (*self._secrets, *(s for s in secrets if s)), accept or _success
        )

    def not_accepted(self, call: Call, response: httpx.Response) -> UpstreamHTTPError:
        status = response.status_code
        body = excerpt(response.text, BODY_EXCERPT, call.secrets)
        transient = status in self.policy.retry_status
        return UpstreamHTTPError(
            f"HTTP {status}: {body}" if body else f"HTTP {status}",
            method=call.method,
            url=call.shown,
            upstream_status=status,
            body=body,
            transient=transient,
            retry_after=parse_retry_after(response.headers.get("retry-after"), self._clock())
            if transient
            else None,
            attempts=call.tries,
        )

    def unanswered(self, call: Call, err: httpx.TransportError) -> UpstreamHTTPError:
        text = redact_text(str(err).replace(call.url, call.shown), call.secrets)
        return UpstreamHTTPError(
            type(err).__name__,
            method=call.method,
            url=call.shown,
            detail=text,
            transient=isinstance(err, TRANSIENT_TRANSPORT),
            timed_out=isinstance(err, httpx.TimeoutException),
            attempts=call.tries,
        )

    def retrying_kwargs(self) -> dict[str, Any]:
        return {
            "stop": tenacity.stop_after_attempt(self.policy.attempts),
            "wait": self._wait,
            "retry": tenacity.retry_if_exception(
                lambda e: isinstance(e, UpstreamHTTPError) and e.transient
            ),
            "before_sleep": self._log_retry,
            "reraise": True,
        }

    def _wait(self, state: tenacity.RetryCallState) -> float:
        err = state.outcome.exception() if state.outcome is not None else None
        after = err.retry_after if isinstance(err, UpstreamHTTPError) else None
        return self.policy.delay(state.attempt_number, self._rng, after)

    def _log_retry(self, state: tenacity.RetryCallState) -> None:
        err = state.outcome.exception() if state.outcome is not None else None
        if isinstance(err, UpstreamHTTPError):
            log.warning(
                "%s retry %d in %.2fs: %s (%s %s)",
                self.name,
                state.attempt_number,
                state.upcoming_sleep,
                err.reason,
                err.method,
                err.url,
            )


class HostLimits:
    """A semaphore per host (:func:`host_key`), ``per_host`` slots each; thread-safe."""

    def __init__(self, per_host: int) -> None:
        self.per_host = per_host
        self._lock = threading.Lock()
        self._slots: dict[tuple[str, str, int | None], threading.BoundedSemaphore] = {}

    @contextmanager
    def slot(self, url: str) -> Iterator[None]:
        key = host_key(url)
        with self._lock:
            sem = self._slots.setdefault(key, threading.BoundedSemaphore(self.per_host))
        with sem:
            yield


class HttpClient:
    """A synchronous client: ``request`` returns an accepted answer or raises
    :class:`UpstreamHTTPError` once retries are spent. ``client`` wraps an existing httpx
    client (its transport, e.g. the webhook address guard, is kept; it is not closed here);
    ``sleep``, ``rng`` and ``clock`` are the waits, the jitter and the time Retry-After dates
    are read against (tests inject them)."""

    def __init__(
        self,
        policy: HttpPolicy,
        *,
        name: str = "http",
        headers: Mapping[str, str] | None = None,
        secrets: Iterable[str] = (),
        transport: httpx.BaseTransport | None = None,
        client: httpx.Client | None = None,
        limits: HostLimits | None = None,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
        clock: Clock = utcnow,
    ) -> None:
        self._retrier = Retrier(policy, name=name, secrets=secrets, rng=rng, clock=clock)
        self._owned = client is None
        self._client = client or httpx.Client(
            headers=dict(headers or {}),
            timeout=policy.timeout,
            transport=transport,
            follow_redirects=False,
        )
        self.limits = limits or HostLimits(policy.per_host)
        self._sleep = sleep

    @property
    def policy(self) -> HttpPolicy:
        return self._retrier.policy

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._owned:
            self._client.close()

    def request(
        self,
        method: str,
        url: str,
        *,
        json: Any = None,
        content: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: httpx.Timeout | float | None = None,
        secrets: Iterable[str] = (),
        accept: Accept | None = None,
    ) -> Exchange:
        """Send, retrying transient failures; ``accept`` says which statuses are an answer
        (default 2xx), ``secrets`` are hidden in this call's errors besides the client's."""
        call = self._retrier.call(
            method,
            url,
            json=json,
            content=content,
            headers=headers,
            timeout=timeout,
            secrets=secrets,
            accept=accept,
        )
        retrying = tenacity.Retrying(sleep=self._sleep, **self._retrier.retrying_kwargs())
        response = retrying(self._once, call)
        return Exchange(response, call.tries)

    def _once(self, call: Call) -> httpx.Response:
        call.tries += 1
        with self.limits.slot(call.url):
            try:
                response = self._client.request(call.method, call.url, **call.kwargs)
            except httpx.TransportError as err:
                raise self._retrier.unanswered(call, err) from err
        if call.accept(response.status_code):
            return response
        raise self._retrier.not_accepted(call, response)
