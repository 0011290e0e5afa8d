"""The outbox sender: claim due messages, send them, record the outcome.

Delivery is at least once; every message carries an idempotency key, so a receiver that keeps
the first copy of each key sees every task exactly once.

* **Claim.** One short transaction takes up to ``claim_batch`` due messages (pending,
  ``next_attempt_at <= now``, target active), adds one to ``attempts`` and pushes
  ``next_attempt_at`` out by a *lease*. On PostgreSQL the candidates are read ``FOR UPDATE SKIP
  LOCKED``; on both backends the ``UPDATE`` re-checks "still pending and due", so two workers
  never claim (and so never send concurrently) the same message. On SQLite the ``UPDATE`` is
  the transaction's first statement, so the single writer lock serialises claims.
* **Send** outside any transaction: a signed webhook ``POST`` through the shared HTTP layer
  (:mod:`huashu.net`, one attempt per claim) or a file (see
  :mod:`huashu.workflow.file_export`). A webhook's host is checked first and connected to only
  at a checked address (:mod:`huashu.workflow.netguard`); a refused one makes the message dead.
  Of a target's error answer, ``MAX_ERROR_BODY`` characters are kept after ``BODY_MARK``:
  admins see them, the audit log and operators see :func:`error_summary`.
* **Settle.** One transaction per claimed batch marks each message delivered, schedules a
  retry (exponential backoff with jitter, ``Retry-After`` honoured, ``last_error`` kept) or
  marks it dead (a permanent 4xx, or ``max_attempts`` used up) and audits that.

If the process dies after a send and before the settle, the lease runs out and the message is
claimed and sent again with the same idempotency key. A batch stops sending when its lease
could run out before the next answer, so a slow target cannot make a lease expire mid-send.
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import httpx
from sqlalchemy import select, update

from huashu import __version__
from huashu.net import HttpClient, UpstreamHTTPError
from huashu.store import Store, repos
from huashu.store.models import utcnow
from huashu.store.models_workflow import DeliveryTargetRow, OutboxRow
from huashu.workflow.file_export import FileBatch
from huashu.workflow.netguard import AddressGuard, BlockedAddress, redact_url, webhook_client
from huashu.workflow.retry import RetryPolicy as RetryPolicy
from huashu.workflow.signing import EVENT_HEADER as EVENT_HEADER
from huashu.workflow.signing import IDEMPOTENCY_HEADER as IDEMPOTENCY_HEADER
from huashu.workflow.signing import MAX_SKEW_SECONDS as MAX_SKEW_SECONDS
from huashu.workflow.signing import SIGNATURE_HEADER as SIGNATURE_HEADER
from huashu.workflow.signing import TIMESTAMP_HEADER as TIMESTAMP_HEADER
from huashu.workflow.signing import sign as sign
from huashu.workflow.signing import verify_signature as verify_signature

log = logging.getLogger("huashu.outbox")

#: how much of a target's error answer is kept (shown to admins only, see :func:`error_summary`).
MAX_ERROR_BODY = 200
#: separates an error's summary from the target's answer in ``last_error``.
BODY_MARK = "\nresponse body: "

Result = Literal["delivered", "retry", "dead"]


@dataclass(frozen=True)
class Claimed:
    """A claimed message with what sending it needs (the secret stays in memory only)."""

    id: int
    key: str
    event: str
    payload: dict[str, Any]
    attempts: int
    target_id: str
    kind: str
    address: str
    secret: str = field(repr=False)


@dataclass(frozen=True)
class Outcome:
    id: int
    key: str
    target_id: str
    result: Result
    attempts: int
    error: str = ""
    status_code: int | None = None
    #: seconds until the next attempt (retries only).
    retry_in: float | None = None


@dataclass
class DeliveryReport:
    claimed: int = 0
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, result: Result) -> int:
        return sum(o.result == result for o in self.outcomes)

    @property
    def delivered(self) -> int:
        return self.count("delivered")

    @property
    def retried(self) -> int:
        return self.count("retry")

    @property
    def dead(self) -> int:
        return self.count("dead")

    def as_dict(self) -> dict[str, Any]:
        return {
            "claimed": self.claimed,
            "delivered": self.delivered,
            "retried": self.retried,
            "dead": self.dead,
            "outcomes": [asdict(o) for o in self.outcomes],
        }


def message_body(msg: Claimed, sent_at: datetime) -> bytes:
    """The bytes sent (and signed): the payload plus idempotency key, event, message id and
    send time, as compact JSON with sorted keys."""
    body = {
        **msg.payload,
        "idempotency_key": msg.key,
        "event": msg.event,
        "message_id": msg.id,
        "sent_at": sent_at.astimezone(UTC).isoformat(),
    }
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _due(now: datetime) -> Any:
    return (
        select(OutboxRow.id)
        .join(DeliveryTargetRow, DeliveryTargetRow.id == OutboxRow.target_id)
        .where(
            OutboxRow.status == "pending",
            OutboxRow.next_attempt_at <= now,
            DeliveryTargetRow.active.is_(True),
        )
    )


def _claim(store: Store, now: datetime, n: int, policy: RetryPolicy) -> list[Claimed]:
    candidates = _due(now).order_by(OutboxRow.next_attempt_at, OutboxRow.id).limit(n)
    if store.dialect == "postgresql":
        candidates = candidates.with_for_update(skip_locked=True, of=OutboxRow)
    with store.session() as s:
        ids = s.scalars(
            update(OutboxRow)
            .where(
                OutboxRow.id.in_(candidates),
                OutboxRow.status == "pending",
                OutboxRow.next_attempt_at <= now,
            )
            .values(
                attempts=OutboxRow.attempts + 1,
                next_attempt_at=now + timedelta(seconds=policy.lease_seconds),
            )
            .returning(OutboxRow.id)
            .execution_options(synchronize_session=False)
        ).all()
        if not ids:
            return []
        rows = s.execute(
            select(OutboxRow, DeliveryTargetRow)
            .join(DeliveryTargetRow, DeliveryTargetRow.id == OutboxRow.target_id)
            .where(OutboxRow.id.in_(ids))
            .order_by(OutboxRow.id)
        ).all()
        return [
            Claimed(
                id=m.id,
                key=m.idempotency_key,
                event=m.event,
                payload=dict(m.payload),
                attempts=m.attempts,
                target_id=t.id,
                kind=t.kind,
                address=t.address,
                secret=t.secret,
            )
            for m, t in rows
        ]


@dataclass(frozen=True)
class _Sent:
    msg: Claimed
    result: Result
    error: str = ""
    status_code: int | None = None
    retry_after: float | None = None


def error_summary(error: str) -> str:
    """An error without the target's answer: what the audit log and non-admins see."""
    return error.split(BODY_MARK, 1)[0]


def _refused(err: BaseException) -> BlockedAddress | None:
    """The guard's refusal behind an HTTP client error (a host re-resolved to a refused address
    between the check and the connection), if that is what it was."""
    seen: BaseException | None = err
    while seen is not None:
        if isinstance(seen.__cause__, BlockedAddress):
            return seen.__cause__
        seen = seen.__cause__
    return None


def _accepted(status: int) -> bool:
    """2xx, or 409: the receiver already has this idempotency key."""
    return 200 <= status < 300 or status == 409


def _post(http: HttpClient, msg: Claimed, now: datetime, guard: AddressGuard) -> _Sent:
    try:
        where = urlsplit(msg.address)
        guard.resolve(where.hostname or "", where.port or (443 if where.scheme == "https" else 80))
    except BlockedAddress as err:
        return _Sent(msg, "dead", f"refused: {err.message}")
    except (OSError, ValueError):
        pass  # the client reports it (retried)
    timestamp = str(int(now.timestamp()))
    body = message_body(msg, now)
    signature = sign(msg.secret, timestamp, body)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": f"huashu/{__version__}",
        IDEMPOTENCY_HEADER: msg.key,
        EVENT_HEADER: msg.event,
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: signature,
    }
    try:
        sent = http.request(
            "POST",
            msg.address,
            content=body,
            headers=headers,
            secrets=(msg.secret, signature, signature.removeprefix("sha256=")),
            accept=_accepted,
        )
    except UpstreamHTTPError as err:
        return _failed(msg, err)
    except Exception as err:  # a bad URL and the like: retried, then dead
        text = str(err).replace(msg.address, redact_url(msg.address))
        return _Sent(msg, "retry", f"send failed ({type(err).__name__}): {text}")
    return _Sent(msg, "delivered", status_code=sent.response.status_code)


def _failed(msg: Claimed, err: UpstreamHTTPError) -> _Sent:
    """A failed send: a connection error or timeout and a transient answer are retried (with
    the answer's ``Retry-After``), a refused address and any other answer make it dead."""
    code = err.upstream_status
    if code is None:
        if (blocked := _refused(err)) is not None:
            return _Sent(msg, "dead", f"refused: {blocked.message}")
        if err.timed_out:
            return _Sent(msg, "retry", f"timeout ({err.reason})")
        return _Sent(msg, "retry", f"connection error ({err.reason}): {err.detail}")
    detail = err.body[:MAX_ERROR_BODY].strip()
    error = f"HTTP {code}" + (f"{BODY_MARK}{detail}" if detail else "")
    if err.transient:
        return _Sent(msg, "retry", error, code, err.retry_after)
    return _Sent(msg, "dead", f"permanent failure, {error}", code)


def _settle(
    store: Store,
    sent: list[_Sent],
    now: datetime,
    policy: RetryPolicy,
    rng: random.Random,
) -> list[Outcome]:
    outcomes: list[Outcome] = []
    with store.session() as s:
        for item in sent:
            msg = item.msg
            result, error, retry_in = item.result, item.error, None
            if result == "retry" and msg.attempts >= policy.max_attempts:
                result, error = "dead", f"gave up after {msg.attempts} attempts; last: {error}"
            pending = update(OutboxRow).where(OutboxRow.id == msg.id, OutboxRow.status == "pending")
            if result == "delivered":
                values: dict[str, Any] = {
                    "status": "delivered",
                    "delivered_at": now,
                    "last_error": "",
                }
            elif result == "retry":
                retry_in = policy.backoff(msg.attempts, rng, item.retry_after)
                values = {
                    "next_attempt_at": now + timedelta(seconds=retry_in),
                    "last_error": error[:2000],
                }
            else:
                values = {"status": "dead", "last_error": error[:2000]}
            changed = s.execute(
                pending.values(**values).execution_options(synchronize_session=False)
            )
            if result == "dead" and getattr(changed, "rowcount", 0) == 1:
                repos.audit(
                    s,
                    "outbox",
                    "outbox.dead",
                    "outbox",
                    msg.id,
                    {
                        "target_id": msg.target_id,
                        "idempotency_key": msg.key,
                        "attempts": msg.attempts,
                        "error": error_summary(error)[:500],
                    },
                )
            outcomes.append(
                Outcome(
                    msg.id,
                    msg.key,
                    msg.target_id,
                    result,
                    msg.attempts,
                    error,
                    item.status_code,
                    retry_in,
                )
            )
    for o in outcomes:
        log.log(
            logging.WARNING if o.result == "dead" else logging.INFO,
            "outbox %s -> %s: %s (attempt %d)%s",
            o.key,
            o.target_id,
            o.result,
            o.attempts,
            f": {o.error}" if o.error else "",
        )
    return outcomes


def has_due(store: Store, now: datetime | None = None) -> bool:
    """Whether any message is due: a read, so an idle worker takes no write lock."""
    with store.session() as s:
        return s.scalar(_due(now or utcnow()).limit(1)) is not None


def deliver_due(
    store: Store,
    *,
    now: datetime | None = None,
    limit: int = 100,
    http: httpx.Client | None = None,
    policy: RetryPolicy | None = None,
    data_dir: Path | None = None,
    rng: random.Random | None = None,
    guard: AddressGuard | None = None,
) -> DeliveryReport:
    """Send up to ``limit`` due messages in claimed batches; see the module docstring.

    ``now`` fixes the clock (tests); ``data_dir`` anchors relative export directories;
    ``guard`` says which non-public webhook addresses may be reached (default: none).
    """
    guard = guard or AddressGuard()
    policy = policy or RetryPolicy()
    rng = rng or random.Random()
    clock: Callable[[], datetime] = (lambda: now) if now is not None else utcnow
    report = DeliveryReport()
    if not has_due(store, clock()):
        return report
    client = http or webhook_client(guard, policy.timeout_seconds)
    sender = HttpClient(policy.http_policy, name="webhook", client=client, clock=clock)
    try:
        while report.claimed < limit:
            batch = _claim(store, clock(), min(policy.claim_batch, limit - report.claimed), policy)
            if not batch:
                break
            report.claimed += len(batch)
            started = time.monotonic()
            sent: list[_Sent] = []
            files = FileBatch(data_dir)
            for msg in batch:
                if time.monotonic() - started + policy.timeout_seconds >= policy.lease_seconds:
                    break  # the rest keep their lease and are claimed again when it ends
                if msg.kind == "webhook":
                    sent.append(_post(sender, msg, clock(), guard))
                else:
                    channel = (msg.payload.get("task") or {}).get("channel")
                    body = message_body(msg, clock())
                    result, error = files.write(msg.id, msg.key, msg.address, channel, body)
                    sent.append(_Sent(msg, result, error))
            failed = files.finish()
            sent = [
                _Sent(s.msg, "retry", failed[s.msg.id]) if s.msg.id in failed else s for s in sent
            ]
            report.outcomes.extend(_settle(store, sent, clock(), policy, rng))
    finally:
        if http is None:
            client.close()
    return report
