"""Response models of the compliance routes (:mod:`huashu.web.api_check`): a check's verdict
and findings (with the fixes applied) and the loaded rules."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from huashu.domain import Severity, Verdict
from huashu.web.schemas_common import Ok
from huashu.web.schemas_workflow import FindingOut


class IndustryChoice(BaseModel):
    """The industries whose rules ran, where that choice came from, and the words that
    suggested each inferred one."""

    industries: list[str]
    source: str
    cues: dict[str, list[str]]


class AppliedFix(BaseModel):
    rule_id: str
    field: str
    description_zh: str
    description_en: str


class CheckOut(Ok):
    channel: str
    brand_id: str
    industry: IndustryChoice
    rule_packs: list[str]
    fields: dict[str, str] | None = Field(
        default=None, description="With ``fix``: the fixed fields (absent otherwise)."
    )
    applied: list[AppliedFix] | None = Field(
        default=None, description="With ``fix``: the fixes applied (absent otherwise)."
    )
    verdict: Verdict
    findings: list[FindingOut]


class RuleOut(BaseModel):
    id: str
    basis: str
    severity: Severity
    channels: Literal["all"] | list[str]
    industries: Literal["all"] | list[str]
    kind: str
    message_zh: str


class RulesOut(Ok):
    rule_packs: list[str]
    channels: list[str]
    rules: list[RuleOut]
