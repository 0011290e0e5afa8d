"""The reads the HTML pages make through the services, on a real store: the review queue and
one approval's cards, the chat's start page and a campaign's trail, brand segment names, the
delivery board, the emergency console and the numbered audit log pages."""

from __future__ import annotations

import pytest

from huashu.audience.segments import cross_segments
from huashu.domain import InputError
from huashu.services import approvals, audit, brands, chat, delivery, emergency, lifecycle
from huashu.services.audit import AuditFilter
from huashu.store import Store, repos

ACK = {"c-review": ["review-0", "review-2"]}
BRAND = "chuntian-bank"


def _approved(store: Store, campaign_id: str) -> str:
    filed = approvals.submit(store, campaign_id, "xiaowang")
    assert filed.approval is not None
    approvals.decide(store, filed.approval["id"], "laoli", approve_all=True, acknowledged=ACK)
    return str(filed.approval["id"])


def test_review_queue_and_one_approval(store: Store, campaign_id: str) -> None:
    empty = approvals.review_queue(store)
    assert (empty.pending, empty.recent) == ([], [])
    assert empty.campaign_names == {campaign_id: "春耕贷"}

    filed = approvals.submit(store, campaign_id, "xiaowang")
    assert filed.approval is not None
    approval_id = filed.approval["id"]
    queue = approvals.review_queue(store)
    assert [a["id"] for a in queue.pending] == [approval_id] == [a["id"] for a in queue.recent]

    read = approvals.approval_review(store, approval_id)
    ids = [i["creative_id"] for i in read.approval["items"]]
    assert read.campaign["id"] == campaign_id and read.approval["id"] == approval_id
    assert sorted(read.cards) == sorted(ids)
    assert all(read.cards[i]["campaign_id"] == campaign_id for i in ids)
    assert read.changes == {}  # nothing was decided before this filing

    approvals.decide(store, approval_id, "laoli", approve_all=True, acknowledged=ACK)
    after = approvals.review_queue(store)
    assert after.pending == [] and after.recent[-1]["status"] != "pending"
    with pytest.raises(InputError) as unknown:
        approvals.approval_review(store, "apr-missing")
    assert unknown.value.code == "not_found"


def test_chat_home_trail_and_reviews(store: Store, campaign_id: str) -> None:
    home = chat.chat_home(store)
    assert [b["id"] for b in home.brands] == [BRAND]
    assert [c["id"] for c in home.campaigns] == [campaign_id]
    assert home.missing_targets == {}  # nothing approved yet
    assert chat.chat_home(store, limit=0).campaigns == []

    trail = chat.campaign_trail(store, campaign_id)
    assert (trail.turns, trail.approvals, trail.missing_targets) == ([], [], [])
    assert trail.reviews == {} == chat.reviews_of(store, campaign_id)

    approval_id = _approved(store, campaign_id)
    trail = chat.campaign_trail(store, campaign_id)
    assert [a["id"] for a in trail.approvals] == [approval_id]
    assert trail.missing_targets  # approved channels, no delivery target yet
    assert chat.chat_home(store).missing_targets == {campaign_id: trail.missing_targets}
    assert trail.reviews == chat.reviews_of(store, campaign_id)
    assert trail.reviews["c-pass"]["decision"] == "approved"


def test_brand_segments_and_every_segment_name(store: Store, campaign_id: str) -> None:
    found = brands.brand_segments(store, BRAND)
    assert found.pack.id == BRAND
    own = {seg.key: seg.name for seg in cross_segments(found.pack)}
    assert own and found.names == own
    assert brands.segment_names(store) == own
    with pytest.raises(InputError) as unknown:
        brands.brand_segments(store, "no-such-brand")
    assert unknown.value.code == "not_found"


def test_delivery_board(store: Store, campaign_id: str) -> None:
    board = delivery.delivery_board(store, ["c-pass", "c-missing"])
    assert [c["id"] for c in board.campaigns] == [campaign_id]
    assert (board.missing_targets, board.never_started) == ({}, set())
    assert board.creatives == {
        "c-pass": delivery.CreativeLine("c-pass 春耕贷，年化利率3.6%起", "draft")
    }
    assert board.segment_names == brands.segment_names(store)
    assert delivery.delivery_board(store, []).creatives == {}


def test_emergency_console(store: Store, campaign_id: str) -> None:
    quiet = emergency.console(store)
    assert (quiet.on_air, quiet.waiting, quiet.incidents) == ([], [], [])
    assert list(quiet.campaigns) == [campaign_id]

    _approved(store, campaign_id)
    waiting = emergency.console(store)
    assert waiting.on_air == [] and waiting.waiting
    assert {r["status"] for r in waiting.waiting} == {"approved"}
    assert {r["campaign_name"] for r in waiting.waiting} == {"春耕贷"}
    first = waiting.waiting[0]
    with store.session() as s:
        assert first["text"] == repos.get_creative(s, first["id"]).text

    lifecycle.create_tasks(
        store, campaign_id, send_window="09:00-20:00", policy="thompson", actor="xiaowang"
    )
    lifecycle.act(store, campaign_id, "start", actor="xiaowang", confirm=True)
    live = emergency.console(store)
    assert live.waiting == [] and {r["id"] for r in live.on_air} == {
        r["id"] for r in waiting.waiting
    }
    incident = emergency.take_down(
        store, by="creative", value=first["id"], brand_id=None, actor="laoli", reason="投诉"
    )
    after = emergency.console(store)
    assert [i["id"] for i in after.incidents] == [incident["id"]]
    assert first["id"] not in {r["id"] for r in after.on_air + after.waiting}


def test_audit_log_pages(store: Store, campaign_id: str) -> None:
    for name in ("一", "二", "三"):
        lifecycle.rename(store, campaign_id, name, "xiaowang")
    chosen = AuditFilter(action="campaign.renamed")
    first = audit.audit_log_page(store, chosen, page=1, page_size=2)
    assert (first.total, first.page, first.pages, len(first.entries)) == (3, 1, 2, 2)
    assert first.entries[0]["detail"]["after"] == "三"  # newest first
    assert "campaign.renamed" in first.facets["action"] and "xiaowang" in first.facets["actor"]
    assert first.verification.as_dict()["ok"] is True
    past = audit.audit_log_page(store, chosen, page=9, page_size=2)
    assert (past.page, [e["detail"]["after"] for e in past.entries]) == (2, ["一"])
    none = audit.audit_log_page(store, AuditFilter(actor="nobody"), page=3, page_size=2)
    assert (none.total, none.page, none.pages, none.entries) == (0, 1, 1, [])
