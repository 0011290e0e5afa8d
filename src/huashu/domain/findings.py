"""Compliance findings and reports."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Severity(StrEnum):
    BLOCK = "block"
    REVIEW = "review"
    WARN = "warn"


class Verdict(StrEnum):
    PASS = "pass"
    REVIEW = "review"
    BLOCK = "block"


class Finding(BaseModel):
    """One rule hit, pointing at a span ``[start, end)`` of the original text of ``field``."""

    model_config = ConfigDict(frozen=True)

    rule_id: str
    severity: Severity
    basis: str
    field: str
    start: int
    end: int
    matched: str
    message_zh: str
    message_en: str
    suggestion_zh: str = ""


class ComplianceReport(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    creative_id: str
    verdict: Verdict
    findings: tuple[Finding, ...] = Field(default=())
    rule_packs: tuple[str, ...] = ()

    @staticmethod
    def verdict_of(findings: tuple[Finding, ...] | list[Finding]) -> Verdict:
        severities = {f.severity for f in findings}
        if Severity.BLOCK in severities:
            return Verdict.BLOCK
        if Severity.REVIEW in severities:
            return Verdict.REVIEW
        return Verdict.PASS
