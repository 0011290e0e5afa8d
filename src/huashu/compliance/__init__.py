"""Compliance: normalise copy, run data-driven rule packs over it, and report findings that
point at spans of the original text (rules and their legal basis: docs/compliance.md)."""

from huashu.compliance.checks import CheckContext, CheckFn, CheckKind, FieldText
from huashu.compliance.engine import OWN_ROUTE, Checker, FixResult
from huashu.compliance.fixes import AppliedFix
from huashu.compliance.matcher import Matcher, RegexMatcher, TermMatcher, term_regex
from huashu.compliance.normalize import Normalized, Normalizer, View, normalize
from huashu.compliance.pii import find_pii, redact
from huashu.compliance.registry import BUILTIN_CHECKS
from huashu.compliance.rules import (
    CompiledRule,
    Rule,
    RulePack,
    base_pack_path,
    builtin_pack_paths,
    compile_terms,
    load_rule_pack,
)

__all__ = [
    "BUILTIN_CHECKS",
    "OWN_ROUTE",
    "AppliedFix",
    "CheckContext",
    "CheckFn",
    "CheckKind",
    "Checker",
    "CompiledRule",
    "FieldText",
    "FixResult",
    "Matcher",
    "Normalized",
    "Normalizer",
    "RegexMatcher",
    "Rule",
    "RulePack",
    "TermMatcher",
    "View",
    "base_pack_path",
    "builtin_pack_paths",
    "compile_terms",
    "find_pii",
    "load_rule_pack",
    "normalize",
    "redact",
    "term_regex",
]
