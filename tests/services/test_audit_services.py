"""The audit-log reads on a real store: the newest entries ``huashu audit log`` prints."""

from __future__ import annotations

from huashu.services import audit
from huashu.store import Store, repos


def test_latest_entries_newest_first_of_one_object_without_page_bounds(store: Store) -> None:
    with store.session() as s:
        for i in range(3):
            repos.audit(s, "cli", "thing.touch", "thing", "a", {"i": i})
        repos.audit(s, "cli", "thing.touch", "thing", "b", {"i": 9})
    newest = audit.latest_entries(store, limit=2)
    assert [e["detail"] for e in newest] == [{"i": 9}, {"i": 2}]
    about_a = audit.latest_entries(store, object_id="a", limit=5000)  # past the page maximum
    assert [e["detail"] for e in about_a] == [{"i": 2}, {"i": 1}, {"i": 0}]
    assert audit.latest_entries(store, object_id="nothing", limit=1) == []
