"""The whole loop in a browser: an operator's brief streams into a grid of creatives and is
filed; a reviewer approves; the campaign goes live and the delivery page follows simulated
events; an emergency take-down removes a creative from decide results."""

from __future__ import annotations

import re
import time
import uuid

import httpx
import pytest
from playwright.sync_api import Browser, expect

from huashu.store import credentials, open_store
from tests.ui.conftest import Site, new_page

pytestmark = pytest.mark.ui
BRIEF = "给养殖户推春耕贷款，年化利率3.6%起，首页卡片+短信"


def _token(site: Site, username: str) -> str:
    store = open_store(site.settings.resolved_database_url)
    try:
        with store.session() as s:
            return credentials.create_token(s, username, "ui-test", actor="test")[1]
    finally:
        store.close()


def _decide(api: httpx.Client, segment: str, channel: str, n: int) -> list[dict[str, object]]:
    body = {
        "requests": [
            {"user_id": 10_000 + i, "segment_key": segment, "channel": channel} for i in range(n)
        ]
    }
    response = api.post("/api/v1/decide", json=body)
    assert response.status_code == 200, response.text
    decisions: list[dict[str, object]] = response.json()["decisions"]
    return decisions


def test_brief_review_delivery_and_takedown(site: Site, browser: Browser) -> None:
    # 1. the operator writes a brief; the plan comes back and drafts stream into the grid
    op = new_page(browser)
    site.login(op, "xiaowang")
    assert op.url.endswith("/chat")
    op.fill("#brief-form textarea", BRIEF)
    op.fill("#brief-form input[name=n]", "2")
    with op.expect_response(re.compile(r"/chat/cmp-[^/?]+\?stream=1")) as first:
        op.click("#brief-form button[type=submit]")
    initial = first.value.text()
    assert 'class="spinner"' in initial and "data-creative=" not in initial  # empty grid first
    expect(op.locator("#campaign[data-done='1']")).to_have_count(1)
    campaign_id = op.url.split("/chat/")[1].split("?")[0]
    cells = op.locator("td.cell")
    assert cells.count() == 4  # 2 segments x (首页卡片, 短信)
    assert op.locator("td.cell.pending").count() == 0
    assert op.locator("article.creative").count() == 8
    expect(op.locator(".badge.v-pass").first).to_be_visible()
    expect(op.locator("img.banner").first).to_be_visible()
    # the brief's rate is cited (the discounted segment cites its 3.3% instead)
    expect(op.locator(".facts .chip", has_text="3.6%").first).to_be_visible()
    op.locator("img.banner").first.evaluate("img => img.decode()")
    site.shot(op, "01-chat-grid")

    # a follow-up turn refines the SMS drafts only
    sms_before = set(
        op.locator("td[data-cell$='|sms'] article").evaluate_all(
            "els => els.map(e => e.dataset.creative)"
        )
    )
    op.fill("#refine-form input", "短信再短一点")
    op.click("#refine-form button[type=submit]")
    expect(op.locator("#campaign[data-turns='1']")).to_have_count(1)
    expect(op.locator("#turns .bubble.ai")).to_have_count(1)
    sms_after = set(
        op.locator("td[data-cell$='|sms'] article").evaluate_all(
            "els => els.map(e => e.dataset.creative)"
        )
    )
    assert sms_after and sms_after != sms_before
    op.click("#submit-approval")
    expect(op.locator("#campaign[data-submitted]")).to_have_count(1)
    site.shot(op, "02-chat-submitted")

    # 2. the reviewer approves everything from the queue
    rev = new_page(browser)
    site.login(rev, "laoli")
    assert rev.url.endswith("/review")
    site.shot(rev, "03-review-queue")
    rev.click("a.button")
    expect(rev.locator(".review-item").first).to_be_visible()
    site.shot(rev, "04-review-approval")
    rev.click("#approve-all")
    expect(rev.locator("h1 .badge.s-approved")).to_have_count(1)

    # 3. the operator schedules and starts it; the delivery page follows the events
    op.goto(f"{site.base}/delivery")
    row = op.locator(f"tr[data-campaign-row='{campaign_id}']")
    row.locator("[data-action=tasks]").click()
    expect(row.locator("[data-action=start]")).to_be_visible()
    row.locator("[data-action=start]").click()
    # no delivery target is configured: the start asks to confirm first
    expect(op.locator("dialog#start-confirm")).to_contain_text("首页卡片、短信")
    op.locator("dialog#start-confirm [data-dialog-confirm]").click()
    expect(op.locator(f"tr[data-campaign-row='{campaign_id}'] .badge.s-live")).to_be_visible()
    op.locator("[data-action=rebuild]").first.click()
    expect(op.locator("tr[data-arm]").first).to_be_visible()
    api = httpx.Client(
        base_url=site.base, headers={"Authorization": f"Bearer {_token(site, 'xiaowang')}"}
    )
    decisions = _decide(api, "livestock.yes", "home_card", 200)
    events = [
        {"event_id": uuid.uuid4().hex, "decision_id": d["decision_id"], "kind": "impression"}
        for d in decisions
    ] + [
        {"event_id": uuid.uuid4().hex, "decision_id": d["decision_id"], "kind": "click"}
        for d in decisions[:30]
    ]
    assert api.post("/api/v1/events", json={"events": events}).json()["inserted"] == 230
    assert api.post("/api/v1/snapshots/rebuild").status_code == 200
    # the page polls its live part: impressions appear without a reload
    expect(
        op.locator("td[data-impressions]").filter(has_not_text=re.compile(r"^0$")).first
    ).to_be_visible(timeout=10_000)
    shown = sum(int(t) for t in op.locator("td[data-impressions]").all_inner_texts())
    assert shown == 200
    site.shot(op, "05-delivery")

    # 4. the admin takes one creative down from the emergency console
    served = {str(d["creative_id"]) for d in _decide(api, "livestock.yes", "home_card", 60)}
    victim = sorted(served)[0]
    admin = new_page(browser)
    site.login(admin, "root")
    admin.goto(f"{site.base}/emergency")
    admin.click(f"[data-takedown='{victim}']")
    admin.fill("#takedown-form input[name=reason]", "用户投诉：利率表述不清")
    admin.click("#takedown-form button[type=submit]")
    expect(admin.locator("#takedown-preview [data-count]")).to_have_text("1")
    site.shot(admin, "06-emergency-confirm")
    admin.click("#takedown-confirm")
    expect(admin.locator(f"tr[data-live='{victim}']")).to_have_count(0)
    expect(admin.locator("tr[data-incident]")).to_have_count(1)
    site.shot(admin, "07-emergency-incident")
    time.sleep(1.0)  # the decide path re-reads its take-down list every 0.5 s
    after = {str(d["creative_id"]) for d in _decide(api, "livestock.yes", "home_card", 200)}
    assert victim not in after and after

    admin.goto(f"{site.base}/audit")
    expect(admin.locator("#audit-verify.v-pass")).to_be_visible()
    site.shot(admin, "08-audit")
    api.close()
