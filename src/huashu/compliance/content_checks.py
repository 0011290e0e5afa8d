"""Content checks: personal information (masked in the finding) and the brand's voice."""

from __future__ import annotations

from huashu.compliance.checks import CheckContext, matches
from huashu.compliance.pii import PII_TYPES, find_pii, labelled, mask
from huashu.compliance.rules import CompiledRule
from huashu.domain import Finding

_LABEL_ZH = {
    "mobile": "手机号",
    "resident_id": "身份证号",
    "bank_card": "银行卡号",
    "long_number": "长数字",
}


def pii(compiled: CompiledRule, ctx: CheckContext) -> list[Finding]:
    """Each PII hit of the rule's ``params.types`` (default: all); ``matched`` carries the
    masked value so that reports and logs never copy the number."""
    types = set(compiled.rule.param_list("types", PII_TYPES))
    out: list[Finding] = []
    for i, f in enumerate(ctx.fields):
        original = f.norm.original
        hits = ctx.memo.get(f"pii:{i}")
        if not isinstance(hits, list):
            hits = find_pii(original)
            ctx.memo[f"pii:{i}"] = hits
        masks: dict[tuple[str, str, int], str] = {}
        for hit in map(lambda h: labelled(original, h), hits):
            if hit.type not in types:
                continue
            key = (original[hit.start : hit.end], hit.type, len(hit.digits))
            masked = masks.get(key)
            if masked is None:
                masked = masks[key] = mask(original, hit)
            out.append(
                ctx.finding(
                    compiled,
                    i,
                    hit.start,
                    hit.end,
                    matched=masked,
                    extra_zh=f"（{_LABEL_ZH[hit.type]}）",
                    extra_en=f" ({hit.type})",
                    suggestion_zh=f"删除该{_LABEL_ZH[hit.type]}，或脱敏为 {masked}",
                )
            )
    return out


def tone(compiled: CompiledRule, ctx: CheckContext) -> list[Finding]:
    """Term or pattern hits, only for a brand whose ``voice`` includes one of
    ``params.voices`` (all brands when it is empty)."""
    wanted = set(compiled.rule.param_list("voices"))
    if wanted and not wanted & set(ctx.brand.brand.voice):
        return []
    voice = "、".join(v for v in ctx.brand.brand.voice if v in wanted)
    return [
        f.model_copy(update={"message_zh": f"{f.message_zh}（品牌调性：{voice}）"})
        for f in matches(compiled, ctx)
    ]
