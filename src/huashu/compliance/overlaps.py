"""Findings that say the same as a stronger one of the same legal concept are dropped."""

from __future__ import annotations

from collections.abc import Mapping

from huashu.domain import Finding, Severity


def without_weaker(
    findings: list[Finding], concepts: Mapping[str, str], order: Mapping[str, int]
) -> list[Finding]:
    """Drop a finding that another of the same legal concept overlaps and says at least as
    strongly (全网最低价 is a block of ``absolute-claims``; its 最低 is not listed again for
    review, nor the same span twice by two rules). A sweep per field and concept."""
    groups: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        concept = concepts.get(f.rule_id, "")
        if concept and f.severity != Severity.WARN and f.end > f.start:
            groups.setdefault((f.field, concept), []).append(f)
    dropped: set[int] = set()
    for items in groups.values():
        if len(items) < 2 or len({f.rule_id for f in items}) < 2:
            continue
        items.sort(key=lambda f: (f.start, f.end))
        active: list[Finding] = []
        for f in items:
            active = [g for g in active if g.end > f.start and id(g) not in dropped]
            for g in active:
                if g.rule_id == f.rule_id:
                    continue
                if _says_more(g, f, order):
                    dropped.add(id(f))
                    break
                if _says_more(f, g, order):
                    dropped.add(id(g))
            if id(f) not in dropped:
                active.append(f)
    return [f for f in findings if id(f) not in dropped] if dropped else findings


_RANK = {Severity.WARN: 0, Severity.REVIEW: 1, Severity.BLOCK: 2}


def _says_more(g: Finding, f: Finding, order: Mapping[str, int]) -> bool:
    """``g`` says at least what ``f`` says: more severe, or as severe over more text, or the
    same of an earlier rule."""
    key_g = (_RANK[g.severity], g.end - g.start)
    key_f = (_RANK[f.severity], f.end - f.start)
    return key_g > key_f or (key_g == key_f and order[g.rule_id] < order[f.rule_id])
