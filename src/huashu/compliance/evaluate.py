"""Evaluating rule packs on a labelled corpus: precision and recall per rule family, recall on
``block`` labels and the false-positive rate on legal copy (docs/compliance.md, "Corpus")."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from huashu.compliance.engine import Checker
from huashu.domain import BrandPack, InputError, Severity

#: Rule id prefix -> family reported in the metrics (first match wins).
FAMILY_OF: tuple[tuple[str, str], ...] = (
    ("absolute-", "absolute"),
    ("guaranteed-returns", "guaranteed-returns"),
    ("wealth-risk", "guaranteed-returns"),
    ("rate-", "rate-display"),
    ("loan-cost", "rate-display"),
    ("zero-interest", "zero-interest"),
    ("loan-", "approval-promise"),
    ("fact.unsupported", "fact-unverified"),
    ("cited-data", "fact-unverified"),
    # A reference price (原价, 划线价) is a figure to verify like any unsupported one.
    ("reference-price", "fact-unverified"),
    ("fact.", "fact-contradiction"),
    ("sms-finance-route", "sms-route"),
    ("sms-", "sms-framing"),
    ("xhs-", "ad-label"),
    ("patent-", "substantiation"),
    ("pii-long-number", "pii-lookalike"),
    ("pii-", "pii"),
    ("brand-", "brand-terms"),
    ("cosmetics-medical", "medical-claim"),
    ("cosmetics-hormone", "medical-claim"),
    ("cosmetics-timed", "medical-claim"),
    ("cosmetics-efficacy", "efficacy"),
    ("health-efficacy", "efficacy"),
    ("health-endorse", "endorsement"),
    ("health-", "medical-claim"),
    ("insurance-", "insurance"),
    ("competitor-", "comparison"),
    ("guaranteed-outcome", "guaranteed-outcome"),
)


def family_of(rule_id: str) -> str:
    return next((fam for prefix, fam in FAMILY_OF if rule_id.startswith(prefix)), rule_id)


@dataclass(frozen=True)
class Sample:
    kind: str
    brand: str
    channel: str
    text: str
    expected: frozenset[str]
    sms_route: str | None = None


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Evaluation:
    samples: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    by_channel: dict[str, int] = field(default_factory=dict)
    families: dict[str, Counts] = field(default_factory=dict)
    block_labels: int = 0
    block_found: int = 0
    legal_samples: int = 0
    legal_flagged: int = 0
    misses: list[tuple[Sample, frozenset[str]]] = field(default_factory=list)

    @property
    def block_recall(self) -> float:
        return self.block_found / self.block_labels if self.block_labels else 1.0

    @property
    def clean_fpr(self) -> float:
        """Share of legal copy (no label) that gets any block or review finding."""
        return self.legal_flagged / self.legal_samples if self.legal_samples else 0.0

    def table(self) -> str:
        """The per-family figures as a markdown table."""
        rows = ["| family | labelled | found | precision | recall |", "|---|---:|---:|---:|---:|"]
        for fam, c in sorted(self.families.items()):
            rows.append(
                f"| {fam} | {c.tp + c.fn} | {c.tp + c.fp} | {c.precision:.3f} | {c.recall:.3f} |"
            )
        return "\n".join(rows)


def load_corpus(path: str | Path) -> list[Sample]:
    """Read a corpus YAML file (``samples:`` of ``{k, b, c, t, e, r?}``)."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        return [
            Sample(
                kind=str(d["k"]),
                brand=str(d["b"]),
                channel=str(d["c"]),
                text=str(d["t"]),
                expected=frozenset(str(e) for e in d.get("e") or ()),
                sms_route=d.get("r"),
            )
            for d in data["samples"]
        ]
    except (OSError, yaml.YAMLError, KeyError, TypeError) as err:
        raise InputError(
            f"corpus {path} cannot be read: {err}",
            message_zh=f"语料文件 {path} 无法读取：{err}",
            code="invalid_corpus",
            details={"file": str(path)},
        ) from err


def evaluate(
    checker: Checker, samples: Sequence[Sample], brands: Mapping[str, BrandPack]
) -> Evaluation:
    """Check every sample; compare the legal concepts (rule families) of the block/review
    findings with those of the labels."""
    block_rules = {r.id for r in checker.rules if r.severity == Severity.BLOCK}
    out = Evaluation(samples=len(samples))
    for s in samples:
        out.by_kind[s.kind] = out.by_kind.get(s.kind, 0) + 1
        out.by_channel[s.channel] = out.by_channel.get(s.channel, 0) + 1
        findings = checker.check_text(s.text, s.channel, brands[s.brand], sms_route=s.sms_route)
        got = frozenset(f.rule_id for f in findings if f.severity != Severity.WARN)
        got_families = {family_of(r) for r in got}
        expected_families = {family_of(r) for r in s.expected}
        if got_families != expected_families:
            out.misses.append((s, got))
        for fam in got_families | expected_families:
            c = out.families.setdefault(fam, Counts())
            if fam in expected_families and fam in got_families:
                c.tp += 1
            elif fam in got_families:
                c.fp += 1
            else:
                c.fn += 1
        # A block label is found when a rule of its family blocks (rules are split by concept:
        # a label names one rule, the family is the legal concept).
        blocked = {family_of(f.rule_id) for f in findings if f.severity == Severity.BLOCK}
        blocks = s.expected & block_rules
        out.block_labels += len(blocks)
        out.block_found += sum(family_of(r) in blocked for r in blocks)
        if not s.expected:
            out.legal_samples += 1
            out.legal_flagged += bool(got)
    return out
