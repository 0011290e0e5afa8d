"""A brand's workflow policy (approval quorum, auto-approval, post-hoc sample rates, known
templates): read it, change it. Each call is one store transaction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from huashu.store import Store
from huashu.workflow import policy as wf_policy
from huashu.workflow.policy import Policy


def get_policy(store: Store, brand_id: str) -> Policy:
    """The brand's policy, or the defaults when none is set."""
    with store.session() as s:
        return wf_policy.get_policy(s, brand_id)


def set_policy(
    store: Store,
    brand_id: str,
    *,
    actor: str,
    quorum: int | None = None,
    auto_approve: bool | None = None,
    sample_rates: Mapping[str, float] | None = None,
    known_templates: Sequence[str] | None = None,
) -> Policy:
    """Change the given fields (None keeps one; audited) and return the new policy."""
    with store.session() as s:
        return wf_policy.set_policy(
            s,
            brand_id,
            actor=actor,
            quorum=quorum,
            auto_approve=auto_approve,
            sample_rates=sample_rates,
            known_templates=known_templates,
        )
