"""Rule packs: the YAML format of compliance rules, loading a pack file, and compiling a rule's
terms and patterns into regular expressions over normalised text (docs/compliance.md)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from huashu.compliance.homophones import homophone_matcher
from huashu.compliance.matcher import Matcher, RegexMatcher, TermMatcher
from huashu.compliance.normalize import Normalizer
from huashu.compliance.prefilter import fast_pattern
from huashu.domain import ChannelName, InputError, NotFound, Severity
from huashu.domain.brand import Industry
from huashu.yamlsafe import SAFE_LOADER

_ID = r"^[a-z0-9][a-z0-9_\-]*$"
_RULE_ID = r"^[a-z0-9][a-z0-9_.\-]*$"
ParamValue = str | int | float | bool | tuple[str, ...]


class Examples(BaseModel):
    """Copy a rule must find (``hit``) and legal copy it must leave alone (``legal``), checked
    by the test suite on the rule's first channel and industry."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    hit: tuple[str, ...] = ()
    legal: tuple[str, ...] = ()


class Rule(BaseModel):
    """One compliance rule. ``kind`` names the check that runs it (see ``checks.py``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=_RULE_ID)
    #: The legal concept the rule enforces (rules are grouped by it in reports and docs).
    concept: str = ""
    basis: str = Field(min_length=1)
    severity: Severity
    channels: Literal["all"] | tuple[ChannelName, ...] = "all"
    #: ``credit`` besides an industry: the rule also runs on copy that offers credit in any
    #: industry but insurance (``industry.CREDIT_CUES``): the loan-marketing rules bind
    #: whoever advertises the loan
    industries: Literal["all"] | tuple[Industry | Literal["credit"], ...] = "all"
    kind: str = Field(min_length=1)
    terms: tuple[str, ...] = ()
    pattern: str | None = None
    when: str | None = None
    anchor: str | None = None
    #: ``requires``: the requirement does not apply to copy this matches (a transactional SMS
    #: needs no opt-out).
    unless: str | None = None
    exempt: tuple[str, ...] = ()
    max_chars: int | None = Field(default=None, gt=0)
    view: Literal["bare", "text"] = "bare"
    #: Also match homophone swaps and pinyin spellings of ``terms`` (保笨 -> 保本, wen赚).
    homophones: bool = False
    #: Drop a hit that is negated (非保本, 不承诺下款) or quoted as a warning (承诺保本的都是骗局);
    #: see ``context.py``.
    context: bool = False
    #: Drop a term hit that straddles two words of the copy (确保|本金, 余额宝|本月): confirmed
    #: with a word segmenter that knows the brand's own terms.
    boundaries: bool = False
    examples: Examples = Field(default_factory=Examples)
    #: Kind-specific settings (e.g. ``family: rate`` for the ``fact`` kind).
    params: dict[str, ParamValue] = Field(default_factory=dict)
    message_zh: str = Field(min_length=1)
    message_en: str = Field(min_length=1)
    suggestion_zh: str = ""

    def param_list(self, name: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        """A list-valued ``params`` entry (a single value reads as a one-item list)."""
        value = self.params.get(name)
        if value is None:
            return default
        return tuple(str(v) for v in value) if isinstance(value, tuple) else (str(value),)

    def applies_to(self, channel: str, industry: str | Collection[str]) -> bool:
        """Whether the rule runs on ``channel`` for ``industry`` (one, or several: any)."""
        if not (self.channels == "all" or channel in self.channels):
            return False
        if self.industries == "all":
            return True
        wanted = (industry,) if isinstance(industry, str) else industry
        return any(i in self.industries for i in wanted)


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


#: The built-in packs, in load order (``src/huashu/compliance/packs/<name>.yaml``).
BUILTIN_PACKS: tuple[str, ...] = (
    "base",
    "facts",
    "finance",
    "insurance",
    "cosmetics",
    "health_food",
    "channels",
    "conduct",
    "pii",
    "voice",
)


def base_pack_path() -> Path:
    """The built-in base rule pack shipped with huashu."""
    return builtin_pack_path("base")


def builtin_pack_path(name: str) -> Path:
    return Path(str(resources.files("huashu.compliance") / "packs" / f"{name}.yaml"))


def builtin_pack_paths() -> list[Path]:
    """Every built-in pack; they load exactly like a user's pack file."""
    return [builtin_pack_path(name) for name in BUILTIN_PACKS]


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
        raise NotFound(
            f"rule pack {path} does not exist",
            message_zh=f"规则包文件 {path} 不存在",
            code="rule_pack_not_found",
            details={"file": str(path)},
        )
    raw = path.read_bytes()
    try:
        data = yaml.load(raw.decode("utf-8-sig"), Loader=SAFE_LOADER)
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


_NUMERALS = {"一": "1", "二": "2", "两": "2", "三": "3", "四": "4", "五": "5", "六": "6"}
_NUMERALS.update({"七": "7", "八": "8", "九": "9"})


def _numeral_variants(term: str) -> set[str]:
    """The term with each Chinese numeral 一..九 also written as a digit (假一赔十 -> 假1赔十),
    at most three numerals per term."""
    variants = {term}
    for k, ch in enumerate(term):
        if ch in _NUMERALS and k < 12:
            variants |= {v[:k] + _NUMERALS[ch] + v[k + 1 :] for v in variants}
        if len(variants) >= 8:
            break
    return variants


def normalized_terms(terms: tuple[str, ...], normalizer: Normalizer) -> frozenset[str]:
    """Terms normalised like copy, with digit variants of their Chinese numerals."""
    out: set[str] = set()
    for term in terms:
        out |= _numeral_variants(normalizer.normalize(term).bare.text)
    return frozenset(out - {""})


@lru_cache(maxsize=256)
def compile_terms(terms: tuple[str, ...], normalizer: Normalizer) -> TermMatcher | None:
    """The matcher for a term list, terms normalised like copy (``None`` when every term is
    empty); memoised per list and normaliser."""
    matcher = TermMatcher(normalized_terms(terms, normalizer))
    return matcher if len(matcher) else None


@dataclass(frozen=True)
class CompiledRule:
    """A rule with its matchers compiled (``matcher`` from ``terms`` or ``pattern``)."""

    rule: Rule
    pack: str
    matcher: Matcher | None
    when: re.Pattern[str] | None
    anchor: re.Pattern[str] | None
    exempt: tuple[re.Pattern[str], ...]
    unless: re.Pattern[str] | None = None
    #: The rule's terms, normalised (to tell a literal hit from a homophone one).
    terms: frozenset[str] = frozenset()


#: Rule fields whose regexes scan whole texts (see ``prefilter.fast_pattern``); exemptions
#: too (matched once per creative over the whole field, read with ``prefilter.hit_spans``).
_SCANNED = frozenset({"pattern", "when", "anchor", "exempt"})


def compile_rule(
    rule: Rule, pack: RulePack, needs: tuple[str, ...], path: str, normalizer: Normalizer
) -> CompiledRule:
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
            # The scanning expressions get the split form (first characters skipped to); a
            # pattern that does not parse stays as written, so errors name it as written.
            scanned = field.split("[")[0] in _SCANNED
            regex = re.compile(fast_pattern(source) if scanned else source)
        except re.error as err:
            raise pack_error(
                path, rule.id, field, f"bad regular expression: {err}", f"正则表达式有误：{err}"
            ) from err
        if regex.fullmatch(""):
            # An empty alternative (a|, a||b) matches everywhere: an anchor or a condition
            # that always holds, a pattern that finds empty spans.
            raise pack_error(
                path,
                rule.id,
                field,
                "regular expression matches empty text (an empty alternative such as '||'?)",
                "正则表达式可以匹配空文本（是否有空分支，如“||”？）",
            )
        return regex

    exempt = tuple(compiled(f"exempt[{i}]", src) for i, src in enumerate(rule.exempt))
    matcher: Matcher | None = None
    terms = normalized_terms(rule.terms, normalizer)
    if rule.terms:
        if not terms:
            raise pack_error(path, rule.id, "terms", "all terms are empty", "词表为空")
        matcher = homophone_matcher(terms) if rule.homophones else TermMatcher(terms)
    else:
        pattern = compiled("pattern", rule.pattern)
        matcher = RegexMatcher(pattern) if pattern else None
    return CompiledRule(
        rule=rule,
        pack=pack.label,
        matcher=matcher,
        when=compiled("when", rule.when),
        anchor=compiled("anchor", rule.anchor),
        exempt=tuple(e for e in exempt if e is not None),
        terms=terms,
        unless=compiled("unless", rule.unless),
    )
