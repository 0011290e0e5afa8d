"""The copy-quality gate, beside compliance: is this draft something the brand would send to
this segment on this channel? Findings read like compliance findings (rule ids ``copy.*``):

- ``copy.other_segment`` (block): another segment's identity words (种植户 wording to 养殖户).
- ``copy.ineligible_offer`` (block): an offer, its wording or its figures to a segment that does
  not qualify.
- ``copy.cta_channel`` (block): an action the channel does not allow (点击 on a phone call,
  收藏 in an SMS, a link where the brand has none).
- ``copy.product_missing``, ``copy.cta_missing``, ``copy.structure`` (review): the product not
  named, no action the reader can take, the channel's shape not met (小红书 body length and
  tags, a call's permission question and objection turns, a video's shots, SMS parts).
- ``copy.repeated`` (review): the same fact twice in one draft (最高30万元 in title and subline).
- ``copy.near_duplicate`` (review): a variant that says what a sibling already says.
- ``copy.offer_missing`` (review): a segment that qualifies for an offer is quoted the
  standard figure the offer improves on (年化利率3.6%起 to 养殖户·有优惠) without the offer.
- ``copy.not_addressed`` (review on SMS and 小红书, warn elsewhere): the segment's own identity
  not named.

It runs on every draft from every backend (``services.campaigns.check_drafts``) and inside the
``compose`` loop, where a failed gate repairs or drops the draft. This module holds the gate
(:func:`copy_findings`), the segment, offer and repetition rules, the near-duplicate check and
the merge into a compliance report; the channel's actions and shape (``copy.cta_channel``,
``copy.cta_missing``, ``copy.structure``) are checked in :mod:`huashu.generate.copy_channel`.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping, Sequence

from huashu.compliance import Checker
from huashu.domain import (
    BrandPack,
    ComplianceReport,
    Creative,
    Finding,
    Offer,
    Segment,
    Severity,
)
from huashu.generate.copy_channel import _actions, _structure, finding, spans
from huashu.generate.quality import DUPLICATE_THRESHOLD, similarity

RULE_PACK = "copy/1"
_NAMESPACE = uuid.UUID("0b1f6a52-5c1e-4f4e-8a4c-1e8f3f0c9d17")


def copy_findings(
    fields: Mapping[str, str], channel: str, pack: BrandPack, segment: Segment | None
) -> list[Finding]:
    """Every copy-quality finding of one draft's ``fields``."""
    out: list[Finding] = []
    if segment is not None:
        out += _other_segment(fields, pack, segment, channel)
        out += _offers(fields, pack, segment)
    out += _actions(fields, channel)
    out += _structure(fields, channel)
    out += _repeated(fields, pack, channel)
    if pack.product is not None and not any(pack.product.name in v for v in fields.values()):
        first = next(iter(fields), "")
        out.append(
            finding(
                "copy.product_missing",
                Severity.REVIEW,
                first,
                0,
                "",
                f"没有点名产品“{pack.product.name}”：读者不知道这是什么{pack.product.kind}",
                f"the product {pack.product.name} is not named",
                f"写明“{pack.product.name}”",
            )
        )
    return out


#: channels long enough that a draft must name its reader (a card title may not have room)
_ADDRESS_CHANNELS = ("sms", "xiaohongshu")


def _other_segment(
    fields: Mapping[str, str], pack: BrandPack, segment: Segment, channel: str
) -> list[Finding]:
    out: list[Finding] = []
    for d in pack.dimensions:
        own_label = segment.labels.get(d.name)
        if own_label is None:
            continue
        own = next((v for v in d.values if v.label == own_label), None)
        own_words = own.words if own else ()
        addressed = not own_words
        for name, text in fields.items():
            covered = {i for w in own_words for s in spans(text, w) for i in range(s, s + len(w))}
            # tags the channel adds (#学生党护肤) do not address the reader; the copy must
            prose = "\n".join(line for line in text.split("\n") if not line.startswith("#"))
            addressed = addressed or any(w in prose for w in own_words)
            for v in d.values:
                if v.label == own_label:
                    continue
                for word in v.words:
                    if word in own_words:
                        continue
                    for start in spans(text, word):
                        if covered & set(range(start, start + len(word))):
                            continue
                        out.append(
                            finding(
                                "copy.other_segment",
                                Severity.BLOCK,
                                name,
                                start,
                                word,
                                f"“{word}”是{v.label}的说法，这条写给{own_label}",
                                f"'{word}' addresses {v.label}; this draft is for {own_label}",
                                f"换成{own_label}自己的说法",
                            )
                        )
        if not addressed and fields:
            out.append(
                finding(
                    "copy.not_addressed",
                    Severity.REVIEW if channel in _ADDRESS_CHANNELS else Severity.WARN,
                    next(iter(fields)),
                    0,
                    "",
                    f"没有用{own_label}自己的说法称呼读者",
                    f"the draft does not address {own_label} by its own words",
                )
            )
    return out


def _offers(fields: Mapping[str, str], pack: BrandPack, segment: Segment) -> list[Finding]:
    out: list[Finding] = []
    for offer in pack.offers:
        if offer.eligible(dict(segment.rule)):
            out += _offer_missing(fields, pack, offer)
            continue
        words = [*offer.mentions(), *(pack.fact(k).value for k in offer.facts)]
        for name, text in fields.items():
            for word in sorted(set(words), key=len, reverse=True):
                for start in spans(text, word):
                    out.append(
                        finding(
                            "copy.ineligible_offer",
                            Severity.BLOCK,
                            name,
                            start,
                            word,
                            f"{segment.name}不符合“{offer.name}”条件，不能对其说“{word}”",
                            f"{segment.name} does not qualify for {offer.key}; '{word}' states it",
                            "只讲标准条件",
                        )
                    )
    return out


def _repeated(fields: Mapping[str, str], pack: BrandPack, channel: str) -> list[Finding]:
    """A fact stated twice in one draft wastes the reader's attention (a call script repeats
    on purpose when the customer asks, so its objection turns are not counted)."""
    out: list[Finding] = []
    counted = {k: v for k, v in fields.items() if not k.startswith("objection_")}
    text = "\n".join(counted.values())
    values = [f.value for f in pack.facts]
    if pack.product is not None and channel in ("home_card", "dsp"):
        # a card has room for one mention: the product twice in title and subline is waste
        values.append(pack.product.name)
        counted = {k: v for k, v in counted.items() if k != "cta"}
        text = "\n".join(counted.values())
    for value in values:
        if text.count(value) < 2:
            continue
        field_ = [k for k, v in counted.items() if value in v][-1]
        start = counted[field_].rfind(value)
        out.append(
            finding(
                "copy.repeated",
                Severity.REVIEW,
                field_,
                start,
                value,
                f"“{value}”在这条里说了两遍",
                f"'{value}' is stated twice",
                "删去重复的一处",
            )
        )
    return out


def _offer_missing(fields: Mapping[str, str], pack: BrandPack, offer: Offer) -> list[Finding]:
    """The standard figure an offer improves on (年化利率 for 优惠后年化利率: the fact whose
    label ends the offer fact's label) quoted to a segment that qualifies, in a part that does
    not state the offer (a call's message at 3.6% while its objection turn says 3.3%)."""
    if not offer.facts:
        return []
    labels = [pack.fact(k).label for k in offer.facts]
    standard = [
        f
        for f in pack.facts
        if f.key not in offer.facts
        and any(lab != f.label and lab.endswith(f.label) for lab in labels)
    ]
    told = (*offer.mentions(), *(pack.fact(k).value for k in offer.facts))
    out: list[Finding] = []
    for name, value in fields.items():
        if any(w in value for w in told):
            continue
        for fact in standard:
            at = value.find(fact.value)
            if at >= 0:
                out.append(
                    finding(
                        "copy.offer_missing",
                        Severity.REVIEW,
                        name,
                        at,
                        fact.value,
                        f"读者符合“{offer.name}”，这里却只报了标准的{fact.text}",
                        f"the segment qualifies for {offer.key} but is quoted the standard rate",
                        f"写明{offer.name}",
                    )
                )
    return out


def duplicate_findings(
    creatives: Sequence[Creative], threshold: float = DUPLICATE_THRESHOLD
) -> dict[str, list[Finding]]:
    """Creative id -> a ``copy.near_duplicate`` finding for each variant that says what an
    earlier sibling of the same segment and channel already says."""
    out: dict[str, list[Finding]] = {}
    kept: dict[tuple[str, str], list[Creative]] = {}
    for c in creatives:
        group = kept.setdefault((c.segment_key, str(c.channel)), [])
        twin = next((k for k in group if similarity(k.text, c.text) >= threshold), None)
        if twin is not None:
            out[c.id] = [
                finding(
                    "copy.near_duplicate",
                    Severity.REVIEW,
                    next(iter(c.fields), ""),
                    0,
                    "",
                    f"与同组另一条素材（{twin.id[:8]}）几乎相同",
                    f"near-duplicate of {twin.id}",
                )
            ]
        else:
            group.append(c)
    return out


def review(
    checker: Checker,
    pack: BrandPack,
    drafts: Sequence[Creative],
    segments: Mapping[str, Segment],
) -> dict[str, ComplianceReport]:
    """Each draft's report: compliance plus the copy gate (its segment from ``segments`` by
    key) and near-duplicates among the drafts of one segment and channel."""
    twins = duplicate_findings(drafts)
    reports: dict[str, ComplianceReport] = {}
    for draft in drafts:
        report = checker.check(draft, pack)
        findings = copy_findings(
            draft.fields, str(draft.channel), pack, segments.get(draft.segment_key)
        )
        reports[draft.id] = with_copy_findings(report, [*findings, *twins.get(draft.id, [])])
    return reports


def with_copy_findings(report: ComplianceReport, findings: Sequence[Finding]) -> ComplianceReport:
    """``report`` plus the copy gate's ``findings``: verdict recomputed, id derived from both."""
    if not findings:
        return report
    merged = (*report.findings, *findings)
    digest = hashlib.sha256("\x1f".join(f.model_dump_json() for f in findings).encode()).hexdigest()
    return ComplianceReport(
        id=str(uuid.uuid5(_NAMESPACE, f"{report.id}:{digest}")),
        creative_id=report.creative_id,
        verdict=ComplianceReport.verdict_of(merged),
        findings=merged,
        rule_packs=(*report.rule_packs, RULE_PACK),
    )


def failing(findings: Sequence[Finding]) -> list[Finding]:
    """The findings that fail the gate (block or review; warnings do not)."""
    return [f for f in findings if f.severity != Severity.WARN]
