"""JSON API of the workflow: campaigns and their creatives, filing and deciding approvals,
channel tasks, start/pause/resume/archive, and the audit log with its verification.

Each route hands its work to one service call (:mod:`huashu.services.lifecycle`,
:mod:`~huashu.services.approvals`, :mod:`~huashu.services.audit`); each change is one short
transaction run by ``Store.run``, so a busy or deadlocked store is retried rather than
answered 500; a second filing or decision of the same thing gets 409."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from huashu.services import approvals as approval_service
from huashu.services import audit, lifecycle
from huashu.services.audit import AUDIT_PAGE, AUDIT_PAGE_MAX, AuditFilter
from huashu.web.auth import ALL_ROLES, REVIEW, Anyone, Operator, Reviewer, allow
from huashu.web.backends import store_of
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


@router.get("/campaigns/{campaign_id}", response_model=CampaignDetailOut)
def campaign(request: Request, campaign_id: str, who: Anyone) -> dict[str, Any]:
    detail = lifecycle.campaign_detail(store_of(request), campaign_id)
    return {"ok": True, "campaign": detail.campaign, "creatives": detail.creatives}


class RenameBody(BaseModel):
    #: 1-40 characters once trimmed, no control characters (checked by the service, which
    #: says which rule a name breaks).
    name: str = Field(max_length=1000)


@router.patch("/campaigns/{campaign_id}", response_model=RenamedOut)
def rename(request: Request, campaign_id: str, body: RenameBody, who: Operator) -> dict[str, Any]:
    """Rename the campaign (audited); 422 ``campaign_name_empty``, ``campaign_name_too_long``
    or ``campaign_name_control_chars``, 409 ``campaign_name_taken`` for another campaign's."""
    done = lifecycle.rename(store_of(request), campaign_id, body.name, who.username)
    return {"ok": True, "campaign": done.campaign, "changed": done.changed}


@router.post("/campaigns/{campaign_id}/submit", response_model=SubmittedOut)
def submit(request: Request, campaign_id: str, who: Operator) -> dict[str, Any]:
    """File the campaign's checked drafts for review (one approval, reports attached).

    ``approval`` is null when the brand policy auto-approved every filed draft; 409 while an
    approval of the campaign is pending (a double click files once)."""
    filed = approval_service.submit(store_of(request), campaign_id, who.username)
    return {"ok": True, "approval": filed.approval, "campaign": filed.campaign}


@router.post("/campaigns/{campaign_id}/tasks", response_model=TasksOut)
def tasks(request: Request, campaign_id: str, body: TasksBody, who: Operator) -> dict[str, Any]:
    made = lifecycle.create_tasks(
        store_of(request),
        campaign_id,
        send_window=body.send_window,
        policy=body.policy,
        actor=who.username,
    )
    return {"ok": True, "tasks": made}


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
    done = lifecycle.act(
        store_of(request),
        campaign_id,
        action,
        actor=who.username,
        reason=body.reason if body else "",
        confirm=body.confirm if body else False,
    )
    return {
        "ok": True,
        "campaign": done.campaign,
        "changed": done.changed,
        "missing_targets": done.missing_targets,
    }


@router.get("/approvals", response_model=ApprovalsOut, dependencies=[allow(ALL_ROLES)])
def approvals(
    request: Request,
    campaign_id: str | None = None,
    status: Literal["pending", "approved", "rejected"] | None = None,
) -> dict[str, Any]:
    found = approval_service.list_approvals(store_of(request), campaign_id, status)
    return {"ok": True, "approvals": found}


@router.get(
    "/approvals/{approval_id}", response_model=ApprovalDetailOut, dependencies=[allow(ALL_ROLES)]
)
def approval(request: Request, approval_id: str) -> dict[str, Any]:
    """The approval with each creative's text, status and findings (grouped by severity)."""
    found = approval_service.approval_detail(store_of(request), approval_id)
    return {"ok": True, "approval": found}


@router.post("/approvals/{approval_id}/decide", response_model=ApprovalEnvelope)
def decide(request: Request, approval_id: str, body: DecideBody, who: Reviewer) -> dict[str, Any]:
    """One reviewer's vote; 403 for copy the reviewer filed, briefed or changed, 409 when the
    approval is already decided or the reviewer already voted."""
    result = approval_service.decide(
        store_of(request),
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


@router.get("/tasks", response_model=TasksOut, dependencies=[allow(ALL_ROLES)])
def channel_tasks(request: Request, campaign_id: str | None = None) -> dict[str, Any]:
    return {"ok": True, "tasks": lifecycle.list_tasks(store_of(request), campaign_id)}


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
    negative ``offset`` gets 422 ``bad_page``."""
    chosen = AuditFilter(object_type, object_id, action, actor)
    page = audit.audit_page(store_of(request), chosen, limit=limit, offset=offset)
    return {
        "ok": True,
        "entries": page.entries,
        "total": page.total,
        "limit": page.limit,
        "offset": page.offset,
        "next_offset": page.next_offset,
    }


@router.get(
    "/audit/verify", response_model=AuditVerifyOut, dependencies=[allow(REVIEW | {"analyst"})]
)
def audit_verify(request: Request, expect_head: str | None = None) -> dict[str, Any]:
    result = audit.verify_audit(store_of(request), expect_head)
    return {"ok": True, "verification": result.as_dict()}
