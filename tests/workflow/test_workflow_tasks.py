"""Channel tasks over approved creatives: one per channel x segment, upserted, and refusals."""

from __future__ import annotations

import pytest

from huashu.domain import InputError
from huashu.store import Store, repos
from huashu.workflow import (
    create_channel_tasks,
    decide_approval,
    list_channel_tasks,
    submit_for_approval,
)

ACK = {"c-review": ["review-0", "review-2"]}


@pytest.fixture
def approved_campaign(store: Store, campaign_id: str) -> str:
    with store.session() as s:
        approval_id = submit_for_approval(s, campaign_id, "xiaowang")
        decide_approval(
            s, approval_id, "laoli", {"c-crop": "rejected"}, approve_all=True, acknowledged=ACK
        )
    return campaign_id


def test_one_task_per_channel_and_segment(store: Store, approved_campaign: str) -> None:
    with store.session() as s:
        task_ids = create_channel_tasks(s, approved_campaign, actor="xiaowang")
        tasks = list_channel_tasks(s, approved_campaign)
        [entry] = repos.list_audit(s, action="channel_tasks.create")
    assert [t["id"] for t in tasks] == task_ids
    assert [(t["channel"], t["segment_key"], t["creative_ids"]) for t in tasks] == [
        ("home_card", "livestock", ["c-home"]),
        ("sms", "livestock", ["c-pass", "c-review"]),
    ]
    assert {t["audience_ref"] for t in tasks} == {"segment:chuntian-bank/livestock"}
    assert {(t["send_window"], t["allocation_policy"], t["status"]) for t in tasks} == {
        ("08:00-21:00", "thompson", "pending")
    }
    assert entry["actor"] == "xiaowang"
    assert entry["object_id"] == approved_campaign
    assert entry["detail"] == {
        "task_ids": task_ids,
        "send_window": "08:00-21:00",
        "policy": "thompson",
    }


def test_rerun_updates_the_same_tasks(store: Store, approved_campaign: str) -> None:
    with store.session() as s:
        first = create_channel_tasks(s, approved_campaign)
        second = create_channel_tasks(s, approved_campaign, "09:30-20:00", "epsilon_greedy")
        tasks = list_channel_tasks(s)
    assert second == first
    assert len(tasks) == 2
    assert {(t["send_window"], t["allocation_policy"]) for t in tasks} == {
        ("09:30-20:00", "epsilon_greedy")
    }


TASK_ERRORS: list[tuple[str, str, str, str, str]] = [
    (
        "21:00-08:00",
        "thompson",
        "invalid_send_window",
        "send window '21:00-08:00' must look like 08:00-21:00, start before end",
        "发送时段 21:00-08:00 格式应为 08:00-21:00，且开始早于结束",
    ),
    (
        "8:00-21:00",
        "thompson",
        "invalid_send_window",
        "send window '8:00-21:00' must look like 08:00-21:00, start before end",
        "发送时段 8:00-21:00 格式应为 08:00-21:00，且开始早于结束",
    ),
    (
        "08:00-24:00",
        "thompson",
        "invalid_send_window",
        "send window '08:00-24:00' must look like 08:00-21:00, start before end",
        "发送时段 08:00-24:00 格式应为 08:00-21:00，且开始早于结束",
    ),
    (
        "08:00-21:00",
        "Thompson Sampling",
        "invalid_policy",
        "allocation policy 'Thompson Sampling' must be a lower-case name such as thompson",
        "分配策略 Thompson Sampling 应为小写名称，例如 thompson",
    ),
]


@pytest.mark.parametrize(("window", "policy", "code", "message", "message_zh"), TASK_ERRORS)
def test_bad_task_settings(
    store: Store,
    approved_campaign: str,
    window: str,
    policy: str,
    code: str,
    message: str,
    message_zh: str,
) -> None:
    with pytest.raises(InputError) as caught, store.session() as s:
        create_channel_tasks(s, approved_campaign, window, policy)
    assert (caught.value.code, str(caught.value), caught.value.message_zh) == (
        code,
        message,
        message_zh,
    )
    with store.session() as s:
        assert list_channel_tasks(s) == []


def test_campaign_without_approved_creatives(store: Store, campaign_id: str) -> None:
    with pytest.raises(InputError) as caught, store.session() as s:
        create_channel_tasks(s, campaign_id)
    assert caught.value.code == "nothing_approved"
    assert str(caught.value) == f"campaign {campaign_id} has no approved creatives"
    assert caught.value.message_zh == f"活动 {campaign_id} 没有审批通过的素材"


def test_unknown_campaign(store: Store) -> None:
    with pytest.raises(InputError) as caught, store.session() as s:
        create_channel_tasks(s, "cmp-missing")
    assert (caught.value.code, caught.value.message_zh) == ("not_found", "活动 cmp-missing 不存在")
