"""Emergency take-down (应急响应): stop serving creatives by id, term, regex, campaign or brand.

Affected creatives are those of the scope that are still servable or paused (``approved``,
``scheduled``, ``live``, ``paused``); each moves to ``taken_down`` in the caller's transaction.
The decide path re-reads its take-down list every 0.5 s (:class:`TakedownCache`), so they stop
being served within a second of the commit. Channel tasks that hold them are told through the
outbox (``task.cancel``): a task left with no creative is cancelled (``"scope": "task"``);
otherwise it keeps its status, loses the removed ids and the message says ``"scope":
"creatives"``, naming them in ``removed_creative_ids``. Matching creatives still in review
(``pending_review``) are rejected with the take-down's reason (``scope.in_review``), and while
a term or regex take-down is open no copy it matches can be approved
(:func:`refuse_taken_down`). One incident records what was hit.

Terms match after the compliance normaliser (full-width, traditional, spaced or
symbol-split variants of the term match too). Regexes run on each field as written and on its
normalised form, on RE2 (google-re2): matching takes time linear in the text whatever the
pattern, so no pattern can make a take-down hang; patterns are limited to 200 characters, and
RE2 refuses back-references and look-around.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from sqlalchemy import select
from sqlalchemy.orm import Session

from huashu.domain import InputError, NotFound
from huashu.store import repos
from huashu.store.brands import brand_row
from huashu.store.campaigns import campaign_row
from huashu.store.creatives import creative_row
from huashu.store.models import CampaignRow, ChannelTaskRow, CreativeRow, new_id, utcnow
from huashu.store.models_workflow import IncidentKind, IncidentRow
from huashu.workflow.outbox import enqueue_task_event
from huashu.workflow.patterns import MAX_PATTERN as MAX_PATTERN
from huashu.workflow.patterns import check_regex as check_regex
from huashu.workflow.patterns import copy_matcher
from huashu.workflow.repeats import refuse_repeat
from huashu.workflow.states import allowed, transition
from huashu.workflow.takedown_review import refuse_taken_down as refuse_taken_down
from huashu.workflow.takedown_review import standing_takedown as standing_takedown
from huashu.workflow.takedown_review import stop_review

By = Literal["creative", "term", "regex", "campaign", "brand"]
BY: tuple[str, ...] = get_args(By)
#: creative statuses a take-down moves to ``taken_down``.
AFFECTED_STATUSES: tuple[str, ...] = ("approved", "scheduled", "live", "paused")
_BY_ZH = {"creative": "素材", "term": "词语", "regex": "正则", "campaign": "活动", "brand": "品牌"}


@dataclass
class _Plan:
    by: str
    value: str
    brand_id: str | None
    creatives: list[CreativeRow] = field(default_factory=list)
    campaigns: list[CampaignRow] = field(default_factory=list)
    #: matching creatives still in review: rejected, so they cannot be approved and served.
    in_review: list[CreativeRow] = field(default_factory=list)


def _candidates(
    session: Session,
    brand_id: str | None,
    campaign_id: str | None = None,
    statuses: tuple[str, ...] = AFFECTED_STATUSES,
) -> list[CreativeRow]:
    """Creatives in ``statuses``, locked ``FOR UPDATE`` on PostgreSQL: a simultaneous second
    take-down waits, then no longer finds the ones the first took down."""
    query = (
        select(CreativeRow)
        .where(CreativeRow.status.in_(statuses))
        .order_by(CreativeRow.created_at, CreativeRow.id)
        .with_for_update()
    )
    if brand_id is not None:
        query = query.where(CreativeRow.brand_id == brand_id)
    if campaign_id is not None:
        query = query.where(CreativeRow.campaign_id == campaign_id)
    return list(session.scalars(query))


def _plan(session: Session, by: str, value: str, brand_id: str | None) -> _Plan:
    if by not in BY:
        raise InputError(
            f"unknown take-down scope {by!r}; expected one of {', '.join(BY)}",
            message_zh=f"未知下架范围 {by}，可选：{'、'.join(_BY_ZH[b] for b in BY)}",
            code="invalid_scope",
            details={"by": by, "allowed": list(BY)},
        )
    if brand_id is not None:
        brand_row(session, brand_id)
    plan = _Plan(by, value, brand_id)
    review = ("pending_review",)
    if by == "creative":
        row = session.get(CreativeRow, value, with_for_update=True, populate_existing=True)
        row = row if row is not None else creative_row(session, value)  # not_found
        plan.brand_id = row.brand_id
        plan.creatives = [row] if row.status in AFFECTED_STATUSES else []
        plan.in_review = [row] if row.status in review else []
    elif by == "campaign":
        campaign = campaign_row(session, value, lock=True)
        plan.brand_id = campaign.brand_id
        plan.campaigns = [campaign]
        plan.creatives = _candidates(session, None, value)
        plan.in_review = _candidates(session, None, value, review)
    elif by == "brand":
        brand_row(session, value)
        plan.brand_id = value
        plan.campaigns = list(
            session.scalars(
                select(CampaignRow).where(CampaignRow.brand_id == value).order_by(CampaignRow.id)
            )
        )
        plan.creatives = _candidates(session, value)
        plan.in_review = _candidates(session, value, None, review)
    else:
        matches = copy_matcher(by, value)
        plan.creatives = [c for c in _candidates(session, brand_id) if matches(c.fields)]
        plan.in_review = [
            c for c in _candidates(session, brand_id, None, review) if matches(c.fields)
        ]
    plan.campaigns = [c for c in plan.campaigns if allowed("campaign", c.status, "taken_down")]
    return plan


def _open_tasks(session: Session, creative_ids: Iterable[str]) -> list[ChannelTaskRow]:
    gone = set(creative_ids)
    tasks = session.scalars(
        select(ChannelTaskRow)
        .where(ChannelTaskRow.status.not_in(("cancelled", "done")))
        .order_by(ChannelTaskRow.id)
    )
    return [t for t in tasks if gone & set(t.creative_ids)]


def incident_view(row: IncidentRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "kind": row.kind,
        "brand_id": row.brand_id,
        "scope": row.scope,
        "reason": row.reason,
        "affected": list(row.affected),
        "status": row.status,
        "created_by": row.created_by,
        "created_at": row.created_at.isoformat(),
        "closed_by": row.closed_by,
        "closed_at": row.closed_at.isoformat() if row.closed_at else None,
    }


def take_down(
    session: Session,
    *,
    by: str,
    value: str,
    actor: str,
    reason: str,
    brand_id: str | None = None,
    dry_run: bool = False,
    incident_kind: IncidentKind = "takedown",
    allow_empty: bool = False,
) -> dict[str, Any]:
    """Take down what ``by``/``value`` names and open an incident; return its summary.

    ``brand_id`` narrows a term or regex take-down to one brand. With ``dry_run`` nothing is
    written and the summary (``"dry_run": true``, no ``id``) lists what would be hit. Nothing
    to take down raises ``nothing_matched`` unless ``dry_run`` or ``allow_empty`` (a failed
    audit still opens its incident when the creative was already gone).
    """
    if not reason.strip():
        raise InputError(
            "a take-down needs a reason",
            message_zh="请填写下架原因",
            code="missing_reason",
        )
    plan = _plan(session, by, value, brand_id)
    affected = [c.id for c in plan.creatives]
    tasks = _open_tasks(session, affected)
    scope: dict[str, Any] = {
        "by": by,
        "value": value,
        "brand_id": brand_id,
        "campaigns": [c.id for c in plan.campaigns],
        "tasks_cancelled": [t.id for t in tasks if not set(t.creative_ids) - set(affected)],
        "tasks_updated": [t.id for t in tasks if set(t.creative_ids) - set(affected)],
        "in_review": [c.id for c in plan.in_review],
    }
    if dry_run:
        return {
            "dry_run": True,
            "kind": incident_kind,
            "brand_id": plan.brand_id,
            "scope": scope,
            "reason": reason,
            "affected": affected,
        }
    if not affected and not plan.campaigns and not plan.in_review and not allow_empty:
        refuse_repeat(session, by, value, brand_id)
        raise InputError(
            f"nothing servable matches {by} {value!r}",
            message_zh=f"按{_BY_ZH.get(by, by)}“{value}”没有找到可下架的在投素材",
            code="nothing_matched",
            details={"by": by, "value": value, "brand_id": brand_id},
        )
    incident = IncidentRow(
        id=new_id("inc"),
        kind=incident_kind,
        brand_id=plan.brand_id,
        scope=scope,
        reason=reason,
        affected=affected,
        status="open",
        created_by=actor,
    )
    session.add(incident)
    session.flush()
    note: dict[str, object] = {"incident_id": incident.id}
    for creative in plan.creatives:
        transition(
            session, "creative", creative.id, "taken_down", actor=actor, reason=reason, detail=note
        )
    for campaign in plan.campaigns:
        transition(
            session, "campaign", campaign.id, "taken_down", actor=actor, reason=reason, detail=note
        )
    stop_review(session, [c.id for c in plan.in_review], actor=actor, reason=reason, note=note)
    outbox: list[int] = []
    for task in tasks:
        removed = sorted(set(task.creative_ids) & set(affected))
        remaining = [c for c in task.creative_ids if c not in removed]
        task.creative_ids = remaining
        if not remaining:
            task.status = "cancelled"
        session.flush()
        brand = campaign_row(session, task.campaign_id).brand_id
        detail = {
            "scope": "creatives" if remaining else "task",
            "removed_creative_ids": removed,
            "reason": reason,
            "incident_id": incident.id,
        }
        outbox += enqueue_task_event(session, task, brand, "task.cancel", detail)
    repos.audit(
        session,
        actor,
        "incident.open",
        "incident",
        incident.id,
        {"kind": incident_kind, "scope": scope, "affected": affected, "reason": reason},
    )
    return {**incident_view(incident), "dry_run": False, "outbox_ids": outbox}


def _incident_row(session: Session, incident_id: str) -> IncidentRow:
    row = session.get(IncidentRow, incident_id)
    if row is None:
        raise NotFound(
            f"incident {incident_id!r} not found",
            message_zh=f"事件 {incident_id} 不存在",
            code="not_found",
            details={"object_type": "incident", "id": incident_id},
        )
    return row


def get_incident(session: Session, incident_id: str) -> dict[str, Any]:
    return incident_view(_incident_row(session, incident_id))


def list_incidents(
    session: Session,
    *,
    status: str | None = None,
    kind: str | None = None,
    brand_id: str | None = None,
) -> list[dict[str, Any]]:
    """Incidents newest first, optionally filtered."""
    query = select(IncidentRow).order_by(IncidentRow.created_at.desc(), IncidentRow.id.desc())
    if status is not None:
        query = query.where(IncidentRow.status == status)
    if kind is not None:
        query = query.where(IncidentRow.kind == kind)
    if brand_id is not None:
        query = query.where(IncidentRow.brand_id == brand_id)
    return [incident_view(row) for row in session.scalars(query)]


def close_incident(
    session: Session, incident_id: str, *, actor: str, note: str = ""
) -> dict[str, Any]:
    """Close an open incident (audited). Closing restores nothing: taken-down copy stays down."""
    row = _incident_row(session, incident_id)
    if row.status != "open":
        raise InputError(
            f"incident {incident_id} is already {row.status}",
            message_zh=f"事件 {incident_id} 已关闭",
            code="invalid_state",
            details={"incident_id": incident_id, "status": row.status},
        )
    row.status = "closed"
    row.closed_by = actor
    row.closed_at = utcnow()
    session.flush()
    repos.audit(session, actor, "incident.close", "incident", incident_id, {"note": note})
    return incident_view(row)
