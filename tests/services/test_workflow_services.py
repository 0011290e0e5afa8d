"""The campaign, approval, emergency and audit services on a real store: each action's typed
result, its audit entries, and the errors it raises."""

from __future__ import annotations

import pytest

from huashu.domain import InputError
from huashu.services import approvals, audit, emergency, lifecycle, policies
from huashu.services.audit import AuditFilter
from huashu.store import Store, repos

ACK = {"c-review": ["review-0", "review-2"]}


def _actions(store: Store, object_id: str) -> list[str]:
    with store.session() as s:
        return [e["action"] for e in repos.list_audit(s, object_id=object_id)]


def test_a_campaign_from_filing_to_start(store: Store, campaign_id: str) -> None:
    [listed] = lifecycle.list_campaigns(store)
    assert listed["id"] == campaign_id
    detail = lifecycle.campaign_detail(store, campaign_id)
    assert detail.campaign["id"] == campaign_id and len(detail.creatives) == 6
    review = next(c for c in detail.creatives if c["id"] == "c-review")
    assert [len(review["findings"][k]) for k in ("block", "review", "warn")] == [0, 2, 1]
    assert review["verdict"] == "review" and review["status"] == "draft"

    filed = approvals.submit(store, campaign_id, "xiaowang")
    assert filed.approval is not None and filed.approval["status"] == "pending"
    assert filed.campaign["status"] == "pending_review"
    assert [a["id"] for a in approvals.list_approvals(store, campaign_id)] == [filed.approval["id"]]
    shown = approvals.approval_detail(store, filed.approval["id"])
    assert all(i["creative"]["id"] == i["creative_id"] for i in shown["items"])

    decided = approvals.decide(
        store, filed.approval["id"], "laoli", approve_all=True, acknowledged=ACK
    )
    assert decided["status"] == "approved"
    with pytest.raises(InputError) as again:
        approvals.decide(store, filed.approval["id"], "chen", approve_all=True)
    assert again.value.status == 409

    tasks = lifecycle.create_tasks(
        store, campaign_id, send_window="09:00-20:00", policy="thompson", actor="xiaowang"
    )
    assert tasks and {t["send_window"] for t in tasks} == {"09:00-20:00"}
    assert lifecycle.list_tasks(store, campaign_id) == tasks

    with pytest.raises(InputError) as untargeted:
        lifecycle.act(store, campaign_id, "start", actor="xiaowang")
    assert untargeted.value.code == "no_delivery_target"
    started = lifecycle.act(store, campaign_id, "start", actor="xiaowang", confirm=True)
    assert started.changed and started.campaign["status"] == "live"
    assert started.missing_targets
    repeat = lifecycle.act(store, campaign_id, "start", actor="xiaowang", confirm=True)
    assert not repeat.changed
    assert _actions(store, campaign_id).count("campaign.live") == 1


def test_rename_is_audited_once(store: Store, campaign_id: str) -> None:
    renamed = lifecycle.rename(store, campaign_id, " 秋收贷 ", "xiaowang")
    assert (renamed.campaign["name"], renamed.changed) == ("秋收贷", True)
    assert not lifecycle.rename(store, campaign_id, "秋收贷", "xiaowang").changed
    assert _actions(store, campaign_id).count("campaign.renamed") == 1
    with pytest.raises(InputError) as empty:
        lifecycle.rename(store, campaign_id, "  ", "xiaowang")
    assert empty.value.code == "campaign_name_empty"
    with pytest.raises(InputError) as unknown:
        lifecycle.get_campaign(store, "cmp-missing")
    assert unknown.value.code == "not_found"


def test_take_down_and_close_the_incident(store: Store, campaign_id: str) -> None:
    filed = approvals.submit(store, campaign_id, "xiaowang")
    assert filed.approval is not None
    approvals.decide(store, filed.approval["id"], "laoli", approve_all=True, acknowledged=ACK)
    dry = emergency.take_down(
        store, by="creative", value="c-pass", brand_id=None, actor="laoli", reason="r", dry_run=True
    )
    assert dry["dry_run"] is True and emergency.list_incidents(store) == []
    incident = emergency.take_down(
        store, by="creative", value="c-pass", brand_id=None, actor="laoli", reason="投诉"
    )
    assert incident["status"] == "open"
    assert emergency.get_incident(store, incident["id"])["status"] == "open"
    assert [i["id"] for i in emergency.list_incidents(store, status="open")] == [incident["id"]]
    with pytest.raises(InputError) as repeat:
        emergency.take_down(
            store, by="creative", value="c-pass", brand_id=None, actor="laoli", reason="again"
        )
    assert repeat.value.code == "already_taken_down"
    closed = emergency.close_incident(store, incident["id"], actor="laoli", note="处理完毕")
    assert closed["status"] == "closed"
    assert emergency.list_incidents(store, status="open") == []


BAD_PAGES: list[tuple[int, int, dict[str, int]]] = [
    (0, 0, {"limit": 0, "max": 1000}),
    (1001, 0, {"limit": 1001, "max": 1000}),
    (10, -1, {"offset": -1}),
]


@pytest.mark.parametrize(("limit", "offset", "details"), BAD_PAGES)
def test_audit_page_bounds(store: Store, limit: int, offset: int, details: dict[str, int]) -> None:
    with pytest.raises(InputError) as err:
        audit.audit_page(store, AuditFilter(), limit=limit, offset=offset)
    assert (err.value.code, err.value.details) == ("bad_page", details)


def test_audit_pages_and_verification(store: Store, campaign_id: str) -> None:
    for name in ("一", "二", "三"):
        lifecycle.rename(store, campaign_id, name, "xiaowang")
    chosen = AuditFilter(action="campaign.renamed")
    first = audit.audit_page(store, chosen, limit=2)
    assert (first.total, len(first.entries), first.next_offset) == (3, 2, 2)
    assert first.entries[0]["detail"]["after"] == "三"  # newest first
    last = audit.audit_page(store, chosen, limit=2, offset=2)
    assert (len(last.entries), last.next_offset) == (1, None)
    past = audit.audit_page(store, chosen, limit=2, offset=50)
    assert (past.entries, past.total, past.next_offset) == ([], 3, None)
    assert audit.verify_audit(store).as_dict()["ok"] is True


def test_policy_and_samples(store: Store, campaign_id: str) -> None:
    assert policies.get_policy(store, "chuntian-bank").quorum == 1
    changed = policies.set_policy(store, "chuntian-bank", actor="root", quorum=2)
    assert (changed.quorum, policies.get_policy(store, "chuntian-bank").quorum) == (2, 2)
    with pytest.raises(InputError) as bad:
        policies.set_policy(store, "chuntian-bank", actor="root", quorum=0)
    assert bad.value.code == "invalid_policy"
    assert "policy.update" in _actions(store, "chuntian-bank")
    assert audit.list_samples(store, brand_id="chuntian-bank") == []
    with pytest.raises(InputError) as missing:
        audit.decide_sample(store, "smp-missing", "laoli", True)
    assert missing.value.code == "not_found"
