"""The audit log read a page at a time: offset and limit, the actor filter, counts under the
same filters, and the distinct values the 审计 page's filters offer (SQLite and PostgreSQL)."""

from __future__ import annotations

from huashu.store import Store, repos


def test_pages_counts_and_facets(store: Store) -> None:
    with store.session() as s:
        ids = [
            repos.audit(s, ("laoli", "root")[i % 2], "creative.approved", "creative", f"c{i}")
            for i in range(7)
        ]
        ids.append(
            repos.audit(s, "xiaowang", "campaign.planned", "campaign", "k1", {"brief": "春耕"})
        )
    with store.session() as s:
        first = repos.list_audit(s, limit=3, newest_first=True)
        third = repos.list_audit(s, limit=3, offset=6, newest_first=True)
        laoli = repos.list_audit(s, actor="laoli", limit=2, offset=2, newest_first=True)
        counts = (
            repos.count_audit(s),
            repos.count_audit(s, actor="laoli"),
            repos.count_audit(s, actor="laoli", action="campaign.planned"),
            repos.count_audit(s, object_type="campaign", object_id="k1"),
        )
        facets = repos.audit_facets(s)
    assert [e["id"] for e in first] == ids[::-1][:3]
    assert [e["id"] for e in third] == ids[::-1][6:]  # the last page: what is left
    assert [e["id"] for e in laoli] == [ids[2], ids[0]]  # laoli wrote 0, 2, 4, 6
    assert counts == (8, 4, 0, 1)
    assert facets == {
        "actor": ["laoli", "root", "xiaowang"],
        "action": ["campaign.planned", "creative.approved"],
        "object_type": ["campaign", "creative"],
    }
