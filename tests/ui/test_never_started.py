"""A campaign paused before it was ever started (scheduled -> paused) has nothing to resume:
the 投放 page offers it 开始投放 (with the delivery-target confirmation), never 恢复; the API
refuses a resume of it (409 ``never_started``) and starting it puts its creatives on air.
Once it has run, a pause offers 恢复 again and no start."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, expect

from tests.ui.conftest import Site, new_page
from tests.ui.test_start_truth import _client, _scheduled

pytestmark = pytest.mark.ui


@pytest.fixture(scope="module")
def apis(site: Site) -> Iterator[tuple[httpx.Client, httpx.Client]]:
    with _client(site, "xiaowang") as op, _client(site, "laoli") as rev:
        yield op, rev


def _creatives(op: httpx.Client, campaign_id: str) -> dict[str, int]:
    found = op.get("/api/v1/campaigns").json()["campaigns"]
    [campaign] = [c for c in found if c["id"] == campaign_id]
    return {k: v for k, v in campaign["creatives"].items() if v}


def test_a_campaign_paused_before_it_started_is_started_not_resumed(
    site: Site, browser: Browser, apis: tuple[httpx.Client, httpx.Client]
) -> None:
    op, rev = apis
    campaign_id = _scheduled(op, rev, "给养殖户推春耕贷款，短信")
    base = f"/api/v1/campaigns/{campaign_id}"
    assert op.post(f"{base}/pause", json={}).json()["campaign"]["status"] == "paused"
    waiting = _creatives(op, campaign_id)
    assert set(waiting) == {"scheduled"}, waiting

    # the API: nothing to resume; the campaign stays paused, nothing goes on air
    refused = op.post(f"{base}/resume", json={})
    assert refused.status_code == 409, refused.text
    assert refused.json()["error"]["code"] == "never_started"
    assert _creatives(op, campaign_id) == waiting

    # the page offers 开始投放 only, and starting asks about the missing delivery target
    page = new_page(browser)
    site.login(page, "xiaowang")
    page.goto(f"{site.base}/delivery")
    row = page.locator(f"tr[data-campaign-row='{campaign_id}']")
    expect(row.locator(".badge.s-paused")).to_be_visible()
    expect(row.locator("[data-action=start]")).to_have_text("开始投放")
    expect(row.locator("[data-action=resume]")).to_have_count(0)
    site.shot(page, "never-started-paused")
    row.locator("[data-action=start]").click()
    dialog = page.locator("dialog#start-confirm")
    expect(dialog).to_be_visible()
    dialog.locator("[data-dialog-confirm]").click()
    expect(row.locator(".badge.s-live")).to_be_visible()
    on_air = _creatives(op, campaign_id)
    assert set(on_air) == {"live"} and on_air["live"] == waiting["scheduled"], on_air

    # paused after running: 恢复, and no 开始投放
    row.locator("[data-action=pause]").click()
    expect(row.locator(".badge.s-paused")).to_be_visible()
    expect(row.locator("[data-action=resume]")).to_have_text("恢复")
    expect(row.locator("[data-action=start]")).to_have_count(0)
    row.locator("[data-action=resume]").click()
    expect(row.locator(".badge.s-live")).to_be_visible()
    page.context.close()
