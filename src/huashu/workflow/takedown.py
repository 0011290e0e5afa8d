"""Emergency take-down (应急响应): stop serving creatives by id, term, regex, campaign or brand.

Affected creatives are those of the scope that are still servable or paused (``approved``,
``scheduled``, ``live``, ``paused``); each moves to ``taken_down`` in the caller's transaction.
The decide path re-reads its take-down list every 0.5 s (:class:`TakedownCache`), so they stop
being served within a second of the commit. Channel tasks that hold them are told through the
outbox (``task.cancel``): a task left with no creative is cancelled (``"scope": "task"``);
otherwise it keeps its status, loses the removed ids and the message says ``"scope":
"creatives"``, naming them in ``removed_creative_ids``. One incident records what was hit.

Terms match after the compliance normaliser (full-width, traditional, spaced or
symbol-split variants of the term match too). Regexes run on each field as written and on its
normalised form; to keep a take-down from hanging on catastrophic backtracking, patterns are
limited to 200 characters and may not repeat a group that itself repeats or alternates, nor
use back-references.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from sqlalchemy import select
from sqlalchemy.orm import Session

from huashu.compliance.normalize import Normalizer
from huashu.domain import InputError
from huashu.store import repos
from huashu.store.brands import brand_row
from huashu.store.campaigns import campaign_row
from huashu.store.creatives import creative_row
from huashu.store.models import CampaignRow, ChannelTaskRow, CreativeRow, new_id, utcnow
from huashu.store.models_workflow import IncidentKind, IncidentRow
from huashu.workflow.outbox import enqueue_task_event
from huashu.workflow.states import allowed, transition

By = Literal["creative", "term", "regex", "campaign", "brand"]
BY: tuple[str, ...] = get_args(By)
#: creative statuses a take-down moves to ``taken_down``.
AFFECTED_STATUSES: tuple[str, ...] = ("approved", "scheduled", "live", "paused")
MAX_PATTERN = 200
_BY_ZH = {"creative": "素材", "term": "词语", "regex": "正则", "campaign": "活动", "brand": "品牌"}


def _invalid_regex(pattern: str, why: str, why_zh: str) -> InputError:
    return InputError(
        f"invalid regex {pattern!r}: {why}",
        message_zh=f"正则表达式无效：{why_zh}",
        code="invalid_regex",
        details={"pattern": pattern, "reason": why},
    )


def _quantifier_at(pattern: str, i: int) -> tuple[bool, int] | None:
    """``(repeats, length)`` of a quantifier starting at ``pattern[i]``, or None."""
    ch = pattern[i] if i < len(pattern) else ""
    if ch in "*+":
        return True, 1
    if ch == "?":
        return False, 1
    if ch == "{":
        m = re.match(r"\{(\d*)(,?)(\d*)\}", pattern[i:])
        if m is None or not (m.group(1) or m.group(3)):
            return None
        top = int(m.group(3)) if m.group(3) else (None if m.group(2) else int(m.group(1)))
        return (top is None or top > 1), len(m.group(0))
    return None


def check_regex(pattern: str) -> re.Pattern[str]:
    """Compile a take-down pattern, refusing ones that could backtrack catastrophically."""
    if not pattern.strip():
        raise _invalid_regex(pattern, "empty pattern", "表达式为空")
    if len(pattern) > MAX_PATTERN:
        raise _invalid_regex(
            pattern, f"longer than {MAX_PATTERN} characters", f"长度超过 {MAX_PATTERN} 个字符"
        )
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise _invalid_regex(pattern, str(exc), f"语法错误（{exc}）") from None
    # groups: [repeats inside, alternates inside]; a repeated group may have neither.
    stack: list[list[bool]] = [[False, False]]
    i, closed = 0, None
    while i < len(pattern):
        ch = pattern[i]
        inner: list[bool] | None = closed
        closed = None
        if ch == "\\":
            if i + 1 < len(pattern) and (pattern[i + 1] in "123456789" or pattern[i + 1] == "g"):
                raise _invalid_regex(pattern, "back-references are not allowed", "不支持反向引用")
            i += 2
        elif ch == "[":
            j = i + 1 + (pattern[i + 1 : i + 2] == "^")
            j += pattern[j : j + 1] == "]"
            while j < len(pattern) and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            i = j + 1
        elif ch == "(":
            if pattern.startswith("(?P=", i):
                raise _invalid_regex(pattern, "back-references are not allowed", "不支持反向引用")
            stack.append([False, False])
            i += 1
        elif ch == ")":
            closed = stack.pop()
            stack[-1][0] |= closed[0]
            stack[-1][1] |= closed[1]
            i += 1
        elif ch == "|":
            stack[-1][1] = True
            i += 1
        elif (quant := _quantifier_at(pattern, i)) is not None:
            repeats, length = quant
            if repeats:
                if inner is not None and (inner[0] or inner[1]):
                    raise _invalid_regex(
                        pattern,
                        "a repeated group may not contain quantifiers or alternatives"
                        " (catastrophic backtracking)",
                        "重复的分组内不能再含量词或“|”（可能导致回溯失控）",
                    )
                stack[-1][0] = True
            i += length + (pattern[i + length : i + length + 1] in ("?", "+"))
        else:
            i += 1
    return compiled


@dataclass
class _Plan:
    by: str
    value: str
    brand_id: str | None
    creatives: list[CreativeRow] = field(default_factory=list)
    campaigns: list[CampaignRow] = field(default_factory=list)


def _candidates(
    session: Session, brand_id: str | None, campaign_id: str | None = None
) -> list[CreativeRow]:
    query = (
        select(CreativeRow)
        .where(CreativeRow.status.in_(AFFECTED_STATUSES))
        .order_by(CreativeRow.created_at, CreativeRow.id)
    )
    if brand_id is not None:
        query = query.where(CreativeRow.brand_id == brand_id)
    if campaign_id is not None:
        query = query.where(CreativeRow.campaign_id == campaign_id)
    return list(session.scalars(query))


def _term_matcher(term: str) -> tuple[Normalizer, str]:
    normalizer = Normalizer()
    needle = normalizer.normalize(term).bare.text
    if not needle:
        raise InputError(
            f"term {term!r} is empty after normalisation",
            message_zh=f"词语“{term}”规范化后为空，请输入有效的词语",
            code="invalid_term",
            details={"term": term},
        )
    return normalizer, needle


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
    if by == "creative":
        row = creative_row(session, value)
        plan.brand_id = row.brand_id
        plan.creatives = [row] if row.status in AFFECTED_STATUSES else []
    elif by == "campaign":
        campaign = campaign_row(session, value)
        plan.brand_id = campaign.brand_id
        plan.campaigns = [campaign]
        plan.creatives = _candidates(session, None, value)
    elif by == "brand":
        brand_row(session, value)
        plan.brand_id = value
        plan.campaigns = list(
            session.scalars(
                select(CampaignRow).where(CampaignRow.brand_id == value).order_by(CampaignRow.id)
            )
        )
        plan.creatives = _candidates(session, value)
    elif by == "term":
        normalizer, needle = _term_matcher(value)
        plan.creatives = [
            c
            for c in _candidates(session, brand_id)
            if any(needle in normalizer.normalize(v).bare.text for v in c.fields.values())
        ]
    else:
        pattern, normalizer = check_regex(value), Normalizer()
        plan.creatives = [
            c
            for c in _candidates(session, brand_id)
            if any(
                pattern.search(v) or pattern.search(normalizer.normalize(v).text)
                for v in c.fields.values()
            )
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
    if not affected and not plan.campaigns and not allow_empty:
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
        raise InputError(
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
