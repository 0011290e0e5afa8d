"""A seeded server for the untrusted-input, webhook and header tests: settings on SQLite or on
PostgreSQL (the operational store in a schema of its own), the rural-bank brand, and one
campaign with live copy (``c-live``, ``c-long``) and copy in review (``c-review``,
``c-clean``) filed in a pending approval."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import yaml
from tests.backends import BACKENDS as BACKENDS
from tests.backends import backend_store
from tests.web.server import PASSWORD, mint_token

from huashu.config import Settings
from huashu.domain import BrandPack, ComplianceReport, Creative, Provenance
from huashu.store import Store, repos
from huashu.workflow import decide_approval, submit_for_approval

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
BRAND = "chuntian-bank"

LIVE = {
    "c-live": "春耕贷，稳赚不赔，年化利率3.6%起",
    "c-long": "a" * 3000,  # no '#': what a backtracking engine choked on
}
IN_REVIEW = {
    "c-review": "限时稳赚，立即办理春耕贷",
    "c-clean": "春耕贷，利率透明，按月还款",
}
#: quiet servers: no background loops unless a test turns one on.
QUIET: dict[str, Any] = {
    "snapshot_rebuild_seconds": 0,
    "outbox_interval_seconds": 0,
    "kb_distill_seconds": 0,
}


@dataclass
class Site:
    settings: Settings
    store: Store
    campaign_id: str
    approval_id: str

    def token(self, role: str) -> dict[str, str]:
        """Authorization headers of a fresh ``<role>-user``."""
        return {"Authorization": f"Bearer {mint_token(self.settings, role)}"}

    def add_draft(self, creative_id: str, body: str) -> None:
        with self.store.session() as s:
            _creative(s, self.campaign_id, creative_id, body)


def _creative(s: Any, campaign_id: str, creative_id: str, body: str) -> None:
    creative = Creative(
        id=creative_id,
        brand_id=BRAND,
        segment_key="livestock",
        channel="sms",
        fields={"body": body},
        provenance=Provenance(backend="compose", model="compose-v1", template_version="t1", seed=1),
    )
    repos.save_creative(s, campaign_id, creative)
    repos.save_report(
        s,
        ComplianceReport(
            id=f"r-{creative_id}",
            creative_id=creative_id,
            verdict=ComplianceReport.verdict_of(()),
            findings=(),
        ),
    )


def _seed(store: Store) -> tuple[str, str]:
    pack_yaml = (EXAMPLES / "rural_bank.yaml").read_text("utf-8")
    pack = BrandPack.model_validate(yaml.safe_load(pack_yaml))
    with store.session() as s:
        repos.save_brand(s, pack, pack_yaml)
        repos.ensure_user(s, "op", "operator")
        repos.ensure_user(s, "rev", "reviewer")
        campaign_id = repos.create_campaign(s, pack.id, None, "春耕贷")
        for cid, body in LIVE.items():
            _creative(s, campaign_id, cid, body)
        first = submit_for_approval(s, campaign_id, "op")
        decide_approval(s, first, "rev", approve_all=True)
        for cid, body in IN_REVIEW.items():
            _creative(s, campaign_id, cid, body)
        return campaign_id, submit_for_approval(s, campaign_id, "op")


@contextmanager
def seeded(backend: str, tmp_path: Path, **extra: Any) -> Iterator[Site]:
    """A seeded store on ``backend`` and the settings of a server over it."""
    with backend_store(backend, tmp_path) as store:
        store.upgrade()
        campaign_id, approval_id = _seed(store)
        url = store.engine.url.render_as_string(hide_password=False)
        settings = Settings(data_dir=tmp_path / "data", database_url=url, **{**QUIET, **extra})  # type: ignore[arg-type]
        yield Site(settings, store, campaign_id, approval_id)


@contextmanager
def browser_login(base: str, role: str, settings: Settings) -> Iterator[tuple[httpx.Client, str]]:
    """A cookie-authenticated client (a browser's web login) and its CSRF token."""
    mint_token(settings, role)  # creates the user with PASSWORD
    with httpx.Client(base_url=base, timeout=10) as client:
        answer = client.post(
            "/api/v1/auth/login", json={"username": f"{role}-user", "password": PASSWORD}
        )
        answer.raise_for_status()
        yield client, str(answer.json()["csrf_token"])
