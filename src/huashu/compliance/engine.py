"""The checker: compiled rules from rule packs, run over a creative's fields into a report."""

from __future__ import annotations

import copy
import hashlib
import uuid
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from huashu.compliance.boundaries import Segmenter
from huashu.compliance.checks import (
    REPEAT_LIMIT,
    CheckContext,
    CheckKind,
    FieldText,
    matches,
    requires,
)
from huashu.compliance.fixes import AppliedFix, apply_fixes
from huashu.compliance.industry import with_credit
from huashu.compliance.normalize import Normalizer
from huashu.compliance.overlaps import without_weaker
from huashu.compliance.pinyin import pinyin_runs
from huashu.compliance.precedents import (
    PrecedentCheck,
    PrecedentMode,
    PrecedentModel,
    precedent_mode,
    read_together,
    scorable,
    shipped_fingerprint,
    shipped_model,
)
from huashu.compliance.registry import BUILTIN_CHECKS
from huashu.compliance.rules import (
    CompiledRule,
    Rule,
    RulePack,
    builtin_pack_paths,
    compile_rule,
    load_rule_pack,
    pack_error,
)
from huashu.compliance.screen import Mode, Screen
from huashu.compliance.softening import softened
from huashu.compliance.windows import WINDOW_FROM
from huashu.domain import (
    BrandPack,
    ComplianceReport,
    Creative,
    Finding,
    InputError,
    Severity,
    Verdict,
)

#: Short creatives checked before the rule screen is built (``screen.py``).
SCREEN_AFTER = 1
#: The built-in kinds the screen knows, by their run function.
_MODES: dict[object, Mode] = {matches: "matches", requires: "requires"}
#: (channel, industries) pairs whose applicable rules are remembered.
MAX_APPLICABLE = 256
#: The SMS route meaning "the brand's own channel" (the default).
OWN_ROUTE = "own"
#: Namespace of report ids: uuid5(REPORT_NAMESPACE, creative id + content digest).
REPORT_NAMESPACE = uuid.UUID("5f0c2a4e-8d3b-5b7e-9a61-2c4f1e0d7a93")


@dataclass(frozen=True)
class FixResult:
    """Fixed fields, the fixes made, and the findings and verdict of checking them again."""

    fields: dict[str, str]
    applied: tuple[AppliedFix, ...]
    findings: tuple[Finding, ...]
    verdict: Verdict


class Checker:
    """Runs every rule of its packs that applies to a creative's channel and brand industry.

    Build it once (``Checker.from_packs()``) and share it: checking is read-only.
    ``repeat_limit``: findings listed per rule, field and distinct hit (``None``: all; see
    docs/compliance.md, "Repeated hits"). ``precedents``: a creative no rule blocks is also
    scored against the blocked development cases (``precedents.py``) and the rules' blocks are
    read a second time (``softening.py``); ``"review"`` sends copy that reads like a blocked
    case to review, ``"block"`` (or ``True``) blocks it; ``"off"`` (or ``False``) does
    neither. ``precedent_model``: a model in place of the shipped one.
    """

    def __init__(
        self,
        packs: Sequence[RulePack],
        checks: Mapping[str, CheckKind] | None = None,
        *,
        repeat_limit: int | None = REPEAT_LIMIT,
        precedents: PrecedentMode | bool = False,
        precedent_model: PrecedentModel | None = None,
    ) -> None:
        kinds = {**BUILTIN_CHECKS, **(checks or {})}
        if repeat_limit is not None and repeat_limit < 1:
            raise ValueError("repeat_limit must be at least 1 (or None)")
        self.repeat_limit = repeat_limit
        self.normalizer = Normalizer()
        self.segmenter = Segmenter()
        self._shared: dict[object, object] = {}
        self._packs = tuple(packs)
        self._rules: list[tuple[CompiledRule, CheckKind]] = []
        #: rule id -> legal concept (rules sharing one drop weaker findings they overlap)
        self._concepts: dict[str, str] = {}
        #: rule id -> load order (the earlier rule's finding is kept on a tie)
        self._rule_order: dict[str, int] = {}
        seen: dict[str, str] = {}
        for pack in self._packs:
            for rule in pack.rules:
                if rule.id in seen:
                    raise pack_error(
                        pack.source or pack.label,
                        rule.id,
                        "id",
                        f"rule id is already used in pack {seen[rule.id]}",
                        f"规则 id 已在规则包 {seen[rule.id]} 中使用",
                    )
                seen[rule.id] = pack.label
                kind = kinds.get(rule.kind)
                if kind is None:
                    known = ", ".join(sorted(kinds))
                    raise pack_error(
                        pack.source or pack.label,
                        rule.id,
                        "kind",
                        f"unknown kind '{rule.kind}'; known: {known}",
                        f"未知的规则类型 {rule.kind}，可用：{known}",
                    )
                if kind.needs_any and not any(getattr(rule, n) for n in kind.needs_any):
                    wanted = " or ".join(kind.needs_any)
                    raise pack_error(
                        pack.source or pack.label,
                        rule.id,
                        kind.needs_any[0],
                        f"kind '{rule.kind}' needs {wanted}",
                        f"类型 {rule.kind} 需要填写 {wanted}",
                    )
                self._concepts[rule.id] = rule.concept
                self._rule_order[rule.id] = len(self._rule_order)
                self._rules.append(
                    (
                        compile_rule(
                            rule, pack, kind.needs, pack.source or pack.label, self.normalizer
                        ),
                        kind,
                    )
                )
        #: (channel, industries) -> the rules that apply (:meth:`_applicable`)
        self._applies: dict[tuple[str, frozenset[str]], list[tuple[int, CompiledRule, CheckKind]]]
        self._applies = {}
        #: Built on the checker's second short creative (:meth:`_screened`).
        self._screen: Screen | None = None
        self._short_checks = 0
        self.precedent_mode = precedent_mode(precedents)
        self._precedent_model = precedent_model
        self._precedent_check_: PrecedentCheck | None = None
        #: rules whose blocks the precedent model may send to review (``softening.py``)
        self._context_rules = frozenset(c.rule.id for c, _ in self._rules if c.rule.context)
        digests = "|".join(f"{p.label}:{p.digest}" for p in self._packs)
        if self.precedent_mode != "off":
            m = precedent_model
            model_id = shipped_fingerprint() if m is None else f"{m.digest}:{m.threshold}:{m.floor}"
            digests += f"|precedents:{self.precedent_mode}:{model_id}"
        self.fingerprint = hashlib.sha256(digests.encode()).hexdigest()[:16]

    @classmethod
    def from_packs(
        cls,
        pack_paths: Sequence[str | Path] | None = None,
        *,
        include_base: bool = True,
        checks: Mapping[str, CheckKind] | None = None,
        repeat_limit: int | None = REPEAT_LIMIT,
        precedents: PrecedentMode | bool = False,
    ) -> Checker:
        """The built-in packs (unless ``include_base=False``) plus the given pack files;
        ``precedents`` (``"review"``, ``"block"`` or ``True``) adds the precedent model
        (docs/compliance.md, "Precedents")."""
        paths = builtin_pack_paths() if include_base else []
        paths += [Path(p) for p in pack_paths or ()]
        return cls(
            [load_rule_pack(p) for p in paths],
            checks=checks,
            repeat_limit=repeat_limit,
            precedents=precedents,
        )

    @property
    def precedents(self) -> PrecedentModel | None:
        """The precedent model in use (loaded on first use), or ``None``."""
        check = self._precedent_check()
        return check.model if check else None

    def _precedent_check(self) -> PrecedentCheck | None:
        if self.precedent_mode == "off":
            return None
        if self._precedent_check_ is None:
            model = self._precedent_model or shipped_model()
            severity = Severity.BLOCK if self.precedent_mode == "block" else Severity.REVIEW
            self._precedent_check_ = PrecedentCheck(model, severity)
        return self._precedent_check_

    def with_repeat_limit(self, repeat_limit: int | None) -> Checker:
        """This checker (same compiled rules and memos) listing ``repeat_limit`` findings per
        rule, field and distinct hit (``None``: every hit)."""
        if repeat_limit is not None and repeat_limit < 1:
            raise ValueError("repeat_limit must be at least 1 (or None)")
        other = copy.copy(self)
        other.repeat_limit = repeat_limit
        return other

    @property
    def packs(self) -> tuple[str, ...]:
        """Pack labels ``id@version``, in load order."""
        return tuple(p.label for p in self._packs)

    @property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(compiled.rule for compiled, _ in self._rules)

    def rules_for(self, channel: str, industry: str | Collection[str]) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.applies_to(channel, industry))

    def _run(
        self,
        fields: Mapping[str, str],
        channel: str,
        brand: BrandPack,
        options: Mapping[str, str] | None = None,
        industries: Collection[str] | None = None,
    ) -> list[Finding]:
        items = list(fields.items()) or [("text", "")]
        normalized = tuple(FieldText(name, self.normalizer.normalize(t)) for name, t in items)
        if industries is None:
            bare = (f.norm.bare.text for f in normalized)
            industries = with_credit((brand.brand.industry,), bare, self.normalizer)[0]
        industry = frozenset(industries)
        ctx = CheckContext(
            channel=channel,
            brand=brand,
            industries=industry,
            fields=normalized,
            normalizer=self.normalizer,
            options=dict(options or {}),
            shared=self._shared,
            repeat_limit=self.repeat_limit,
            segmenter=self.segmenter,
        )
        order = {name: i for i, (name, _) in enumerate(items)}
        findings: list[Finding] = []
        skip, fire = self._screened(normalized)
        for k, compiled, kind in self._applicable(channel, industry):
            if k not in skip or k in fire:
                findings += kind.run(compiled, ctx)
        findings = self._without_weaker(findings)
        if self.precedent_mode != "off" and scorable(read_together(items)):
            findings = self._read_by_precedents(items, brand, findings)
        return sorted(findings, key=lambda f: (order[f.field], f.start, f.end, f.rule_id))

    def _read_by_precedents(
        self, items: list[tuple[str, str]], brand: BrandPack, findings: list[Finding]
    ) -> list[Finding]:
        """The rules' ``findings`` read by the precedent model (loaded on the first creative
        long enough to be scored): its second reading of their blocks, else its own finding."""
        check = self._precedent_check()
        assert check is not None  # the mode is not off
        if any(f.severity == Severity.BLOCK for f in findings):
            return softened(check.model, items, findings, self._context_rules)
        extra = check.finding(items, brand, findings)
        return findings if extra is None else [*findings, extra]

    def _applicable(
        self, channel: str, industry: frozenset[str]
    ) -> list[tuple[int, CompiledRule, CheckKind]]:
        """The rules that run on ``channel`` for ``industry``, with their load order."""
        key = (channel, industry)
        found = self._applies.get(key)
        if found is None:
            found = [
                (k, compiled, kind)
                for k, (compiled, kind) in enumerate(self._rules)
                if compiled.rule.applies_to(channel, industry)
            ]
            if len(self._applies) < MAX_APPLICABLE:
                self._applies[key] = found
        return found

    def _screened(self, fields: Sequence[FieldText]) -> tuple[frozenset[int], set[int]]:
        """The rules the screen may skip and, of them, those that can fire on a short
        creative's views (``screen.py``). Nothing is skipped in long text (windowed scans),
        where pinyin in the copy can stand for characters, or on the checker's first short
        creative (a one-off check does not pay for building the screen)."""
        texts = [t for f in fields for t in (f.norm.text, f.norm.bare.text)]
        if max(map(len, texts)) >= WINDOW_FROM or any(map(pinyin_runs, texts)):
            return frozenset(), set()
        screen = self._screen
        if screen is None:
            self._short_checks += 1
            if self._short_checks <= SCREEN_AFTER:
                return frozenset(), set()
            modes = [_MODES.get(kind.run) for _, kind in self._rules]
            screen = self._screen = Screen([c for c, _ in self._rules], modes)
        return screen.screened, screen.firing(screen.met(texts))

    def _without_weaker(self, findings: list[Finding]) -> list[Finding]:
        return without_weaker(findings, self._concepts, self._rule_order)

    def check_fields(
        self,
        fields: Mapping[str, str],
        channel: str,
        brand: BrandPack,
        *,
        sms_route: str | None = None,
        options: Mapping[str, str] | None = None,
        industries: Collection[str] | None = None,
    ) -> list[Finding]:
        """Findings for a creative given as its fields (in reading order).

        ``sms_route`` names how an SMS is sent: ``None`` or ``"own"`` is the brand's own
        channel (a bank's own SMS gateway); any other name (``aliyun``, ``tencent``...) is a
        third-party cloud SMS vendor, which refuses finance content (rule ``sms-finance-route``).
        ``industries`` runs those industries' rules instead of the brand pack's industry (see
        ``industry.choose_industries``).
        """
        return self._run(
            fields, channel, brand, {**(options or {}), **route_options(sms_route)}, industries
        )

    def check_text(
        self,
        text: str,
        channel: str,
        brand: BrandPack,
        field: str = "text",
        *,
        sms_route: str | None = None,
        options: Mapping[str, str] | None = None,
        industries: Collection[str] | None = None,
    ) -> list[Finding]:
        """Findings for one piece of text, checked as a creative with one field."""
        return self.check_fields(
            {field: text},
            channel,
            brand,
            sms_route=sms_route,
            options=options,
            industries=industries,
        )

    def fix(
        self,
        fields: Mapping[str, str],
        channel: str,
        brand: BrandPack,
        *,
        sms_route: str | None = None,
        options: Mapping[str, str] | None = None,
        industries: Collection[str] | None = None,
    ) -> FixResult:
        """Apply the mechanical fixes (docs/compliance.md, "Auto-fixes") and check again, up to
        three rounds; findings no fix answers stay in :attr:`FixResult.findings`."""
        current = dict(fields)

        def check(fields: Mapping[str, str]) -> list[Finding]:
            return self.check_fields(
                fields, channel, brand, sms_route=sms_route, options=options, industries=industries
            )

        findings = check(current)
        applied: list[AppliedFix] = []
        for _ in range(3):
            current, done = apply_fixes(current, findings, brand, self.normalizer)
            if not done:
                break
            applied += done
            findings = check(current)
        return FixResult(
            fields=current,
            applied=tuple(applied),
            findings=tuple(findings),
            verdict=ComplianceReport.verdict_of(findings),
        )

    def check(
        self, creative: Creative, brand: BrandPack, *, sms_route: str | None = None
    ) -> ComplianceReport:
        """A report over every field of ``creative``; its id is deterministic (see
        :meth:`report_id`)."""
        if creative.brand_id != brand.id:
            raise InputError(
                f"creative {creative.id} belongs to brand {creative.brand_id}, not {brand.id}",
                message_zh=f"素材 {creative.id} 属于品牌 {creative.brand_id}，不是 {brand.id}",
                code="brand_mismatch",
                details={"creative_id": creative.id, "brand_id": brand.id},
            )
        findings = tuple(
            self._run(creative.fields, creative.channel, brand, route_options(sms_route))
        )
        return ComplianceReport(
            id=self.report_id(creative, brand, sms_route=sms_route),
            creative_id=creative.id,
            verdict=ComplianceReport.verdict_of(findings),
            findings=findings,
            rule_packs=self.packs,
        )

    def report_id(
        self, creative: Creative, brand: BrandPack, *, sms_route: str | None = None
    ) -> str:
        """uuid5 of the creative id and a digest of everything the verdict depends on: the
        fields, the channel, the SMS route, the brand's settings and facts, and the rule packs.
        Same input, same id."""
        content = "\x1f".join(
            [
                creative.channel,
                *(f"{k}\x1e{v}" for k, v in creative.fields.items()),
                brand.model_dump_json(include={"brand", "facts"}),
                route_options(sms_route)["sms_route"],
                self.fingerprint,
            ]
        )
        digest = hashlib.sha256(content.encode()).hexdigest()
        return str(uuid.uuid5(REPORT_NAMESPACE, f"{creative.id}:{digest}"))


def route_options(sms_route: str | None) -> dict[str, str]:
    """Check options for an SMS route; ``None`` is the brand's own channel (``own``)."""
    route = (sms_route or OWN_ROUTE).strip().lower() or OWN_ROUTE
    return {"sms_route": route}
