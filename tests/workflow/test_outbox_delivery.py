"""Webhook delivery against a real receiver on loopback: retries with backoff until delivered
exactly once per key, how each answer is classified, dead letters, revival, concurrent
workers, and secrets kept out of logs and errors."""

from __future__ import annotations

import itertools
import json
import logging
import random
import threading
import time
from datetime import timedelta

import httpx
import pytest
from tests.workflow.outbox_support import (
    LOOPBACK,
    SECRET,
    add_webhook,
    messages,
    seed_tasks,
    wait_for,
)
from tests.workflow.webhook_server import Receiver, serve_receiver

from huashu.domain import InputError
from huashu.store import Store, repos
from huashu.store.models import utcnow
from huashu.workflow.delivery import (
    DeliveryReport,
    RetryPolicy,
    deliver_due,
    message_body,
    sign,
    verify_signature,
)
from huashu.workflow.outbox import list_outbox, retry_message
from huashu.workflow.targets import list_targets

FAST = RetryPolicy(base_seconds=0.02, cap_seconds=0.08, timeout_seconds=2.0, lease_seconds=5.0)


def drain(store: Store, policy: RetryPolicy = FAST, timeout: float = 10.0) -> list[DeliveryReport]:
    """Run delivery passes until nothing is pending; return every pass's report."""
    reports: list[DeliveryReport] = []
    with httpx.Client() as http:

        def done() -> bool:
            reports.append(
                deliver_due(store, guard=LOOPBACK, policy=policy, http=http, rng=random.Random(7))
            )
            return all(m.status != "pending" for m in messages(store).values())

        wait_for(done, timeout, "the outbox to drain")
    return reports


def test_failing_receiver_gets_every_message_once(store: Store, campaign_id: str) -> None:
    receiver = Receiver(SECRET, fail_first=5)
    with serve_receiver(receiver) as base:
        add_webhook(store, f"{base}/hook")
        keys = seed_tasks(store, campaign_id, 4)
        reports = drain(store)
    rows = messages(store)
    assert {k: r.status for k, r in rows.items()} == dict.fromkeys(keys, "delivered")
    assert sorted(receiver.processed) == sorted(keys)
    assert sorted(c.key for c in receiver.accepted()) == sorted(keys)  # once each
    assert receiver.bad_signatures == 0 and not receiver.duplicates
    assert sum(r.attempts - 1 for r in rows.values()) == 5  # each 503 cost one more attempt
    assert all(r.delivered_at is not None and r.last_error == "" for r in rows.values())
    retries = [o for rep in reports for o in rep.outcomes if o.result == "retry"]
    assert len(retries) == 5 and {o.status_code for o in retries} == {503}
    for o in retries:  # exponential backoff with jitter, capped
        full = min(FAST.cap_seconds, FAST.base_seconds * 2 ** (o.attempts - 1))
        assert o.retry_in is not None and full * (1 - FAST.jitter) <= o.retry_in <= full
    for key in keys:  # the receiver saw the retries spaced by at least the backoff floor
        times = [c.at for c in receiver.calls if c.key == key]
        gaps = [b - a for a, b in itertools.pairwise(times)]
        assert all(g >= FAST.base_seconds * (1 - FAST.jitter) - 0.005 for g in gaps)
    first = receiver.calls[0]
    assert first.headers["idempotency-key"] == first.key == first.body["idempotency_key"]
    assert first.headers["x-huashu-event"] == "task.create" == first.body["event"]
    assert first.body["task"]["channel"] == "sms" and first.body["task"]["creative_ids"]


ANSWERS = {
    200: ("delivered", None),
    204: ("delivered", None),
    409: ("delivered", None),
    302: ("dead", None),
    400: ("dead", None),
    404: ("dead", None),
    408: ("retry", 408),
    429: ("retry", 429),
    500: ("retry", 500),
    502: ("retry", 502),
}


def test_each_answer_is_classified(store: Store, campaign_id: str) -> None:
    receiver = Receiver(SECRET)
    with serve_receiver(receiver) as base:
        targets = {code: add_webhook(store, f"{base}/status/{code}") for code in ANSWERS}
        seed_tasks(store, campaign_id, 1)
        # one pass: no re-claims
        report = deliver_due(store, guard=LOOPBACK, policy=FAST, now=utcnow())
    by_target = {o.target_id: o for o in report.outcomes}
    assert report.claimed == len(ANSWERS)
    for code, (result, status) in ANSWERS.items():
        outcome = by_target[targets[code]]
        assert (outcome.result, outcome.status_code) == (result, status or code), code
    rows = {r.target_id: r for r in messages(store).values()}
    assert rows[targets[400]].status == "dead" and rows[targets[400]].attempts == 1
    assert rows[targets[400]].last_error.startswith("permanent failure, HTTP 400")
    assert rows[targets[500]].status == "pending" and "HTTP 500" in rows[targets[500]].last_error
    assert rows[targets[409]].status == "delivered"
    with store.session() as s:
        dead = repos.list_audit(s, action="outbox.dead")
    assert sorted(e["detail"]["target_id"] for e in dead) == sorted(
        targets[c] for c in (302, 400, 404)
    )


@pytest.mark.parametrize("header", ["3", "date"])
def test_retry_after_is_honoured(store: Store, campaign_id: str, header: str) -> None:
    receiver = Receiver(SECRET, fail_first=1)
    with serve_receiver(receiver) as base:
        add_webhook(store, f"{base}/hook")
        seed_tasks(store, campaign_id, 1)
        now = utcnow()
        receiver.retry_after = "3" if header == "3" else _http_date(now + timedelta(seconds=30))
        [outcome] = deliver_due(store, guard=LOOPBACK, policy=FAST, now=now).outcomes
    assert outcome.result == "retry" and outcome.retry_in is not None
    assert (3.0 if header == "3" else 28.0) <= outcome.retry_in <= 31.0
    [row] = messages(store).values()
    assert row.next_attempt_at == now + timedelta(seconds=outcome.retry_in)
    assert (
        deliver_due(store, guard=LOOPBACK, policy=FAST, now=now + timedelta(seconds=2)).claimed == 0
    )


def _http_date(when: object) -> str:
    from email.utils import format_datetime

    return format_datetime(when, usegmt=True)  # type: ignore[arg-type]


def test_dead_after_max_attempts_then_revived(store: Store, campaign_id: str) -> None:
    policy = RetryPolicy(
        base_seconds=0.01, cap_seconds=0.02, max_attempts=3, timeout_seconds=2, lease_seconds=5
    )
    receiver = Receiver(SECRET, fail_first=3)
    with serve_receiver(receiver) as base:
        add_webhook(store, f"{base}/hook")
        [key] = seed_tasks(store, campaign_id, 1)
        drain(store, policy)
        row = messages(store)[key]
        assert (row.status, row.attempts) == ("dead", 3)
        assert row.last_error.startswith("gave up after 3 attempts; last: HTTP 503")
        with store.session() as s:
            [entry] = repos.list_audit(s, action="outbox.dead")
            assert entry["detail"]["idempotency_key"] == key
            with pytest.raises(InputError) as not_dead:
                retry_message(s, 10_000, actor="root")
        assert not_dead.value.code == "not_found"
        assert deliver_due(store, guard=LOOPBACK, policy=policy).claimed == 0  # dead stays dead
        with store.session() as s:
            revived = retry_message(s, row.id, actor="root")
        assert (revived["status"], revived["attempts"]) == ("pending", 0)
        drain(store, policy)
    row = messages(store)[key]
    assert (row.status, row.attempts) == ("delivered", 1)
    assert list(receiver.processed) == [key] and len(receiver.accepted()) == 1
    with store.session() as s:
        [entry] = repos.list_audit(s, action="outbox.retry")
        assert entry["actor"] == "root" and entry["detail"]["attempts"] == 3
        with pytest.raises(InputError) as again:
            retry_message(s, row.id, actor="root")
    assert again.value.code == "not_dead"
    assert "只有失败" in again.value.message_zh


def test_two_workers_never_send_one_message_twice(store: Store, campaign_id: str) -> None:
    policy = RetryPolicy(timeout_seconds=2, lease_seconds=30, claim_batch=3)
    receiver = Receiver(SECRET)
    with serve_receiver(receiver) as base:
        add_webhook(store, f"{base}/hook")
        keys = seed_tasks(store, campaign_id, 24)
        reports: list[DeliveryReport] = []

        def work() -> None:
            with httpx.Client() as http:
                for _ in range(20):
                    reports.append(deliver_due(store, guard=LOOPBACK, policy=policy, http=http))

        workers = [threading.Thread(target=work) for _ in range(2)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
    assert sorted(c.key for c in receiver.calls) == sorted(keys)  # each sent exactly once
    assert sum(r.delivered for r in reports) == len(keys)
    assert {r.status for r in messages(store).values()} == {"delivered"}


def test_inactive_target_holds_its_messages(store: Store, campaign_id: str) -> None:
    from huashu.workflow.targets import update_target

    receiver = Receiver(SECRET)
    with serve_receiver(receiver) as base:
        target = add_webhook(store, f"{base}/hook")
        keys = seed_tasks(store, campaign_id, 2)
        with store.session() as s:
            update_target(s, target, actor="root", active=False)
        assert deliver_due(store, guard=LOOPBACK, policy=FAST).claimed == 0
        with store.session() as s:
            update_target(s, target, actor="root", active=True)
        assert deliver_due(store, guard=LOOPBACK, policy=FAST).delivered == 2
    assert sorted(receiver.processed) == sorted(keys)


def test_signature_round_trip_and_tampering() -> None:
    body = b'{"event":"task.create","task":{"task_id":"t-1"}}'
    stamp = str(int(time.time()))
    header = sign(SECRET, stamp, body)
    assert header.startswith("sha256=") and len(header) == 7 + 64
    assert verify_signature(SECRET, stamp, body, header)
    assert verify_signature(SECRET, stamp, body.decode(), header)
    assert not verify_signature(SECRET, stamp, body.replace(b"t-1", b"t-2"), header)
    assert not verify_signature(SECRET, str(int(stamp) + 1), body, header)
    assert not verify_signature("another-secret-0123456789", stamp, body, header)
    assert not verify_signature(SECRET, stamp, body, header.replace("sha256=", "sha1="))
    old = str(int(time.time()) - 301)
    assert not verify_signature(SECRET, old, body, sign(SECRET, old, body))
    assert verify_signature(SECRET, old, body, sign(SECRET, old, body), max_skew=600)
    assert not verify_signature(SECRET, "soon", body, header)


def test_receiver_rejects_a_tampered_body(store: Store, campaign_id: str) -> None:
    receiver = Receiver(SECRET)
    with serve_receiver(receiver) as base:
        add_webhook(store, f"{base}/hook")
        seed_tasks(store, campaign_id, 1)
        report = deliver_due(store, guard=LOOPBACK, policy=FAST)
        sent = receiver.calls[0]
        raw = json.dumps(sent.body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        stamp, signature = sent.headers["x-huashu-timestamp"], sent.headers["x-huashu-signature"]
        assert verify_signature(SECRET, stamp, raw.encode(), signature)
        tampered = raw.replace('"sms"', '"dsp"')
        assert tampered != raw and not verify_signature(SECRET, stamp, tampered, signature)
        forged = httpx.post(
            f"{base}/hook",
            content=tampered.encode(),
            headers={
                "Idempotency-Key": "forged",
                "X-Huashu-Timestamp": stamp,
                "X-Huashu-Signature": signature,
            },
        )
    assert report.delivered == 1
    assert forged.status_code == 401 and receiver.bad_signatures == 1
    assert "forged" not in receiver.processed


def test_secrets_stay_out_of_logs_errors_and_listings(
    store: Store, campaign_id: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    receiver = Receiver(SECRET, (SECRET[::-1],), fail_first=2, echo_header="x-huashu-signature")
    with serve_receiver(receiver) as base:
        add_webhook(store, f"{base}/hook")
        add_webhook(store, f"{base}/status/400", secret=SECRET[::-1])
        seed_tasks(store, campaign_id, 1)
        drain(store)
    signatures = {c.headers["x-huashu-signature"] for c in receiver.calls}
    assert signatures and receiver.calls[0].status == 503
    with store.session() as s:
        dumped = json.dumps(
            [list_targets(s), list_outbox(s), repos.list_audit(s)], ensure_ascii=False, default=str
        )
    errors = [r.last_error for r in messages(store).values()]
    # the echoed signature was redacted
    assert any(e.startswith("permanent failure, HTTP 400") and "echo ***" in e for e in errors)
    assert "outbox" in caplog.text and "HTTP 503" in caplog.text
    for text in (caplog.text, dumped, *errors):
        for secret in (SECRET, SECRET[::-1], *signatures, *(s[7:] for s in signatures)):
            assert secret not in text


def test_message_body_is_canonical_json() -> None:
    from huashu.workflow.delivery import Claimed

    msg = Claimed(
        1, "task.create:t:1:x", "task.create", {"b": 1, "a": "春"}, 1, "x", "webhook", "", ""
    )
    body = message_body(msg, utcnow())
    assert body.decode().startswith('{"a":"春","b":1,"event":"task.create"')
    assert json.loads(body)["idempotency_key"] == "task.create:t:1:x"
