"""Workflow fixtures: a migrated store (SQLite file; PostgreSQL in its own schema when
HUASHU_TEST_DATABASE_URL is set) seeded with a brand, users and checked creatives."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from huashu.domain import BrandPack, ComplianceReport, Creative, Finding, Provenance, Severity
from huashu.store import Store, normalize_url, open_store, repos

PG_ENV = "HUASHU_TEST_DATABASE_URL"
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


@contextmanager
def _pg_store(base_url: str) -> Iterator[Store]:
    url = make_url(normalize_url(base_url))
    schema = f"huashu_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        scoped = url.update_query_dict({"options": f"-csearch_path={schema}"})
        store = open_store(scoped.render_as_string(hide_password=False))
        try:
            yield store
        finally:
            store.close()
            with admin.connect() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        admin.dispose()


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        sqlite_store = open_store(f"sqlite:///{tmp_path / 'huashu.db'}")
        try:
            sqlite_store.upgrade()
            yield sqlite_store
        finally:
            sqlite_store.close()
        return
    base_url = os.environ.get(PG_ENV)
    if not base_url:
        pytest.skip(
            f"PostgreSQL backend: set {PG_ENV}, e.g. postgresql://postgres@127.0.0.1:5432/test"
        )
    with _pg_store(base_url) as pg_store:
        pg_store.upgrade()
        yield pg_store


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
