"""Approval quorum per brand: N distinct reviewers must approve each creative, one rejection
rejects it, nobody votes twice, and nobody decides on a campaign whose brief they wrote."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from huashu.domain import Brief, InputError
from huashu.store import Store, repos
from huashu.store.models import CampaignRow
from huashu.workflow import decide_approval, get_approval, submit_for_approval
from huashu.workflow.policy import get_policy, set_policy

ACK = {"c-review": ["review-0", "review-2"]}


def _submit(store: Store, campaign_id: str, quorum: int) -> str:
    with store.session() as s:
        set_policy(s, "chuntian-bank", actor="root", quorum=quorum)
        return submit_for_approval(s, campaign_id, "xiaowang")


def _decisions(store: Store, approval_id: str) -> dict[str, str | None]:
    with store.session() as s:
        return {i["creative_id"]: i["decision"] for i in get_approval(s, approval_id)["items"]}


def test_two_reviewers_are_needed_with_quorum_two(store: Store, campaign_id: str) -> None:
    approval_id = _submit(store, campaign_id, 2)
    with store.session() as s:
        first = decide_approval(s, approval_id, "laoli", approve_all=True, acknowledged=ACK)
    assert first["status"] == "pending" and first["quorum"] == 2
    assert set(_decisions(store, approval_id).values()) == {None}
    with store.session() as s:
        assert repos.get_creative_status(s, "c-pass") == "pending_review"
    with pytest.raises(InputError) as err, store.session() as s:
        decide_approval(s, approval_id, "laoli", approve_all=True, acknowledged=ACK)
    assert err.value.code == "already_voted"
    with store.session() as s:
        second = decide_approval(
            s,
            approval_id,
            "chen",
            decisions={"c-crop": "rejected"},
            approve_all=True,
            acknowledged=ACK,
            comments={"c-crop": "利率写法不规范"},
        )
        campaign = repos.get_campaign(s, campaign_id)
    assert second["status"] == "approved"
    items = {i["creative_id"]: i for i in second["items"]}
    assert items["c-pass"]["decision"] == "approved"
    assert [v["reviewer"] for v in items["c-pass"]["votes"]] == ["laoli", "chen"]
    assert items["c-crop"]["decision"] == "rejected"
    assert items["c-crop"]["comment"] == "利率写法不规范"
    assert campaign["status"] == "approved"


def test_one_rejection_decides_at_once(store: Store, campaign_id: str) -> None:
    approval_id = _submit(store, campaign_id, 3)
    with store.session() as s:
        decide_approval(
            s,
            approval_id,
            "laoli",
            decisions={"c-pass": "rejected", "c-crop": "approved", "c-home": "approved"},
            approve_all=True,
            acknowledged=ACK,
        )
        assert repos.get_creative_status(s, "c-pass") == "rejected"
        assert repos.get_creative_status(s, "c-crop") == "pending_review"
    # the next reviewer only votes on what is still open
    with pytest.raises(InputError) as err, store.session() as s:
        decide_approval(s, approval_id, "chen", decisions={"c-pass": "approved"})
    assert err.value.code == "already_decided"
    with pytest.raises(InputError) as err, store.session() as s:
        decide_approval(s, approval_id, "chen", decisions={"c-crop": "approved"})
    assert err.value.code == "undecided"
    with store.session() as s:
        decide_approval(s, approval_id, "chen", approve_all=True, acknowledged=ACK)
        decided = decide_approval(s, approval_id, "root", approve_all=True, acknowledged=ACK)
    assert decided["status"] == "approved"
    assert _decisions(store, approval_id)["c-pass"] == "rejected"


def test_brief_author_cannot_decide(store: Store, campaign_id: str) -> None:
    with store.session() as s:
        brief_id = repos.save_brief(
            s, Brief(text="春耕贷", brand_id="chuntian-bank", channels=("sms",)), created_by="laoli"
        )
        s.execute(
            update(CampaignRow).where(CampaignRow.id == campaign_id).values(brief_id=brief_id)
        )
    approval_id = _submit(store, campaign_id, 1)
    with pytest.raises(InputError) as err, store.session() as s:
        decide_approval(s, approval_id, "laoli", approve_all=True, acknowledged=ACK)
    assert err.value.code == "self_approval"


def test_policy_validation_and_audit(store: Store, campaign_id: str) -> None:
    with store.session() as s:
        assert get_policy(s, "chuntian-bank").quorum == 1
    for bad in (
        {"quorum": 0},
        {"quorum": 6},
        {"sample_rates": {"low": 1.5}},
        {"sample_rates": {"x": 0.1}},
    ):
        with pytest.raises(InputError) as err, store.session() as s:
            set_policy(s, "chuntian-bank", actor="root", **bad)  # type: ignore[arg-type]
        assert err.value.code == "invalid_policy"
    with store.session() as s:
        set_policy(s, "chuntian-bank", actor="root", quorum=2, sample_rates={"low": 0.5})
        policy = get_policy(s, "chuntian-bank")
        [entry] = repos.list_audit(s, action="policy.update")
    assert policy.quorum == 2 and policy.sample_rates["low"] == 0.5
    assert entry["actor"] == "root" and entry["detail"]["quorum"] == 2
