"""Campaign actions: plan a brief into segments, draft creatives, check them and file them.

Each action that writes runs in one store transaction, so a failure leaves nothing half-written.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np
import pandas as pd

from huashu.audience import assign_segments, cross_segments, describe_segments, parse_brief
from huashu.channels import get_channel
from huashu.domain import BrandPack, Brief, ComplianceReport, Creative, InputError, Segment
from huashu.generate import GenerationRequest
from huashu.generate.base import Attempt
from huashu.generate.copycheck import review
from huashu.generate.plan import ContentPlan
from huashu.runtime import Runtime
from huashu.services import naming
from huashu.store import repos


@dataclass(frozen=True)
class Plan:
    """A filed campaign. ``segment_of_user`` holds each user's segment key ('' for none)."""

    campaign_id: str
    brief: Brief
    segments: tuple[Segment, ...]
    segment_of_user: np.ndarray | None = None


@dataclass
class DraftBatch:
    """Drafts of one round with their compliance reports."""

    creatives: list[Creative] = field(default_factory=list)
    reports: dict[str, ComplianceReport] = field(default_factory=dict)

    def by_verdict(self, verdict: str) -> list[Creative]:
        return [c for c in self.creatives if self.reports[c.id].verdict == verdict]


def plan_campaign(
    rt: Runtime,
    pack: BrandPack,
    pack_yaml: str,
    brief_text: str,
    operator: str,
    users: pd.DataFrame | None = None,
    *,
    id_seed: str | None = None,
) -> Plan:
    """Parse the brief, cross the pack's dimensions into segments (sized on ``users`` when
    given) and file the campaign (``id_seed``: a reproducible campaign id, see
    :func:`huashu.store.campaigns.create_campaign`)."""
    brief = parse_brief(brief_text, pack)
    segments = cross_segments(pack, brief.focus)
    if not segments:
        raise InputError(
            "the brief selects no segment",
            message_zh="需求没有选中任何人群",
            code="no_segments",
        )
    segment_of_user = None
    if users is not None:
        segment_of_user, sizes = assign_segments(pack, segments, users)
        segments = [s.model_copy(update={"size": sizes[s.key]}) for s in segments]
        with rt.events.exclusive():
            segments = describe_segments(rt.events.backend, pack, segments, users)
    with rt.store.session() as s:
        repos.save_brand(s, pack, pack_yaml)
        repos.save_segments(s, pack.id, segments)
        brief_id = repos.save_brief(s, brief, created_by=operator)
        taken = naming.brand_names(s, pack.id)
        name = naming.campaign_name(pack, brief, taken, datetime.now(UTC).date())
        campaign_id = repos.create_campaign(s, pack.id, brief_id, name, id_seed=id_seed)
        repos.audit(s, operator, "campaign.planned", "campaign", campaign_id, {"brief": brief.text})
    return Plan(
        campaign_id=campaign_id,
        brief=brief,
        segments=tuple(segments),
        segment_of_user=segment_of_user,
    )


def draft_creatives(
    rt: Runtime,
    pack: BrandPack,
    campaign_id: str,
    segments: tuple[Segment, ...] | list[Segment],
    channels: tuple[str, ...],
    *,
    n: int,
    seed: int,
    round_: int,
    knowledge: Mapping[str, Mapping[str, tuple[float, float]]] | None = None,
    kb_snapshot_id: str | None = None,
    exclude: frozenset[str] = frozenset(),
    plan: ContentPlan | None = None,
    brief: str | None = None,
    attempts: list[Attempt] | None = None,
) -> list[Creative]:
    """``n`` new drafts per segment x channel; ``knowledge`` maps segment key -> the knowledge
    base's posterior of each feature's effect (see :class:`GenerationRequest`); ``plan`` is
    the campaign's content plan. Each variant's way to a draft (first pass, repaired, dropped)
    is appended to ``attempts`` when given, for honest yields (:func:`check_drafts`)."""
    out: list[Creative] = []
    for channel_name in channels:
        channel = get_channel(channel_name)
        for segment in segments:
            request = GenerationRequest(
                pack=pack,
                segment=segment,
                channel=channel,
                n=n,
                seed=seed,
                campaign_id=campaign_id,
                round=round_,
                knowledge=(knowledge or {}).get(segment.key, {}),
                kb_snapshot_id=kb_snapshot_id,
                exclude=exclude,
                plan=plan,
                brief=brief,
            )
            run = getattr(rt.generator, "run", None)
            if run is None:
                out.extend(rt.generator.generate(request))
                continue
            result = run(request)
            out.extend(result.creatives)
            if attempts is not None:
                attempts.extend(result.attempts)
    return out


def review_drafts(
    rt: Runtime,
    pack: BrandPack,
    drafts: list[Creative],
    segments: Mapping[str, Segment] | None = None,
) -> dict[str, ComplianceReport]:
    """Each draft's report: compliance plus the copy-quality gate (another segment's words, an
    offer to a segment that does not qualify, the product, the channel's action and shape,
    near-duplicates among the drafts of one segment and channel)."""
    known = dict(segments or {})
    for seg in cross_segments(pack):
        known.setdefault(seg.key, seg)
    return review(rt.checker, pack, drafts, known)


def check_drafts(
    rt: Runtime,
    pack: BrandPack,
    campaign_id: str,
    drafts: list[Creative],
    actor: str,
    *,
    segments: Mapping[str, Segment] | None = None,
    attempts: list[Attempt] | None = None,
) -> DraftBatch:
    """Check every draft (compliance and the copy gate, :func:`review_drafts`), attach the
    report id to its provenance, and store both, with the batch's yield (良品率) per backend x
    channel. With the generator's ``attempts``, the yield is honest: variants attempted
    (dropped ones included), passed first time (no repair turn and a clean final report) and
    passed after repair."""
    batch = DraftBatch()
    reports = review_drafts(rt, pack, drafts, segments)
    for draft in drafts:
        report = reports[draft.id]
        provenance = draft.provenance.model_copy(update={"compliance_report_id": report.id})
        creative = draft.model_copy(update={"provenance": provenance})
        batch.creatives.append(creative)
        batch.reports[creative.id] = report
    way = {a.creative_id: a for a in attempts or () if a.creative_id}
    with rt.store.session() as s:
        for creative in batch.creatives:
            repos.save_creative(s, campaign_id, creative)
            repos.save_report(s, batch.reports[creative.id])
        groups: dict[tuple[str, str], list[Creative]] = {}
        for creative in batch.creatives:
            key = (creative.provenance.backend, str(creative.channel))
            groups.setdefault(key, []).append(creative)
        for (backend, channel), members in sorted(groups.items()):
            passed = [c for c in members if batch.reports[c.id].verdict == "pass"]
            first = [c for c in passed if c.id not in way or way[c.id].first_pass]
            tried = sum(a.channel == channel for a in attempts or ())
            repos.record_yield(
                s,
                campaign_id=campaign_id,
                backend=backend,
                channel=channel,
                attempts=max(tried, len(members)),
                first_pass=len(first),
                after_repair=len(passed),
            )
        repos.audit(
            s,
            actor,
            "creatives.drafted",
            "campaign",
            campaign_id,
            {"count": len(batch.creatives)},
        )
    return batch
