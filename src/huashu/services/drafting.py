"""The chat's drafting job: every cell (segment x channel) of a campaign's plan drafted in
turn (generated, checked, stored; an empty cell audited), the progress read back from the
store, and the stream of drafted cells a client follows. Run server-side by
:mod:`huashu.web.jobs`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from huashu.domain import BrandPack, InputError, Segment
from huashu.generate.base import Attempt
from huashu.generate.plan import ContentPlan
from huashu.learn import KnowledgeBase
from huashu.runtime import Runtime
from huashu.services.campaigns import check_drafts, draft_creatives
from huashu.services.chat import MAX_PER_CELL, _campaign_context, _rows, creative_cards
from huashu.services.knowledge import knowledge_for, latest_kb
from huashu.store import repos
from huashu.store.models import AuditRow, CreativeRow


@dataclass(frozen=True)
class Cell:
    segment: Segment
    channel: str


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
    with rt.store.session(read_only=True) as s:
        pack, segments, channels, content = _campaign_context(s, campaign_id)
    return pack, content, [Cell(seg, ch) for ch in channels for seg in segments]


def drafting_progress(rt: Runtime, campaign_id: str) -> tuple[int, int]:
    """(cells drafted, cells planned) of a campaign, read from the store."""
    _, _, cells = _plan_cells(rt, campaign_id)
    with rt.store.session(read_only=True) as s:
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
    kb: KnowledgeBase | None = None,
) -> int:
    """Generate and check ``n`` drafts of one cell and store them; a cell the generator gives
    nothing for is audited (:data:`CELL_EMPTY`) so that it counts as done. Returns how many.
    With ``kb`` (the brand's newest knowledge base) a segment it knows is drafted with its
    evidence, and each draft cites the snapshot."""
    attempts: list[Attempt] = []
    knowledge = knowledge_for(kb, [cell.segment.key])
    drafts = draft_creatives(
        rt,
        pack,
        campaign_id,
        [cell.segment],
        (cell.channel,),
        n=n,
        seed=seed,
        round_=0,
        knowledge=knowledge or None,
        kb_snapshot_id=kb.snapshot_id if kb is not None and knowledge else None,
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
    kb = latest_kb(rt, pack.id)
    for cell in cells:
        if stop is not None and stop():
            return
        with rt.store.session() as s:
            drafted = done_cells(s, campaign_id)
        if (cell.segment.key, cell.channel) not in drafted:
            draft_cell(rt, pack, content, campaign_id, cell, n, actor, seed, kb)
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
        with rt.store.session(read_only=True) as s:  # polled: never wait for the writer
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
