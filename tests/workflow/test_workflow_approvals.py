"""Submitting a campaign for approval and deciding it: happy paths and every refusal."""

from __future__ import annotations

from typing import Any

import pytest

from huashu.domain import ComplianceReport, Creative, InputError, Provenance, Verdict
from huashu.store import Store, repos
from huashu.workflow import decide_approval, get_approval, list_approvals, submit_for_approval

ACK = {"c-review": ["review-0", "review-2"]}
FILED = ["c-crop", "c-home", "c-pass", "c-review"]


def statuses(store: Store) -> dict[str, str]:
    with store.session() as s:
        ids = sorted(c.id for c in repos.list_creatives(s))
        return {c: repos.get_creative_status(s, c) for c in ids}


def submit(store: Store, campaign_id: str, requester: str = "xiaowang") -> str:
    with store.session() as s:
        return submit_for_approval(s, campaign_id, requester)


def test_submit_files_pass_and_review_creatives_only(store: Store, campaign_id: str) -> None:
    approval_id = submit(store, campaign_id)
    assert statuses(store) == {
        "c-block": "draft",
        "c-crop": "pending_review",
        "c-home": "pending_review",
        "c-pass": "pending_review",
        "c-review": "pending_review",
        "c-unchecked": "draft",
    }
    with store.session() as s:
        approval = get_approval(s, approval_id)
        assert repos.get_campaign(s, campaign_id)["status"] == "pending_review"
        skips = repos.list_audit(s, action="approval.skip")
        [filed] = repos.list_audit(s, action="approval.submit")
    assert approval["status"] == "pending"
    assert approval["requested_by"] == "xiaowang"
    assert [i["creative_id"] for i in approval["items"]] == FILED
    assert all(i["decision"] is None for i in approval["items"])
    assert [(e["object_id"], e["detail"]["reason"]) for e in skips] == [
        ("c-block", "blocked"),
        ("c-unchecked", "unchecked"),
    ]
    assert filed["object_id"] == approval_id
    assert filed["detail"]["skipped"] == ["c-block", "c-unchecked"]


@pytest.mark.parametrize("reviewer", ["laoli", "root"])
def test_decide_with_overrides_and_acknowledgements(
    store: Store, campaign_id: str, reviewer: str
) -> None:
    approval_id = submit(store, campaign_id)
    with store.session() as s:
        decided = decide_approval(
            s,
            approval_id,
            reviewer,
            decisions={"c-crop": "rejected"},
            approve_all=True,
            comment="利率表述已核对",
            acknowledged={"c-review": ["review-2", "review-0", "review-0"]},
        )
    assert decided["status"] == "approved"
    assert decided["decided_by"] == reviewer
    assert decided["comment"] == "利率表述已核对"
    assert decided["decided_at"] is not None
    assert {i["creative_id"]: i["decision"] for i in decided["items"]} == {
        "c-crop": "rejected",
        "c-home": "approved",
        "c-pass": "approved",
        "c-review": "approved",
    }
    assert decided["items"][3]["acknowledged_findings"] == ["review-0", "review-2"]
    assert statuses(store) == {
        "c-block": "draft",
        "c-crop": "rejected",
        "c-home": "approved",
        "c-pass": "approved",
        "c-review": "approved",
        "c-unchecked": "draft",
    }
    with store.session() as s:
        assert repos.get_campaign(s, campaign_id)["status"] == "approved"
        [entry] = repos.list_audit(s, action="approval.decide")
        approvals = repos.list_audit(s, action="creative.approved")
        assert list_approvals(s, campaign_id=campaign_id, status="approved") == [decided]
        assert list_approvals(s, status="pending") == []
    assert entry["actor"] == reviewer
    assert entry["detail"] == {
        "status": "approved",
        "approved": 3,
        "rejected": 1,
        "comment": "利率表述已核对",
    }
    assert [e["object_id"] for e in approvals] == ["c-home", "c-pass", "c-review"]


def test_rejecting_everything_rejects_the_campaign(store: Store, campaign_id: str) -> None:
    approval_id = submit(store, campaign_id)
    with store.session() as s:
        decided = decide_approval(s, approval_id, "laoli", dict.fromkeys(FILED, "rejected"))
    assert decided["status"] == "rejected"
    with store.session() as s:
        assert repos.get_campaign(s, campaign_id)["status"] == "rejected"
        assert repos.get_campaign(s, campaign_id)["creatives"]["rejected"] == 4


def test_a_later_all_rejected_round_keeps_an_approved_campaign_approved(
    store: Store, campaign_id: str
) -> None:
    """Round 1 approves a creative; round 2 files new drafts and rejects them all: the
    campaign still has an approved creative, so it stays approved (regression: it flipped to
    rejected)."""
    first = submit(store, campaign_id)
    with store.session() as s:
        decide_approval(
            s,
            first,
            "laoli",
            {"c-pass": "approved"} | dict.fromkeys(FILED[:2] + FILED[3:], "rejected"),
        )
        pack = repos.get_brand_pack(s, repos.get_campaign(s, campaign_id)["brand_id"])
        late = Creative.model_validate(
            {
                "id": "c-late",
                "brand_id": pack.id,
                "segment_key": "crop",
                "channel": "sms",
                "fields": {"body": "春耕贷，年化利率3.6%起"},
                "provenance": Provenance(
                    backend="compose", model="compose-v1", template_version="t1", seed=2
                ),
            }
        )
        repos.save_creative(s, campaign_id, late)
        repos.save_report(
            s, ComplianceReport(id="r-late", creative_id="c-late", verdict=Verdict.PASS)
        )
    second = submit(store, campaign_id)
    with store.session() as s:
        decided = decide_approval(s, second, "laoli", {"c-late": "rejected"})
        assert decided["status"] == "rejected"
        assert repos.get_campaign(s, campaign_id)["status"] == "approved"


def test_rejected_review_creative_needs_no_acknowledgement(store: Store, campaign_id: str) -> None:
    approval_id = submit(store, campaign_id)
    with store.session() as s:
        decided = decide_approval(
            s, approval_id, "laoli", {"c-review": "rejected"}, approve_all=True
        )
    assert decided["status"] == "approved"


DECIDE_ERRORS: list[tuple[str, str, dict[str, Any], str, str, str]] = [
    (
        "chen",
        "chen",
        {"approve_all": True, "acknowledged": ACK},
        "self_approval",
        "you cannot approve creatives you submitted yourself",
        "不能审批自己提交的素材",
    ),
    (
        "xiaowang",
        "zhang",
        {"approve_all": True, "acknowledged": ACK},
        "forbidden",
        "user 'zhang' has role analyst; deciding approvals needs role reviewer or admin",
        "用户 zhang 的角色是 analyst，审批需要 reviewer 或 admin 角色",
    ),
    (
        "laoli",
        "xiaowang",
        {"approve_all": True, "acknowledged": ACK},
        "forbidden",
        "user 'xiaowang' has role operator; deciding approvals needs role reviewer or admin",
        "用户 xiaowang 的角色是 operator，审批需要 reviewer 或 admin 角色",
    ),
    (
        "xiaowang",
        "ghost",
        {"approve_all": True},
        "not_found",
        "user 'ghost' not found",
        "用户 ghost 不存在",
    ),
    (
        "xiaowang",
        "laoli",
        {"approve_all": True},
        "unacknowledged_findings",
        "creative c-review has review findings not acknowledged: review-0, review-2",
        "素材 c-review 有需人工确认的合规提示未确认：review-0、review-2",
    ),
    (
        "xiaowang",
        "laoli",
        {"approve_all": True, "acknowledged": {"c-review": ["review-0", "warn-1"]}},
        "unacknowledged_findings",
        "creative c-review has review findings not acknowledged: review-2",
        "素材 c-review 有需人工确认的合规提示未确认：review-2",
    ),
    (
        "xiaowang",
        "laoli",
        {},
        "no_decision",
        "give a decision per creative or approve_all",
        "请逐条给出审批结论，或选择全部通过",
    ),
    (
        "xiaowang",
        "laoli",
        {"decisions": {"c-pass": "approved"}},
        "undecided",
        "no decision for creative(s) c-crop, c-home, c-review",
        "以下素材尚未给出审批结论：c-crop、c-home、c-review",
    ),
    (
        "xiaowang",
        "laoli",
        {"decisions": {"c-block": "approved"}, "approve_all": True},
        "not_in_approval",
        "creative(s) c-block are not in approval",
        "素材 c-block 不在审批单",
    ),
    (
        "xiaowang",
        "laoli",
        {"decisions": {"c-pass": "ok"}, "approve_all": True, "acknowledged": ACK},
        "invalid_decision",
        "decisions must be 'approved' or 'rejected' (creative(s) c-pass)",
        "审批结论只能是 approved 或 rejected（素材 c-pass）",
    ),
]


@pytest.mark.parametrize(
    ("requester", "reviewer", "kwargs", "code", "message", "message_zh"), DECIDE_ERRORS
)
def test_decide_refusals_change_nothing(
    store: Store,
    campaign_id: str,
    requester: str,
    reviewer: str,
    kwargs: dict[str, Any],
    code: str,
    message: str,
    message_zh: str,
) -> None:
    approval_id = submit(store, campaign_id, requester)
    before = statuses(store)
    with pytest.raises(InputError) as caught, store.session() as s:
        decide_approval(s, approval_id, reviewer, **kwargs)
    assert caught.value.code == code
    assert str(caught.value).startswith(message)
    assert caught.value.message_zh.startswith(message_zh)
    assert statuses(store) == before
    with store.session() as s:
        assert get_approval(s, approval_id)["status"] == "pending"
        assert repos.list_audit(s, action="approval.decide") == []


def test_unknown_approval(store: Store, campaign_id: str) -> None:
    with pytest.raises(InputError) as caught, store.session() as s:
        decide_approval(s, "apr-missing", "laoli", approve_all=True)
    assert caught.value.code == "not_found"
    assert str(caught.value) == "approval 'apr-missing' not found"
    assert caught.value.message_zh == "审批单 apr-missing 不存在"


def test_deciding_twice_is_refused(store: Store, campaign_id: str) -> None:
    approval_id = submit(store, campaign_id)
    with store.session() as s:
        decide_approval(s, approval_id, "laoli", approve_all=True, acknowledged=ACK)
    with pytest.raises(InputError) as caught, store.session() as s:
        decide_approval(s, approval_id, "root", approve_all=True, acknowledged=ACK)
    assert caught.value.code == "invalid_state"
    assert str(caught.value) == f"approval {approval_id} is already approved"
    assert caught.value.message_zh == f"审批单 {approval_id} 已处理（approved）"


def test_approving_a_creative_blocked_after_filing_is_refused(
    store: Store, campaign_id: str
) -> None:
    approval_id = submit(store, campaign_id)
    with store.session() as s:
        repos.save_report(
            s, ComplianceReport(id="r-late", creative_id="c-pass", verdict=Verdict.BLOCK)
        )
    with pytest.raises(InputError) as caught, store.session() as s:
        decide_approval(s, approval_id, "laoli", approve_all=True, acknowledged=ACK)
    assert caught.value.code == "blocked"
    assert str(caught.value) == "creative c-pass did not pass compliance and cannot be approved"
    assert caught.value.message_zh == "素材 c-pass 未通过合规检查，不能审批通过"


def test_submit_refusals(store: Store, campaign_id: str) -> None:
    with pytest.raises(InputError) as unknown, store.session() as s:
        submit_for_approval(s, "cmp-missing", "xiaowang")
    assert (unknown.value.code, str(unknown.value)) == (
        "not_found",
        "campaign 'cmp-missing' not found",
    )

    approval_id = submit(store, campaign_id)
    with pytest.raises(InputError) as pending, store.session() as s:
        submit_for_approval(s, campaign_id, "xiaowang")
    assert pending.value.code == "invalid_state"
    assert (
        str(pending.value) == f"campaign {campaign_id} already has a pending approval {approval_id}"
    )

    with store.session() as s:
        decide_approval(s, approval_id, "laoli", approve_all=True, acknowledged=ACK)
    with pytest.raises(InputError) as again, store.session() as s:
        submit_for_approval(s, campaign_id, "xiaowang")
    assert (again.value.code, again.value.status) == ("already_submitted", 409)
    assert again.value.details["approval_id"] == approval_id
    assert str(again.value) == (
        f"campaign {campaign_id} was already submitted ({approval_id}: approved); "
        "nothing new to file, 2 draft(s) blocked or unchecked"
    )
    assert again.value.message_zh == (
        f"活动 {campaign_id} 已提交过审批（{approval_id}：已通过），没有新的待提交素材，"
        "另有 2 条草稿未通过或未做合规检查"
    )


def test_a_campaign_never_filed_has_nothing_to_submit(store: Store, campaign_id: str) -> None:
    with store.session() as s:
        for creative in repos.list_creatives(s, campaign_id=campaign_id):
            if creative.id in ("c-pass", "c-review", "c-home", "c-crop"):
                repos.set_creative_status(s, creative.id, "archived")
    with pytest.raises(InputError) as empty, store.session() as s:
        submit_for_approval(s, campaign_id, "xiaowang")
    assert empty.value.code == "nothing_to_submit"
    assert (
        str(empty.value) == f"campaign {campaign_id} has no draft creative that passed compliance"
    )
    assert empty.value.message_zh == f"活动 {campaign_id} 没有通过合规检查的待提交素材"
    assert empty.value.details["skipped"] == {"c-block": "blocked", "c-unchecked": "unchecked"}
