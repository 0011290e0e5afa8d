"""Checks: what each rule ``kind`` does. The built-in kinds are registered in ``BUILTIN_CHECKS``
the same way a third party registers one (pass ``checks=`` to :class:`~huashu.compliance.Checker`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from huashu.compliance.normalize import Normalized, View
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
            matched=original[start:end],
            message_zh=rule.message_zh + extra_zh,
            message_en=rule.message_en + extra_en,
            suggestion_zh=rule.suggestion_zh,
        )


CheckFn = Callable[[CompiledRule, CheckContext], list[Finding]]


@dataclass(frozen=True)
class CheckKind:
    """A rule kind: the function that runs it and the rule fields it needs set."""

    run: CheckFn
    needs: tuple[str, ...] = ()


def _hits(
    regex: re.Pattern[str], text: str, exempt: tuple[re.Pattern[str], ...] = ()
) -> list[tuple[int, int]]:
    """Match spans of ``regex`` in ``text`` that no exemption covers."""
    spans = [m.span() for m in regex.finditer(text) if m.end() > m.start()]
    if not spans or not exempt:
        return spans
    free = [m.span() for e in exempt for m in e.finditer(text)]
    return [(s, e) for s, e in spans if not any(fs <= s and e <= fe for fs, fe in free)]


def _matches(compiled: CompiledRule, ctx: CheckContext) -> list[Finding]:
    """``terms`` / ``pattern``: every match outside an exemption is a finding."""
    assert compiled.regex is not None
    out: list[Finding] = []
    for i in range(len(ctx.fields)):
        view = ctx.view(i, compiled)
        for s, e in _hits(compiled.regex, view.text, compiled.exempt):
            out.append(ctx.finding(compiled, i, s, e, view=view))
    return out


def _present(regex: re.Pattern[str], compiled: CompiledRule, ctx: CheckContext) -> bool:
    return any(regex.search(ctx.view(i, compiled).text) for i in range(len(ctx.fields)))


def _requires(compiled: CompiledRule, ctx: CheckContext) -> list[Finding]:
    """``requires``: ``pattern`` must occur somewhere in the creative, if ``when`` occurs
    (findings point at each ``when`` match) or always (finding at the end of the text)."""
    assert compiled.regex is not None
    if _present(compiled.regex, compiled, ctx):
        return []
    if compiled.when is None:
        i = ctx.last_filled()
        end = len(ctx.fields[i].norm.original)
        return [ctx.finding(compiled, i, end, end)]
    out: list[Finding] = []
    for i in range(len(ctx.fields)):
        view = ctx.view(i, compiled)
        for s, e in _hits(compiled.when, view.text, compiled.exempt):
            out.append(ctx.finding(compiled, i, s, e, view=view))
    return out


def _before(compiled: CompiledRule, ctx: CheckContext) -> list[Finding]:
    """``before``: a ``pattern`` match that comes before the first ``anchor`` match."""
    assert compiled.regex is not None and compiled.anchor is not None
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
        for s, e in _hits(compiled.regex, view.text, compiled.exempt):
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
    regex = compile_terms(ctx.brand.brand.forbidden_terms)
    if regex is None:
        return []
    out: list[Finding] = []
    for i in range(len(ctx.fields)):
        view = ctx.view(i, compiled)
        for s, e in _hits(regex, view.text, compiled.exempt):
            out.append(ctx.finding(compiled, i, s, e, view=view))
    return out


def _brand_required(compiled: CompiledRule, ctx: CheckContext) -> list[Finding]:
    """Terms the brand pack requires (``brand.required_terms``), each missing one a finding."""
    out: list[Finding] = []
    for term in ctx.brand.brand.required_terms:
        regex = compile_terms((term,))
        if regex is not None and not _present(regex, compiled, ctx):
            out.append(ctx.finding(compiled, 0, 0, 0, extra_zh=f"：{term}", extra_en=f": {term}"))
    return out


BUILTIN_CHECKS: Mapping[str, CheckKind] = MappingProxyType(
    {
        "terms": CheckKind(_matches, ("terms",)),
        "pattern": CheckKind(_matches, ("pattern",)),
        "requires": CheckKind(_requires, ("pattern",)),
        "before": CheckKind(_before, ("pattern", "anchor")),
        "sms_signature": CheckKind(_sms_signature),
        "max_length": CheckKind(_max_length, ("max_chars",)),
        "brand_forbidden": CheckKind(_brand_forbidden),
        "brand_required": CheckKind(_brand_required),
    }
)
