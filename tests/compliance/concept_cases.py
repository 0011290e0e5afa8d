"""What the per-round concept tests (``test_round_concepts.py`` over ``concepts_dev*.py``)
share: how a text is judged and which verdicts each expectation accepts."""

from __future__ import annotations

from huashu.compliance import Checker
from huashu.compliance.industry import choose_industries
from huashu.compliance.inputs import ANY_SIGNATURE, generic_brand
from huashu.domain import ComplianceReport


def verdict(checker: Checker, text: str, industry: str, channel: str = "home_card") -> str:
    chosen = choose_industries((industry,), None, [text], checker.normalizer)  # as the law sets
    findings = checker.check_text(
        text, channel, generic_brand(), options=ANY_SIGNATURE, industries=chosen.industries
    )
    return ComplianceReport.verdict_of(findings).value


#: As the law sets are scored: a block must block, a review must be flagged (review or block),
#: legal copy must not block (a figure with no brand fact behind it may still go to review).
ACCEPT = {"block": ("block",), "review": ("review",), "pass": ("pass", "review")}
#: Legal copy that must not even go to a reviewer.
CLEAN = {"block": ("block",), "review": ("review",), "pass": ("pass",)}
