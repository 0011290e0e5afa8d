"""The demo's compliance side: the reviewer who decides every filed batch, and every text the
composer can write that passes (the market oracle's candidates)."""

from __future__ import annotations

from collections.abc import Sequence

from huashu.channels import get_channel
from huashu.demo.figures import DemoResult
from huashu.domain import BrandPack, ComplianceReport, Creative, Segment, Verdict
from huashu.generate import all_compositions, compose_fields
from huashu.generate.copycheck import copy_findings, failing
from huashu.runtime import Runtime
from huashu.services import DraftBatch
from huashu.store import repos
from huashu.workflow import decide_approval, submit_for_approval


def compliant_texts(
    rt: Runtime, pack: BrandPack, channel: str, segments: Sequence[Segment]
) -> dict[str, list[str]]:
    """Per segment, every text the composer can write for it on ``channel`` that passes
    compliance and the copy-quality gate: the oracle's candidates for that segment."""
    spec = get_channel(channel)
    out: dict[str, list[str]] = {}
    for segment in segments:
        texts: set[str] = set()
        for combo in all_compositions(pack, spec, segment):
            fields = compose_fields(pack, spec, combo, segment)
            findings = rt.checker.check_fields(fields, channel, pack)
            findings += failing(copy_findings(fields, channel, pack, segment))
            if ComplianceReport.verdict_of(findings) == Verdict.PASS:
                texts.add("\n".join(v for v in fields.values() if v))
        out[segment.key] = sorted(texts)
    return out


def review(
    rt: Runtime,
    campaign_id: str,
    batch: DraftBatch,
    result: DemoResult,
    *,
    operator: str,
    reviewer: str,
) -> list[Creative]:
    """File the approval, then decide as the demo reviewer: pass -> approve; any `review`
    finding -> reject with the reason (absolute claims need evidence the demo cannot give)."""
    result.creatives.extend(batch.creatives)
    result.reports.update(batch.reports)
    filed = [c for c in batch.creatives if batch.reports[c.id].verdict != Verdict.BLOCK]
    if not filed:
        return []
    decisions: dict[str, str] = {}
    for c in filed:
        if batch.reports[c.id].verdict == Verdict.PASS:
            decisions[c.id] = "approved"
        else:
            decisions[c.id] = "rejected"
            rules = sorted({f.rule_id for f in batch.reports[c.id].findings})
            result.rejected[c.id] = "需人工核实：" + "、".join(rules)
    with rt.store.session() as s:
        repos.ensure_user(s, operator, "operator", "演示运营")
        repos.ensure_user(s, reviewer, "reviewer", "演示审核")
        approval_id = submit_for_approval(s, campaign_id, requested_by=operator)
        decide_approval(
            s,
            approval_id,
            reviewer,
            decisions=decisions,
            comment="演示审核：绝对化用语缺少依据的驳回",
        )
    approved = [c for c in filed if decisions[c.id] == "approved"]
    result.approved.update(c.id for c in approved)
    return approved
