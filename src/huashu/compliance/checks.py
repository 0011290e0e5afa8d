"""Checks: the context a check sees and the core rule kinds (terms, patterns, requirements,
SMS framing, brand terms). All built-in kinds are collected in ``registry.BUILTIN_CHECKS``."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from huashu.compliance.matcher import Matcher, RegexMatcher
from huashu.compliance.normalize import Normalized, Normalizer, View
from huashu.compliance.rules import CompiledRule, compile_terms
from huashu.domain import BrandPack, Finding


@dataclass(frozen=True)
class FieldText:
    name: str
    norm: Normalized


@dataclass(frozen=True)
class CheckContext:
    """One creative being checked: its channel, its brand and its normalised fields in order."""

    channel: str
    brand: BrandPack
    fields: tuple[FieldText, ...]
    normalizer: Normalizer
    #: Options of the check call, e.g. ``sms_route`` (docs/compliance.md).
    options: Mapping[str, str] = field(default_factory=dict)
    #: Per-creative memo shared by the checks (e.g. claims extracted once per field).
    memo: dict[str, object] = field(default_factory=dict)
    #: The checker's memo across creatives (e.g. a brand pack's facts, read once).
    shared: dict[object, object] = field(default_factory=dict)

    def view(self, index: int, compiled: CompiledRule) -> View:
        norm = self.fields[index].norm
        return norm if compiled.rule.view == "text" else norm.bare

    def last_filled(self) -> int:
        filled = [i for i, f in enumerate(self.fields) if f.norm.original.strip()]
        return filled[-1] if filled else len(self.fields) - 1

    def finding(
        self,
        compiled: CompiledRule,
        index: int,
        start: int,
        end: int,
        *,
        view: View | None = None,
        extra_zh: str = "",
        extra_en: str = "",
        message_zh: str | None = None,
        message_en: str | None = None,
        matched: str | None = None,
        suggestion_zh: str | None = None,
    ) -> Finding:
        """A finding on field ``index``; ``start``/``end`` index ``view`` if given, else the
        original text."""
        if view is not None:
            start, end = view.original_span(start, end)
        rule = compiled.rule
        original = self.fields[index].norm.original
        return Finding(
            rule_id=rule.id,
            severity=rule.severity,
            basis=rule.basis,
            field=self.fields[index].name,
            start=start,
            end=end,
            matched=original[start:end] if matched is None else matched,
            message_zh=(rule.message_zh if message_zh is None else message_zh) + extra_zh,
            message_en=(rule.message_en if message_en is None else message_en) + extra_en,
            suggestion_zh=rule.suggestion_zh if suggestion_zh is None else suggestion_zh,
        )


CheckFn = Callable[[CompiledRule, CheckContext], list[Finding]]


@dataclass(frozen=True)
class CheckKind:
    """A rule kind: the function that runs it and the rule fields it needs set."""

    run: CheckFn
    needs: tuple[str, ...] = ()
    #: At least one of these rule fields must be set (e.g. ``terms`` or ``pattern``).
    needs_any: tuple[str, ...] = ()


def _hits(
    matcher: Matcher, ctx: CheckContext, index: int, compiled: CompiledRule
) -> list[tuple[int, int]]:
    """Spans (in the rule's view of field ``index``) of ``matcher`` that no exemption covers.

    Exemptions are matched on the punctuated view (``text``), whatever the rule's view, so that
    ``放款最快，年化利率3.6%`` is not read as the exempt ``最快年化利率3.6%``; coverage is
    compared in original-text coordinates.
    """
    view = ctx.view(index, compiled)
    spans = matcher.spans(view.text)
    if not spans or not compiled.exempt:
        return spans
    norm = ctx.fields[index].norm
    free = sorted(
        norm.original_span(*m.span())
        for e in compiled.exempt
        for m in e.finditer(norm.text)
        if m.end() > m.start()
    )
    if not free:
        return spans
    starts = [fs for fs, _ in free]
    reach = list(itertools.accumulate((fe for _, fe in free), max))
    out = []
    for s, e in spans:
        os_, oe = view.original_span(s, e)
        k = bisect.bisect_right(starts, os_)
        if not k or reach[k - 1] < oe:
            out.append((s, e))
    return out


def matches(compiled: CompiledRule, ctx: CheckContext) -> list[Finding]:
    """``terms`` / ``pattern``: every match outside an exemption is a finding. A homophone or
    pinyin hit names the term it stands for."""
    assert compiled.matcher is not None
    out: list[Finding] = []
    for i in range(len(ctx.fields)):
        view = ctx.view(i, compiled)
        for s, e in _hits(compiled.matcher, ctx, i, compiled):
            hit = view.text[s:e]
            term = None
            if compiled.terms and hit not in compiled.terms:
                term = getattr(compiled.matcher, "term_for", lambda _: None)(hit)
            extra_zh = f"（疑似谐音或拼音替代：{term}）" if term else ""
            extra_en = f" (homophone or pinyin for {term})" if term else ""
            out.append(
                ctx.finding(compiled, i, s, e, view=view, extra_zh=extra_zh, extra_en=extra_en)
            )
    return out


def _present(regex: re.Pattern[str] | Matcher, compiled: CompiledRule, ctx: CheckContext) -> bool:
    return any(bool(regex.search(ctx.view(i, compiled).text)) for i in range(len(ctx.fields)))


def _requires(compiled: CompiledRule, ctx: CheckContext) -> list[Finding]:
    """``requires``: ``pattern`` must occur somewhere in the creative, if ``when`` occurs
    (findings point at each ``when`` match, or only the first with ``params.first``) or always
    (finding at the end of the text)."""
    assert compiled.matcher is not None
    if _present(compiled.matcher, compiled, ctx):
        return []
    if compiled.when is None:
        i = ctx.last_filled()
        end = len(ctx.fields[i].norm.original)
        return [ctx.finding(compiled, i, end, end)]
    out: list[Finding] = []
    for i in range(len(ctx.fields)):
        view = ctx.view(i, compiled)
        for s, e in _hits(RegexMatcher(compiled.when), ctx, i, compiled):
            out.append(ctx.finding(compiled, i, s, e, view=view))
    return out[:1] if compiled.rule.params.get("first") else out


def _before(compiled: CompiledRule, ctx: CheckContext) -> list[Finding]:
    """``before``: a ``pattern`` match that comes before the first ``anchor`` match."""
    assert compiled.matcher is not None and compiled.anchor is not None
    first: tuple[int, int] | None = None
    for i in range(len(ctx.fields)):
        m = compiled.anchor.search(ctx.view(i, compiled).text)
        if m:
            first = (i, m.start())
            break
    if first is None:
        return []
    out: list[Finding] = []
    for i in range(first[0] + 1):
        view = ctx.view(i, compiled)
        for s, e in _hits(compiled.matcher, ctx, i, compiled):
            if (i, s) < first:
                out.append(ctx.finding(compiled, i, s, e, view=view))
    return out


def _sms_signature(compiled: CompiledRule, ctx: CheckContext) -> list[Finding]:
    """The message starts with 【signature】, the brand pack's ``sms_signature``."""
    expected = f"【{ctx.brand.brand.sms_signature}】"
    i = next((k for k, f in enumerate(ctx.fields) if f.norm.original.strip()), 0)
    text = ctx.fields[i].norm.original
    lead = len(text) - len(text.lstrip())
    if text.startswith(expected, lead):
        return []
    other = re.match(r"[【\[][^】\]]{0,20}[】\]]", text[lead:])
    if other and ctx.options.get("signature") == "any" and other.group()[0] == "【":
        return []
    end = lead + other.end() if other else lead
    return [
        ctx.finding(
            compiled,
            i,
            lead,
            end,
            extra_zh=f"（应为 {expected}）",
            extra_en=f" (expected {expected})",
        )
    ]


def _max_length(compiled: CompiledRule, ctx: CheckContext) -> list[Finding]:
    """The whole message (fields joined by newlines, signature included) fits ``max_chars``."""
    limit = compiled.rule.max_chars or 0
    texts = [f.norm.original for f in ctx.fields if f.norm.original]
    total = sum(len(t) for t in texts) + max(len(texts) - 1, 0)
    if total <= limit:
        return []
    i = ctx.last_filled()
    n = len(ctx.fields[i].norm.original)
    return [
        ctx.finding(
            compiled,
            i,
            max(0, n - (total - limit)),
            n,
            extra_zh=f"（共 {total} 字，上限 {limit} 字）",
            extra_en=f" ({total} characters, limit {limit})",
        )
    ]


def _brand_forbidden(compiled: CompiledRule, ctx: CheckContext) -> list[Finding]:
    """Terms the brand pack forbids (``brand.forbidden_terms``)."""
    regex = compile_terms(ctx.brand.brand.forbidden_terms, ctx.normalizer)
    if regex is None:
        return []
    out: list[Finding] = []
    for i in range(len(ctx.fields)):
        view = ctx.view(i, compiled)
        for s, e in _hits(regex, ctx, i, compiled):
            out.append(ctx.finding(compiled, i, s, e, view=view))
    return out


def _brand_required(compiled: CompiledRule, ctx: CheckContext) -> list[Finding]:
    """Terms the brand pack requires (``brand.required_terms``), each missing one a finding."""
    out: list[Finding] = []
    for term in ctx.brand.brand.required_terms:
        regex = compile_terms((term,), ctx.normalizer)
        if regex is not None and not _present(regex, compiled, ctx):
            out.append(ctx.finding(compiled, 0, 0, 0, extra_zh=f"：{term}", extra_en=f": {term}"))
    return out


CORE_CHECKS: Mapping[str, CheckKind] = MappingProxyType(
    {
        "terms": CheckKind(matches, ("terms",)),
        "pattern": CheckKind(matches, ("pattern",)),
        "requires": CheckKind(_requires, ("pattern",)),
        "before": CheckKind(_before, ("pattern", "anchor")),
        "sms_signature": CheckKind(_sms_signature),
        "max_length": CheckKind(_max_length, ("max_chars",)),
        "brand_forbidden": CheckKind(_brand_forbidden),
        "brand_required": CheckKind(_brand_required),
    }
)
