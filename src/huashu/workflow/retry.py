"""How the outbox sender retries: exponential backoff with jitter, and ``Retry-After``."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from huashu.domain import InputError

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

    def backoff(self, attempts: int, rng: random.Random) -> float:
        delay = min(self.cap_seconds, self.base_seconds * 2.0 ** max(0, attempts - 1))
        return delay * rng.uniform(1 - self.jitter, 1.0)


def retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds a ``Retry-After`` header asks to wait (seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())
