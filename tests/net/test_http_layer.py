"""The shared HTTP layer against real servers on loopback: what is retried and what is not,
the waits (backoff with jitter, Retry-After in seconds or as a date, capped) read from an
injected sleep and clock instead of the wall clock, giving up with the upstream error, the
per-host limit counted on the server side, and secrets kept out of errors and logs."""

from __future__ import annotations

import asyncio
import logging
import random
import threading
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from huashu.domain import UpstreamError
from huashu.net import (
    AsyncHttpClient,
    HttpClient,
    HttpPolicy,
    UpstreamHTTPError,
    parse_retry_after,
    redact_url,
)
from tests.loopback import free_port
from tests.net.script_server import Answer, Tally, script_server, then

NOW = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
FAST = HttpPolicy(attempts=4, backoff_s=0.01, max_backoff_s=0.04, read_timeout_s=5.0)


def _client(
    policy: HttpPolicy = FAST, rng: random.Random | None = None, secrets: Sequence[str] = ()
) -> tuple[HttpClient, list[float]]:
    """A client whose waits are recorded, not slept, reading Retry-After dates at ``NOW``."""
    sleeps: list[float] = []
    client = HttpClient(policy, sleep=sleeps.append, clock=lambda: NOW, rng=rng, secrets=secrets)
    return client, sleeps


def test_a_503_is_retried_then_the_answer_returned() -> None:
    with script_server(then(Answer(503, "overloaded"), Answer(200, "fine"))) as (url, seen):
        client, sleeps = _client()
        with client:
            sent = client.request("POST", f"{url}/x", json={"a": 1})
    assert (sent.response.text, sent.attempts, seen.count) == ("fine", 2, 2)
    assert len(sleeps) == 1 and 0.005 <= sleeps[0] <= 0.01  # base 0.01, jitter 0.5


@pytest.mark.parametrize(
    ("header", "policy", "wait"),
    [
        ("3", FAST, 0.04),  # FAST caps Retry-After at its max_backoff_s
        ("3", HttpPolicy(backoff_s=0.01, max_retry_after_s=60), 3.0),
        ("1.5", HttpPolicy(backoff_s=0.01, max_retry_after_s=60), 1.5),
        ("date+30", HttpPolicy(backoff_s=0.01, max_retry_after_s=60), 30.0),
        ("3600", HttpPolicy(backoff_s=0.01, max_retry_after_s=5), 5.0),
        ("date-30", HttpPolicy(backoff_s=0.01, max_retry_after_s=60), None),  # past: no wait
        ("soon", HttpPolicy(backoff_s=0.01, max_retry_after_s=60), None),  # unreadable
    ],
)
def test_retry_after_sets_the_wait_within_its_cap(
    header: str, policy: HttpPolicy, wait: float | None
) -> None:
    if header.startswith("date"):
        header = format_datetime(NOW + timedelta(seconds=int(header[4:])), usegmt=True)
    for status in (429, 503):
        busy = Answer(status, "busy", {"Retry-After": header})
        with script_server(then(busy, Answer())) as (url, seen):
            client, sleeps = _client(policy)
            with client:
                assert client.request("GET", url).attempts == 2
        assert seen.count == 2 and len(sleeps) == 1
        if wait is None:  # only the backoff: at most base_s
            assert sleeps[0] <= min(policy.backoff_s, policy.max_backoff_s)
        else:
            assert sleeps[0] == pytest.approx(wait, rel=1e-6)


def test_backoff_doubles_with_jitter_up_to_its_cap() -> None:
    policy = HttpPolicy(attempts=5, backoff_s=1.0, max_backoff_s=3.0, jitter=0.5)
    with script_server(then(*[Answer(502)] * 4, Answer())) as (url, seen):
        client, sleeps = _client(policy, rng=random.Random(3))
        with client:
            assert client.request("GET", url).attempts == 5
    assert seen.count == 5
    for wait, full in zip(sleeps, [1.0, 2.0, 3.0, 3.0], strict=True):
        assert 0.5 * full <= wait <= full
    rng = random.Random(3)  # the same draws: the waits are the policy's, one per failure
    assert sleeps == [policy.delay(n, rng) for n in (1, 2, 3, 4)]


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
def test_client_errors_are_not_retried(status: int) -> None:
    with script_server(then(Answer(status, '{"error": "no"}'), Answer())) as (url, seen):
        client, sleeps = _client()
        with client, pytest.raises(UpstreamHTTPError) as info:
            client.request("POST", f"{url}/v1/x", json={})
    err = info.value
    assert seen.count == 1 and sleeps == []
    assert (err.upstream_status, err.transient, err.attempts) == (status, False, 1)
    assert err.body == '{"error": "no"}' and err.reason == f'HTTP {status}: {{"error": "no"}}'
    assert isinstance(err, UpstreamError) and err.status == 502  # what huashu answers


def test_gives_up_after_the_attempts_with_the_upstream_error() -> None:
    body = "x" * 1000
    with script_server(then(Answer(503, body))) as (url, seen):
        client, sleeps = _client()
        with client, pytest.raises(UpstreamHTTPError) as info:
            client.request("GET", f"{url}/busy")
    err = info.value
    assert seen.count == FAST.attempts == err.attempts and len(sleeps) == FAST.attempts - 1
    assert err.upstream_status == 503 and err.transient and len(err.body) == 200
    assert str(err) == f"GET {url}/busy failed after 4 tries: HTTP 503: {'x' * 200}"


def test_connection_errors_and_timeouts_are_retried() -> None:
    closed = f"http://127.0.0.1:{free_port()}/"
    client, sleeps = _client(HttpPolicy(attempts=3, backoff_s=0.01, connect_timeout_s=2))
    with client, pytest.raises(UpstreamHTTPError) as info:
        client.request("GET", closed)
    err = info.value
    assert (err.reason, err.upstream_status, err.attempts) == ("ConnectError", None, 3)
    assert len(sleeps) == 2
    assert err.transient and not err.timed_out
    slow = then(Answer(200, "late", delay=1.0), Answer(200, "quick"))
    with script_server(slow) as (url, seen):
        client, sleeps = _client(HttpPolicy(backoff_s=0.01, read_timeout_s=0.2))
        with client:
            sent = client.request("GET", url)
    assert (sent.response.text, sent.attempts, seen.count) == ("quick", 2, 2)


def test_the_limit_holds_per_host() -> None:
    shared = Tally()
    slow = then(Answer(delay=0.3))
    policy = HttpPolicy(per_host=2, read_timeout_s=5)
    with script_server(slow, shared) as (a, seen_a), script_server(slow, shared) as (b, seen_b):
        client = HttpClient(policy)
        threads = [threading.Thread(target=client.request, args=("GET", url)) for url in [a, b] * 6]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        client.close()
    assert seen_a.count == seen_b.count == 6
    assert seen_a.tally.peak == seen_b.tally.peak == 2  # never more than 2 per host
    assert shared.peak > 2  # the two hosts' limits are separate


def test_the_async_client_retries_and_holds_its_limit() -> None:
    sleeps: list[float] = []

    async def sleep(seconds: float) -> None:
        sleeps.append(seconds)

    def script(i: int) -> Answer:
        return Answer(503) if i == 0 else Answer(delay=0.05)

    async def run(url: str) -> list[int]:
        policy = HttpPolicy(per_host=3, backoff_s=0.01, read_timeout_s=5)
        async with AsyncHttpClient(policy, sleep=sleep) as client:
            sent = await asyncio.gather(*(client.request("GET", url) for _ in range(10)))
        return sorted(s.attempts for s in sent)

    with script_server(script) as (url, seen):
        attempts = asyncio.run(run(url))
    assert attempts == [1] * 9 + [2] and len(sleeps) == 1
    assert seen.count == 11 and seen.tally.peak == 3


def test_secrets_stay_out_of_errors_and_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    key, password, token = "sk-live-8a7b6c5d4e3f", "hunter2-pw", "tok-1a2b3c"
    echo = f"bad key {key}, user admin:{password}, token {token}"
    with script_server(then(Answer(503, echo), Answer(401, echo))) as (url, seen):
        where = url.replace("http://", f"http://admin:{password}@") + f"/hook?token={token}"
        client, _ = _client(secrets=[key, token])
        with client, pytest.raises(UpstreamHTTPError) as info:
            client.request("POST", where, headers={"X-Api-Key": key})
    err = info.value
    assert seen.count == 2 and err.upstream_status == 401
    assert seen.headers[0]["x-api-key"] == key  # it was sent
    texts = [str(err), err.message_zh, err.body, err.url, repr(err.details), caplog.text]
    assert "***" in err.url and "***" in err.body
    for text in texts:
        for secret in (key, password, token):
            assert secret not in text
    closed = f"http://admin:{password}@127.0.0.1:{free_port()}/?sig={token}"
    client, _ = _client(HttpPolicy(attempts=1))
    with client, pytest.raises(UpstreamHTTPError) as refused:
        client.request("GET", closed)
    for text in (str(refused.value), refused.value.detail, refused.value.url):
        assert password not in text and token not in text


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("3", 3.0),
        (" 0 ", 0.0),
        ("1.5", 1.5),
        ("-1", None),
        ("nan", None),
        ("soon", None),
        ("", None),
        (None, None),
        (format_datetime(NOW + timedelta(seconds=90), usegmt=True), 90.0),
        (format_datetime(NOW - timedelta(seconds=90), usegmt=True), 0.0),
    ],
)
def test_parse_retry_after(value: str | None, seconds: float | None) -> None:
    assert parse_retry_after(value, NOW) == seconds


@pytest.mark.parametrize(
    ("policy", "message"),
    [
        ({"attempts": 0}, "attempts must be >= 1"),
        ({"backoff_s": 5, "max_backoff_s": 1}, "need 0 <= backoff_s <= max_backoff_s"),
        ({"jitter": 1.0}, "jitter must be in [0, 1)"),
        ({"read_timeout_s": 0}, "timeouts must be > 0"),
        ({"per_host": 0}, "per_host must be >= 1"),
    ],
)
def test_bad_policies(policy: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace(")", r"\)")):
        HttpPolicy(**policy)  # type: ignore[arg-type]


def test_urls_are_shown_redacted() -> None:
    assert redact_url("https://u:p@h.example/x?token=abc&a=1") == (
        "https://***@h.example/x?token=***&a=1"
    )
