"""Life-cycle truth in a browser (issue 22): an approved, scheduled campaign that was never
started gets none of 1,000 decisions while a started one takes them all; a start while the
campaign's channels have no delivery target shows a warning and asks to confirm (cancel
starts nothing, confirm starts it), and the campaign page, the list of campaigns and the 投放
page name those channels, in Chinese and in English."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, expect

from huashu.store import credentials, open_store
from tests.ui.conftest import Site, new_page

pytestmark = pytest.mark.ui
BRIEFS = ("给养殖户推春耕贷款，首页卡片+短信", "养殖户春耕贷款续作，首页卡片+短信")
GROUPS = [(s, c) for s in ("livestock.yes", "livestock.no") for c in ("home_card", "sms")]


def _client(site: Site, username: str) -> httpx.Client:
    store = open_store(site.settings.resolved_database_url)
    try:
        with store.session() as s:
            token = credentials.create_token(s, username, "ui-test", actor="test")[1]
    finally:
        store.close()
    return httpx.Client(
        base_url=site.base, headers={"Authorization": f"Bearer {token}"}, timeout=60
    )


def _drafted(op: httpx.Client, brief: str, n: int = 2) -> str:
    """A campaign briefed and drafted through the API; its id."""
    plan = op.post("/api/v1/briefs", json={"brand_id": "chuntian-bank", "text": brief, "n": n})
    campaign_id = str(plan.json()["plan"]["campaign_id"])
    op.post(f"/api/v1/briefs/{campaign_id}/drafts", params={"n": n}).raise_for_status()
    deadline = time.monotonic() + 120
    while op.get(f"/api/v1/briefs/{campaign_id}/progress").json()["state"] != "done":
        assert time.monotonic() < deadline, "drafting did not finish"
        time.sleep(0.2)
    return campaign_id


def _decide(rev: httpx.Client, approval_id: str, rejected: dict[str, str] | None = None) -> None:
    """The reviewer's vote through the API: ``rejected`` (creative id -> comment) rejected,
    every other creative approved with its 需复核 findings acknowledged."""
    detail = rev.get(f"/api/v1/approvals/{approval_id}").json()["approval"]
    acks = {
        item["creative_id"]: [f["rule_id"] for f in item["creative"]["findings"]["review"]]
        for item in detail["items"]
    }
    rejected = rejected or {}
    body = {
        "approve_all": True,
        "acknowledged": acks,
        "decisions": dict.fromkeys(rejected, "rejected"),
        "comments": rejected,
    }
    rev.post(f"/api/v1/approvals/{approval_id}/decide", json=body).raise_for_status()


def _scheduled(op: httpx.Client, rev: httpx.Client, brief: str) -> str:
    """A campaign briefed, drafted, filed, approved and tasked through the API: scheduled,
    waiting for 开始投放."""
    campaign_id = _drafted(op, brief)
    approval = op.post(f"/api/v1/campaigns/{campaign_id}/submit").json()["approval"]
    _decide(rev, approval["id"])
    op.post(f"/api/v1/campaigns/{campaign_id}/tasks", json={}).raise_for_status()
    return campaign_id


def _thousand(api: httpx.Client) -> list[str]:
    requests = [
        {"user_id": 50_000 + i, "segment_key": seg, "channel": ch}
        for i, (seg, ch) in enumerate(GROUPS * 250)
    ]
    answer = api.post("/api/v1/decide", json={"requests": requests})
    assert answer.status_code == 200, answer.text
    return [str(d["creative_id"]) for d in answer.json()["decisions"]]


@pytest.fixture(scope="module")
def apis(site: Site) -> Iterator[tuple[httpx.Client, httpx.Client]]:
    with _client(site, "xiaowang") as op, _client(site, "laoli") as rev:
        yield op, rev


def test_unstarted_campaigns_are_not_served_and_a_start_without_targets_asks(
    site: Site, browser: Browser, apis: tuple[httpx.Client, httpx.Client]
) -> None:
    op_api, rev_api = apis
    first, second = (_scheduled(op_api, rev_api, brief) for brief in BRIEFS)

    # both wait for 开始投放; neither channel has a delivery target, and the page says so
    page = new_page(browser)
    site.login(page, "xiaowang")
    page.goto(f"{site.base}/delivery")
    for campaign_id in (first, second):
        warning = page.locator(f"tr[data-missing-targets='{campaign_id}']")
        expect(warning).to_contain_text("以下渠道没有投放目标，开始投放时需要确认：首页卡片、短信")
    site.shot(page, "21-delivery-missing-targets")

    # starting the first asks to confirm, naming the channels; cancelling starts nothing
    row = page.locator(f"tr[data-campaign-row='{first}']")
    row.locator("[data-action=start]").click()
    dialog = page.locator("dialog#start-confirm")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text(f"（{first}）的以下渠道没有投放目标：首页卡片、短信")
    expect(dialog).to_contain_text("仍要开始投放吗")
    site.shot(page, "22-delivery-start-confirm")
    dialog.locator("[data-dialog-cancel]").click()
    expect(dialog).to_be_hidden()
    assert op_api.get(f"/api/v1/campaigns/{first}").json()["campaign"]["status"] == "scheduled"

    # confirming starts it: live, and the warning now says its tasks are sent nowhere
    row.locator("[data-action=start]").click()
    expect(dialog).to_be_visible()
    dialog.locator("[data-dialog-confirm]").click()
    expect(page.locator(f"tr[data-campaign-row='{first}'] .badge.s-live")).to_be_visible()
    expect(page.locator(f"tr[data-missing-targets='{first}']")).to_contain_text(
        "渠道任务不会发给任何系统：首页卡片、短信"
    )
    expect(page.locator(f"tr[data-campaign-row='{second}'] .badge.s-scheduled")).to_be_visible()
    trail = rev_api.get("/api/v1/audit", params={"object_id": first}).json()["entries"]
    [started] = [e for e in trail if e["action"] == "campaign.live"]
    assert started["actor"] == "xiaowang"
    assert started["detail"]["missing_targets"] == ["home_card", "sms"]
    assert started["detail"]["confirmed"] is True

    # 1,000 decisions: the started campaign takes them all, the unstarted one none
    page.locator("[data-action=rebuild]").first.click()
    expect(page.locator("tr[data-arm]").first).to_be_visible()
    creatives = {
        cid: {c["id"] for c in op_api.get(f"/api/v1/campaigns/{cid}").json()["creatives"]}
        for cid in (first, second)
    }
    served = _thousand(op_api)
    assert len(served) == 1000
    assert sum(c in creatives[second] for c in served) == 0
    assert sum(c in creatives[first] for c in served) == 1000
    site.shot(page, "23-delivery-started")

    # the campaign page says it too
    page.goto(f"{site.base}/chat/{first}")
    banner = page.locator(".targets-missing")
    expect(banner).to_contain_text("渠道任务不会发给任何系统：首页卡片、短信")
    site.shot(page, "24-campaign-missing-targets")

    # and the list of recent campaigns marks both
    page.goto(f"{site.base}/chat")
    for campaign_id in (first, second):
        expect(page.locator(f"[data-missing-targets='{campaign_id}']")).to_contain_text(
            "无投放目标：首页卡片、短信"
        )
    site.shot(page, "26-chat-recent-missing-targets")

    # and in English when the UI is switched
    page.goto(f"{site.base}/delivery?lang=en")
    expect(page.locator(f"tr[data-missing-targets='{first}']")).to_contain_text(
        "No delivery target for Home card, SMS: their tasks are sent nowhere"
    )
    expect(page.locator(f"tr[data-missing-targets='{second}']")).to_contain_text(
        "starting asks for confirmation"
    )
    page.locator(f"tr[data-campaign-row='{second}'] [data-action=start]").click()
    expect(page.locator("dialog#start-confirm")).to_contain_text(
        f"({second}) has no delivery target for: Home card, SMS"
    )
    site.shot(page, "25-delivery-start-confirm-en")
    page.locator("dialog#start-confirm [data-dialog-cancel]").click()
    page.goto(f"{site.base}/delivery?lang=zh")
    page.context.close()
