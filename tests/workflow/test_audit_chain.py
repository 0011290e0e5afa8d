"""The hash-chained audit log: appends chain, and verify names each kind of tampering."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from sqlalchemy import delete, text, update
from typer.testing import CliRunner

from huashu.cli import app
from huashu.config import Settings
from huashu.store import Store, open_store, repos
from huashu.store.chain import GENESIS
from huashu.store.models import AuditRow


def _fill(store: Store, n: int = 6) -> list[int]:
    with store.session() as s:
        return [
            repos.audit(
                s, "laoli", "creative.approved", "creative", f"c-{i}", {"i": i, "名": "春耕"}
            )
            for i in range(n)
        ]


def _problems(store: Store, expect_head: str | None = None) -> list[tuple[int | None, str]]:
    with store.session() as s:
        result = repos.verify_audit(s, expect_head)
    return [(p.entry_id, p.kind) for p in result.problems]


def test_appends_chain_and_verify_passes(store: Store) -> None:
    ids = _fill(store)
    with store.session() as s:
        rows = [s.get(AuditRow, i) for i in ids]
        result = repos.verify_audit(s)
    assert result.ok and result.entries == 6
    assert rows[0] is not None and rows[0].prev_hash == GENESIS
    for earlier, later in itertools.pairwise(rows):
        assert earlier is not None and later is not None
        assert later.prev_hash == earlier.hash
    assert result.head == rows[-1].hash  # type: ignore[union-attr]


@pytest.mark.parametrize("column", ["actor", "action", "object_id", "detail", "ts"])
def test_an_edited_entry_is_named(store: Store, column: str) -> None:
    ids = _fill(store)
    values: dict[str, object] = {
        "actor": "mallory",
        "action": "creative.rejected",
        "object_id": "c-99",
        "detail": {"i": 2, "名": "春耕", "extra": True},
    }
    with store.session() as s:
        if column == "ts":
            s.execute(
                text("UPDATE audit_log SET ts = ts + INTERVAL '1 second' WHERE id = :id")
                if s.get_bind().dialect.name == "postgresql"
                else text("UPDATE audit_log SET ts = datetime(ts, '+1 second') WHERE id = :id"),
                {"id": ids[2]},
            )
        else:
            s.execute(
                update(AuditRow).where(AuditRow.id == ids[2]).values({column: values[column]})
            )
    assert _problems(store) == [(ids[2], "edited")]


def test_a_deleted_entry_is_named(store: Store) -> None:
    ids = _fill(store)
    with store.session() as s:
        s.execute(delete(AuditRow).where(AuditRow.id == ids[3]))
    assert _problems(store) == [(ids[4], "deleted")]


def test_reordered_entries_are_named(store: Store) -> None:
    ids = _fill(store)
    with store.session() as s:
        a, b = s.get(AuditRow, ids[1]), s.get(AuditRow, ids[2])
        assert a is not None and b is not None
        fields = ("ts", "actor", "action", "object_type", "object_id", "detail", "prev_hash")
        va = {f: getattr(a, f) for f in fields} | {"hash": a.hash}
        vb = {f: getattr(b, f) for f in fields} | {"hash": b.hash}
        s.execute(update(AuditRow).where(AuditRow.id == ids[1]).values(hash="x" * 64))
        s.execute(update(AuditRow).where(AuditRow.id == ids[2]).values(va))
        s.execute(update(AuditRow).where(AuditRow.id == ids[1]).values(vb))
    kinds = _problems(store)
    assert (ids[1], "reordered") in kinds and (ids[2], "reordered") in kinds
    assert all(entry in {ids[1], ids[2], ids[3]} for entry, _ in kinds)


def test_a_cut_tail_shows_against_the_known_head(store: Store) -> None:
    _fill(store)
    with store.session() as s:
        head = repos.verify_audit(s).head
        repos.audit(s, "root", "x", "y", "z")
    with store.session() as s:
        newest = repos.list_audit(s, newest_first=True, limit=1)[0]
        new_head = repos.verify_audit(s).head
        s.execute(delete(AuditRow).where(AuditRow.id == newest["id"]))
    assert _problems(store) == []
    assert _problems(store, head) == []
    assert _problems(store, new_head) == [(None, "head_mismatch")]


def test_cli_verify_exit_codes_and_json(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    store = open_store(settings.resolved_database_url)
    store.upgrade()
    ids = _fill(store, 3)
    runner = CliRunner()
    args = ["audit", "verify", "--json", "--data-dir", str(tmp_path)]
    ok = runner.invoke(app, args)
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.stdout)["entries"] == 3
    with store.session() as s:
        s.execute(update(AuditRow).where(AuditRow.id == ids[1]).values(actor="mallory"))
    store.close()
    bad = runner.invoke(app, args)
    assert bad.exit_code == 1
    assert json.loads(bad.stdout)["problems"] == [
        {
            "entry_id": ids[1],
            "kind": "edited",
            "message": f"entry {ids[1]} was changed after it was written",
        }
    ]


def test_concurrent_appends_keep_one_chain(store: Store) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def append(i: int) -> None:
        for _ in range(10):
            try:
                with store.session() as s:
                    repos.audit(s, f"u{i}", "x", "y", str(i))
                return
            except Exception:  # SQLite may refuse a second writer: the caller retries
                continue

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(append, range(16)))
    with store.session() as s:
        result = repos.verify_audit(s)
    assert result.ok, result.problems
    assert result.entries == 16
