"""The checker: compiled rules from rule packs, run over a creative's fields into a report."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path

from huashu.compliance.checks import BUILTIN_CHECKS, CheckContext, CheckKind, FieldText
from huashu.compliance.normalize import normalize
from huashu.compliance.rules import (
    CompiledRule,
    Rule,
    RulePack,
    base_pack_path,
    compile_rule,
    load_rule_pack,
    pack_error,
)
from huashu.domain import BrandPack, ComplianceReport, Creative, Finding, InputError

#: Namespace of report ids: uuid5(REPORT_NAMESPACE, creative id + content digest).
REPORT_NAMESPACE = uuid.UUID("5f0c2a4e-8d3b-5b7e-9a61-2c4f1e0d7a93")


class Checker:
    """Runs every rule of its packs that applies to a creative's channel and brand industry.

    Build it once (``Checker.from_packs()``) and share it: checking is read-only.
    """

    def __init__(
        self, packs: Sequence[RulePack], checks: Mapping[str, CheckKind] | None = None
    ) -> None:
        kinds = {**BUILTIN_CHECKS, **(checks or {})}
        self._packs = tuple(packs)
        self._rules: list[tuple[CompiledRule, CheckKind]] = []
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
                self._rules.append(
                    (compile_rule(rule, pack, kind.needs, pack.source or pack.label), kind)
                )
        digests = "|".join(f"{p.label}:{p.digest}" for p in self._packs)
        self.fingerprint = hashlib.sha256(digests.encode()).hexdigest()[:16]

    @classmethod
    def from_packs(
        cls,
        pack_paths: Sequence[str | Path] | None = None,
        *,
        include_base: bool = True,
        checks: Mapping[str, CheckKind] | None = None,
    ) -> Checker:
        """The built-in base pack (unless ``include_base=False``) plus the given pack files."""
        paths = [base_pack_path()] if include_base else []
        paths += [Path(p) for p in pack_paths or ()]
        return cls([load_rule_pack(p) for p in paths], checks=checks)

    @property
    def packs(self) -> tuple[str, ...]:
        """Pack labels ``id@version``, in load order."""
        return tuple(p.label for p in self._packs)

    @property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(compiled.rule for compiled, _ in self._rules)

    def rules_for(self, channel: str, industry: str) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.applies_to(channel, industry))

    def _run(self, fields: Mapping[str, str], channel: str, brand: BrandPack) -> list[Finding]:
        items = list(fields.items()) or [("text", "")]
        ctx = CheckContext(
            channel=channel,
            brand=brand,
            fields=tuple(FieldText(name, normalize(text)) for name, text in items),
        )
        order = {name: i for i, (name, _) in enumerate(items)}
        industry = brand.brand.industry
        findings: list[Finding] = []
        for compiled, kind in self._rules:
            if compiled.rule.applies_to(channel, industry):
                findings += kind.run(compiled, ctx)
        return sorted(findings, key=lambda f: (order[f.field], f.start, f.end, f.rule_id))

    def check_text(
        self, text: str, channel: str, brand: BrandPack, field: str = "text"
    ) -> list[Finding]:
        """Findings for one piece of text, checked as a creative with one field."""
        return self._run({field: text}, channel, brand)

    def check(self, creative: Creative, brand: BrandPack) -> ComplianceReport:
        """A report over every field of ``creative``; its id is deterministic (see
        :meth:`report_id`)."""
        if creative.brand_id != brand.id:
            raise InputError(
                f"creative {creative.id} belongs to brand {creative.brand_id}, not {brand.id}",
                message_zh=f"素材 {creative.id} 属于品牌 {creative.brand_id}，不是 {brand.id}",
                code="brand_mismatch",
                details={"creative_id": creative.id, "brand_id": brand.id},
            )
        findings = tuple(self._run(creative.fields, creative.channel, brand))
        return ComplianceReport(
            id=self.report_id(creative, brand),
            creative_id=creative.id,
            verdict=ComplianceReport.verdict_of(findings),
            findings=findings,
            rule_packs=self.packs,
        )

    def report_id(self, creative: Creative, brand: BrandPack) -> str:
        """uuid5 of the creative id and a digest of everything the verdict depends on: the
        fields, the channel, the brand's settings and the rule packs. Same input, same id."""
        content = "\x1f".join(
            [
                creative.channel,
                *(f"{k}\x1e{v}" for k, v in creative.fields.items()),
                brand.brand.model_dump_json(),
                self.fingerprint,
            ]
        )
        digest = hashlib.sha256(content.encode()).hexdigest()
        return str(uuid.uuid5(REPORT_NAMESPACE, f"{creative.id}:{digest}"))
