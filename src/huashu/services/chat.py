"""The operator's chat: a brief becomes a plan (segments x channels, sizes), drafts stream in
cell by cell (generated and checked), follow-up turns refine them ("短信再短一点"), and an
operator may edit a draft inline (re-checked, audited). Shared by the web pages and the API.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from huashu.audience import cross_segments
from huashu.audience.briefs import CHANNEL_WORDS
from huashu.channels import get_channel
from huashu.domain import BrandPack, Creative, InputError, Segment
from huashu.generate.base import Attempt
from huashu.generate.plan import ContentPlan, content_plan
from huashu.generate.refine import RefineRequest, Turn, refine
from huashu.images.presets import PRESETS
from huashu.runtime import Runtime
from huashu.services.campaigns import check_drafts, draft_creatives, plan_campaign
from huashu.store import repos
from huashu.store.campaigns import campaign_row
from huashu.store.creatives import creative_row
from huashu.store.models import AuditRow, ComplianceReportRow, CreativeRow
from huashu.workflow.states import transition

log = logging.getLogger("huashu.chat")
MAX_PER_CELL = 10
#: creatives the grid no longer shows (replaced by a refinement or retired).
HIDDEN = ("archived",)


@dataclass(frozen=True)
class Cell:
    segment: Segment
    channel: str


def users_frame(rt: Runtime, table: str = "users") -> pd.DataFrame | None:
    """The imported users (``huashu segments import``), to size segments; None when absent."""
    from huashu.audience.engine import table as engine_table

    with rt.events.exclusive():
        try:
            found = engine_table(rt.events.backend, table)
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


#: the audit action that records a cell the generator produced no draft for (still done).
CELL_EMPTY = "creatives.cell_empty"


def done_cells(s: Session, campaign_id: str) -> set[tuple[str, str]]:
    """The (segment key, channel) cells of a campaign that drafting has been through: those
    with any creative (refined or archived ones too) and those audited as empty."""
    drafted = s.execute(
        select(CreativeRow.segment_key, CreativeRow.channel)
        .where(CreativeRow.campaign_id == campaign_id)
        .distinct()
    )
    out = {(str(seg), str(ch)) for seg, ch in drafted}
    empty = s.scalars(
        select(AuditRow.detail).where(
            AuditRow.action == CELL_EMPTY,
            AuditRow.object_type == "campaign",
            AuditRow.object_id == campaign_id,
        )
    )
    out |= {(str(d.get("segment_key")), str(d.get("channel"))) for d in empty}
    return out


def _plan_cells(rt: Runtime, campaign_id: str) -> tuple[BrandPack, ContentPlan, list[Cell]]:
    with rt.store.session() as s:
        pack, segments, channels, content = _campaign_context(s, campaign_id)
    return pack, content, [Cell(seg, ch) for ch in channels for seg in segments]


def drafting_progress(rt: Runtime, campaign_id: str) -> tuple[int, int]:
    """(cells drafted, cells planned) of a campaign, read from the store."""
    _, _, cells = _plan_cells(rt, campaign_id)
    with rt.store.session() as s:
        drafted = done_cells(s, campaign_id)
    return sum((c.segment.key, c.channel) in drafted for c in cells), len(cells)


def draft_cell(
    rt: Runtime,
    pack: BrandPack,
    content: ContentPlan,
    campaign_id: str,
    cell: Cell,
    n: int,
    actor: str,
    seed: int = 0,
) -> int:
    """Generate and check ``n`` drafts of one cell and store them; a cell the generator gives
    nothing for is audited (:data:`CELL_EMPTY`) so that it counts as done. Returns how many."""
    attempts: list[Attempt] = []
    drafts = draft_creatives(
        rt,
        pack,
        campaign_id,
        [cell.segment],
        (cell.channel,),
        n=n,
        seed=seed,
        round_=0,
        plan=content,
        brief=content.brief,
        attempts=attempts,
    )
    check_drafts(
        rt,
        pack,
        campaign_id,
        drafts,
        actor,
        segments={cell.segment.key: cell.segment},
        attempts=attempts,
    )
    if not drafts:
        with rt.store.session() as s:
            detail = {"segment_key": cell.segment.key, "channel": cell.channel, "n": n}
            repos.audit(s, actor, CELL_EMPTY, "campaign", campaign_id, detail)
    return len(drafts)


def draft_pending(
    rt: Runtime,
    campaign_id: str,
    n: int,
    actor: str,
    seed: int = 0,
    stop: Callable[[], bool] | None = None,
) -> Iterator[tuple[int, int]]:
    """Draft every cell of the campaign not drafted yet (what a server-side job runs), yielding
    (cells done, cells planned) after each; ``stop`` is asked between cells."""
    if not 1 <= n <= MAX_PER_CELL:
        raise InputError(
            f"n must be 1..{MAX_PER_CELL}, got {n}",
            message_zh=f"每格条数应为 1 到 {MAX_PER_CELL}，收到 {n}",
            code="bad_count",
        )
    pack, content, cells = _plan_cells(rt, campaign_id)
    for cell in cells:
        if stop is not None and stop():
            return
        with rt.store.session() as s:
            drafted = done_cells(s, campaign_id)
        if (cell.segment.key, cell.channel) not in drafted:
            draft_cell(rt, pack, content, campaign_id, cell, n, actor, seed)
            drafted.add((cell.segment.key, cell.channel))
        yield sum((c.segment.key, c.channel) in drafted for c in cells), len(cells)


#: what :func:`stream_drafts` asks about the campaign's job: its state ("running", "done",
#: "failed", "stopped" or "idle" when there is none) and the error it failed with.
JobState = Callable[[], tuple[str, InputError | None]]


def stream_drafts(rt: Runtime, campaign_id: str, job: JobState) -> Iterator[dict[str, Any]]:
    """The progress of the campaign's drafting job, read from the store: ``plan``, one
    ``cell`` per segment x channel once it is drafted (cells drafted before are replayed at
    once, so a client that reconnects sees the grid), ``done``. While nothing new is stored
    it yields ``wait`` (the caller sleeps, then asks again). A job that stopped before every
    cell was drafted raises :class:`InputError`. Generation itself never runs here: a client
    that goes away stops only its own stream."""
    pack, _, cells = _plan_cells(rt, campaign_id)
    yield {"event": "plan", "cells": len(cells), "campaign_id": campaign_id}
    sent: set[tuple[str, str]] = set()
    while True:
        state, error = job()  # before reading the store: a finished job's cells are all there
        with rt.store.session() as s:
            drafted = done_cells(s, campaign_id)
            fresh = [
                c
                for c in cells
                if (c.segment.key, c.channel) in drafted and (c.segment.key, c.channel) not in sent
            ]
            events = []
            for cell in fresh:
                key = (cell.segment.key, cell.channel)
                sent.add(key)
                events.append(
                    {
                        "event": "cell",
                        "index": len(sent),
                        "cells": len(cells),
                        "segment_key": cell.segment.key,
                        "segment_name": cell.segment.name,
                        "channel": cell.channel,
                        "creatives": creative_cards(s, campaign_id, pack, cell=key),
                    }
                )
            total = len(_rows(s, campaign_id))
        yield from events
        if len(sent) == len(cells):
            yield {"event": "done", "campaign_id": campaign_id, "creatives": total}
            return
        if state != "running":
            if error is not None:
                raise error
            raise InputError(
                f"drafting of campaign {campaign_id} stopped at {len(sent)} of {len(cells)} "
                "cells; open the campaign again to resume",
                message_zh=(
                    f"生成已中断：已完成 {len(sent)} / {len(cells)} 格，重新打开本活动即可继续生成"
                ),
                code="drafting_stopped",
                details={"done": len(sent), "cells": len(cells)},
            )
        yield {"event": "wait", "done": len(sent), "cells": len(cells)}


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
    names = {seg.key: seg.name for seg in repos.get_segments(s, pack.id)}
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


def refine_campaign(rt: Runtime, campaign_id: str, instruction: str, actor: str) -> dict[str, Any]:
    """A follow-up turn: refine every draft of the channels the instruction names (all drafts
    when it names none); each refined creative is checked and replaces its draft, which is
    archived. The turns are stored in the campaign's conversation."""
    with rt.store.session() as s:
        pack, segments, _ = _context(s, campaign_id)
        by_key = {seg.key: seg for seg in segments}
        channels = _named_channels(instruction)
        drafts = [
            repos.get_creative(s, r.id)
            for r in _rows(s, campaign_id)
            if r.status == "draft" and (not channels or r.channel in channels)
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
            details={"channels": sorted(channels)},
        )
    made: list[Creative] = []
    replaced: dict[str, str] = {}
    lines: list[str] = []
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
        if new is None or new.id in known:
            lines.append(
                result.summary if new is None else f"{result.summary}（与已有素材相同，未替换）"
            )
            continue
        lines.append(result.summary)
        known.add(new.id)
        made.append(new)
        replaced[creative.id] = new.id
    # the conversation shows the operator's words once and one readable answer for the turn
    head = f"已修改 {len(replaced)}/{len(drafts)} 条" if replaced else "没有修改任何草稿"
    reply = f"{head}：" + "；".join(lines) + "。"
    turns: list[tuple[str, str, str | None]] = [
        ("operator", instruction, None),
        ("assistant", reply, None),
    ]
    batch = check_drafts(rt, pack, campaign_id, made, actor) if made else None
    with rt.store.session() as s:
        repos.save_turns(s, campaign_id, turns, actor)
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
        "reply": reply,
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
