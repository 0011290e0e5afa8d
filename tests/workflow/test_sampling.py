"""Auto-approval by brand policy, the deterministic audit draw, and the audit queue."""

from __future__ import annotations

import math

import pytest

from huashu.domain import ComplianceReport, Creative, Finding, InputError, Provenance, Severity
from huashu.store import Store, repos
from huashu.workflow import (
    decide_sample,
    get_approval,
    get_incident,
    list_samples,
    submit_for_approval,
    take_down,
)
from huashu.workflow.policy import set_policy
from huashu.workflow.sampling import AUTO_ACTOR, draw

BRAND = "chuntian-bank"


def _policy(store: Store, **kwargs: object) -> None:
    with store.session() as s:
        set_policy(s, BRAND, actor="root", **kwargs)  # type: ignore[arg-type]


def _add_campaign(store: Store, n: int, severities: tuple[Severity, ...] = ()) -> str:
    """A new campaign of ``n`` checked drafts on template t1, each with ``severities``."""
    with store.session() as s:
        campaign = repos.create_campaign(s, BRAND, None, "批量")
        for i in range(n):
            cid = f"{campaign}-c{i}"
            repos.save_creative(
                s,
                campaign,
                Creative(
                    id=cid,
                    brand_id=BRAND,
                    segment_key="livestock",
                    channel="sms",
                    fields={"body": f"春耕贷第{i}号"},
                    provenance=Provenance(
                        backend="compose", model="m", template_version="t1", seed=i
                    ),
                ),
            )
            findings = tuple(
                Finding(
                    rule_id=f"{sev.value}-{k}",
                    severity=sev,
                    basis="广告法",
                    field="body",
                    start=0,
                    end=1,
                    matched="春",
                    message_zh="提示",
                    message_en="note",
                )
                for k, sev in enumerate(severities)
            )
            repos.save_report(
                s,
                ComplianceReport(
                    id=f"r-{cid}",
                    creative_id=cid,
                    verdict=ComplianceReport.verdict_of(findings),
                    findings=findings,
                ),
            )
    return campaign


def test_draw_is_deterministic_uniform_and_keyed_by_brand() -> None:
    ids = [f"cre-{i:05d}" for i in range(1000)]
    draws = [draw(BRAND, c) for c in ids]
    assert draws == [draw(BRAND, c) for c in ids]
    assert all(0.0 <= d < 1.0 for d in draws)
    assert draws != [draw("other-brand", c) for c in ids]
    # share below each rate within 4.5 binomial standard deviations
    for rate in (0.05, 0.2, 0.5):
        hits = sum(d < rate for d in draws)
        sd = math.sqrt(1000 * rate * (1 - rate))
        assert abs(hits - 1000 * rate) < 4.5 * sd, (rate, hits)


def test_policy_off_files_everything_for_humans(store: Store, campaign_id: str) -> None:
    with store.session() as s:
        approval = get_approval(s, submit_for_approval(s, campaign_id, "xiaowang"))
    assert {i["creative_id"] for i in approval["items"]} == {
        "c-pass",
        "c-review",
        "c-home",
        "c-crop",
    }


def test_auto_approval_takes_low_risk_known_template_drafts(store: Store, campaign_id: str) -> None:
    _policy(
        store, auto_approve=True, known_templates=["t1"], sample_rates={"low": 1.0, "medium": 0.0}
    )
    with store.session() as s:
        approval = get_approval(s, submit_for_approval(s, campaign_id, "xiaowang"))
        statuses = {c.id: repos.get_creative_status(s, c.id) for c in repos.list_creatives(s)}
        approvals = repos.list_audit(s, action="creative.approved")
        samples = list_samples(s)
    # c-review has review findings: a human decides it; c-block / c-unchecked stay drafts.
    assert [i["creative_id"] for i in approval["items"]] == ["c-review"]
    assert statuses == {
        "c-pass": "approved",
        "c-review": "pending_review",
        "c-home": "approved",
        "c-crop": "approved",
        "c-block": "draft",
        "c-unchecked": "draft",
    }
    tiers = {e["object_id"]: e["detail"]["risk_tier"] for e in approvals}
    assert tiers == {"c-pass": "low", "c-home": "medium", "c-crop": "low"}
    assert {e["actor"] for e in approvals} == {AUTO_ACTOR}
    assert {e["detail"]["template"] for e in approvals} == {"t1"}
    # rate 1.0 for low, 0.0 for medium: exactly the low-risk ones are sampled.
    assert sorted(x["creative_id"] for x in samples) == ["c-crop", "c-pass"]
    assert {x["status"] for x in samples} == {"pending"}
    assert all(x["draw"] == draw(BRAND, x["creative_id"]) for x in samples)


def test_unknown_template_is_not_auto_approved(store: Store, campaign_id: str) -> None:
    _policy(store, auto_approve=True, known_templates=["compose/2"])
    with store.session() as s:
        approval = get_approval(s, submit_for_approval(s, campaign_id, "xiaowang"))
        samples = list_samples(s)
    assert len(approval["items"]) == 4
    assert samples == []


def test_rates_are_respected_and_all_auto_needs_no_approval(store: Store, campaign_id: str) -> None:
    rate = 0.3
    _policy(
        store, auto_approve=True, known_templates=["t1"], sample_rates={"low": 0.0, "medium": rate}
    )
    campaign = _add_campaign(store, 150, (Severity.WARN,))
    with store.session() as s:
        approval_id = submit_for_approval(s, campaign, "xiaowang")
        summary = repos.get_campaign(s, campaign)
        samples = list_samples(s, brand_id=BRAND, status="pending")
    assert approval_id == ""
    assert summary["status"] == "approved"
    assert summary["creatives"]["approved"] == 150
    ids = [f"{campaign}-c{i}" for i in range(150)]
    expected = sorted(c for c in ids if draw(BRAND, c) < rate)
    assert sorted(x["creative_id"] for x in samples) == expected
    assert {x["risk_tier"] for x in samples} == {"medium"}
    sd = math.sqrt(150 * rate * (1 - rate))
    assert abs(len(expected) - 150 * rate) < 4.5 * sd


@pytest.fixture
def sampled(store: Store, campaign_id: str) -> dict[str, str]:
    """creative id -> sample id for c-pass and c-crop, auto-approved on xiaowang's filing."""
    _policy(
        store, auto_approve=True, known_templates=["t1"], sample_rates={"low": 1.0, "medium": 0.0}
    )
    with store.session() as s:
        submit_for_approval(s, campaign_id, "xiaowang")
        return {x["creative_id"]: x["id"] for x in list_samples(s)}


def test_passing_a_sample_leaves_the_creative_alone(store: Store, sampled: dict[str, str]) -> None:
    with store.session() as s:
        sample = decide_sample(s, sampled["c-pass"], "laoli", True, "没问题")
        status = repos.get_creative_status(s, "c-pass")
        [entry] = repos.list_audit(s, action="audit_sample.passed")
    assert (sample["status"], sample["reviewer"], sample["incident_id"]) == (
        "passed",
        "laoli",
        None,
    )
    assert status == "approved"
    assert entry["actor"] == "laoli"
    with store.session() as s:
        assert [x["creative_id"] for x in list_samples(s, status="pending")] == ["c-crop"]


def test_failing_a_sample_opens_an_incident_and_takes_it_down(
    store: Store, sampled: dict[str, str]
) -> None:
    with store.session() as s:
        sample = decide_sample(s, sampled["c-crop"], "chen", False, "利率表述不完整")
        status = repos.get_creative_status(s, "c-crop")
        incident = get_incident(s, sample["incident_id"])
    assert sample["status"] == "failed"
    assert status == "taken_down"
    assert incident["kind"] == "audit_failure"
    assert incident["affected"] == ["c-crop"]
    assert incident["created_by"] == "chen"
    assert "利率表述不完整" in incident["reason"]


def test_failing_a_sample_already_taken_down_still_opens_an_incident(
    store: Store, sampled: dict[str, str]
) -> None:
    with store.session() as s:
        take_down(s, by="creative", value="c-pass", actor="root", reason="先行下架")
        sample = decide_sample(s, sampled["c-pass"], "laoli", False, "违规")
        incident = get_incident(s, sample["incident_id"])
    assert incident["kind"] == "audit_failure" and incident["affected"] == []


@pytest.mark.parametrize(
    ("reviewer", "passed", "note", "code"),
    [
        ("zhang", True, "", "forbidden"),
        ("xiaowang", True, "", "forbidden"),
        ("nobody", True, "", "not_found"),
        ("laoli", False, " ", "missing_reason"),
    ],
)
def test_sample_refusals(
    store: Store, sampled: dict[str, str], reviewer: str, passed: bool, note: str, code: str
) -> None:
    with store.session() as s, pytest.raises(InputError) as err:
        decide_sample(s, sampled["c-pass"], reviewer, passed, note)
    assert err.value.code == code
    assert err.value.message_zh


def test_submitter_cannot_audit_and_a_sample_is_decided_once(
    store: Store, campaign_id: str
) -> None:
    _policy(
        store, auto_approve=True, known_templates=["t1"], sample_rates={"low": 1.0, "medium": 1.0}
    )
    with store.session() as s:
        submit_for_approval(s, campaign_id, "laoli")
        sample_id = list_samples(s)[0]["id"]
    with store.session() as s, pytest.raises(InputError) as err:
        decide_sample(s, sample_id, "laoli", True)
    assert err.value.code == "self_approval"
    with store.session() as s:
        decide_sample(s, sample_id, "chen", True)
    with store.session() as s, pytest.raises(InputError) as again:
        decide_sample(s, sample_id, "root", True)
    assert again.value.code == "invalid_state"
    with store.session() as s, pytest.raises(InputError) as missing:
        decide_sample(s, "smp-nope", "root", True)
    assert missing.value.code == "not_found"
