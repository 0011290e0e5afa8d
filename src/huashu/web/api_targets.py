"""Delivery targets and the outbox: admins manage targets (a webhook secret is shown once, at
creation or rotation) and revive dead messages; operators may read the outbox, without what a
target answered to a failed send (admins only see that)."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from huashu.services import targets
from huashu.web.auth import Admin, Operator
from huashu.web.backends import store_of
from huashu.web.schemas_delivery import MessageEnvelope, OutboxOut, TargetSavedOut, TargetsOut
from huashu.workflow.netguard import AddressGuard

router = APIRouter(tags=["delivery targets"])


class TargetBody(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    kind: Literal["webhook", "file"]
    address: str = Field(min_length=1, max_length=1000)
    channels: list[str] = Field(default_factory=list)
    brand_id: str | None = None
    #: webhooks only; generated (and returned once) when left out.
    secret: str | None = Field(default=None, max_length=200)


class TargetPatch(BaseModel):
    name: str | None = Field(default=None, max_length=200)
    address: str | None = Field(default=None, max_length=1000)
    channels: list[str] | None = None
    active: bool | None = None
    #: generate a new webhook secret (returned once).
    rotate_secret: bool = False
    secret: str | None = Field(default=None, max_length=200)


def _guard(request: Request) -> AddressGuard:
    return AddressGuard.from_settings(request.app.state.settings)


@router.get("/targets", response_model=TargetsOut)
def get_targets(request: Request, who: Admin) -> dict[str, Any]:
    return {"ok": True, "targets": targets.list_targets(store_of(request))}


@router.post("/targets", response_model=TargetSavedOut)
def post_target(request: Request, body: TargetBody, who: Admin) -> dict[str, Any]:
    saved = targets.create_target(
        store_of(request),
        name=body.name,
        kind=body.kind,
        address=body.address,
        channels=body.channels,
        brand_id=body.brand_id,
        secret=body.secret,
        actor=who.username,
        guard=_guard(request),
    )
    return {"ok": True, "target": saved.target, "secret": saved.secret}


@router.patch("/targets/{target_id}", response_model=TargetSavedOut)
def patch_target(request: Request, target_id: str, body: TargetPatch, who: Admin) -> dict[str, Any]:
    saved = targets.update_target(
        store_of(request),
        target_id,
        actor=who.username,
        name=body.name,
        address=body.address,
        channels=body.channels,
        active=body.active,
        rotate_secret=body.rotate_secret,
        secret=body.secret,
        guard=_guard(request),
    )
    return {"ok": True, "target": saved.target, "secret": saved.secret}


@router.get("/outbox", response_model=OutboxOut)
def get_outbox(
    request: Request,
    who: Operator,
    status: str | None = None,
    target_id: str | None = None,
    limit: int = Query(default=100, ge=1, le=1000),
) -> dict[str, Any]:
    rows = targets.list_outbox(
        store_of(request),
        status=status,
        target_id=target_id,
        limit=limit,
        full_errors=who.role == "admin",
    )
    return {"ok": True, "messages": rows}


@router.post("/outbox/{message_id}/retry", response_model=MessageEnvelope)
def post_retry(request: Request, message_id: int, who: Admin) -> dict[str, Any]:
    message = targets.retry_message(store_of(request), message_id, actor=who.username)
    return {"ok": True, "message": message}
