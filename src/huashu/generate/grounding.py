"""Grounding a draft: the channel's own validators plus the compliance engine (``Checker``,
whose ``fact.`` rules hold every number to the brand pack's facts), as one verdict and the
feedback a repair turn is given."""

from __future__ import annotations

from dataclasses import dataclass

from huashu.channels import ChannelSpec
from huashu.compliance import Checker
from huashu.domain import BrandPack, ComplianceReport, Creative, Finding, Severity, Verdict


@dataclass(frozen=True)
class Grounding:
    """``ok``: fits the channel and the compliance verdict is pass. ``usable``: fits the
    channel and nothing blocks (``review`` findings go to a human reviewer)."""

    problems: tuple[str, ...]
    report: ComplianceReport | None

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.report.findings if self.report else ()

    @property
    def ok(self) -> bool:
        return not self.problems and (self.report is None or self.report.verdict == Verdict.PASS)

    @property
    def usable(self) -> bool:
        return not self.problems and (self.report is None or self.report.verdict != Verdict.BLOCK)

    def feedback(self) -> list[str]:
        """One line per problem, for the model (or the operator) to fix."""
        lines = [f"[format] {p}" for p in self.problems]
        for f in self.findings:
            if f.severity == Severity.WARN:
                continue
            fix = f"；建议：{f.suggestion_zh}" if f.suggestion_zh else ""
            lines.append(f"[{f.rule_id}] {f.field}“{f.matched}”：{f.message_zh}{fix}")
        return lines


def ground(
    creative: Creative, pack: BrandPack, channel: ChannelSpec, checker: Checker | None
) -> Grounding:
    problems = tuple(channel.problems(creative.fields))
    report = checker.check(creative, pack) if checker is not None else None
    return Grounding(problems=problems, report=report)
