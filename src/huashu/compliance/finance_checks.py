"""Finance checks: the 单利 label on simple rates, and finance content kept off third-party
cloud SMS routes (the lender's own channel only)."""

from __future__ import annotations

from huashu.compliance.checks import CheckContext
from huashu.compliance.factcheck import field_claims
from huashu.compliance.rules import CompiledRule, compile_terms
from huashu.domain import Finding

SIMPLE = "单利"


def simple_rate(compiled: CompiledRule, ctx: CheckContext) -> list[Finding]:
    """A rate in copy must say 单利 when the brand's rate is simple interest: a fact that says
    单利, or copy that itself speaks of simple interest (``when``, e.g. 按日计息); not in copy
    that ``unless`` matches (a deposit's or a bond's rate, which is not a loan's price)."""
    simple_brand = any(SIMPLE in f.text for f in ctx.brand.facts)
    mentions_simple = compiled.when is not None and any(
        compiled.when.search(f.norm.bare.text) for f in ctx.fields
    )
    if not (simple_brand or mentions_simple):
        return []
    if compiled.unless is not None and any(
        compiled.unless.search(f.norm.bare.text) for f in ctx.fields
    ):
        return []
    if any(SIMPLE in f.norm.bare.text for f in ctx.fields):
        return []
    for i in range(len(ctx.fields)):
        rates = [c for c in field_claims(ctx, i) if c.family == "rate" and c.period == "annual"]
        if rates:
            view = ctx.fields[i].norm
            return [ctx.finding(compiled, i, rates[0].start, rates[0].end, view=view)]
    return []


def sms_route(compiled: CompiledRule, ctx: CheckContext) -> list[Finding]:
    """An SMS with finance content (a finance brand, or finance ``terms`` in the copy) sent
    through any route but the brand's own (``sms_route`` option, default ``own``)."""
    route = ctx.options.get("sms_route", "own")
    own = {r.lower() for r in compiled.rule.param_list("own_routes", ("own",))}
    if route in own:
        return []
    matcher = compile_terms(compiled.rule.terms, ctx.normalizer) if compiled.rule.terms else None
    for i in range(len(ctx.fields)):
        view = ctx.view(i, compiled)
        spans = matcher.spans(view.text) if matcher else []
        if spans:
            s, e = spans[0]
            return [
                ctx.finding(
                    compiled,
                    i,
                    s,
                    e,
                    view=view,
                    extra_zh=f"（通道：{route}）",
                    extra_en=f" (route: {route})",
                )
            ]
    if "finance" in ctx.industries:
        return [
            ctx.finding(
                compiled, 0, 0, 0, extra_zh=f"（通道：{route}）", extra_en=f" (route: {route})"
            )
        ]
    return []
