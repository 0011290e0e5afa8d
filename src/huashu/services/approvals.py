"""Approvals as operator actions: file a campaign's checked drafts for review, one reviewer's
vote, and the approvals with each creative's text, status and findings (the review queue and
one approval's cards, as the review pages read them). Each change is one short transaction
run by ``Store.run``, so a busy store is retried rather than failed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from huashu.services.chat import creative_cards
from huashu.store import Store, repos
from huashu.workflow import approvals as wf_approvals
from huashu.workflow.history import changes_since_review


@dataclass(frozen=True)
class Submitted:
    """The filed approval (None when the brand policy auto-approved every filed draft) and
    the campaign after filing."""

    approval: dict[str, Any] | None
    campaign: dict[str, Any]


def creative_view(session: Session, creative_id: str) -> dict[str, Any]:
    """A creative with its status and latest compliance report, findings grouped by severity."""
    creative = repos.get_creative(session, creative_id)
    report = repos.report_for_creative(session, creative_id)
    findings: dict[str, list[dict[str, Any]]] = {"block": [], "review": [], "warn": []}
    if report is not None:
        for finding in report.findings:
            findings.setdefault(str(finding.severity), []).append(finding.model_dump(mode="json"))
    return {
        **creative.model_dump(mode="json"),
        "text": creative.text,
        "status": repos.get_creative_status(session, creative_id),
        "verdict": str(report.verdict) if report is not None else None,
        "findings": findings,
    }


def submit(store: Store, campaign_id: str, actor: str) -> Submitted:
    """File the campaign's checked drafts for review (one approval, reports attached); 409
    while an approval of the campaign is pending (a double click files once)."""

    def work(s: Session) -> Submitted:
        approval_id = wf_approvals.submit_for_approval(s, campaign_id, actor)
        approval = wf_approvals.get_approval(s, approval_id) if approval_id else None
        return Submitted(approval, repos.get_campaign(s, campaign_id))

    return store.run(work)


def decide(
    store: Store,
    approval_id: str,
    reviewer: str,
    *,
    decisions: Mapping[str, str] | None = None,
    approve_all: bool = False,
    comment: str = "",
    acknowledged: Mapping[str, Sequence[str]] | None = None,
    comments: Mapping[str, str] | None = None,
    partial: bool = False,
) -> dict[str, Any]:
    """One reviewer's vote (:func:`huashu.workflow.decide_approval`); returns the approval.
    403 for copy the reviewer filed, briefed or changed, 409 when the approval is already
    decided or the reviewer already voted."""
    return store.run(
        lambda s: wf_approvals.decide_approval(
            s,
            approval_id,
            reviewer,
            decisions=decisions,
            approve_all=approve_all,
            comment=comment,
            acknowledged=acknowledged,
            comments=comments,
            partial=partial,
        )
    )


def list_approvals(
    store: Store, campaign_id: str | None = None, status: str | None = None
) -> list[dict[str, Any]]:
    with store.session() as s:
        return wf_approvals.list_approvals(s, campaign_id, status)


def approval_detail(store: Store, approval_id: str) -> dict[str, Any]:
    """The approval with each item's ``creative`` (:func:`creative_view`)."""
    with store.session() as s:
        found = wf_approvals.get_approval(s, approval_id)
        for item in found["items"]:
            item["creative"] = creative_view(s, item["creative_id"])
    return found


@dataclass(frozen=True)
class ReviewQueue:
    """The review queue as one read: the pending approvals, the last 20 approvals filed (any
    status, oldest first) and every campaign's name by id."""

    pending: list[dict[str, Any]]
    recent: list[dict[str, Any]]
    campaign_names: dict[str, str]


@dataclass(frozen=True)
class ApprovalReview:
    """One approval as a reviewer reads it: the approval, its campaign, each creative's card
    by id (:func:`huashu.services.chat.creative_cards`) and what changed since each one's
    last decision (:func:`huashu.workflow.history.changes_since_review`)."""

    approval: dict[str, Any]
    campaign: dict[str, Any]
    cards: dict[str, dict[str, Any]]
    changes: dict[str, dict[str, Any]]


def review_queue(store: Store) -> ReviewQueue:
    with store.session() as s:
        pending = wf_approvals.list_approvals(s, status="pending")
        names = {c["id"]: c["name"] for c in repos.list_campaigns(s)}
        recent = wf_approvals.list_approvals(s, status=None)[-20:]
    return ReviewQueue(pending=pending, recent=recent, campaign_names=names)


def approval_review(store: Store, approval_id: str) -> ApprovalReview:
    """404 ``not_found`` for an unknown approval."""
    with store.session() as s:
        approval = wf_approvals.get_approval(s, approval_id)
        campaign = repos.get_campaign(s, approval["campaign_id"])
        pack = repos.get_brand_pack(s, campaign["brand_id"])
        ids = [i["creative_id"] for i in approval["items"]]
        cards = {c["id"]: c for c in creative_cards(s, campaign["id"], pack, ids=ids)}
        changes = changes_since_review(s, approval_id, ids)
    return ApprovalReview(approval=approval, campaign=campaign, cards=cards, changes=changes)
