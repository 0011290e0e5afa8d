"""Evaluating the checker on copy written from the law (docs/compliance.md, "Measuring
generalisation"): each case says what a compliance officer would do with it (``block``,
``review`` or ``pass``), not which rule should fire, so the rules are scored on the legal
concept, not on their own wording.

Figures: block recall (block cases blocked), flag recall (review cases at least flagged),
false blocks (legal cases blocked) and legal cases flagged for review. Cases are checked
without a brand pack: the industry comes from the case (as a brand pack would give it) or,
with ``infer=True``, from the copy alone."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from huashu.compliance.engine import Checker
from huashu.compliance.industry import choose_industries
from huashu.compliance.inputs import ANY_SIGNATURE, generic_brand
from huashu.domain import BrandPack, ComplianceReport, Finding, InputError, Severity

EXPECT = ("block", "review", "pass")


@dataclass(frozen=True)
class LawCase:
    id: str
    industry: str
    channel: str
    text: str
    expect: str
    concept: str
    tags: tuple[str, ...] = ()
    #: the law the writer cited (free text)
    basis: str = ""


@dataclass(frozen=True)
class Outcome:
    case: LawCase
    verdict: str
    rules: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """Blocked when it must be; flagged when it needs review; not blocked when legal."""
        if self.case.expect == "block":
            return self.verdict == "block"
        if self.case.expect == "review":
            return self.verdict != "pass"
        return self.verdict != "block"


@dataclass
class LawEvaluation:
    outcomes: list[Outcome] = field(default_factory=list)

    def _share(self, expect: str, verdicts: tuple[str, ...]) -> tuple[int, int]:
        cases = [o for o in self.outcomes if o.case.expect == expect]
        return sum(o.verdict in verdicts for o in cases), len(cases)

    @property
    def block_recall(self) -> float:
        hit, n = self._share("block", ("block",))
        return hit / n if n else 1.0

    @property
    def flag_recall(self) -> float:
        hit, n = self._share("review", ("block", "review"))
        return hit / n if n else 1.0

    @property
    def false_block_rate(self) -> float:
        hit, n = self._share("pass", ("block",))
        return hit / n if n else 0.0

    @property
    def legal_flag_rate(self) -> float:
        """Legal cases sent to a reviewer (not an error, but work for a person)."""
        hit, n = self._share("pass", ("review",))
        return hit / n if n else 0.0

    def count(self, expect: str) -> int:
        return sum(o.case.expect == expect for o in self.outcomes)

    def misses(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]

    def by(self, key: str) -> dict[str, tuple[int, int]]:
        """``industry``, ``channel``, ``concept`` or ``tag`` -> (cases right, cases)."""
        out: dict[str, list[int]] = {}
        for o in self.outcomes:
            keys = o.case.tags if key == "tag" else (str(getattr(o.case, key)),)
            for k in keys:
                row = out.setdefault(k, [0, 0])
                row[0] += o.ok
                row[1] += 1
        return {k: (v[0], v[1]) for k, v in sorted(out.items())}


def load_law_set(path: str | Path) -> list[LawCase]:
    """Read a set (``cases:`` of ``{id, industry, channel, text, expect, concept, tags?,
    basis?}``)."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        cases = [
            LawCase(
                id=str(d["id"]),
                industry=str(d["industry"]),
                channel=str(d["channel"]),
                text=str(d["text"]),
                expect=str(d["expect"]),
                concept=str(d.get("concept", "")),
                tags=tuple(str(t) for t in d.get("tags") or ()),
                basis=str(d.get("basis") or ""),
            )
            for d in data["cases"]
        ]
    except (OSError, yaml.YAMLError, KeyError, TypeError) as err:
        raise InputError(
            f"law set {path} cannot be read: {err}",
            message_zh=f"测试集文件 {path} 无法读取：{err}",
            code="invalid_corpus",
            details={"file": str(path)},
        ) from err
    bad = [c.id for c in cases if c.expect not in EXPECT]
    if bad:
        raise InputError(
            f"law set {path}: cases {bad} have an unknown expect",
            message_zh=f"测试集 {path} 中用例 {bad} 的 expect 无效",
            code="invalid_corpus",
            details={"file": str(path)},
        )
    return cases


def case_findings(
    checker: Checker,
    case: LawCase,
    text: str | None = None,
    *,
    infer: bool = False,
    pack: BrandPack | None = None,
) -> list[Finding]:
    """The findings on ``case`` (or on ``text`` in its place: a rewritten case keeps the
    case's industry and channel) without a brand pack (``pack``: a :func:`generic_brand` made
    once for many cases), any 【signature】 accepted on SMS; the industry from the case, or with
    ``infer=True`` from the copy alone."""
    copy = case.text if text is None else text
    asked = None if infer else (case.industry,)
    chosen = choose_industries(asked, None, [copy], checker.normalizer)
    return checker.check_text(
        copy,
        case.channel,
        pack or generic_brand(),
        options=ANY_SIGNATURE,
        industries=chosen.industries,
    )


def evaluate_law(
    checker: Checker, cases: Sequence[LawCase], *, infer: bool = False
) -> LawEvaluation:
    """Check every case without a brand pack (any 【signature】 accepted on SMS)."""
    pack = generic_brand()
    out = LawEvaluation()
    for case in cases:
        findings = case_findings(checker, case, infer=infer, pack=pack)
        verdict = ComplianceReport.verdict_of(findings).value
        rules = tuple(sorted({f.rule_id for f in findings if f.severity != Severity.WARN}))
        out.outcomes.append(Outcome(case, verdict, rules))
    return out
