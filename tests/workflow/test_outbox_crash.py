"""The worker is killed (SIGKILL) while a receiver holds a call it has already processed; the
receiver was down before that. A restarted worker re-sends what was not marked: every task
arrives, each idempotency key is processed once, and the only duplicates are re-sends of the
same message."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.loopback import free_port
from tests.workflow.outbox_support import SECRET, add_webhook, messages, seed_tasks, wait_for
from tests.workflow.webhook_server import Receiver, serve_receiver

from huashu.store import Store

ROOT = Path(__file__).resolve().parents[2]

#: a worker process: the app's OutboxWorker with fast retries and a short lease; it starts
#: delivering when it reads a line, so its imports are done before the clock matters.
WORKER = """
import sys
from pathlib import Path
from huashu.store import open_store
from huashu.workflow.delivery import RetryPolicy
from huashu.workflow.netguard import AddressGuard
from huashu.workflow.outbox import OutboxWorker
store = open_store(sys.argv[1])
policy = RetryPolicy(base_seconds=0.05, cap_seconds=0.2, timeout_seconds=0.5, lease_seconds=1.0)
print("ready", flush=True)
sys.stdin.readline()
loopback = AddressGuard.allowing("127.0.0.0/8")  # an admin's webhook_allow_networks
worker = OutboxWorker(store, 0.05, data_dir=Path(sys.argv[2]), policy=policy, guard=loopback)
sys.stdin.readline()
worker.close()
store.close()
"""


def _spawn(url: str, data_dir: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", WORKER, url, str(data_dir)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    return proc


def _go(proc: subprocess.Popen[str]) -> None:
    assert proc.stdout is not None and proc.stdin is not None
    assert proc.stdout.readline().strip() == "ready"
    proc.stdin.write("go\n")
    proc.stdin.flush()


def test_killed_worker_loses_nothing(store: Store, campaign_id: str, tmp_path: Path) -> None:
    port = free_port()
    add_webhook(store, f"http://127.0.0.1:{port}/hook")  # nothing listens there yet
    keys = seed_tasks(store, campaign_id, 6)
    url = store.engine.url.render_as_string(hide_password=False)
    first, second = _spawn(url, tmp_path), _spawn(url, tmp_path)
    try:
        _go(first)
        # the receiver is down: every message fails and is retried. An attempt is counted when
        # it is claimed, before its call ends, so ``attempts >= 3`` is what proves two failed
        # calls: the third may still be on the wire and reach the receiver once it is up.
        wait_for(
            lambda: all(m.attempts >= 3 for m in messages(store).values()),
            what="retries against a down receiver",
        )
        assert all("connection error" in m.last_error for m in messages(store).values())
        receiver = Receiver(SECRET, hang_on=2)
        with serve_receiver(receiver, port):
            wait_for(lambda: len(receiver.calls) >= 3, what="the receiver to take three calls")
            os.kill(first.pid, signal.SIGKILL)
            first.wait(timeout=10)
            held = receiver.calls[2].key
            assert held in receiver.processed  # processed by the receiver ...
            assert messages(store)[held].status == "pending"  # ... never marked by the worker
            receiver.release.set()
            _go(second)
            wait_for(
                lambda: all(m.status == "delivered" for m in messages(store).values()),
                timeout=15,
                what="every message delivered after the restart",
            )
    finally:
        for proc in (first, second):
            if proc.poll() is None and proc.stdin is not None:
                proc.stdin.close()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
            for pipe in (proc.stdin, proc.stdout):
                if pipe is not None and not pipe.closed:
                    pipe.close()
    assert second.returncode == 0
    assert sorted(receiver.processed) == sorted(keys)  # every task, processed once
    assert held in {c.key for c in receiver.duplicates}  # the held one came again ...
    for dup in receiver.duplicates:  # ... and duplicates are only re-sends of one message
        original = receiver.processed[dup.key]
        assert {k: v for k, v in dup.body.items() if k != "sent_at"} == {
            k: v for k, v in original.items() if k != "sent_at"
        }
    accepted = [c.key for c in receiver.accepted()]
    assert sorted(set(accepted)) == sorted(keys)
    assert len(accepted) == len(keys) + len(receiver.duplicates)
    assert receiver.bad_signatures == 0
    # two failed attempts per message (see the wait above), then at least one more send
    assert all(m.attempts >= 3 for m in messages(store).values())
