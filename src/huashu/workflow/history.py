"""What reviewers decided on each creative and what changed in its copy since: the comment an
operator sees on a rejected creative (or on the draft rewritten from it), and the before/after
a reviewer sees when it is filed again.

Read from the approval items and the audit log: an inline edit keeps the fields before and
after it, a rewrite's archive entry names the creative that replaced it, a decision and a
filing are status moves whose reason is the approval id."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from huashu.store.models import ApprovalItemRow, ApprovalRow, AuditRow, CreativeRow
from huashu.store.models_workflow import ApprovalVoteRow
from huashu.workflow.duties import EDITED

DECIDED = ("creative.approved", "creative.rejected")
FILED = "creative.pending_review"
ARCHIVED = "creative.archived"
#: below this similarity a field reads better as all of the old text out, all of the new in.
REWRITTEN_RATIO = 0.35


@dataclass(frozen=True)
class _Entry:
    id: int
    action: str
    creative_id: str
    detail: dict[str, Any]


@dataclass
class _Trail:
    entries: list[_Entry] = field(default_factory=list)
    #: creative -> the creative it was rewritten from (a refinement replaced it).
    parent: dict[str, str] = field(default_factory=dict)

    def lineage(self, creative_id: str) -> list[str]:
        """The creative, then each one it was rewritten from, nearest first."""
        out = [creative_id]
        while out[-1] in self.parent and self.parent[out[-1]] not in out:
            out.append(self.parent[out[-1]])
        return out


def _trail(session: Session, ids: list[str]) -> _Trail:
    rows = session.execute(
        select(AuditRow.id, AuditRow.action, AuditRow.object_id, AuditRow.detail)
        .where(
            AuditRow.object_type == "creative",
            AuditRow.object_id.in_(ids),
            AuditRow.action.in_((EDITED, ARCHIVED, FILED, *DECIDED)),
        )
        .order_by(AuditRow.id)
    )
    trail = _Trail()
    for entry_id, action, object_id, detail in rows:
        entry = _Entry(entry_id, action, object_id, detail if isinstance(detail, dict) else {})
        trail.entries.append(entry)
        successor = entry.detail.get("replaced_by")
        if action == ARCHIVED and isinstance(successor, str):
            trail.parent[successor] = object_id
    return trail


def _reviews(session: Session, campaign_id: str) -> dict[str, list[dict[str, Any]]]:
    """Creative id -> its decided approval items, oldest first: decision, the comment (the
    item's, else the approval's), who decided it, and when."""
    rows = session.execute(
        select(ApprovalItemRow, ApprovalRow)
        .join(ApprovalRow, ApprovalRow.id == ApprovalItemRow.approval_id)
        .where(ApprovalRow.campaign_id == campaign_id, ApprovalItemRow.decision.is_not(None))
        .order_by(ApprovalRow.created_at, ApprovalRow.id)
    ).all()
    votes: dict[tuple[str, str], list[ApprovalVoteRow]] = {}
    for vote in session.scalars(
        select(ApprovalVoteRow)
        .where(ApprovalVoteRow.approval_id.in_({a.id for _, a in rows}))
        .order_by(ApprovalVoteRow.created_at)
    ):
        votes.setdefault((vote.approval_id, vote.creative_id), []).append(vote)
    out: dict[str, list[dict[str, Any]]] = {}
    for item, approval in rows:
        deciding = [
            v for v in votes.get((approval.id, item.creative_id), []) if v.decision == item.decision
        ]
        last = deciding[-1] if deciding else None
        when = last.created_at if last else approval.decided_at
        out.setdefault(item.creative_id, []).append(
            {
                "approval_id": approval.id,
                "decision": item.decision,
                "comment": item.comment or (last.comment if last else "") or approval.comment,
                "reviewer": last.reviewer if last else approval.decided_by or "",
                "at": when.isoformat() if when else None,
            }
        )
    return out


def _campaign_creatives(session: Session, campaign_id: str) -> dict[str, dict[str, str]]:
    rows = session.execute(
        select(CreativeRow.id, CreativeRow.fields).where(CreativeRow.campaign_id == campaign_id)
    )
    return {cid: dict(fields) for cid, fields in rows}


def last_reviews(session: Session, campaign_id: str) -> dict[str, dict[str, Any]]:
    """Creative id -> the latest decision on it or, for a creative rewritten from others, on
    the nearest one it descends from (``from`` names that creative when it is another)."""
    fields = _campaign_creatives(session, campaign_id)
    trail = _trail(session, list(fields))
    reviews = _reviews(session, campaign_id)
    out: dict[str, dict[str, Any]] = {}
    for cid in fields:
        for ancestor in trail.lineage(cid):
            if reviews.get(ancestor):
                out[cid] = {**reviews[ancestor][-1], "from": ancestor if ancestor != cid else None}
                break
    return out


def diff_text(before: str, after: str) -> list[dict[str, str]]:
    """``before`` -> ``after`` as parts ``{op: same|del|ins, text}``, character by character
    (Chinese has no spaces to split on); single unchanged characters between two changes are
    folded into them, and a field mostly rewritten reads as the old text out, the new in."""
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    if before and after and matcher.ratio() < REWRITTEN_RATIO:
        return [{"op": "del", "text": before}, {"op": "ins", "text": after}]
    out: list[dict[str, str]] = []
    gone, new = "", ""
    codes = matcher.get_opcodes()
    for n, (tag, i1, i2, j1, j2) in enumerate(codes):
        if tag == "equal":
            between = (gone or new) and n + 1 < len(codes) and i2 - i1 <= 1
            if between:
                gone, new = gone + before[i1:i2], new + after[j1:j2]
                continue
            out += [{"op": "del", "text": gone}] if gone else []
            out += [{"op": "ins", "text": new}] if new else []
            gone, new = "", ""
            out.append({"op": "same", "text": before[i1:i2]})
        else:
            gone, new = gone + before[i1:i2], new + after[j1:j2]
    out += [{"op": "del", "text": gone}] if gone else []
    out += [{"op": "ins", "text": new}] if new else []
    return out


def field_changes(before: dict[str, str], after: dict[str, str]) -> list[dict[str, Any]]:
    """The fields whose text differs, in the creative's order, each with its diff parts."""
    names = list(after) + [n for n in before if n not in after]
    return [
        {"name": name, "parts": diff_text(before.get(name, ""), after.get(name, ""))}
        for name in names
        if before.get(name, "") != after.get(name, "")
    ]


def _fields_at(trail: _Trail, creative_id: str, after_entry: int, now: dict[str, str]) -> Any:
    """The creative's fields right after audit entry ``after_entry``: what the first later
    edit found, else its fields now."""
    for entry in trail.entries:
        if entry.id > after_entry and entry.creative_id == creative_id and entry.action == EDITED:
            before = entry.detail.get("before")
            if isinstance(before, dict):
                return before
    return now


def changes_since_review(
    session: Session, approval_id: str, creative_ids: Iterable[str]
) -> dict[str, dict[str, Any]]:
    """For each creative of the approval that was decided before (itself, or one it was
    rewritten from) before this filing: that decision (``review``), the creative it was on
    (``from``, when another) and what changed in the copy since (``fields``; empty when the
    copy is the same)."""
    approval = session.get(ApprovalRow, approval_id)
    if approval is None:
        return {}
    fields = _campaign_creatives(session, approval.campaign_id)
    trail = _trail(session, list(fields))
    reviews = _reviews(session, approval.campaign_id)
    out: dict[str, dict[str, Any]] = {}
    for cid in creative_ids:
        kin = set(trail.lineage(cid))
        filed = [
            e.id
            for e in trail.entries
            if e.action == FILED and e.creative_id == cid and e.detail.get("reason") == approval_id
        ]
        until = filed[-1] if filed else math.inf
        decisions = [
            e
            for e in trail.entries
            if e.action in DECIDED and e.creative_id in kin and e.id < until
        ]
        if not decisions:
            continue
        decision = decisions[-1]
        decided = decision.creative_id
        earlier = reviews.get(decided, [])
        review = next(
            (r for r in earlier if r["approval_id"] == decision.detail.get("reason")),
            earlier[-1] if earlier else None,
        )
        before = _fields_at(trail, decided, decision.id, fields.get(decided, {}))
        out[cid] = {
            "review": review or {"decision": decision.action.removeprefix("creative.")},
            "from": decided if decided != cid else None,
            "fields": field_changes(dict(before), fields.get(cid, {})),
        }
    return out
