"""How the outbox sender retries: a message's next attempt is scheduled in the store, after the
shared backoff (:func:`huashu.net.backoff_delay`: exponential with jitter, ``Retry-After``
honoured up to ``MAX_RETRY_AFTER_SECONDS``); each send is one HTTP attempt."""

from __future__ import annotations

import random
from dataclasses import dataclass

from huashu.domain import InputError
from huashu.net import HttpPolicy, backoff_delay

#: answers worth another attempt; any other failure (a 4xx, a redirect) makes a message dead.
WEBHOOK_RETRY_STATUS = frozenset({408, 429, *range(500, 600)})

#: a target's ``Retry-After`` is honoured up to this long, even beyond the backoff cap (s).
MAX_RETRY_AFTER_SECONDS = 3600.0


@dataclass(frozen=True)
class RetryPolicy:
    """How the sender retries: attempt ``n`` failed -> wait ``min(cap, base * 2**(n-1))``,
    drawn uniformly from ``[(1 - jitter) * d, d]``; dead after ``max_attempts``."""

    base_seconds: float = 2.0
    cap_seconds: float = 600.0
    max_attempts: int = 12
    jitter: float = 0.5
    timeout_seconds: float = 5.0
    lease_seconds: float = 120.0
    claim_batch: int = 10

    def __post_init__(self) -> None:
        if not (
            0 < self.base_seconds <= self.cap_seconds
            and self.max_attempts >= 1
            and 0 <= self.jitter < 1
            and 0 < self.timeout_seconds < self.lease_seconds
            and self.claim_batch >= 1
        ):
            raise InputError(
                f"invalid retry policy {self}: need 0 < base <= cap, max_attempts >= 1, "
                "0 <= jitter < 1, 0 < timeout < lease, claim_batch >= 1",
                message_zh="重试策略无效：需 0 < 基础间隔 ≤ 上限、最多尝试次数 ≥ 1、"
                "0 ≤ 抖动 < 1、0 < 超时 < 租约时长、每批 ≥ 1",
                code="invalid_retry_policy",
            )

    def backoff(self, attempts: int, rng: random.Random, retry_after: float | None = None) -> float:
        """The wait after ``attempts`` failed attempts; a ``retry_after`` lengthens it."""
        return backoff_delay(
            attempts,
            rng,
            base_s=self.base_seconds,
            cap_s=self.cap_seconds,
            jitter=self.jitter,
            retry_after=retry_after,
            max_retry_after_s=MAX_RETRY_AFTER_SECONDS,
        )

    @property
    def http_policy(self) -> HttpPolicy:
        """One HTTP attempt per send (the outbox schedules the next), ``timeout_seconds``
        to connect and to read."""
        return HttpPolicy(
            attempts=1,
            backoff_s=self.base_seconds,
            max_backoff_s=self.cap_seconds,
            jitter=self.jitter,
            connect_timeout_s=self.timeout_seconds,
            read_timeout_s=self.timeout_seconds,
            per_host=4,
            retry_status=WEBHOOK_RETRY_STATUS,
        )
