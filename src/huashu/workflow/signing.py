"""How webhook messages are signed, and how a receiver checks a signature
(docs/delivery-targets.md)."""

from __future__ import annotations

import hashlib
import hmac
import time

SIGNATURE_HEADER = "X-Huashu-Signature"
TIMESTAMP_HEADER = "X-Huashu-Timestamp"
EVENT_HEADER = "X-Huashu-Event"
IDEMPOTENCY_HEADER = "Idempotency-Key"
#: receivers should refuse a timestamp further than this from their clock (s).
MAX_SKEW_SECONDS = 300


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """``sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>``."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return f"sha256={mac.hexdigest()}"


def verify_signature(
    secret: str,
    timestamp: str,
    body: bytes | str,
    header: str,
    *,
    max_skew: float = MAX_SKEW_SECONDS,
    now: float | None = None,
) -> bool:
    """For receivers: True when ``header`` signs exactly ``body`` at ``timestamp`` (Unix
    seconds, at most ``max_skew`` from ``now``). Compares in constant time."""
    raw = body.encode() if isinstance(body, str) else body
    try:
        sent = int(timestamp)
    except ValueError:
        return False
    if abs((time.time() if now is None else now) - sent) > max_skew:
        return False
    return hmac.compare_digest(sign(secret, timestamp, raw), header.strip())
