"""Mechanical auto-fixes, applied only when asked: the SMS signature and opt-out, the 年化利率
disclosure and 单利 label from the brand's facts, the 广告 label, and masking personal
information. The fixed copy is checked again by the caller."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from huashu.compliance.normalize import Normalizer
from huashu.compliance.pii import redact
from huashu.domain import BrandPack, Finding, Severity

OPT_OUT = "拒收请回复R"
AD_LABEL = "广告"
#: Rules a 广告 label answers.
AD_LABEL_RULES = frozenset({"xhs-ad-label", "xhs-price-note"})
_END_PUNCT = "，。！？；、,.!?;…"


@dataclass(frozen=True)
class AppliedFix:
    """One fix made to one field: the finding it answers and the field before and after."""

    rule_id: str
    field: str
    description_zh: str
    description_en: str
    before: str
    after: str


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    text: str
    description_zh: str
    description_en: str
    #: At one position, edits with a higher ``last`` end up later in the text.
    last: int = 0


Fixer = Callable[[Finding, str, BrandPack, Normalizer], Edit | None]


def _signature(finding: Finding, text: str, brand: BrandPack, _: Normalizer) -> Edit | None:
    if finding.severity == Severity.REVIEW:
        return None  # signed at the end: the sender is named; moving it is the operator's call
    sig = f"【{brand.brand.sms_signature}】"
    return Edit(finding.start, finding.end, sig, f"加上签名{sig}", f"add the signature {sig}")


def _opt_out(finding: Finding, text: str, brand: BrandPack, _: Normalizer) -> Edit:
    stripped = text.rstrip()
    sep = "" if not stripped or stripped[-1] in _END_PUNCT else "。"
    return Edit(
        len(stripped),
        len(text),
        f"{sep}{OPT_OUT}",
        f"加上退订方式“{OPT_OUT}”",
        "add the opt-out",
        last=1,
    )


def annual_rate_fact(brand: BrandPack, normalizer: Normalizer) -> str | None:
    """The brand's first fact stating an annualised rate, e.g. ``年化利率3.6%起``."""
    for fact in brand.facts:
        if "年化" in normalizer.normalize(fact.text).bare.text:
            return fact.text
    return None


def _annual(finding: Finding, text: str, brand: BrandPack, normalizer: Normalizer) -> Edit | None:
    fact = annual_rate_fact(brand, normalizer)
    if fact is None:
        return None
    return Edit(
        finding.end,
        finding.end,
        f"（{fact}）",
        f"补充年化利率“{fact}”",
        f"add the annualised rate '{fact}'",
    )


def _simple(finding: Finding, text: str, brand: BrandPack, _: Normalizer) -> Edit:
    end = finding.end
    if text.startswith("起", end):
        end += 1
    return Edit(end, end, "（单利）", "注明“单利”", "label the rate 单利")


def _pii(finding: Finding, text: str, brand: BrandPack, _: Normalizer) -> Edit:
    span = text[finding.start : finding.end]
    return Edit(
        finding.start, finding.end, redact(span), "个人信息脱敏", "mask personal information"
    )


FIXERS: Mapping[str, Fixer] = {
    "sms-signature": _signature,
    "sms-opt-out": _opt_out,
    "rate-needs-annual": _annual,
    "rate-simple-label": _simple,
    "pii-mobile": _pii,
    "pii-resident-id": _pii,
    "pii-bank-card": _pii,
}


def apply_fixes(
    fields: Mapping[str, str],
    findings: list[Finding],
    brand: BrandPack,
    normalizer: Normalizer,
) -> tuple[dict[str, str], list[AppliedFix]]:
    """Fields with the mechanical fixes for ``findings`` applied (one edit per rule and field;
    the 广告 label goes into a ``label`` field when the creative has one)."""
    out = dict(fields)
    applied: list[AppliedFix] = []
    edits: dict[str, list[tuple[str, Edit]]] = {}
    for finding in findings:
        if finding.rule_id in AD_LABEL_RULES and not any(
            a.rule_id == finding.rule_id for a in applied
        ):
            target = "label" if "label" in out else next(iter(out), "text")
            before = out.get(target, "")
            after = AD_LABEL if target == "label" else f"{AD_LABEL}｜{before}"
            out[target] = after
            applied.append(
                AppliedFix(
                    finding.rule_id, target, "标注“广告”", "add the 广告 label", before, after
                )
            )
            continue
        fixer = FIXERS.get(finding.rule_id)
        if fixer is None or finding.field not in out:
            continue
        todo = edits.setdefault(finding.field, [])
        if any(rule == finding.rule_id for rule, _ in todo) and not finding.rule_id.startswith(
            "pii"
        ):
            continue
        edit = fixer(finding, out[finding.field], brand, normalizer)
        if edit is not None:
            todo.append((finding.rule_id, edit))
    for name, todo in edits.items():
        before = out[name]
        text = before
        for rule_id, edit in sorted(
            todo, key=lambda t: (t[1].start, t[1].end, t[1].last), reverse=True
        ):
            text = text[: edit.start] + edit.text + text[edit.end :]
            applied.append(
                AppliedFix(rule_id, name, edit.description_zh, edit.description_en, before, text)
            )
        out[name] = text
    return out, applied
