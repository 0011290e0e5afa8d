"""Per-brand workflow policy: approval quorum, auto-approval of low-risk creatives and the
share of them sampled into the post-hoc audit queue per risk tier."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from huashu.domain import InputError
from huashu.store import repos
from huashu.store.brands import brand_row
from huashu.store.models import utcnow
from huashu.store.models_workflow import BrandPolicyRow

#: risk tiers of auto-approvable creatives, lowest first.
RISK_TIERS: tuple[str, ...] = ("low", "medium")
DEFAULT_SAMPLE_RATES: dict[str, float] = {"low": 0.05, "medium": 0.2}
MAX_QUORUM = 5


@dataclass(frozen=True)
class Policy:
    brand_id: str
    quorum: int = 1
    auto_approve: bool = False
    sample_rates: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_SAMPLE_RATES))
    known_templates: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "brand_id": self.brand_id,
            "quorum": self.quorum,
            "auto_approve": self.auto_approve,
            "sample_rates": dict(self.sample_rates),
            "known_templates": list(self.known_templates),
        }


def get_policy(session: Session, brand_id: str) -> Policy:
    """The brand's policy, or the defaults (quorum 1, no auto-approval) when none is set."""
    brand_row(session, brand_id)
    row = session.get(BrandPolicyRow, brand_id)
    if row is None:
        return Policy(brand_id)
    return Policy(
        brand_id,
        quorum=row.quorum,
        auto_approve=row.auto_approve,
        sample_rates=dict(row.sample_rates),
        known_templates=tuple(row.known_templates),
    )


def _bad(message: str, message_zh: str, **details: object) -> InputError:
    return InputError(message, message_zh=message_zh, code="invalid_policy", details=details)


def set_policy(
    session: Session,
    brand_id: str,
    *,
    actor: str,
    quorum: int | None = None,
    auto_approve: bool | None = None,
    sample_rates: Mapping[str, float] | None = None,
    known_templates: Sequence[str] | None = None,
) -> Policy:
    """Change the given fields of the brand's policy (audited) and return the new policy."""
    old = get_policy(session, brand_id)
    new_quorum = old.quorum if quorum is None else quorum
    if not 1 <= new_quorum <= MAX_QUORUM:
        raise _bad(
            f"quorum must be between 1 and {MAX_QUORUM}",
            f"审批人数须在 1 到 {MAX_QUORUM} 之间",
            quorum=new_quorum,
        )
    rates = dict(old.sample_rates if sample_rates is None else sample_rates)
    unknown = sorted(set(rates) - set(RISK_TIERS))
    if unknown:
        raise _bad(
            f"unknown risk tier(s) {', '.join(unknown)}; expected {', '.join(RISK_TIERS)}",
            f"未知风险等级：{'、'.join(unknown)}，可选：{'、'.join(RISK_TIERS)}",
            tiers=unknown,
        )
    bad = sorted(t for t, r in rates.items() if not 0.0 <= float(r) <= 1.0)
    if bad:
        raise _bad(
            f"sampling shares must lie in [0, 1] (tier(s) {', '.join(bad)})",
            f"抽检比例须在 0 到 1 之间（{'、'.join(bad)}）",
            tiers=bad,
        )
    policy = Policy(
        brand_id,
        quorum=new_quorum,
        auto_approve=old.auto_approve if auto_approve is None else auto_approve,
        sample_rates={t: float(rates.get(t, DEFAULT_SAMPLE_RATES[t])) for t in RISK_TIERS},
        known_templates=tuple(
            old.known_templates if known_templates is None else sorted(set(known_templates))
        ),
    )
    row = session.get(BrandPolicyRow, brand_id)
    if row is None:
        row = BrandPolicyRow(brand_id=brand_id)
        session.add(row)
    row.quorum = policy.quorum
    row.auto_approve = policy.auto_approve
    row.sample_rates = dict(policy.sample_rates)
    row.known_templates = list(policy.known_templates)
    row.updated_at = utcnow()
    session.flush()
    repos.audit(session, actor, "policy.update", "brand", brand_id, policy.as_dict())
    return policy
