"""Checks: the context a check sees and the core rule kinds (terms, patterns, requirements,
SMS framing, brand terms). All built-in kinds are collected in ``registry.BUILTIN_CHECKS``."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from types import MappingProxyType

import numpy as np

from huashu.compliance.boundaries import Segmenter
from huashu.compliance.context import drop_in_context
from huashu.compliance.matcher import Matcher, RegexMatcher, Span
from huashu.compliance.names import in_title, names_a_sender
from huashu.compliance.normalize import Normalized, Normalizer, View
from huashu.compliance.pinyin import extra_spans
from huashu.compliance.prefilter import hit_spans, may_match
from huashu.compliance.rules import CompiledRule, compile_terms
from huashu.domain import BrandPack, Finding, Severity


@dataclass(frozen=True)
class FieldText:
    name: str
    norm: Normalized


#: Findings listed per rule, field and distinct hit (the hit's normalised text): a term repeated
#: more often than this is listed this many times, the last one saying how often it occurs in
#: all (docs/compliance.md, "Repeated hits"). ``None`` lists every hit.
REPEAT_LIMIT = 5

#: Extra message text (zh, en) for a hit, given its normalised text.
Note = Callable[[str], tuple[str, str]]


def repeat_note(key: str, total: int, limit: int) -> tuple[str, str]:
    """The message suffix of the last listed finding of a hit repeated beyond the limit."""
    return (
        f"（“{key}”共出现 {total} 次，仅列出前 {limit} 处）",
        f" ('{key}' occurs {total} times; the first {limit} are listed)",
    )


def capped(keys: Sequence[Hashable], limit: int | None) -> list[tuple[int, int]]:
    """Indexes of ``keys`` to list: the first ``limit`` of each distinct key, in order, each with
    the key's total count where it is the last one listed of a key that occurs more often (else
    0)."""
    if limit is None:
        return [(k, 0) for k in range(len(keys))]
    counts = Counter(keys)
    if max(counts.values(), default=0) <= limit:
        return [(k, 0) for k in range(len(keys))]
    seen: dict[Hashable, int] = {}
    out: list[tuple[int, int]] = []
    for k, key in enumerate(keys):
        n = seen.get(key, 0) + 1
        if n <= limit:
            seen[key] = n
            total = counts[key]
            out.append((k, total if n == limit and total > limit else 0))
    return out


@dataclass(frozen=True)
class CheckContext:
    """One creative being checked: its channel, its brand and its normalised fields in order."""

    channel: str
    brand: BrandPack
    fields: tuple[FieldText, ...]
    normalizer: Normalizer
    #: The industries whose rules run (the brand pack's, or ``industry.choose_industries``).
    industries: frozenset[str] = frozenset({"general"})
    #: Options of the check call, e.g. ``sms_route`` (docs/compliance.md).
    options: Mapping[str, str] = field(default_factory=dict)
    #: Per-creative memo shared by the checks (e.g. claims extracted once per field).
    memo: dict[str, object] = field(default_factory=dict)
    #: The checker's memo across creatives (e.g. a brand pack's facts, read once).
    shared: dict[object, object] = field(default_factory=dict)
    #: Findings listed per rule, field and distinct hit (:data:`REPEAT_LIMIT`).
    repeat_limit: int | None = REPEAT_LIMIT
    #: Word boundaries for rules with ``boundaries`` (the checker's, shared).
    segmenter: Segmenter | None = None

    def brand_words(self) -> tuple[str, ...]:
        """The brand's own names and terms, whole words for the segmenter."""
        brand = self.brand
        words = [brand.brand.name, *brand.brand.required_terms]
        if brand.product is not None:
            words.append(brand.product.name)
        return tuple(words)

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

    def span_findings(
        self,
        compiled: CompiledRule,
        index: int,
        spans: Sequence[Span],
        view: View,
        note: Note | None = None,
    ) -> list[Finding]:
        """Findings for ``spans`` of ``view`` (non-empty, in text order) on field ``index``:
        each distinct hit text at most :attr:`repeat_limit` times, the last one listed saying
        how often it occurs; ``note`` adds message text per hit text."""
        if not spans:
            return []
        text = view.text
        keys = [text[s:e] for s, e in spans]
        listed = capped(keys, self.repeat_limit)
        chosen = np.array([spans[k] for k, _ in listed], dtype=np.int64).reshape(-1, 2)
        starts = view.offsets[chosen[:, 0]].tolist()
        ends = view.ends[chosen[:, 1] - 1].tolist()
        rule = compiled.rule
        field_name = self.fields[index].name
        original = self.fields[index].norm.original
        notes: dict[str, tuple[str, str]] = {}
        out: list[Finding] = []
        for (k, total), start, end in zip(listed, starts, ends, strict=True):
            key = keys[k]
            zh, en = rule.message_zh, rule.message_en
            if note is not None:
                extra = notes.get(key)
                if extra is None:
                    extra = notes[key] = note(key)
                zh, en = zh + extra[0], en + extra[1]
            if total:
                assert self.repeat_limit is not None
                more = repeat_note(key, total, self.repeat_limit)
                zh, en = zh + more[0], en + more[1]
            out.append(
                Finding(
                    rule_id=rule.id,
                    severity=rule.severity,
                    basis=rule.basis,
                    field=field_name,
                    start=start,
                    end=end,
                    matched=original[start:end],
                    message_zh=zh,
                    message_en=en,
                    suggestion_zh=rule.suggestion_zh,
                )
            )
        return out


CheckFn = Callable[[CompiledRule, CheckContext], list[Finding]]


@dataclass(frozen=True)
class CheckKind:
    """A rule kind: the function that runs it and the rule fields it needs set."""

    run: CheckFn
    needs: tuple[str, ...] = ()
    #: At least one of these rule fields must be set (e.g. ``terms`` or ``pattern``).
    needs_any: tuple[str, ...] = ()


def _hits(
    matcher: Matcher,
    ctx: CheckContext,
    index: int,
    compiled: CompiledRule,
    limit: int | None = None,
) -> list[Span]:
    """Spans (in the rule's view of field ``index``) of ``matcher`` that no exemption covers,
    negated or quoted ones dropped (``context``), straddling ones too (``boundaries``); with
    ``limit``, only spans starting before it.

    Exemptions are matched on the punctuated view (``text``), whatever the rule's view, so that
    ``放款最快，年化利率3.6%`` is not read as the exempt ``最快年化利率3.6%``; coverage is
    compared in original-text coordinates.
    """
    view = ctx.view(index, compiled)
    if limit is None:
        found = matcher.spans(view.text)
    else:  # a span may run past the limit: read a little further, keep those starting before
        found = [(s, e) for s, e in matcher.spans(view.text[: limit + 64]) if s < limit]
    spans = _unexempt(found, ctx, index, compiled)
    if spans and compiled.rule.context:
        spans = drop_in_context(ctx.fields[index].norm, view, spans)
    if spans and compiled.rule.concept == "absolute-terms":
        original = ctx.fields[index].norm.original
        spans = [sp for sp in spans if not in_title(original, *view.original_span(*sp))]
    if spans and compiled.rule.boundaries and ctx.segmenter is not None:
        ctx.segmenter.add_words(ctx.brand_words())
        spans = ctx.segmenter.keep(
            ctx.fields[index].norm.original, view, spans, terms=compiled.rule.kind == "terms"
        )
    return spans


def _exempt_spans(ctx: CheckContext, index: int, exempt: re.Pattern[str]) -> list[Span]:
    """Non-empty matches of an exemption on field ``index``'s punctuated text, memoised per
    creative (rules of one concept share exemptions: 荣获…奖, 本店…)."""
    key = f"exempt:{index}:{exempt.pattern}"
    found = ctx.memo.get(key)
    if not isinstance(found, list):
        text = ctx.fields[index].norm.text
        found = hit_spans(exempt, text)
        ctx.memo[key] = found
    return found


def _unexempt(
    spans: list[Span], ctx: CheckContext, index: int, compiled: CompiledRule
) -> list[Span]:
    if not spans or not compiled.exempt:
        return spans
    view = ctx.view(index, compiled)
    norm = ctx.fields[index].norm
    free = np.array(
        [span for e in compiled.exempt for span in _exempt_spans(ctx, index, e)], dtype=np.int64
    ).reshape(-1, 2)
    if not len(free):
        return spans
    # original spans of the exemptions, sorted by start then end
    free_starts, free_ends = norm.offsets[free[:, 0]], norm.ends[free[:, 1] - 1]
    order = np.lexsort((free_ends, free_starts))
    starts = free_starts[order]
    reach = np.maximum.accumulate(free_ends[order])
    arr = np.array(spans, dtype=np.int64).reshape(-1, 2)
    first, last = view.offsets[arr[:, 0]], view.ends[arr[:, 1] - 1]
    k = np.searchsorted(starts, first, side="right")
    covered = (k > 0) & (reach[np.maximum(k - 1, 0)] >= last)
    return [spans[j] for j in np.flatnonzero(~covered).tolist()]


def matches(compiled: CompiledRule, ctx: CheckContext) -> list[Finding]:
    """``terms`` / ``pattern``: every match outside an exemption is a finding (repeats capped,
    see :data:`REPEAT_LIMIT`). A homophone or pinyin hit names the term it stands for.

    With ``when``, only copy where ``when`` occurs is read (the kind of product the rule is
    about: 楼盘, 建筑面积 … for the real-estate rules; or words every match holds, written as a
    cheap literal list so that copy without them is not scanned at all); with ``unless``, copy
    where ``unless`` occurs has no findings; with ``anchor``, a hit counts only with an
    ``anchor`` match ending within ``params.near`` (default 16) characters before it (贷 … 炒股:
    the rare word is scanned for, the frequent one read only before each hit)."""
    matcher = compiled.matcher
    assert matcher is not None
    term_for = getattr(matcher, "term_for", None)

    def note(hit: str) -> tuple[str, str]:
        term = term_for(hit) if term_for is not None and hit not in compiled.terms else None
        if not term:
            return "", ""
        return f"（疑似谐音或拼音替代：{term}）", f" (homophone or pinyin for {term})"

    if compiled.when is not None and not _present(compiled.when, compiled, ctx):
        return []
    near = compiled.anchor
    near_param = compiled.rule.params.get("near", 16)
    reach = int(near_param) if isinstance(near_param, (int, float, str)) else 16
    out: list[Finding] = []
    for i in range(len(ctx.fields)):
        spans = _hits(matcher, ctx, i, compiled)
        if near is not None and spans:
            text = ctx.view(i, compiled).text
            spans = [(s, e) for s, e in spans if near.search(text, max(0, s - reach), s)]
        out += ctx.span_findings(compiled, i, spans, ctx.view(i, compiled), note)
    if out and compiled.unless is not None and _present(compiled.unless, compiled, ctx):
        return []
    return out


def _present(regex: re.Pattern[str] | Matcher, compiled: CompiledRule, ctx: CheckContext) -> bool:
    """Whether ``regex`` occurs in some field; a bare pattern (``when``, ``unless``) is read
    with pinyin put back like the rule's own pattern (房jia is 房价)."""
    for i in range(len(ctx.fields)):
        text = ctx.view(i, compiled).text
        if isinstance(regex, re.Pattern):
            if (may_match(regex, text) and regex.search(text)) or extra_spans(
                text, regex.pattern, partial(hit_spans, regex)
            ):
                return True
        elif regex.search(text):
            return True
    return False


def requires(compiled: CompiledRule, ctx: CheckContext) -> list[Finding]:
    """``requires``: ``pattern`` must occur somewhere in the creative, if ``when`` occurs
    (findings point at each ``when`` match, or only the first with ``params.first``) or always
    (finding at the end of the text)."""
    assert compiled.matcher is not None
    if _present(compiled.matcher, compiled, ctx):
        return []
    if compiled.unless is not None and _present(compiled.unless, compiled, ctx):
        return []
    if compiled.when is None:
        i = ctx.last_filled()
        end = len(ctx.fields[i].norm.original)
        return [ctx.finding(compiled, i, end, end)]
    first = bool(compiled.rule.params.get("first"))
    out: list[Finding] = []
    for i in range(len(ctx.fields)):
        spans = _hits(RegexMatcher(compiled.when), ctx, i, compiled)
        out += ctx.span_findings(compiled, i, spans[:1] if first else spans, ctx.view(i, compiled))
        if first and out:
            return out
    return out


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
        limit = first[1] if i == first[0] else None
        spans = _hits(compiled.matcher, ctx, i, compiled, limit)
        out += ctx.span_findings(compiled, i, spans, ctx.view(i, compiled))
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
    extra = (f"（应为 {expected}）", f" (expected {expected})")
    if other and ctx.options.get("signature") == "any" and other.group()[0] == "【":
        if _signs(ctx, other.group(), expected):
            return []
        extra = (
            f"（{other.group()} 不是发送者的名称，应为企业名称、商标或产品简称）",
            f" ({other.group()} names no sender: use the company, trademark or product name)",
        )
    end = lead + other.end() if other else lead
    if other is None and (tail := _signature_at_end(ctx, expected)) is not None:
        # Signed, but at the end: the sender is named, carriers differ on where (a reviewer).
        k, (a, b) = tail
        found = ctx.finding(
            compiled,
            k,
            a,
            b,
            extra_zh="（签名在末尾：多数通道要求置于开头）",
            extra_en=" (signed at the end: most SMS routes want it first)",
        )
        return [found.model_copy(update={"severity": Severity.REVIEW})]
    return [ctx.finding(compiled, i, lead, end, extra_zh=extra[0], extra_en=extra[1])]


def _signs(ctx: CheckContext, signature: str, expected: str) -> bool:
    """Whether ``signature`` (with its 【】) signs the message: the brand's own, or with
    ``signature: any`` one that names somebody."""
    return signature == expected or (
        ctx.options.get("signature") == "any" and names_a_sender(signature[1:-1])
    )


def _signature_at_end(ctx: CheckContext, expected: str) -> tuple[int, tuple[int, int]] | None:
    """The field and span of a 【signature】 that ends the message and signs it (``_signs``)."""
    k = ctx.last_filled()
    m = re.search(r"【[^】]{1,20}】$", ctx.fields[k].norm.original.rstrip())
    return (k, m.span()) if m is not None and _signs(ctx, m.group(), expected) else None


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
        spans = _hits(regex, ctx, i, compiled)
        out += ctx.span_findings(compiled, i, spans, ctx.view(i, compiled))
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
        "requires": CheckKind(requires, ("pattern",)),
        "before": CheckKind(_before, ("pattern", "anchor")),
        "sms_signature": CheckKind(_sms_signature),
        "max_length": CheckKind(_max_length, ("max_chars",)),
        "brand_forbidden": CheckKind(_brand_forbidden),
        "brand_required": CheckKind(_brand_required),
    }
)
