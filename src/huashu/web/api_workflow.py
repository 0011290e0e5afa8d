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

from huashu.domain import InputError
from huashu.services.naming import rename_campaign
from huashu.store import Store, repos
from huashu.web.auth import ALL_ROLES, REVIEW, Anyone, Operator, Reviewer, allow
from huashu.web.schemas_workflow import (
    ApprovalDetailOut,
    ApprovalEnvelope,
    ApprovalsOut,
    AuditPageOut,
    AuditVerifyOut,
    CampaignActionOut,
    CampaignDetailOut,
    RenamedOut,
    SubmittedOut,
    TasksOut,
)
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


@router.get("/campaigns/{campaign_id}", response_model=CampaignDetailOut)
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


@router.patch("/campaigns/{campaign_id}", response_model=RenamedOut)
def rename(request: Request, campaign_id: str, body: RenameBody, who: Operator) -> dict[str, Any]:
    """Rename the campaign (audited); 400 ``campaign_name_empty``, ``campaign_name_too_long``
    or ``campaign_name_control_chars``, 409 ``campaign_name_taken`` for another campaign's."""

    def work(s: Session) -> dict[str, Any]:
        return rename_campaign(s, campaign_id, body.name, who.username)

    return {"ok": True, **_run(request, work)}


@router.post("/campaigns/{campaign_id}/submit", response_model=SubmittedOut)
def submit(request: Request, campaign_id: str, who: Operator) -> dict[str, Any]:
    """File the campaign's checked drafts for review (one approval, reports attached).

    ``approval`` is null when the brand policy auto-approved every filed draft; 409 while an
    approval of the campaign is pending (a double click files once)."""

    def work(s: Session) -> dict[str, Any]:
        approval_id = submit_for_approval(s, campaign_id, who.username)
        approval = get_approval(s, approval_id) if approval_id else None
        return {"ok": True, "approval": approval, "campaign": repos.get_campaign(s, campaign_id)}

    return _run(request, work)


@router.post("/campaigns/{campaign_id}/tasks", response_model=TasksOut)
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


@router.post("/campaigns/{campaign_id}/{action}", response_model=CampaignActionOut)
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


@router.get("/approvals", response_model=ApprovalsOut, dependencies=[allow(ALL_ROLES)])
def approvals(
    request: Request,
    campaign_id: str | None = None,
    status: Literal["pending", "approved", "rejected"] | None = None,
) -> dict[str, Any]:
    with request.app.state.store.session() as s:
        return {"ok": True, "approvals": list_approvals(s, campaign_id, status)}


@router.get(
    "/approvals/{approval_id}", response_model=ApprovalDetailOut, dependencies=[allow(ALL_ROLES)]
)
def approval(request: Request, approval_id: str) -> dict[str, Any]:
    """The approval with each creative's text, status and findings (grouped by severity)."""
    with request.app.state.store.session() as s:
        found = get_approval(s, approval_id)
        for item in found["items"]:
            item["creative"] = creative_view(s, item["creative_id"])
    return {"ok": True, "approval": found}


@router.post("/approvals/{approval_id}/decide", response_model=ApprovalEnvelope)
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


@router.get("/tasks", response_model=TasksOut, dependencies=[allow(ALL_ROLES)])
def channel_tasks(request: Request, campaign_id: str | None = None) -> dict[str, Any]:
    with request.app.state.store.session() as s:
        return {"ok": True, "tasks": list_channel_tasks(s, campaign_id)}


#: entries per page of ``GET /audit``: the default and the most one page holds.
AUDIT_PAGE = 100
AUDIT_PAGE_MAX = 1000


def _page_bounds(limit: int, offset: int) -> None:
    if not 1 <= limit <= AUDIT_PAGE_MAX:
        raise InputError(
            f"limit must be between 1 and {AUDIT_PAGE_MAX}, got {limit}",
            message_zh=f"每页条数 limit 应在 1 到 {AUDIT_PAGE_MAX} 之间，收到 {limit}",
            code="bad_page",
            details={"limit": limit, "max": AUDIT_PAGE_MAX},
        )
    if offset < 0:
        raise InputError(
            f"offset must be 0 or more, got {offset}",
            message_zh=f"起始位置 offset 不能为负数，收到 {offset}",
            code="bad_page",
            details={"offset": offset},
        )


@router.get("/audit", response_model=AuditPageOut, dependencies=[allow(REVIEW | {"analyst"})])
def audit_log(
    request: Request,
    object_type: str | None = None,
    object_id: str | None = None,
    action: str | None = None,
    actor: str | None = None,
    limit: int = Query(default=AUDIT_PAGE, description=f"Entries per page, 1 to {AUDIT_PAGE_MAX}."),
    offset: int = Query(default=0, description="Entries to skip: ``next_offset`` of a page."),
) -> dict[str, Any]:
    """One page of the log, newest first, with the ``total`` matching the filters and the
    ``next_offset`` of the older page (null on the last); a ``limit`` outside 1 to 1000 or a
    negative ``offset`` gets 400 ``bad_page``."""
    _page_bounds(limit, offset)
    chosen = {"object_type": object_type, "object_id": object_id, "action": action, "actor": actor}
    with request.app.state.store.session() as s:
        total = repos.count_audit(s, **chosen)
        entries = (  # an offset past the end never reaches the database (any size is fine)
            repos.list_audit(s, **chosen, limit=limit, offset=offset, newest_first=True)
            if offset < total
            else []
        )
    more = offset + len(entries) < total
    return {
        "ok": True,
        "entries": entries,
        "total": total,
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if more and entries else None,
    }


@router.get(
    "/audit/verify", response_model=AuditVerifyOut, dependencies=[allow(REVIEW | {"analyst"})]
)
def audit_verify(request: Request, expect_head: str | None = None) -> dict[str, Any]:
    with request.app.state.store.session() as s:
        result = repos.verify_audit(s, expect_head)
    return {"ok": True, "verification": result.as_dict()}
