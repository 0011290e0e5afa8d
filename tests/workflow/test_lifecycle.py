"""Operator actions on a campaign (start, pause, resume, archive): nothing is servable before
开始投放, a start with channels that no delivery target takes needs confirming, and every
action is safe to repeat."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from tests.workflow.conftest import _report

from huashu.domain import Creative, InputError, Provenance
from huashu.store import Store, repos
from huashu.store.models import AuditRow, BrandRow
from huashu.store.models_workflow import DeliveryTargetRow, OutboxRow
from huashu.workflow import create_channel_tasks, decide_approval, submit_for_approval
from huashu.workflow.lifecycle import Action, campaign_action, missing_targets

ACK = {"c-review": ["review-0", "review-2"]}
APPROVED = {"c-pass", "c-review", "c-home", "c-crop"}


@pytest.fixture
def approved(store: Store, campaign_id: str) -> str:
    """The campaign with its four approvable creatives approved, never started."""
    with store.session() as s:
        approval_id = submit_for_approval(s, campaign_id, "xiaowang")
        decide_approval(s, approval_id, "laoli", approve_all=True, acknowledged=ACK)
    return campaign_id


def _target(store: Store, target_id: str, channels: list[str], **extra: object) -> None:
    with store.session() as s:
        s.add(
            DeliveryTargetRow(
                id=target_id,
                brand_id=extra.get("brand_id"),
                name=target_id,
                kind="file",
                address=f"exports/{target_id}",
                secret="",
                channels=channels,
                active=extra.get("active", True),
            )
        )


def _on_air(store: Store) -> tuple[set[str], set[str]]:
    """(creatives the snapshot may hold, creatives the decide path stops)."""
    with store.session() as s:
        return {c.id for c in repos.on_air_creatives(s)}, set(repos.blocked_creative_ids(s))


def _counts(store: Store) -> tuple[int, int]:
    with store.session() as s:
        return (
            s.scalar(select(func.count()).select_from(AuditRow)) or 0,
            s.scalar(select(func.count()).select_from(OutboxRow)) or 0,
        )


def test_nothing_is_servable_before_start(store: Store, approved: str) -> None:
    on_air, blocked = _on_air(store)
    assert on_air == set() and blocked >= APPROVED  # approved: not served
    with store.session() as s:
        create_channel_tasks(s, approved, actor="xiaowang")
    on_air, blocked = _on_air(store)
    assert on_air == set() and blocked >= APPROVED  # scheduled: not served either
    with store.session() as s:
        campaign_action(s, approved, "start", actor="xiaowang", confirm=True)
    on_air, blocked = _on_air(store)
    assert on_air == APPROVED and not blocked & APPROVED
    with store.session() as s:
        campaign_action(s, approved, "pause", actor="xiaowang")
    assert _on_air(store)[0] == set() and _on_air(store)[1] >= APPROVED
    with store.session() as s:
        campaign_action(s, approved, "resume", actor="xiaowang")
    assert _on_air(store)[0] == APPROVED


def test_missing_targets_per_brand_and_channel(store: Store, approved: str) -> None:
    def missing() -> dict[str, list[str]]:
        with store.session() as s:
            return missing_targets(s, [approved])

    assert missing() == {approved: ["home_card", "sms"]}
    _target(store, "t-sms", ["sms"])
    assert missing() == {approved: ["home_card"]}
    _target(store, "t-other", [], brand_id=None, active=False)
    with store.session() as s:
        s.add(BrandRow(id="other-bank", name="别的银行", industry="bank", pack_yaml=""))
    _target(store, "t-other-brand", ["home_card"], brand_id="other-bank")
    assert missing() == {approved: ["home_card"]}  # inactive, or another brand's
    _target(store, "t-all", [], brand_id="chuntian-bank")
    assert missing() == {}


def test_a_start_without_targets_asks_to_confirm(store: Store, approved: str) -> None:
    before = _counts(store)
    with store.session() as s, pytest.raises(InputError) as refused:
        campaign_action(s, approved, "start", actor="xiaowang", reason="春耕")
    assert (refused.value.code, refused.value.status) == ("no_delivery_target", 409)
    assert refused.value.details == {"campaign_id": approved, "channels": ["home_card", "sms"]}
    assert (
        "首页卡片、短信" in refused.value.message_zh and "没有投放目标" in refused.value.message_zh
    )
    assert '{"confirm": true}' in str(refused.value)
    assert _counts(store) == before
    with store.session() as s:
        assert repos.get_campaign(s, approved)["status"] == "approved"
        done = campaign_action(s, approved, "start", actor="xiaowang", confirm=True)
        [entry] = repos.list_audit(s, object_id=approved, action="campaign.live")
    assert done.changed and done.campaign["status"] == "live"
    assert done.missing_targets == ["home_card", "sms"]
    assert entry["detail"]["missing_targets"] == ["home_card", "sms"]
    assert entry["detail"]["confirmed"] is True


def test_a_start_with_every_channel_covered_needs_no_confirmation(
    store: Store, approved: str
) -> None:
    _target(store, "t-all", [])
    with store.session() as s:
        done = campaign_action(s, approved, "start", actor="xiaowang")
    assert done.changed and done.missing_targets == []


@pytest.mark.parametrize("action", ["start", "pause", "resume", "archive"])
def test_every_action_is_safe_to_repeat(store: Store, approved: str, action: Action) -> None:
    _target(store, "t-all", [])
    with store.session() as s:
        create_channel_tasks(s, approved, actor="xiaowang")
        earlier: dict[str, list[Action]] = {"pause": ["start"], "resume": ["start", "pause"]}
        for step in earlier.get(action, []):
            campaign_action(s, approved, step, actor="xiaowang")
    with store.session() as s:
        first = campaign_action(s, approved, action, actor="xiaowang")
    after_first = _counts(store)
    with store.session() as s:
        again = campaign_action(s, approved, action, actor="xiaowang")
    assert first.changed and not again.changed
    assert again.campaign == first.campaign
    assert _counts(store) == after_first  # no audit entry, no task message


def test_a_start_of_a_live_campaign_puts_newly_approved_creatives_on_air(
    store: Store, approved: str
) -> None:
    _target(store, "t-all", [])
    with store.session() as s:
        campaign_action(s, approved, "start", actor="xiaowang")
        creative = Creative.model_validate(
            {
                "id": "c-new",
                "brand_id": "chuntian-bank",
                "segment_key": "livestock",
                "channel": "sms",
                "fields": {"body": "c-new 春耕贷，年化利率3.6%起"},
                "provenance": Provenance(
                    backend="compose", model="compose-v1", template_version="t1", seed=1
                ),
            }
        )
        repos.save_creative(s, approved, creative)
        repos.save_report(s, _report("c-new", ()))
        approval_id = submit_for_approval(s, approved, "xiaowang")
        decide_approval(s, approval_id, "laoli", approve_all=True)
        assert repos.get_campaign(s, approved)["status"] == "live"
    assert "c-new" not in _on_air(store)[0] and "c-new" in _on_air(store)[1]
    with store.session() as s:
        done = campaign_action(s, approved, "start", actor="xiaowang")
        [entry] = repos.list_audit(s, object_id=approved, action="campaign.start")
    assert done.changed and done.campaign["status"] == "live"
    assert entry["detail"]["creative_ids"] == ["c-new"]
    assert _on_air(store)[0] == APPROVED | {"c-new"}
