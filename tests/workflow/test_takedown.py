"""Emergency take-down: by creative, term (evasions included), regex, campaign and brand; the
incident, the outbox cancellations, dry runs and refusals."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from huashu.domain import InputError
from huashu.store import Store, repos
from huashu.store.creatives import creative_row
from huashu.store.models import AuditRow, ChannelTaskRow
from huashu.store.models_workflow import DeliveryTargetRow, IncidentRow, OutboxRow
from huashu.workflow import (
    close_incident,
    create_channel_tasks,
    decide_approval,
    get_incident,
    list_incidents,
    submit_for_approval,
    take_down,
)
from huashu.workflow.lifecycle import campaign_action
from huashu.workflow.takedown import check_regex

#: bodies of the four approvable creatives; 稳赚 hides in c-pass (symbol-split) and c-home
#: (traditional characters and a full-width space).
TEXTS = {
    "c-pass": "稳-赚不赔！春耕贷年化3.6%起",
    "c-review": "春耕贷助力养殖，放心借",
    "c-home": "穩\u3000賺好机会，首页专享",
    "c-crop": "种植户专享春耕贷",
}
RATE_OR_TERM = r"年化\d+(\.\d+)?%|稳赚"
ACK = {"c-review": ["review-0", "review-2"]}


@pytest.fixture
def live(store: Store, campaign_id: str) -> str:
    """The campaign with its four approvable creatives approved and tasked; a webhook target
    for every brand and channel is configured, so every task message reaches the outbox."""
    with store.session() as s:
        for cid, body in TEXTS.items():
            creative_row(s, cid).fields = {"body": body}
        s.add(
            DeliveryTargetRow(
                id="tgt-hook",
                brand_id=None,
                name="hook",
                kind="webhook",
                address="http://127.0.0.1:9/hook",
                secret="s3cret",
                channels=[],
                active=True,
            )
        )
        s.flush()
        approval_id = submit_for_approval(s, campaign_id, "xiaowang")
        decide_approval(s, approval_id, "laoli", approve_all=True, acknowledged=ACK)
        create_channel_tasks(s, campaign_id, actor="xiaowang")
    return campaign_id


def _tasks(store: Store) -> dict[str, tuple[list[str], str]]:
    with store.session() as s:
        rows = s.scalars(select(ChannelTaskRow)).all()
        return {f"{t.channel}/{t.segment_key}": (list(t.creative_ids), t.status) for t in rows}


def _cancels(store: Store) -> list[dict[str, Any]]:
    with store.session() as s:
        rows = s.scalars(
            select(OutboxRow).where(OutboxRow.event == "task.cancel").order_by(OutboxRow.id)
        ).all()
        return [{"key": r.idempotency_key, "target": r.target_id, **r.payload} for r in rows]


def _status(store: Store, *ids: str) -> dict[str, str]:
    with store.session() as s:
        return {cid: repos.get_creative_status(s, cid) for cid in ids}


def test_by_creative_takes_it_down_and_tells_its_task(store: Store, live: str) -> None:
    with store.session() as s:
        assert set(repos.blocked_creative_ids(s)) >= {"c-pass", "c-review"}  # not started
        campaign_action(s, live, "start", actor="xiaowang")
        assert not {"c-pass", "c-review"} & set(repos.blocked_creative_ids(s))
    with store.session() as s:
        incident = take_down(s, by="creative", value="c-pass", actor="laoli", reason="客诉")
        blocked = set(repos.blocked_creative_ids(s))
        [opened] = repos.list_audit(s, action="incident.open")
        [moved] = repos.list_audit(s, action="creative.taken_down")
    assert incident["affected"] == ["c-pass"]
    assert incident["kind"] == "takedown" and incident["status"] == "open"
    assert incident["brand_id"] == "chuntian-bank"
    assert incident["scope"]["by"] == "creative" and incident["scope"]["value"] == "c-pass"
    assert "c-pass" in blocked and "c-review" not in blocked
    assert _status(store, "c-pass", "c-review") == {"c-pass": "taken_down", "c-review": "live"}
    assert opened["object_id"] == incident["id"] and opened["actor"] == "laoli"
    assert moved["detail"]["incident_id"] == incident["id"]
    tasks = _tasks(store)
    assert tasks["sms/livestock"] == (["c-review"], "live")
    [cancel] = _cancels(store)
    assert cancel["target"] == "tgt-hook"
    assert cancel["event"] == "task.cancel"
    assert cancel["scope"] == "creatives"
    assert cancel["removed_creative_ids"] == ["c-pass"]
    assert cancel["incident_id"] == incident["id"]
    assert cancel["task"]["creative_ids"] == ["c-review"]
    assert incident["outbox_ids"] and incident["scope"]["tasks_updated"]


@pytest.mark.parametrize("term", ["稳赚", "穩 賺", "稳\u3000赚", "稳—赚", "穩@賺"])
def test_term_matches_evasive_variants(store: Store, live: str, term: str) -> None:
    with store.session() as s:
        incident = take_down(s, by="term", value=term, actor="root", reason="违规承诺收益")
    assert sorted(incident["affected"]) == ["c-home", "c-pass"]
    tasks = _tasks(store)
    assert tasks["home_card/livestock"] == ([], "cancelled")
    assert tasks["sms/livestock"] == (["c-review"], "pending")
    assert tasks["sms/crop"] == (["c-crop"], "pending")
    scopes = {
        c["task"]["channel"]: (c["scope"], c["removed_creative_ids"]) for c in _cancels(store)
    }
    assert scopes == {"home_card": ("task", ["c-home"]), "sms": ("creatives", ["c-pass"])}


def test_term_can_be_narrowed_to_a_brand_and_misses_other_text(store: Store, live: str) -> None:
    with store.session() as s, pytest.raises(InputError) as err:
        take_down(s, by="term", value="保本", actor="root", reason="r")
    assert err.value.code == "nothing_matched"
    assert "没有找到" in err.value.message_zh
    with store.session() as s:
        incident = take_down(
            s, by="term", value="专享", brand_id="chuntian-bank", actor="root", reason="r"
        )
    assert sorted(incident["affected"]) == ["c-crop", "c-home"]


def test_by_regex_over_written_and_normalised_text(store: Store, live: str) -> None:
    with store.session() as s:
        incident = take_down(
            s, by="regex", value=r"年化\d+(\.\d+)?%|稳赚", actor="root", reason="r"
        )
    assert sorted(incident["affected"]) == ["c-home", "c-pass"]


@pytest.mark.parametrize(
    "pattern", ["(", r"(a)\1", "(?P<n>a)(?P=n)", "(?=a)b", "a{1001}", "a" * 201, " "]
)
def test_bad_or_dangerous_regexes_are_refused(store: Store, live: str, pattern: str) -> None:
    with store.session() as s, pytest.raises(InputError) as err:
        take_down(s, by="regex", value=pattern, actor="root", reason="r")
    assert err.value.code == "invalid_regex"
    assert err.value.message_zh.startswith("正则表达式无效")


@pytest.mark.parametrize(
    "pattern",
    # RE2 matches in linear time, so nested quantifiers are safe and accepted
    [r"年化\d+(\.\d+)?%", "(保本|保息)", "a{2,3}", "[(|)]+", "x?y+?", "(a+)+", "(a|aa)*b"],
)
def test_safe_regexes_pass_the_guard(pattern: str) -> None:
    assert check_regex(pattern).pattern == pattern


def test_by_campaign_takes_down_everything_in_it(store: Store, live: str) -> None:
    with store.session() as s:
        incident = take_down(s, by="campaign", value=live, actor="root", reason="活动叫停")
        campaign = repos.get_campaign(s, live)
    assert sorted(incident["affected"]) == sorted(TEXTS)
    assert incident["scope"]["campaigns"] == [live]
    assert campaign["status"] == "taken_down"
    assert {status for _, status in _tasks(store).values()} == {"cancelled"}
    assert {c["scope"] for c in _cancels(store)} == {"task"}
    assert len(_cancels(store)) == 3
    with store.session() as s, pytest.raises(InputError) as err:
        take_down(s, by="campaign", value=live, actor="root", reason="again")
    assert (err.value.code, err.value.status) == ("already_taken_down", 409)
    assert err.value.details["incident_id"] == incident["id"]
    assert "已执行过" in err.value.message_zh and incident["id"] in err.value.message_zh


def test_by_brand_takes_down_every_campaign_of_it(store: Store, live: str) -> None:
    with store.session() as s:
        other = repos.create_campaign(s, "chuntian-bank", None, "秋收贷")
        incident = take_down(s, by="brand", value="chuntian-bank", actor="root", reason="品牌")
        statuses = {c["id"]: c["status"] for c in repos.list_campaigns(s)}
    assert sorted(incident["affected"]) == sorted(TEXTS)
    # a draft campaign serves nothing and cannot move to taken_down: left as it is.
    assert incident["scope"]["campaigns"] == [live]
    assert statuses == {live: "taken_down", other: "draft"}


def test_already_taken_down_creatives_are_not_counted_again(store: Store, live: str) -> None:
    with store.session() as s:
        take_down(s, by="creative", value="c-pass", actor="root", reason="first")
    with store.session() as s:
        second = take_down(s, by="term", value="稳赚", actor="root", reason="second")
    assert second["affected"] == ["c-home"]
    with store.session() as s, pytest.raises(InputError) as err:
        take_down(s, by="creative", value="c-pass", actor="root", reason="third")
    assert (err.value.code, err.value.status) == ("already_taken_down", 409)
    with store.session() as s, pytest.raises(InputError) as again:
        take_down(s, by="term", value="稳赚", actor="root", reason="fourth")
    assert again.value.code == "already_taken_down"
    assert again.value.details["incident_id"] == second["id"]
    removed = [c["removed_creative_ids"] for c in _cancels(store)]
    assert removed == [["c-pass"], ["c-home"]]
    keys = [c["key"] for c in _cancels(store)]
    assert len(set(keys)) == len(keys)


def _counts(store: Store) -> tuple[int, int, int]:
    with store.session() as s:
        return (
            s.scalar(select(func.count()).select_from(IncidentRow)) or 0,
            s.scalar(select(func.count()).select_from(OutboxRow)) or 0,
            s.scalar(select(func.count()).select_from(AuditRow)) or 0,
        )


def test_dry_run_shows_what_would_go_and_writes_nothing(store: Store, live: str) -> None:
    before, statuses = _counts(store), _status(store, *TEXTS)
    with store.session() as s:
        preview = take_down(s, by="term", value="稳赚", actor="root", reason="r", dry_run=True)
    assert preview["dry_run"] is True and "id" not in preview
    assert _counts(store) == before
    assert _status(store, *TEXTS) == statuses
    with store.session() as s:
        done = take_down(s, by="term", value="稳赚", actor="root", reason="r")
    assert done["affected"] == preview["affected"]
    assert done["scope"] == preview["scope"]
    with store.session() as s:
        empty = take_down(s, by="term", value="保本", actor="root", reason="r", dry_run=True)
    assert empty["affected"] == []


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"by": "creative", "value": "c-nope", "reason": "r"}, "not_found"),
        ({"by": "campaign", "value": "cmp-nope", "reason": "r"}, "not_found"),
        ({"by": "brand", "value": "nope", "reason": "r"}, "not_found"),
        ({"by": "term", "value": "稳赚", "reason": "  "}, "missing_reason"),
        ({"by": "term", "value": "，。！", "reason": "r"}, "invalid_term"),
        ({"by": "segment", "value": "x", "reason": "r"}, "invalid_scope"),
        ({"by": "term", "value": "稳赚", "reason": "r", "brand_id": "nope"}, "not_found"),
    ],
)
def test_refusals(store: Store, live: str, kwargs: dict[str, str], code: str) -> None:
    with store.session() as s, pytest.raises(InputError) as err:
        take_down(s, actor="root", **kwargs)
    assert err.value.code == code
    assert err.value.message_zh


def test_incidents_are_listed_fetched_and_closed(store: Store, live: str) -> None:
    with store.session() as s:
        first = take_down(s, by="creative", value="c-crop", actor="root", reason="one")
        second = take_down(s, by="term", value="稳赚", actor="laoli", reason="two")
    with store.session() as s:
        closed = close_incident(s, first["id"], actor="chen", note="已处理")
        listed = list_incidents(s)
        still_open = list_incidents(s, status="open")
        fetched = get_incident(s, second["id"])
        [entry] = repos.list_audit(s, action="incident.close")
    assert closed["status"] == "closed" and closed["closed_by"] == "chen"
    assert closed["closed_at"] is not None
    assert {i["id"] for i in listed} == {first["id"], second["id"]}
    assert [i["id"] for i in still_open] == [second["id"]]
    assert fetched["affected"] == second["affected"] and fetched["reason"] == "two"
    assert entry["detail"] == {"note": "已处理"}
    assert _status(store, "c-crop") == {"c-crop": "taken_down"}
    with store.session() as s, pytest.raises(InputError) as err:
        close_incident(s, first["id"], actor="chen")
    assert err.value.code == "invalid_state"
    with store.session() as s, pytest.raises(InputError) as err:
        get_incident(s, "inc-nope")
    assert err.value.code == "not_found"
