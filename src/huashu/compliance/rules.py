"""Rule packs: the YAML format of compliance rules, loading a pack file, and compiling a rule's
terms and patterns into regular expressions over normalised text (docs/compliance.md)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from huashu.compliance.normalize import normalize
from huashu.domain import ChannelName, InputError, Severity
from huashu.domain.brand import Industry

_ID = r"^[a-z0-9][a-z0-9_\-]*$"


class Rule(BaseModel):
    """One compliance rule. ``kind`` names the check that runs it (see ``checks.py``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=_ID)
    basis: str = Field(min_length=1)
    severity: Severity
    channels: Literal["all"] | tuple[ChannelName, ...] = "all"
    industries: Literal["all"] | tuple[Industry, ...] = "all"
    kind: str = Field(min_length=1)
    terms: tuple[str, ...] = ()
    pattern: str | None = None
    when: str | None = None
    anchor: str | None = None
    exempt: tuple[str, ...] = ()
    max_chars: int | None = Field(default=None, gt=0)
    view: Literal["bare", "text"] = "bare"
    message_zh: str = Field(min_length=1)
    message_en: str = Field(min_length=1)
    suggestion_zh: str = ""

    def applies_to(self, channel: str, industry: str) -> bool:
        return (self.channels == "all" or channel in self.channels) and (
            self.industries == "all" or industry in self.industries
        )


class RulePack(BaseModel):
    """A named, versioned list of rules loaded from one YAML file."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=_ID)
    version: str = Field(min_length=1)
    description: str = ""
    rules: tuple[Rule, ...] = Field(min_length=1)
    #: The file the pack was read from and its sha256 (set by :func:`load_rule_pack`).
    source: str = ""
    digest: str = ""

    @property
    def label(self) -> str:
        return f"{self.id}@{self.version}"


def base_pack_path() -> Path:
    """The built-in rule pack shipped with huashu."""
    return Path(str(resources.files("huashu.compliance") / "packs" / "base.yaml"))


def pack_error(path: Path | str, rule_id: str, field: str, en: str, zh: str) -> InputError:
    return InputError(
        f"rule pack {path}: rule '{rule_id}', field '{field}': {en}",
        message_zh=f"规则包 {path} 中规则 {rule_id} 的字段 {field} 有误：{zh}",
        code="invalid_rule_pack",
        details={"file": str(path), "rule_id": rule_id, "field": field},
    )


def load_rule_pack(path: str | Path) -> RulePack:
    """Read and validate a rule-pack YAML file; errors name the rule id and the field."""
    path = Path(path)
    if not path.is_file():
        raise InputError(
            f"rule pack {path} does not exist",
            message_zh=f"规则包文件 {path} 不存在",
            code="rule_pack_not_found",
            details={"file": str(path)},
        )
    raw = path.read_bytes()
    try:
        data = yaml.safe_load(raw.decode("utf-8-sig"))
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        raise pack_error(path, "-", "-", f"not valid YAML: {err}", f"YAML 格式错误：{err}") from err
    if isinstance(data, dict):
        data = {**data, "source": str(path), "digest": hashlib.sha256(raw).hexdigest()}
    try:
        return RulePack.model_validate(data)
    except ValidationError as err:
        error = err.errors()[0]
        loc = tuple(error["loc"])
        rule_id = "-"
        if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
            rules = data.get("rules") if isinstance(data, dict) else None
            item = rules[loc[1]] if isinstance(rules, list) else None
            rule_id = str(item.get("id", f"#{loc[1] + 1}")) if isinstance(item, dict) else "-"
            loc = loc[2:]
        field = str(loc[0]) if loc else "-"
        msg = str(error["msg"])
        raise pack_error(path, rule_id, field, msg, msg) from err


def _term_regex(terms: tuple[str, ...]) -> str:
    """One alternation of normalised terms, longest first; numbers do not match inside numbers."""
    parts = []
    for term in sorted({normalize(t).bare.text for t in terms} - {""}, key=lambda t: (-len(t), t)):
        part = re.escape(term)
        if term[0].isdigit():
            part = r"(?<![\d.])" + part
        if term[-1].isdigit():
            part += r"(?![\d.%])"
        parts.append(part)
    return "|".join(parts)


@lru_cache(maxsize=256)
def compile_terms(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    """The regex for a term list (``None`` when every term is empty); memoised per list."""
    source = _term_regex(terms)
    return re.compile(source) if source else None


@dataclass(frozen=True)
class CompiledRule:
    """A rule with its regular expressions compiled (``regex`` from ``terms`` or ``pattern``)."""

    rule: Rule
    pack: str
    regex: re.Pattern[str] | None
    when: re.Pattern[str] | None
    anchor: re.Pattern[str] | None
    exempt: tuple[re.Pattern[str], ...]


def compile_rule(rule: Rule, pack: RulePack, needs: tuple[str, ...], path: str) -> CompiledRule:
    """Compile a rule's expressions, checking that the fields its kind ``needs`` are set."""
    for name in needs:
        if not getattr(rule, name):
            raise pack_error(
                path,
                rule.id,
                name,
                f"kind '{rule.kind}' needs '{name}'",
                f"类型 {rule.kind} 需要填写 {name}",
            )

    def compiled(field: str, source: str | None) -> re.Pattern[str] | None:
        if not source:
            return None
        try:
            return re.compile(source)
        except re.error as err:
            raise pack_error(
                path, rule.id, field, f"bad regular expression: {err}", f"正则表达式有误：{err}"
            ) from err

    exempt = tuple(compiled(f"exempt[{i}]", src) for i, src in enumerate(rule.exempt))
    terms = compile_terms(rule.terms) if rule.terms else None
    if rule.terms and terms is None:
        raise pack_error(path, rule.id, "terms", "all terms are empty", "词表为空")
    return CompiledRule(
        rule=rule,
        pack=pack.label,
        regex=terms or compiled("pattern", rule.pattern),
        when=compiled("when", rule.when),
        anchor=compiled("anchor", rule.anchor),
        exempt=tuple(e for e in exempt if e is not None),
    )
