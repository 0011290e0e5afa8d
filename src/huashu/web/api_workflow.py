"""JSON API of the workflow: campaigns and their creatives, filing and deciding approvals,
channel tasks, start/pause/resume/archive, and the audit log with its verification.

Each change is one short transaction run by ``Store.run``, so a busy or deadlocked store is
retried rather than answered 500; a second filing or decision of the same thing gets 409."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from huashu.services.naming import rename_campaign
from huashu.store import Store, repos
from huashu.web.auth import ALL_ROLES, REVIEW, Anyone, Operator, Reviewer, allow
from huashu.workflow import (
    create_channel_tasks,
    decide_approval,
    get_approval,
    list_approvals,
    list_channel_tasks,
    submit_for_approval,
)
from huashu.workflow.lifecycle import campaign_action

router = APIRouter(tags=["workflow"])


class DecideBody(BaseModel):
    decisions: dict[str, Literal["approved", "rejected"]] = Field(default_factory=dict)
    approve_all: bool = False
    comment: str = Field(default="", max_length=2000)
    #: creative id -> rule ids of its ``review`` findings the reviewer has read.
    acknowledged: dict[str, list[str]] = Field(default_factory=dict)
    #: creative id -> the reviewer's note on it.
    comments: dict[str, str] = Field(default_factory=dict)
    #: vote only on the creatives in ``decisions``; the others stay open (全部通过 leaves
    #: those with unacknowledged ``review`` findings undecided this way).
    partial: bool = False


class TasksBody(BaseModel):
    send_window: str = "08:00-21:00"
    policy: str = "thompson"


class ActionBody(BaseModel):
    reason: str = Field(default="", max_length=2000)
    #: start although some of the campaign's channels have no delivery target.
    confirm: bool = False


def _run(request: Request, work: Callable[[Session], dict[str, Any]]) -> dict[str, Any]:
    store: Store = request.app.state.store
    return store.run(work)


def creative_view(session: Any, creative_id: str) -> dict[str, Any]:
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


@router.get("/campaigns/{campaign_id}")
def campaign(request: Request, campaign_id: str, who: Anyone) -> dict[str, Any]:
    with request.app.state.store.session() as s:
        summary = repos.get_campaign(s, campaign_id)
        creatives = [
            creative_view(s, c.id) for c in repos.list_creatives(s, campaign_id=campaign_id)
        ]
    return {"ok": True, "campaign": summary, "creatives": creatives}


class RenameBody(BaseModel):
    #: 1-40 characters once trimmed, no control characters (checked by the service, which
    #: says which rule a name breaks).
    name: str = Field(max_length=1000)


@router.patch("/campaigns/{campaign_id}")
def rename(request: Request, campaign_id: str, body: RenameBody, who: Operator) -> dict[str, Any]:
    """Rename the campaign (audited); 400 ``campaign_name_empty``, ``campaign_name_too_long``
    or ``campaign_name_control_chars``, 409 ``campaign_name_taken`` for another campaign's."""

    def work(s: Session) -> dict[str, Any]:
        return rename_campaign(s, campaign_id, body.name, who.username)

    return {"ok": True, **_run(request, work)}


@router.post("/campaigns/{campaign_id}/submit")
def submit(request: Request, campaign_id: str, who: Operator) -> dict[str, Any]:
    """File the campaign's checked drafts for review (one approval, reports attached).

    ``approval`` is null when the brand policy auto-approved every filed draft; 409 while an
    approval of the campaign is pending (a double click files once)."""

    def work(s: Session) -> dict[str, Any]:
        approval_id = submit_for_approval(s, campaign_id, who.username)
        approval = get_approval(s, approval_id) if approval_id else None
        return {"ok": True, "approval": approval, "campaign": repos.get_campaign(s, campaign_id)}

    return _run(request, work)


@router.post("/campaigns/{campaign_id}/tasks")
def tasks(request: Request, campaign_id: str, body: TasksBody, who: Operator) -> dict[str, Any]:

    def work(s: Session) -> dict[str, Any]:
        ids = create_channel_tasks(
            s, campaign_id, body.send_window, body.policy, actor=who.username
        )
        return {
            "ok": True,
            "tasks": [t for t in list_channel_tasks(s, campaign_id) if t["id"] in ids],
        }

    return _run(request, work)


@router.post("/campaigns/{campaign_id}/{action}")
def act(
    request: Request,
    campaign_id: str,
    action: Literal["start", "pause", "resume", "archive"],
    who: Operator,
    body: ActionBody | None = None,
) -> dict[str, Any]:
    """Start an approved or scheduled campaign (开始投放: only then is anything served or
    sent), pause or resume it, or archive it. A repeat changes nothing and answers the same
    (``changed`` false); a start while channels lack a delivery target gets 409
    ``no_delivery_target`` naming them unless the body says ``{"confirm": true}``."""
    reason = body.reason if body else ""
    confirm = body.confirm if body else False

    def work(s: Session) -> dict[str, Any]:
        done = campaign_action(
            s, campaign_id, action, actor=who.username, reason=reason, confirm=confirm
        )
        return {
            "ok": True,
            "campaign": done.campaign,
            "changed": done.changed,
            "missing_targets": done.missing_targets,
        }

    return _run(request, work)


@router.get("/approvals", dependencies=[allow(ALL_ROLES)])
def approvals(
    request: Request,
    campaign_id: str | None = None,
    status: Literal["pending", "approved", "rejected"] | None = None,
) -> dict[str, Any]:
    with request.app.state.store.session() as s:
        return {"ok": True, "approvals": list_approvals(s, campaign_id, status)}


@router.get("/approvals/{approval_id}", dependencies=[allow(ALL_ROLES)])
def approval(request: Request, approval_id: str) -> dict[str, Any]:
    """The approval with each creative's text, status and findings (grouped by severity)."""
    with request.app.state.store.session() as s:
        found = get_approval(s, approval_id)
        for item in found["items"]:
            item["creative"] = creative_view(s, item["creative_id"])
    return {"ok": True, "approval": found}


@router.post("/approvals/{approval_id}/decide")
def decide(request: Request, approval_id: str, body: DecideBody, who: Reviewer) -> dict[str, Any]:
    """One reviewer's vote; 403 for copy the reviewer filed, briefed or changed, 409 when the
    approval is already decided or the reviewer already voted."""

    def work(s: Session) -> dict[str, Any]:
        result = decide_approval(
            s,
            approval_id,
            who.username,
            decisions=body.decisions,
            approve_all=body.approve_all,
            comment=body.comment,
            acknowledged=body.acknowledged,
            comments=body.comments,
            partial=body.partial,
        )
        return {"ok": True, "approval": result}

    return _run(request, work)


@router.get("/tasks", dependencies=[allow(ALL_ROLES)])
def channel_tasks(request: Request, campaign_id: str | None = None) -> dict[str, Any]:
    with request.app.state.store.session() as s:
        return {"ok": True, "tasks": list_channel_tasks(s, campaign_id)}


@router.get("/audit", dependencies=[allow(REVIEW | {"analyst"})])
def audit_log(
    request: Request,
    object_type: str | None = None,
    object_id: str | None = None,
    action: str | None = None,
    limit: int = Query(default=200, ge=1, le=5000),
) -> dict[str, Any]:
    """Newest entries first."""
    with request.app.state.store.session() as s:
        entries = repos.list_audit(
            s,
            object_type=object_type,
            object_id=object_id,
            action=action,
            limit=limit,
            newest_first=True,
        )
    return {"ok": True, "entries": entries}


@router.get("/audit/verify", dependencies=[allow(REVIEW | {"analyst"})])
def audit_verify(request: Request, expect_head: str | None = None) -> dict[str, Any]:
    with request.app.state.store.session() as s:
        result = repos.verify_audit(s, expect_head)
    return {"ok": True, "verification": result.as_dict()}
