"""Workflow fixtures: a migrated store (SQLite file; PostgreSQL in its own schema when
HUASHU_TEST_DATABASE_URL is set) seeded with a brand, users and checked creatives."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from tests.backends import BACKENDS, backend_store

from huashu.domain import BrandPack, ComplianceReport, Creative, Finding, Provenance, Severity
from huashu.store import Store, repos

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

#: creative id -> (channel, segment key, severities of its report findings; None = unchecked)
CREATIVES: dict[str, tuple[str, str, tuple[Severity, ...] | None]] = {
    "c-pass": ("sms", "livestock", ()),
    "c-review": ("sms", "livestock", (Severity.REVIEW, Severity.WARN, Severity.REVIEW)),
    "c-home": ("home_card", "livestock", (Severity.WARN,)),
    "c-crop": ("sms", "crop", ()),
    "c-block": ("sms", "crop", (Severity.BLOCK, Severity.REVIEW)),
    "c-unchecked": ("home_card", "crop", None),
}

USERS = {
    "xiaowang": "operator",
    "laoli": "reviewer",
    "chen": "reviewer",
    "zhang": "analyst",
    "root": "admin",
}


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    with backend_store(request.param, tmp_path) as migrated:
        migrated.upgrade()
        yield migrated


def _report(creative_id: str, severities: tuple[Severity, ...]) -> ComplianceReport:
    findings = tuple(
        Finding(
            rule_id=f"{sev.value}-{i}",
            severity=sev,
            basis="广告法第九条第三项",
            field="body",
            start=0,
            end=2,
            matched="最佳",
            message_zh="含绝对化用语",
            message_en="absolute term",
        )
        for i, sev in enumerate(severities)
    )
    return ComplianceReport(
        id=f"r-{creative_id}",
        creative_id=creative_id,
        verdict=ComplianceReport.verdict_of(findings),
        findings=findings,
    )


@pytest.fixture
def campaign_id(store: Store) -> str:
    """A draft campaign holding the six CREATIVES, submitted by nobody yet."""
    pack_yaml = (EXAMPLES / "rural_bank.yaml").read_text(encoding="utf-8")
    pack = BrandPack.model_validate(yaml.safe_load(pack_yaml))
    with store.session() as s:
        repos.save_brand(s, pack, pack_yaml)
        for username, role in USERS.items():
            repos.ensure_user(s, username, role)
        cid = repos.create_campaign(s, pack.id, None, "春耕贷")
        for creative_id, (channel, segment, severities) in CREATIVES.items():
            creative = Creative.model_validate(
                {
                    "id": creative_id,
                    "brand_id": pack.id,
                    "segment_key": segment,
                    "channel": channel,
                    "fields": {"body": f"{creative_id} 春耕贷，年化利率3.6%起"},
                    "provenance": Provenance(
                        backend="compose", model="compose-v1", template_version="t1", seed=1
                    ),
                }
            )
            repos.save_creative(s, cid, creative)
            if severities is not None:
                repos.save_report(s, _report(creative_id, severities))
    return cid
