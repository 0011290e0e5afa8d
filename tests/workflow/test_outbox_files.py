"""File targets: one JSON per message and a per-channel CSV, identical after a crash-and-resend,
and a channel that is not a known name cannot steer a file out of the export directory."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import update
from tests.workflow.outbox_support import messages, seed_tasks

from huashu.store import Store
from huashu.store.models import utcnow
from huashu.store.models_workflow import OutboxRow
from huashu.workflow.delivery import RetryPolicy, deliver_due
from huashu.workflow.file_export import CSV_COLUMNS, file_name
from huashu.workflow.targets import create_target

POLICY = RetryPolicy(timeout_seconds=1, lease_seconds=5)


def _snapshot(root: Path) -> dict[str, dict[str, Any]]:
    """Every file under ``root``: JSON without its send time, CSV rows without theirs."""
    out: dict[str, dict[str, Any]] = {}
    for path in sorted(root.rglob("*")):
        if path.is_dir() or path.name == ".lock":
            continue
        name = str(path.relative_to(root))
        if path.suffix == ".json":
            body = json.loads(path.read_bytes())
            body.pop("sent_at")
            out[name] = body
        else:
            text = path.read_bytes().decode("utf-8-sig")
            rows = list(csv.DictReader(io.StringIO(text)))
            out[name] = {
                str(i): {k: v for k, v in r.items() if k != "sent_at"} for i, r in enumerate(rows)
            }
    return out


def test_file_export_is_idempotent(store: Store, campaign_id: str, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with store.session() as s:
        create_target(s, name="exports", kind="file", address="exports", actor="root")
    keys = seed_tasks(store, campaign_id, 3) + seed_tasks(store, campaign_id, 2, "home_card")
    report = deliver_due(store, policy=POLICY, data_dir=data_dir)
    assert report.delivered == 5
    root = data_dir / "exports"
    first = _snapshot(root)
    assert sorted(first) == sorted(
        [f"sms/{file_name(k)}" for k in keys[:3]]
        + [f"home_card/{file_name(k)}" for k in keys[3:]]
        + ["sms.csv", "home_card.csv"]
    )
    assert all(":" not in name for name in first)
    sms_rows = first["sms.csv"]
    assert isinstance(sms_rows, dict) and len(sms_rows) == 3
    assert [r["idempotency_key"] for r in sms_rows.values()] == keys[:3]  # in message order
    row = sms_rows["0"]
    assert list(row) == [c for c in CSV_COLUMNS if c != "sent_at"]
    body = first[f"sms/{file_name(keys[0])}"]
    assert row["task_id"] == body["task"]["task_id"]
    assert row["creative_ids"] == "c-pass" and row["channel"] == "sms"
    assert (root / "sms.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # BOM for spreadsheets

    # a crash after writing, before marking: once the lease is over, they are sent again
    with store.session() as s:
        s.execute(update(OutboxRow).values(status="pending", delivered_at=None))
    later = utcnow() + timedelta(seconds=POLICY.lease_seconds + 1)
    again = deliver_due(store, policy=POLICY, data_dir=data_dir, now=later)
    assert again.delivered == 5
    assert _snapshot(root) == first  # same files, same rows, nothing doubled
    assert not [p for p in root.rglob("*.tmp")]
    assert {m.status for m in messages(store).values()} == {"delivered"}


def test_file_export_refuses_a_strange_channel(
    store: Store, campaign_id: str, tmp_path: Path
) -> None:
    out = tmp_path / "abs-exports"
    with store.session() as s:
        create_target(s, name="abs", kind="file", address=str(out), actor="root")
    [key] = seed_tasks(store, campaign_id, 1, channel="../../escape")
    report = deliver_due(store, policy=POLICY, data_dir=None)
    assert [o.result for o in report.outcomes] == ["dead"]
    assert "unknown channel" in messages(store)[key].last_error
    assert not out.exists() and not (tmp_path / "escape").exists()
