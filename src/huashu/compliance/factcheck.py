"""The ``fact`` check (广告法第二十八条): every rate, amount, term, percentage and quantity the
copy states must be supported by the brand pack's facts (docs/compliance.md, "Fact check")."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from huashu.compliance.checks import CheckContext, capped, repeat_note
from huashu.compliance.claims import (
    FAMILIES,
    Claim,
    ClauseCache,
    Period,
    RawClaim,
    claims_of_clauses,
    extract_claims,
    number_clauses,
)
from huashu.compliance.normalize import Normalizer
from huashu.compliance.rules import CompiledRule
from huashu.domain import BrandPack, Fact, Finding

_FAMILY_ZH = {
    "rate": "利率",
    "amount": "金额",
    "term": "期限",
    "duration": "时效",
    "percent": "百分比",
    "quantity": "规格",
}


@dataclass(frozen=True)
class FactClaim:
    fact: Fact
    claim: Claim
    subject: str


def brand_fact_claims(brand: BrandPack, normalizer: Normalizer) -> list[FactClaim]:
    """The claims each fact of the brand pack makes (its label + value read as copy)."""
    out: list[FactClaim] = []
    for fact in brand.facts:
        text = normalizer.normalize(fact.text).text
        for claim in extract_claims(text):
            subject = text[: claim.start] + text[claim.end :]
            out.append(FactClaim(fact, claim, subject))
    return out


@lru_cache(maxsize=4096)
def _pairs(text: str) -> frozenset[str]:
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


def _shares_subject(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` share a two-character word (a crude same-subject test)."""
    return not _pairs(a).isdisjoint(_pairs(b))


def relevant(claim: Claim, facts: list[FactClaim]) -> tuple[list[FactClaim], bool]:
    """Facts about the same thing as ``claim``, and whether they are certainly about the same
    attribute. Rates, terms and durations: every fact of the family (a product has one rate,
    one term). Quantities: the same dimension. Percentages: a shared subject word (5%烟酰胺 vs
    核心成分5%烟酰胺). Amounts: the facts sharing a subject word (会员月卡9.9元 vs 会员月卡15元)
    if any, else every amount fact, not certainly the same attribute."""
    out = [f for f in facts if f.claim.family == claim.family]
    if claim.family == "quantity":
        out = [f for f in out if f.claim.dimension == claim.dimension]
    if claim.family == "percent":
        out = [f for f in out if _shares_subject(f.subject, claim.context)]
    if claim.family == "amount":
        same = [f for f in out if _shares_subject(f.subject, claim.context)]
        return (same, True) if same else (out, False)
    return out, True


def in_range(claim: Claim, fact: Claim) -> bool:
    """Whether the claim's value lies in the range the fact states, ignoring its qualifier."""
    return _holds(claim.family, claim.value, "exact", claim.period, fact)


def supported(claim: Claim, fact: Claim) -> bool:
    """A floor claim (…起, 低至…) needs an equal floor or exact fact; a ceiling claim (最高…)
    an equal ceiling or exact fact; a plain value must lie in the fact's range."""
    return _holds(claim.family, claim.value, claim.qualifier, claim.period, fact)


def _candidates(value: float, period: Period) -> tuple[float, ...]:
    """:meth:`Claim.annual_candidates` of a claim of ``value`` per ``period``."""
    if period == "daily":
        return (value * 360, value * 365)
    if period == "monthly":
        return (value * 12,)
    return (value,)


def _holds(family: str, value: float, qualifier: str, period: Period, fact: Claim) -> bool:
    """:func:`supported` for a claim given by its fields."""
    for annual in _candidates(value, period):
        if family == "rate":
            tol = 0.005 if period == "annual" else 0.06
        else:
            tol = abs(annual) * 1e-9 + 1e-9
        equal = abs(annual - fact.value) <= tol
        if qualifier == "floor":
            ok = equal and fact.qualifier in ("floor", "exact")
        elif qualifier == "ceiling":
            ok = equal and fact.qualifier in ("ceiling", "exact")
        elif fact.qualifier == "floor":
            ok = annual >= fact.value - tol
        elif fact.qualifier == "ceiling":
            ok = annual <= fact.value + tol
        else:
            ok = equal
        if ok:
            return True
    return False


#: Entries a memo shared across checks may hold before it starts afresh.
MEMO_LIMIT = 50_000


def _memo(ctx: CheckContext, key: object) -> dict[Any, Any]:
    """A dict kept in the checker's shared memo under ``key``, replaced when it grows past
    :data:`MEMO_LIMIT` entries."""
    memo = ctx.shared.get(key)
    if not isinstance(memo, dict) or len(memo) > MEMO_LIMIT:
        if len(ctx.shared) > 1024:
            ctx.shared.clear()
        memo = {}
        ctx.shared[key] = memo
    return memo


def _clauses(ctx: CheckContext) -> ClauseCache:
    """Claims per clause text, shared across checks (claims never cross a clause boundary)."""
    return _memo(ctx, "clause-claims")


def field_claims(ctx: CheckContext, index: int) -> list[Claim]:
    key = f"claims:{index}"
    cached = ctx.memo.get(key)
    if not isinstance(cached, list):
        cached = extract_claims(ctx.fields[index].norm.text, _clauses(ctx))
        ctx.memo[key] = cached
    return cached


def _fmt(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _stated(claim: Claim) -> str:
    if claim.family == "rate" and claim.period != "annual":
        return f"（折合年化约{_fmt(claim.annual_candidates()[0])}%）"
    return ""


class Verdict(NamedTuple):
    """What the fact check concluded about one claim: ``rule`` is the family of the claim
    (contradicts ``facts``), ``unsupported`` (no fact about it), or ``None`` (supported)."""

    field: int
    claim: Claim
    rule: str | None
    facts: tuple[FactClaim, ...] = ()


def _judge(
    claim: RawClaim, facts: list[FactClaim], by_family: dict[str, list[int]]
) -> tuple[str | None, tuple[int, ...]]:
    """The verdict on ``claim`` and the positions in ``facts`` of the facts it contradicts,
    nearest first (:func:`relevant`, :func:`supported`; ``by_family``: the positions of the
    facts of each family)."""
    family, value, qualifier, _, _, period, dimension, context = claim
    about = by_family.get(family, [])
    if family == "quantity":
        about = [k for k in about if facts[k].claim.dimension == dimension]
    elif family == "percent":
        about = [k for k in about if _shares_subject(facts[k].subject, context)]
    elif family == "amount":
        same = [k for k in about if _shares_subject(facts[k].subject, context)]
        if not same:  # not certainly the same attribute: any fact's range will do
            if any(_holds(family, value, "exact", period, facts[k].claim) for k in about):
                return None, ()
            return "unsupported", ()
        about = same
    if not about:
        return "unsupported", ()
    if any(_holds(family, value, qualifier, period, facts[k].claim) for k in about):
        return None, ()
    if len(about) == 1:
        return family, (about[0],)
    first = _candidates(value, period)[0]
    return family, tuple(sorted(about, key=lambda k: abs(facts[k].claim.value - first)))


#: The families whose claims are matched to facts by the words around them (:func:`relevant`).
_BY_SUBJECT = frozenset(("percent", "amount"))


#: A claim the facts do not support: the claim, its rule and the positions of the facts it
#: contradicts in the brand's fact claims (plain tuples: memos the garbage collector stops
#: tracking, see :data:`huashu.compliance.claims.RawClaim`).
Judged = tuple[RawClaim, str, tuple[int, ...]]


def _judge_clause(
    claims: tuple[RawClaim, ...],
    facts: list[FactClaim],
    by_family: dict[str, list[int]],
    memo: dict[Any, Any],
) -> tuple[Judged, ...]:
    """The claims of one clause that the facts do not support, with their verdicts (memoised
    per claim read, its position aside)."""
    out: list[Judged] = []
    for claim in claims:
        # the words around a claim matter to percentages and amounts only
        sig = claim[:3] + (claim[5:] if claim[0] in _BY_SUBJECT else claim[5:7])
        judged = memo.get(sig)
        if judged is None:
            judged = memo[sig] = _judge(claim, facts, by_family)
        rule, about = judged
        if rule is not None:
            out.append((claim, rule, about))
    return tuple(out)


#: A judged claim placed in the creative: field, clause start, and the claim (positions
#: relative to the clause) with its verdict.
Placed = tuple[int, int, Judged]


def _judged(ctx: CheckContext) -> tuple[list[FactClaim], dict[str, list[Placed]]]:
    """The brand's fact claims and, per rule, every claim of the creative they do not support,
    in field and text order (once per creative; a clause's verdicts are memoised per brand facts and
    clause text). Plain tuples: a ``Claim`` is made only for a claim a finding is about."""
    cached = ctx.memo.get("judged")
    if isinstance(cached, tuple):
        return cached
    key = ("facts", ctx.brand.facts)
    facts = ctx.shared.get(key)
    if not isinstance(facts, list):
        facts = brand_fact_claims(ctx.brand, ctx.normalizer)
        if len(ctx.shared) > 1024:
            ctx.shared.clear()
        ctx.shared[key] = facts
    memo = _memo(ctx, ("judge", ctx.brand.facts))
    by_clause = _memo(ctx, ("judged-clauses", ctx.brand.facts))
    by_family: dict[str, list[int]] = {}
    for k, fact in enumerate(facts):
        by_family.setdefault(fact.claim.family, []).append(k)
    out: dict[str, list[Placed]] = {}
    for i, f in enumerate(ctx.fields):
        text = f.norm.text
        spans = number_clauses(text)
        clauses = [text[s:e] for s, e in spans]
        known: list[tuple[Judged, ...] | None] = list(map(by_clause.get, clauses))
        if None in known:
            todo = [c for c, judged in zip(clauses, known, strict=True) if judged is None]
            for clause, claims in claims_of_clauses(todo, _clauses(ctx)).items():
                by_clause[clause] = _judge_clause(claims, facts, by_family, memo)
            known = list(map(by_clause.__getitem__, clauses))
        for (start, _), judged in zip(spans, known, strict=True):
            for j in judged or ():
                placed = out.get(j[1])
                if placed is None:
                    placed = out[j[1]] = []
                placed.append((i, start, j))
    result = (facts, out)
    ctx.memo["judged"] = result
    return result


def _verdict(placed: Placed, facts: list[FactClaim]) -> Verdict:
    field, offset, ((family, value, q, start, end, period, dimension, context), rule, about) = (
        placed
    )
    claim = Claim(family, value, q, start + offset, end + offset, period, dimension, context)
    return Verdict(field, claim, rule, tuple(facts[k] for k in about))


def judged_claims(ctx: CheckContext) -> list[Verdict]:
    """Every claim of the creative that the brand's facts do not support, in field and text
    order."""
    facts, by_rule = _judged(ctx)
    placed = sorted(
        (p for ps in by_rule.values() for p in ps), key=lambda p: (p[0], p[1] + p[2][0][3])
    )
    return [_verdict(p, facts) for p in placed]


def _messages(v: Verdict, matched: str) -> tuple[str, str, str | None]:
    """The message suffixes (zh, en) and the suggestion of a finding on ``v``."""
    if v.rule == "unsupported":
        kind = _FAMILY_ZH[v.claim.family]
        return (
            f"：“{matched}”（{kind}）在品牌包中没有对应事实",
            f": '{matched}' ({v.claim.family}) has no fact in the brand pack",
            None,
        )
    names = "、".join(f"“{f.fact.text}”" for f in v.facts[:3])
    names_en = ", ".join(f"'{f.fact.text}'" for f in v.facts[:3])
    return (
        f"：“{matched}”{_stated(v.claim)}与品牌事实{names}不符",
        f": '{matched}' contradicts the brand fact(s) {names_en}",
        f"改用品牌包登记的事实：{names}",
    )


def fact_check(compiled: CompiledRule, ctx: CheckContext) -> list[Finding]:
    """One finding per claim of the rule's ``params.family`` that contradicts the facts; the
    ``unsupported`` family reports claims of a kind the brand pack has no fact about. The same
    claim (same text, same reading) repeated in a field is listed at most ``repeat_limit``
    times."""
    family = str(compiled.rule.params.get("family", ""))
    facts, by_rule = _judged(ctx)
    mine = by_rule.get(family)
    if not mine:
        return []
    keys = [
        (i, ctx.fields[i].norm.text[offset + c[3] : offset + c[4]], (*c[:3], c[5]))
        for i, offset, (c, _, _) in mine
    ]
    out: list[Finding] = []
    cache: dict[tuple[str, tuple[object, ...]], tuple[str, str, str | None]] = {}
    for k, total in capped(keys, ctx.repeat_limit):
        v = _verdict(mine[k], facts)
        view = ctx.fields[v.field].norm
        start, end = view.original_span(v.claim.start, v.claim.end)
        matched = view.original[start:end]
        sig = (matched, v.claim[:3] + v.claim[5:])
        texts = cache.get(sig)
        if texts is None:
            texts = cache[sig] = _messages(v, matched)
        extra_zh, extra_en, suggestion = texts
        if total:
            assert ctx.repeat_limit is not None
            more = repeat_note(keys[k][1], total, ctx.repeat_limit)
            extra_zh, extra_en = extra_zh + more[0], extra_en + more[1]
        out.append(
            ctx.finding(
                compiled,
                v.field,
                start,
                end,
                matched=matched,
                extra_zh=extra_zh,
                extra_en=extra_en,
                suggestion_zh=suggestion,
            )
        )
    return out


__all__ = ["FAMILIES", "FactClaim", "brand_fact_claims", "fact_check", "supported"]
