"""A second reading of a rule's block: copy that quotes a banned claim to warn against it.

A context rule (``Rule.context``) drops hits that are negated or quoted as a warning
(``context.py``), but fresh copy words its warnings in ways no pattern lists: on the 69th
development set, written after 68 rounds, 17 of 120 lawful texts were still blocked, nearly
all anti-fraud notices, explainers and hosts correcting a guest. The precedent model reads the
whole text; where it scores a creative well below anything that had to be blocked (under the
model's ``floor``, chosen by leave-one-set-out in ``scripts/build_precedents.py``), each block
by a context rule becomes a review: a person confirms the copy warns rather than claims.
Blocks by other rules (a missing opt-out, a signature, personal data) stand: how a text reads
does not change them.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from huashu.compliance.precedents import PrecedentModel, read_together, scorable
from huashu.domain import Finding, Severity


def softened(
    model: PrecedentModel,
    fields: Sequence[tuple[str, str]],
    findings: list[Finding],
    context_rules: Collection[str],
) -> list[Finding]:
    """``findings`` with each block by a rule in ``context_rules`` turned into a review when
    the creative's fields, read together, score under the model's floor."""
    if model.floor <= 0.0:
        return findings
    soft = [f.severity == Severity.BLOCK and f.rule_id in context_rules for f in findings]
    if not any(soft):
        return findings
    whole = read_together(fields)
    if not scorable(whole):
        return findings
    score = model.score(whole)
    if score >= model.floor:
        return findings
    return [_review(f, score) if s else f for f, s in zip(findings, soft, strict=True)]


def _review(f: Finding, score: float) -> Finding:
    return f.model_copy(
        update={
            "severity": Severity.REVIEW,
            "message_zh": (
                f"{f.message_zh}（判例模型评分 {score:.2f}：全文读来像合规的提醒、否定或科普，"
                "转人工复核）"
            ),
            "message_en": (
                f"{f.message_en} (precedent model score {score:.2f}: the copy as a whole reads "
                "like a lawful warning, negation or explainer; sent to review)"
            ),
            "suggestion_zh": "确认文中是在提醒、否定或引述而非宣称后可通过；若是宣称，请修改",
        }
    )
