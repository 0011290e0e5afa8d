"""How a client retries: which answers are transient, the backoff (capped exponential with
jitter) and ``Retry-After`` (seconds or an HTTP date, capped). The outbox uses the same
backoff for its durable retries."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Protocol

import httpx

#: statuses that say "try again later": timeout, too early, too many requests, server errors.
TRANSIENT_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds a ``Retry-After`` header asks to wait (seconds or an HTTP date, relative to
    ``now``), or None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        return seconds if math.isfinite(seconds) and seconds >= 0 else None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def backoff_delay(
    failures: int,
    rng: random.Random,
    *,
    base_s: float,
    cap_s: float,
    jitter: float,
    retry_after: float | None = None,
    max_retry_after_s: float | None = None,
) -> float:
    """The wait after the ``failures``-th failure: ``d = min(cap_s, base_s * 2**(failures-1))``
    drawn uniformly from ``[(1 - jitter) * d, d]``; a ``retry_after`` lengthens it, up to
    ``max_retry_after_s`` (default ``cap_s``)."""
    delay = min(cap_s, base_s * 2.0 ** max(0, failures - 1)) * rng.uniform(1 - jitter, 1.0)
    if retry_after is not None:
        cap = cap_s if max_retry_after_s is None else max_retry_after_s
        delay = max(delay, min(retry_after, cap))
    return delay


@dataclass(frozen=True)
class HttpPolicy:
    """How one client calls its service. ``attempts`` counts every try, the first included;
    ``retry_status`` are the answers retried (besides connection errors and timeouts);
    ``per_host`` bounds the requests in flight to one host (scheme, host, port)."""

    attempts: int = 5
    backoff_s: float = 0.5
    max_backoff_s: float = 20.0
    jitter: float = 0.5
    #: a ``Retry-After`` is honoured up to this long (None: ``max_backoff_s``).
    max_retry_after_s: float | None = None
    connect_timeout_s: float = 10.0
    read_timeout_s: float = 60.0
    per_host: int = 8
    retry_status: frozenset[int] = TRANSIENT_STATUS

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("attempts must be >= 1")
        if not 0 <= self.backoff_s <= self.max_backoff_s:
            raise ValueError("need 0 <= backoff_s <= max_backoff_s")
        if not 0 <= self.jitter < 1:
            raise ValueError("jitter must be in [0, 1)")
        if not (self.connect_timeout_s > 0 and self.read_timeout_s > 0):
            raise ValueError("timeouts must be > 0")
        if self.per_host < 1:
            raise ValueError("per_host must be >= 1")

    @property
    def timeout(self) -> httpx.Timeout:
        return httpx.Timeout(self.read_timeout_s, connect=self.connect_timeout_s)

    def delay(self, failures: int, rng: random.Random, retry_after: float | None = None) -> float:
        return backoff_delay(
            failures,
            rng,
            base_s=self.backoff_s,
            cap_s=self.max_backoff_s,
            jitter=self.jitter,
            retry_after=retry_after,
            max_retry_after_s=self.max_retry_after_s,
        )


#: what a model API (chat completions, image generations) answers when a retry may succeed:
#: the transient statuses, and 409 (a request still being processed)
API_RETRY_STATUS = TRANSIENT_STATUS | {409}


class ApiCallSettings(Protocol):
    """The retry and timeout fields every model-API config carries (``LLMConfig``,
    ``ImagesAPIConfig``)."""

    @property
    def max_retries(self) -> int: ...
    @property
    def backoff_s(self) -> float: ...
    @property
    def max_backoff_s(self) -> float: ...
    @property
    def timeout_s(self) -> float: ...
    @property
    def connect_timeout_s(self) -> float: ...


def check_api_call_settings(config: ApiCallSettings) -> None:
    """The checks every model-API config makes on its retry and timeout fields."""
    if config.max_retries < 0:
        raise ValueError("max_retries must be >= 0")
    if not (config.timeout_s > 0 and config.connect_timeout_s > 0):
        raise ValueError("timeout_s and connect_timeout_s must be > 0")


def api_policy(config: ApiCallSettings, *, per_host: int = 8) -> HttpPolicy:
    """The :class:`HttpPolicy` of a model-API config: ``max_retries`` retries after the first
    try, its backoff and timeouts, ``per_host`` requests in flight."""
    return HttpPolicy(
        attempts=config.max_retries + 1,
        backoff_s=config.backoff_s,
        max_backoff_s=config.max_backoff_s,
        connect_timeout_s=config.connect_timeout_s,
        read_timeout_s=config.timeout_s,
        per_host=per_host,
        retry_status=API_RETRY_STATUS,
    )
