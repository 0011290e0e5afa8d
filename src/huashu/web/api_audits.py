"""JSON API of the post-hoc sampling audit (后置抽样检查) and the per-brand workflow policy."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from huashu.services import audit, policies
from huashu.web.auth import Admin, Anyone, Reviewer
from huashu.web.backends import store_of
from huashu.web.schemas_emergency import PolicyEnvelope, SampleEnvelope, SamplesOut

router = APIRouter(tags=["audits"])


class SampleDecision(BaseModel):
    passed: bool
    note: str = Field(default="", max_length=2000)


class PolicyBody(BaseModel):
    """Fields left out keep their current value."""

    quorum: int | None = None
    auto_approve: bool | None = None
    sample_rates: dict[str, float] | None = None
    known_templates: list[str] | None = Field(default=None, max_length=200)


@router.get("/audit-samples", response_model=SamplesOut)
def samples(
    request: Request,
    who: Anyone,
    brand_id: str | None = None,
    status: Literal["pending", "passed", "failed"] | None = None,
) -> dict[str, Any]:
    found = audit.list_samples(store_of(request), brand_id=brand_id, status=status)
    return {"ok": True, "samples": found}


@router.post("/audit-samples/{sample_id}", response_model=SampleEnvelope)
def decide(request: Request, sample_id: str, body: SampleDecision, who: Reviewer) -> dict[str, Any]:
    """Pass or fail a sample; a failure takes the creative down and opens an incident."""
    sample = audit.decide_sample(store_of(request), sample_id, who.username, body.passed, body.note)
    return {"ok": True, "sample": sample}


@router.get("/policies/{brand_id}", response_model=PolicyEnvelope)
def policy(request: Request, brand_id: str, who: Anyone) -> dict[str, Any]:
    return {"ok": True, "policy": policies.get_policy(store_of(request), brand_id).as_dict()}


@router.put("/policies/{brand_id}", response_model=PolicyEnvelope)
def update_policy(request: Request, brand_id: str, body: PolicyBody, who: Admin) -> dict[str, Any]:
    updated = policies.set_policy(
        store_of(request),
        brand_id,
        actor=who.username,
        quorum=body.quorum,
        auto_approve=body.auto_approve,
        sample_rates=body.sample_rates,
        known_templates=body.known_templates,
    )
    return {"ok": True, "policy": updated.as_dict()}
