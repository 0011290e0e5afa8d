"""Compliance: normalise copy, run data-driven rule packs over it, and report findings that
point at spans of the original text (rules and their legal basis: docs/compliance.md)."""

from huashu.compliance.checks import BUILTIN_CHECKS, CheckContext, CheckFn, CheckKind, FieldText
from huashu.compliance.engine import Checker
from huashu.compliance.normalize import Normalized, View, normalize
from huashu.compliance.rules import (
    CompiledRule,
    Rule,
    RulePack,
    base_pack_path,
    compile_terms,
    load_rule_pack,
)

__all__ = [
    "BUILTIN_CHECKS",
    "CheckContext",
    "CheckFn",
    "CheckKind",
    "Checker",
    "CompiledRule",
    "FieldText",
    "Normalized",
    "Rule",
    "RulePack",
    "View",
    "base_pack_path",
    "compile_terms",
    "load_rule_pack",
    "normalize",
]
