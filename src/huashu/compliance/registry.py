"""The built-in rule kinds, registered by name exactly as a third party registers its own
(``Checker.from_packs(paths, checks={"my_kind": CheckKind(run, needs)})``)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from huashu.compliance.checks import CORE_CHECKS, CheckKind
from huashu.compliance.content_checks import pii, tone
from huashu.compliance.factcheck import fact_check
from huashu.compliance.finance_checks import simple_rate, sms_route
from huashu.compliance.price_checks import discount_math

BUILTIN_CHECKS: Mapping[str, CheckKind] = MappingProxyType(
    {
        **CORE_CHECKS,
        "fact": CheckKind(fact_check),
        "simple_rate": CheckKind(simple_rate),
        "sms_route": CheckKind(sms_route),
        "pii": CheckKind(pii),
        "discount_math": CheckKind(discount_math),
        "tone": CheckKind(tone, needs_any=("terms", "pattern")),
    }
)
