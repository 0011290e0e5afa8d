"""Duties and roles attacked through the API of a real server on loopback, on SQLite and
PostgreSQL: whoever changed a creative's text cannot approve it, admins included, nor have the
brand policy approve it for them (V10); the stream that starts drafting is a POST with CSRF, so
a cross-site GET creates nothing (V12); the analyst cannot import metrics, and no route an
analyst may call with a method other than GET changes anything (V16)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.routing import APIRoute
from tests.loopback import run_asgi
from tests.security.auth_support import (
    BACKENDS,
    add_user,
    backend_settings,
    bearer,
    browser,
    drafted_campaign,
    error,
    served,
)
from tests.web.test_authz_matrix import _flatten, _rule

from huashu.config import Settings
from huashu.web import create_app
from huashu.web.auth import Authorize

BRIEF = "给养殖户推春耕贷款，首页卡片+短信"


@pytest.fixture(params=BACKENDS)
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    with backend_settings(request.param, tmp_path) as made:
        yield made


def _creatives(client: httpx.Client, campaign_id: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = client.get(f"/api/v1/campaigns/{campaign_id}").json()["creatives"]
    return found


def _edit_one(root: httpx.Client, campaign_id: str) -> str:
    """The admin rewrites an SMS draft with a sibling's (compliant) text; returns its id."""
    sms = [c for c in _creatives(root, campaign_id) if c["channel"] == "sms"]
    target, sibling = sms[0], sms[1]
    edited = root.patch(f"/api/v1/creatives/{target['id']}", json={"fields": sibling["fields"]})
    assert edited.status_code == 200, edited.text
    return str(target["id"])


# --- V10: editor != approver ---------------------------------------------------------------


def test_the_editor_of_a_creative_cannot_approve_it(settings: Settings) -> None:
    campaign_id = drafted_campaign(settings, author="operator-user")
    tokens = {
        name: add_user(settings, name, role)
        for name, role in (("operator-user", "operator"), ("root", "admin"), ("root2", "admin"))
    }
    with served(settings, tokens["operator-user"], tokens["root"], tokens["root2"]) as (
        op,
        root,
        other,
    ):
        edited = _edit_one(root, campaign_id)
        filed = op.post(f"/api/v1/campaigns/{campaign_id}/submit").json()["approval"]["id"]
        decide = f"/api/v1/approvals/{filed}/decide"
        everything = {c["id"]: "approved" for c in _creatives(op, campaign_id)}
        for body in ({"approve_all": True}, {"decisions": everything}):
            refused = root.post(decide, json=body)
            assert refused.status_code == 403, refused.text
            assert error(refused)["code"] == "editor_cannot_approve"
            assert error(refused)["details"]["creative_ids"] == [edited]
            assert error(refused)["message"].startswith(f"素材 {edited} 的文案经你修改")
        # nothing was recorded; another admin approves it all
        assert all(
            not i["votes"]
            for i in root.get(f"/api/v1/approvals/{filed}").json()["approval"]["items"]
        )
        approved = other.post(decide, json={"approve_all": True})
        assert approved.status_code == 200 and approved.json()["approval"]["status"] == "approved"


def test_a_refiner_cannot_approve_the_refined_drafts_but_may_reject_them(
    settings: Settings,
) -> None:
    campaign_id = drafted_campaign(settings, author="operator-user")
    op_token = add_user(settings, "operator-user", "operator")
    root_token = add_user(settings, "root", "admin")
    with served(settings, op_token, root_token) as (op, root):
        refined = root.post(
            f"/api/v1/briefs/{campaign_id}/refine", json={"instruction": "短信再短一点"}
        )
        assert refined.status_code == 200, refined.text
        new_ids = sorted(c["id"] for c in refined.json()["creatives"])
        assert new_ids
        filed = op.post(f"/api/v1/campaigns/{campaign_id}/submit").json()["approval"]["id"]
        decide = f"/api/v1/approvals/{filed}/decide"
        refused = root.post(decide, json={"approve_all": True})
        assert refused.status_code == 403
        assert error(refused)["details"]["creative_ids"] == new_ids
        items = root.get(f"/api/v1/approvals/{filed}").json()["approval"]["items"]
        decisions = {
            i["creative_id"]: "rejected" if i["creative_id"] in new_ids else "approved"
            for i in items
        }
        decided = root.post(decide, json={"decisions": decisions})
        assert decided.status_code == 200, decided.text


def test_the_brand_policy_never_approves_an_edited_draft(settings: Settings) -> None:
    campaign_id = drafted_campaign(settings, author="operator-user")
    op_token = add_user(settings, "operator-user", "operator")
    root_token = add_user(settings, "root", "admin")
    with served(settings, op_token, root_token) as (op, root):
        policy = {"auto_approve": True, "known_templates": ["compose/2"]}
        assert root.put("/api/v1/policies/chuntian-bank", json=policy).status_code == 200
        edited = _edit_one(root, campaign_id)
        filed = op.post(f"/api/v1/campaigns/{campaign_id}/submit")
        assert filed.status_code == 200, filed.text
        items = filed.json()["approval"]["items"]
        assert [i["creative_id"] for i in items] == [edited]  # the rest went through the policy
        assert (
            root.post(
                f"/api/v1/approvals/{filed.json()['approval']['id']}/decide",
                json={"approve_all": True},
            ).status_code
            == 403
        )


# --- V12: a stream that drafts is a POST with CSRF ------------------------------------------


def test_a_cross_site_get_or_a_post_without_csrf_drafts_nothing(settings: Settings) -> None:
    add_user(settings, "operator-user", "operator")
    with run_asgi(create_app(settings)) as base, browser(base, "operator-user") as (page, csrf):
        planned = page.post(
            "/api/v1/briefs",
            json={"brand_id": "chuntian-bank", "text": BRIEF, "n": 1},
            headers={"X-CSRF-Token": csrf},
        )
        assert planned.status_code == 200, planned.text
        campaign_id = planned.json()["plan"]["campaign_id"]
        stream = f"/api/v1/briefs/{campaign_id}/stream?n=1"
        # what <img src> or a link on another site makes a logged-in browser send
        assert page.get(stream).status_code == 405
        forged = page.post(stream)
        assert forged.status_code == 403 and error(forged)["code"] == "csrf_failed"
        progress = page.get(f"/api/v1/briefs/{campaign_id}/progress").json()
        assert (progress["state"], progress["done"]) == ("idle", 0)
        # the page's own request streams the drafts
        with page.stream("POST", stream, headers={"X-CSRF-Token": csrf}) as response:
            assert response.status_code == 200
            names = [line[7:] for line in response.iter_lines() if line.startswith("event: ")]
        assert names[0] == "plan" and names[-1] == "done" and names.count("cell") == 4


# --- V16: the analyst only reads ----------------------------------------------------------

#: what an analyst may send besides GET, and why none of it changes shared state.
ANALYST_NON_GET = {
    ("POST", "/api/v1/auth/logout"): "ends the caller's own session",
    ("POST", "/api/v1/tokens"): "mints a token for the caller only, with the caller's role",
    ("DELETE", "/api/v1/tokens/{token_id}"): "revokes the caller's own token only",
    ("POST", "/api/v1/check"): "checks the text sent; stores nothing",
    ("POST", "/api/v1/segments/preview"): "sizes segments; writes nothing",
}


def test_no_route_lets_an_analyst_change_anything(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path))
    found: set[tuple[str, str]] = set()
    for path, route in _flatten(app.routes):
        rule = _rule(route) if isinstance(route, APIRoute) else None
        if isinstance(rule, Authorize) and "analyst" in rule.roles:
            found |= {(m, path) for m in route.methods or () if m not in ("GET", "HEAD")}
    assert found == set(ANALYST_NON_GET)


def test_the_analyst_cannot_import_metrics(settings: Settings) -> None:
    analyst = add_user(settings, "zhang", "analyst")
    operator = add_user(settings, "operator-user", "operator")
    costs = "day,channel,cost\n2026-01-20,sms,12.5\n"
    with run_asgi(create_app(settings)) as base, httpx.Client(base_url=base, timeout=60) as client:
        refused = client.post(
            "/api/v1/metrics/import/costs", content=costs, headers=bearer(analyst)
        )
        assert refused.status_code == 403 and error(refused)["code"] == "forbidden"
        done = client.post("/api/v1/metrics/import/costs", content=costs, headers=bearer(operator))
        assert done.status_code == 200 and done.json()["inserted"] == 1
