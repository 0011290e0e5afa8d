"""The operator's chat: a brief becomes a plan (segments x channels, sizes), follow-up turns
refine the drafts ("短信再短一点"), an operator may edit a draft inline (re-checked, audited),
and the cards the grid, the review queue and the API show; what the chat pages read besides
(:func:`chat_home`, :func:`campaign_trail`, :func:`reviews_of`). The drafting job that fills
the plan cell by cell is in :mod:`huashu.services.drafting`. Shared by the web pages and the
API.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from huashu.audience import cross_segments
from huashu.audience.briefs import CHANNEL_WORDS
from huashu.channels import get_channel
from huashu.domain import BrandPack, Creative, InputError, Segment
from huashu.generate.plan import ContentPlan, content_plan
from huashu.generate.refine import RefineRequest, Turn, refine
from huashu.images.presets import PRESETS
from huashu.runtime import Runtime
from huashu.services.campaigns import check_drafts, plan_campaign
from huashu.services.preview import copy_version, sms_count
from huashu.store import Store, repos
from huashu.store.campaigns import campaign_row
from huashu.store.creatives import creative_row
from huashu.store.models import ComplianceReportRow, CreativeRow
from huashu.workflow.approvals import list_approvals
from huashu.workflow.history import last_reviews
from huashu.workflow.lifecycle import missing_targets
from huashu.workflow.states import transition

log = logging.getLogger("huashu.chat")
MAX_PER_CELL = 10
#: creatives the grid no longer shows (replaced by a refinement or retired).
HIDDEN = ("archived",)
#: creatives a follow-up turn rewrites: drafts, and rejected ones being fixed.
REFINABLE = ("draft", "rejected")


def users_frame(rt: Runtime, table: str = "users") -> pd.DataFrame | None:
    """The imported users (``huashu segments import``, the user table ``table`` of
    :mod:`huashu.audience.namespace`), to size segments; None when absent."""
    from huashu.audience.engine import table as engine_table
    from huashu.audience.namespace import user_table

    with rt.events.exclusive():
        try:
            found = engine_table(rt.events.backend, user_table(table))
        except InputError:
            return None
        frame: pd.DataFrame = found.to_pyarrow().to_pandas()
    return frame


def plan_brief(rt: Runtime, brand_id: str, text: str, n: int, operator: str) -> dict[str, Any]:
    """File the campaign of ``text`` and return its plan: segments (sized on the imported users
    when there are any) x the channels the brief names, ``n`` drafts per cell."""
    if not 1 <= n <= MAX_PER_CELL:
        raise InputError(
            f"n must be 1..{MAX_PER_CELL}, got {n}",
            message_zh=f"每格条数应为 1 到 {MAX_PER_CELL}，收到 {n}",
            code="bad_count",
        )
    with rt.store.session() as s:
        pack = repos.get_brand_pack(s, brand_id)
        pack_yaml = repos.get_brand_yaml(s, brand_id)
    users = users_frame(rt)
    try:
        plan = plan_campaign(rt, pack, pack_yaml, text, operator, users=users)
    except (KeyError, ValueError) as err:  # users without the pack's columns: plan unsized
        log.info("segments not sized on the imported users: %s", err)
        plan = plan_campaign(rt, pack, pack_yaml, text, operator)
    return plan_of(rt, plan.campaign_id, n)


def _context(s: Session, campaign_id: str) -> tuple[BrandPack, list[Segment], tuple[str, ...]]:
    pack, segments, channels, _ = _campaign_context(s, campaign_id)
    return pack, segments, channels


def _campaign_context(
    s: Session, campaign_id: str
) -> tuple[BrandPack, list[Segment], tuple[str, ...], ContentPlan]:
    """The campaign's pack, segments, channels and content plan (read from its brief)."""
    campaign = repos.get_campaign(s, campaign_id)
    pack = repos.get_brand_pack(s, campaign["brand_id"])
    brief_id = campaign_row(s, campaign_id).brief_id
    brief = repos.get_brief(s, brief_id) if brief_id else None
    focus = brief.focus if brief else ()
    channels = tuple(str(c) for c in (brief.channels if brief else pack.channels))
    sized = {seg.key: seg for seg in repos.get_segments(s, pack.id)}
    segments = [sized.get(seg.key, seg) for seg in cross_segments(pack, focus)]
    text = brief.text if brief else str(campaign["name"])
    plan = content_plan(pack, text, segments, channels)
    return pack, segments, channels, plan


def plan_of(rt: Runtime, campaign_id: str, n: int) -> dict[str, Any]:
    """The campaign's plan as the chat shows it: segments x channels, the content plan (and
    what of the brief it cannot honour), and which cells are drafted so far."""
    from huashu.services.drafting import done_cells  # drafting builds on this module

    with rt.store.session() as s:
        campaign = repos.get_campaign(s, campaign_id)
        pack, segments, channels, content = _campaign_context(s, campaign_id)
        brief_id = campaign_row(s, campaign_id).brief_id
        text = repos.get_brief(s, brief_id).text if brief_id else campaign["name"]
        drafted = done_cells(s, campaign_id)
    keys = [(g.key, ch) for ch in channels for g in segments]
    return {
        "campaign_id": campaign_id,
        "brand_id": pack.id,
        "brand_name": pack.brand.name,
        "brief": text,
        "status": campaign["status"],
        "channels": list(channels),
        "segments": [{"key": g.key, "name": g.name, "size": g.size} for g in segments],
        "n": n,
        "cells": len(keys),
        "cells_done": sum(k in drafted for k in keys),
        "done_cells": [f"{seg}|{ch}" for seg, ch in keys if (seg, ch) in drafted],
        "stream_url": f"/api/v1/briefs/{campaign_id}/stream?n={n}",
        "content_plan": content.as_dict(),
        "plan_lines": content.lines_zh(),
        "not_honoured": list(content.not_honoured),
    }


def _rows(s: Session, campaign_id: str) -> list[CreativeRow]:
    query = (
        select(CreativeRow)
        .where(CreativeRow.campaign_id == campaign_id, CreativeRow.status.not_in(HIDDEN))
        .order_by(CreativeRow.created_at, CreativeRow.id)
    )
    return list(s.scalars(query))


def facts_used(pack: BrandPack, text: str) -> list[dict[str, str]]:
    """The pack's facts whose value appears in ``text`` (what the copy claims, with source)."""
    return [
        {"key": f.key, "label": f.label, "value": f.value}
        for f in pack.facts
        if f.value and f.value in text
    ]


def marked(text: str, findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``text`` split into parts, each plain or covered by one finding (overlaps clipped): the
    template escapes every part, so highlighting never needs raw HTML."""
    parts: list[dict[str, Any]] = []
    at = 0
    for f in sorted(findings, key=lambda f: (int(f["start"]), -int(f["end"]))):
        start, end = max(int(f["start"]), at), min(int(f["end"]), len(text))
        if end <= start:
            continue
        if start > at:
            parts.append({"text": text[at:start], "finding": None})
        parts.append({"text": text[start:end], "finding": f})
        at = end
    if at < len(text):
        parts.append({"text": text[at:], "finding": None})
    return parts


def card(
    row: CreativeRow,
    report: ComplianceReportRow | None,
    pack: BrandPack,
    names: dict[str, str],
) -> dict[str, Any]:
    """A creative as the grid, the review queue and the API show it (``report``: its current
    compliance report row, findings as stored JSON)."""
    findings: list[dict[str, Any]] = list(report.findings) if report else []
    text = "\n".join(v for v in row.fields.values() if v)
    return {
        "id": row.id,
        "campaign_id": row.campaign_id,
        "segment_key": row.segment_key,
        "segment_name": names.get(row.segment_key, row.segment_key),
        "channel": row.channel,
        "status": row.status,
        "fields": dict(row.fields),
        "marked": {
            name: marked(value, [f for f in findings if f["field"] == name])
            for name, value in row.fields.items()
        },
        "verdict": report.verdict if report else None,
        "findings": findings,
        "facts": facts_used(pack, text),
        "banner": row.channel in PRESETS,
        # the copy's hash in the address: an edited creative's banner is never a cached one
        "banner_url": f"/api/v1/creatives/{row.id}/banner.png?v={copy_version(row.fields)}",
        "sms": sms_count(row.fields.get("text", "")) if row.channel == "sms" else None,
        "backend": row.provenance.get("backend", ""),
    }


def creative_cards(
    s: Session,
    campaign_id: str,
    pack: BrandPack,
    cell: tuple[str, str] | None = None,
    ids: list[str] | None = None,
) -> list[dict[str, Any]]:
    """Cards for a campaign's visible creatives (optionally one cell, or given ids), loaded in
    two queries whatever their number."""
    rows = _rows(s, campaign_id)
    if cell is not None:
        rows = [r for r in rows if (r.segment_key, r.channel) == cell]
    if ids is not None:
        wanted = set(ids)
        rows = [r for r in rows if r.id in wanted]
    report_ids = [r.provenance.get("compliance_report_id") for r in rows]
    found = {
        r.id: r
        for r in s.scalars(
            select(ComplianceReportRow).where(
                ComplianceReportRow.id.in_([i for i in report_ids if i])
            )
        )
    }
    # the pack's own segments are named even when no plan stored them (a later brief's)
    names = {seg.key: seg.name for seg in cross_segments(pack)}
    names.update({seg.key: seg.name for seg in repos.get_segments(s, pack.id)})
    out = []
    for row, rid in zip(rows, report_ids, strict=True):
        rep = found.get(rid) if rid else None
        out.append(card(row, rep if rep and rep.creative_id == row.id else None, pack, names))
    return out


def campaign_cards(rt: Runtime, campaign_id: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    with rt.store.session() as s:
        campaign = repos.get_campaign(s, campaign_id)
        pack = repos.get_brand_pack(s, campaign["brand_id"])
        return campaign, creative_cards(s, campaign_id, pack)


def _named_channels(instruction: str) -> set[str]:
    lowered = instruction.lower()
    return {ch for word, ch in CHANNEL_WORDS.items() if word in lowered}


def refine_campaign(
    rt: Runtime,
    campaign_id: str,
    instruction: str,
    actor: str,
    lang: str = "zh",
    creative_ids: Sequence[str] | None = None,
) -> dict[str, Any]:
    """A follow-up turn: refine every draft (and every rejected creative, to be fixed and filed
    again) of the channels the instruction names (all of them when it names none), or only
    ``creative_ids`` (a rejected card rewritten by its reviewer's comment); each refined
    creative is checked and replaces the one it came from, which is archived. The turns are
    stored in the campaign's conversation, the answer in Chinese and English; ``reply`` is the
    answer in ``lang``."""
    with rt.store.session() as s:
        pack, segments, _ = _context(s, campaign_id)
        by_key = {seg.key: seg for seg in segments}
        channels = set() if creative_ids is not None else _named_channels(instruction)
        chosen = set(creative_ids) if creative_ids is not None else None
        drafts = [
            repos.get_creative(s, r.id)
            for r in _rows(s, campaign_id)
            if r.status in REFINABLE
            and (not channels or r.channel in channels)
            and (chosen is None or r.id in chosen)
        ]
        history = tuple(
            Turn("operator" if t.role == "operator" else "assistant", t.content, t.creative_id)
            for t in repos.list_turns(s, campaign_id)
        )
        known = set(s.scalars(select(CreativeRow.id).where(CreativeRow.campaign_id == campaign_id)))
    if not drafts:
        raise InputError(
            "no draft creative to refine",
            message_zh="没有可修改的草稿素材",
            code="nothing_to_refine",
            details={"channels": sorted(channels), "creative_ids": sorted(chosen or ())},
        )
    made: list[Creative] = []
    replaced: dict[str, str] = {}
    lines: list[str] = []
    lines_en: list[str] = []
    for creative in drafts:
        segment = by_key.get(creative.segment_key)
        if segment is None:
            continue
        request = RefineRequest(
            pack=pack,
            segment=segment,
            channel=get_channel(str(creative.channel)),
            creative=creative,
            instruction=instruction,
            history=history,
            campaign_id=campaign_id,
            exclude=frozenset(known),
        )
        result = refine(rt.generator, request)
        new = result.creative
        summary_en = result.summary_en or result.summary
        if new is None or new.id in known:
            lines.append(
                result.summary if new is None else f"{result.summary}（与已有素材相同，未替换）"
            )
            lines_en.append(
                summary_en if new is None else f"{summary_en} (same as a creative already made)"
            )
            continue
        lines.append(result.summary)
        lines_en.append(summary_en)
        known.add(new.id)
        made.append(new)
        replaced[creative.id] = new.id
    # the conversation shows the operator's words once and one readable answer for the turn
    head = f"已修改 {len(replaced)}/{len(drafts)} 条" if replaced else "没有修改任何草稿"
    reply = f"{head}：" + "；".join(lines) + "。"
    head_en = f"Rewrote {len(replaced)} of {len(drafts)}" if replaced else "No draft was changed"
    reply_en = f"{head_en}: " + "; ".join(lines_en) + "."
    turns: list[tuple[str, str, str | None]] = [
        ("operator", instruction, None),
        ("assistant", reply, None),
    ]
    batch = check_drafts(rt, pack, campaign_id, made, actor) if made else None
    with rt.store.session() as s:
        repos.save_turns(s, campaign_id, turns, actor, english=[None, reply_en])
        for old, new_id in replaced.items():
            transition(
                s,
                "creative",
                old,
                "archived",
                actor=actor,
                reason=instruction,
                detail={"replaced_by": new_id},
            )
        ids = [c.id for c in batch.creatives] if batch else []
        cards = creative_cards(s, campaign_id, pack, ids=ids)
    return {
        "campaign_id": campaign_id,
        "instruction": instruction,
        "reply": reply_en if lang == "en" else reply,
        "replaced": replaced,
        "creatives": cards,
        "unchanged": len(drafts) - len(replaced),
    }


def edit_creative(
    rt: Runtime, creative_id: str, fields: dict[str, str], actor: str
) -> dict[str, Any]:
    """Replace a draft's (or rejected creative's) field texts, re-check it and audit the edit;
    a rejected creative goes back to draft."""
    with rt.store.session() as s:
        row = creative_row(s, creative_id)
        if row.status not in ("draft", "rejected"):
            raise InputError(
                f"creative {creative_id} is {row.status}; only drafts can be edited",
                message_zh=f"素材 {creative_id} 当前状态不可编辑，只有草稿或已驳回的素材可以编辑",
                code="invalid_state",
                details={"creative_id": creative_id, "status": row.status},
            )
        unknown = sorted(set(fields) - set(row.fields))
        if unknown:
            raise InputError(
                f"unknown fields {', '.join(unknown)}",
                message_zh=f"未知字段：{'、'.join(unknown)}",
                code="unknown_field",
                details={"fields": unknown, "allowed": list(row.fields)},
            )
        new_fields = {**row.fields, **fields}
        problems = get_channel(row.channel).problems(new_fields)
        if problems:
            raise InputError(
                "; ".join(problems),
                message_zh="字段长度或内容不符合渠道要求：" + "；".join(problems),
                code="channel_limits",
                details={"problems": problems},
            )
        pack = repos.get_brand_pack(s, row.brand_id)
        before = dict(row.fields)
        if row.status == "rejected":
            transition(s, "creative", creative_id, "draft", actor=actor, reason="edited")
        row.fields = new_fields
        s.flush()
        creative = repos.get_creative(s, creative_id)
        report = rt.checker.check(creative, pack)
        if s.get(ComplianceReportRow, report.id) is None:
            repos.save_report(s, report)
        else:
            row.provenance = {**row.provenance, "compliance_report_id": report.id}
        repos.audit(
            s,
            actor,
            "creative.edited",
            "creative",
            creative_id,
            {"before": before, "after": new_fields, "verdict": str(report.verdict)},
        )
        s.flush()
        return creative_cards(s, row.campaign_id, pack, ids=[creative_id])[0]


@dataclass(frozen=True)
class ChatHome:
    """The chat's start page, in one read: every brand, the ``limit`` newest campaigns and,
    of those, the channels no delivery target takes (campaign id -> channels; covered
    campaigns left out)."""

    brands: list[dict[str, Any]]
    campaigns: list[dict[str, Any]]
    missing_targets: dict[str, list[str]]


@dataclass(frozen=True)
class CampaignTrail:
    """What the campaign page shows besides its plan and cards, in one read: the refinement
    turns, the approvals (oldest first), the channels no delivery target takes, and each
    creative's last review (:func:`reviews_of`)."""

    turns: list[repos.StoredTurn]
    approvals: list[dict[str, Any]]
    missing_targets: list[str]
    reviews: dict[str, dict[str, Any]]


def chat_home(store: Store, limit: int = 20) -> ChatHome:
    with store.session() as s:
        brands = repos.list_brands(s)
        campaigns = repos.list_campaigns(s)[:limit]
        missing = missing_targets(s, [c["id"] for c in campaigns])
    return ChatHome(brands=brands, campaigns=campaigns, missing_targets=missing)


def campaign_trail(store: Store, campaign_id: str) -> CampaignTrail:
    with store.session() as s:
        turns = repos.list_turns(s, campaign_id)
        approvals = list_approvals(s, campaign_id)
        missing = missing_targets(s, [campaign_id]).get(campaign_id, [])
        reviews = last_reviews(s, campaign_id)
    return CampaignTrail(turns=turns, approvals=approvals, missing_targets=missing, reviews=reviews)


def reviews_of(store: Store, campaign_id: str) -> dict[str, dict[str, Any]]:
    """Creative id -> the latest decision on it or on the nearest creative it was rewritten
    from (:func:`huashu.workflow.history.last_reviews`)."""
    with store.session() as s:
        return last_reviews(s, campaign_id)
