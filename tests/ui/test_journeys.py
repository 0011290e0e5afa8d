"""A day's work per role through the real UI (issue 22, "Must show"): the operator and the
reviewer here, the admin and the analyst in ``test_journeys_admin.py``. Each journey drives
its own role in the browser; what another role does in between goes through the API.

Operator: brief → what was understood (抖音 and 退休教师 named) → 确认生成 → drafts → edit one →
提交审批 → after a rejection, the reviewer's comment on the card → fix → resubmit → approved →
渠道任务 → 开始投放 without a delivery target asks to confirm → 暂停 / 恢复.
Reviewer: the queue → the approval with banner, SMS billing and call script previews → reject
one with a comment, 全部通过 leaves the 需复核 one undecided → acknowledge and approve it →
the resubmission shows what changed since the rejection → approve.

Screenshots (``.huashu-artifacts/ui/``): journey-operator-*, journey-reviewer-*."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.ui.conftest import Site, fits_window, new_page, page_errors
from tests.ui.test_rejection_loop import _banners_loaded, _edit_title, _phone
from tests.ui.test_start_truth import _client, _decide, _drafted

pytestmark = pytest.mark.ui
OPERATOR_BRIEF = "给养殖户和退休教师推春耕贷款，年化利率3.6%起，首页卡片+短信+抖音"
REVIEWER_BRIEF = "给养殖户推春耕贷款，年化利率3.6%起，首页卡片+短信+智能外呼"
FLAGGED_TITLE = "养殖户春耕贷，王牌产品"  # 王牌: an absolute term a reviewer must read (需复核)
EDITED_TITLE = "养殖户春耕贷，补栏正当时"
FIXED_TITLE = "养殖户春耕贷，额度最高30万"
COMMENT = "标题请写明额度上限"


@pytest.fixture(scope="module")
def apis(site: Site) -> Iterator[tuple[httpx.Client, httpx.Client]]:
    with _client(site, "xiaowang") as op, _client(site, "laoli") as rev:
        yield op, rev


def _pending(api: httpx.Client, campaign_id: str) -> str:
    """The campaign's pending approval."""
    params = {"campaign_id": campaign_id, "status": "pending"}
    [approval] = api.get("/api/v1/approvals", params=params).json()["approvals"]
    return str(approval["id"])


def _home_cards(page: Page) -> list[str]:
    ids: list[str] = page.locator("td[data-cell$='|home_card'] article.creative").evaluate_all(
        "els => els.map(e => e.dataset.creative)"
    )
    return ids


def _unexpected(errors: list[str]) -> list[str]:
    """Browser errors but the start refused (409) until the operator confirms it."""
    return [e for e in errors if not (e.startswith("409 ") and e.endswith("/start"))]


def test_operator_day(
    site: Site, browser: Browser, apis: tuple[httpx.Client, httpx.Client]
) -> None:
    _, rev_api = apis
    page = new_page(browser)
    errors = page_errors(page)
    site.login(page, "xiaowang")
    assert page.url.endswith("/chat")
    expect(page.locator(".topbar nav a")).to_have_text(["对话", "投放", "知识库", "数据"])

    # the brief: what was understood comes first, the unknowns named; nothing filed yet
    page.fill("#brief-form textarea", OPERATOR_BRIEF)
    page.fill("#brief-form input[name=n]", "1")
    page.click("#brief-form button[type=submit]")
    panel = page.locator("#understanding")
    expect(panel).to_contain_text("抖音：暂不支持该渠道")
    expect(panel).to_contain_text("退休教师：没有对应的人群分层")
    expect(panel.locator("[data-understood-channels] .chip.yes")).to_have_text(["首页卡片", "短信"])
    expect(panel.locator("[data-understood-audiences]")).to_contain_text("养殖户")
    assert page.url.endswith("/chat")
    site.shot(page, "journey-operator-1-understanding")

    # 确认生成: the drafts stream into the grid; one card is edited, then all are filed
    page.click("[data-confirm-brief]")
    expect(page.locator("#campaign[data-done='1']")).to_have_count(1)
    campaign_id = page.url.split("/chat/")[1].split("?")[0]
    expect(page.locator("#campaign-name h1")).to_contain_text("春耕贷·养殖户")
    expect(page.locator(".not-honoured")).to_contain_text("抖音：暂不支持该渠道")
    edited, rejected = _home_cards(page)
    _edit_title(page, edited, EDITED_TITLE)
    page.click("#submit-approval")
    expect(page.locator("#campaign[data-submitted]")).to_have_count(1)
    expect(page.locator("#submit-approval")).to_be_disabled()
    _banners_loaded(page)
    site.shot(page, "journey-operator-2-submitted")

    # the reviewer rejects one card with a comment: the operator reads it on the card
    _decide(rev_api, _pending(rev_api, campaign_id), {rejected: COMMENT})
    page.reload()
    note = page.locator(f"article[data-creative='{rejected}'] [data-review-note]")
    expect(note).to_contain_text(COMMENT)
    expect(note).to_contain_text("laoli")
    expect(page.locator("#rejected-notice")).to_contain_text("有 1 条素材被驳回")
    expect(page.locator("#submit-approval")).to_be_disabled()
    note.scroll_into_view_if_needed()
    site.shot(page, "journey-operator-3-rejected")

    # fixed in place: 提交审批 opens again and files the fix
    _edit_title(page, rejected, FIXED_TITLE)
    expect(note).to_contain_text("已修改，待重新提交审批")
    expect(page.locator("#submit-approval")).to_be_enabled()
    page.click("#submit-approval")
    expect(page.locator("#campaign[data-submitted]")).to_have_count(1)
    _decide(rev_api, _pending(rev_api, campaign_id))

    # 投放: channel tasks, then a start without a delivery target asks first
    page.goto(f"{site.base}/delivery")
    row = page.locator(f"tr[data-campaign-row='{campaign_id}']")
    expect(row.locator(".badge.s-approved")).to_be_visible()
    row.locator("[data-action=tasks]").click()
    expect(page.locator(f"tr[data-missing-targets='{campaign_id}']")).to_contain_text(
        "以下渠道没有投放目标，开始投放时需要确认：首页卡片、短信"
    )
    row.locator("[data-action=start]").click()
    dialog = page.locator("dialog#start-confirm")
    expect(dialog).to_contain_text("的以下渠道没有投放目标：首页卡片、短信")
    site.shot(page, "journey-operator-4-start-confirm")
    dialog.locator("[data-dialog-confirm]").click()
    expect(row.locator(".badge.s-live")).to_be_visible()
    expect(page.locator(f"tr[data-missing-targets='{campaign_id}']")).to_contain_text(
        "渠道任务不会发给任何系统：首页卡片、短信"
    )

    # 暂停 and 恢复
    row.locator("[data-action=pause]").click()
    expect(row.locator(".badge.s-paused")).to_be_visible()
    site.shot(page, "journey-operator-5-paused")
    row.locator("[data-action=resume]").click()
    expect(row.locator(".badge.s-live")).to_be_visible()
    assert rev_api.get(f"/api/v1/campaigns/{campaign_id}").json()["campaign"]["status"] == "live"

    # the campaign on a phone: live, saying its tasks go nowhere, nothing wider than the screen
    phone = _phone(browser, site, "xiaowang")
    phone.goto(f"{site.base}/chat/{campaign_id}")
    expect(phone.locator(".targets-missing")).to_contain_text("渠道任务不会发给任何系统")
    assert fits_window(phone)
    site.shot(phone, "journey-operator-6-live-390")
    assert _unexpected(errors) == [], errors


def test_reviewer_day(
    site: Site, browser: Browser, apis: tuple[httpx.Client, httpx.Client]
) -> None:
    op_api, _ = apis
    # the operator drafts, puts a 需复核 term in one card's title and files everything
    campaign_id = _drafted(op_api, REVIEWER_BRIEF, n=1)
    creatives = op_api.get(f"/api/v1/campaigns/{campaign_id}").json()["creatives"]
    flagged, rejected = [c["id"] for c in creatives if c["channel"] == "home_card"]
    edit = {"fields": {"title": FLAGGED_TITLE}}
    op_api.patch(f"/api/v1/creatives/{flagged}", json=edit).raise_for_status()
    op_api.post(f"/api/v1/campaigns/{campaign_id}/submit").raise_for_status()
    approval_id = _pending(op_api, campaign_id)

    page = new_page(browser)
    errors = page_errors(page)
    site.login(page, "laoli")
    assert page.url.endswith("/review")
    expect(page.locator(".topbar nav a")).to_have_text(
        ["审批", "投放", "知识库", "数据", "应急", "审计"]
    )
    queued = page.locator("tr", has_text=approval_id)
    expect(queued).to_contain_text("xiaowang")
    site.shot(page, "journey-reviewer-1-queue")

    # the approval: each creative as it will appear
    queued.locator("a.button").click()
    expect(page.locator(".review-item").first).to_be_visible()
    expect(page.locator(f"[data-item='{rejected}'] img.banner")).to_be_visible()
    expect(page.locator("[data-channel=sms] .sms-count").first).to_contain_text("计费")
    expect(page.locator("[data-channel=smart_call] .line.sp-customer").first).to_be_visible()
    expect(page.locator(f"[data-item='{flagged}'] mark.f-review")).to_have_text("王牌")
    expect(page.locator(f"[data-item='{flagged}'] li.f-review")).to_contain_text("已阅读该提示")
    _banners_loaded(page)
    site.shot(page, "journey-reviewer-2-approval")

    # one rejected with a comment; 全部通过 approves the rest but leaves the 需复核 one open
    item = page.locator(f"[data-item='{rejected}']")
    item.locator("input[value=rejected]").check()
    item.locator("[data-note]").fill(COMMENT)
    page.click("#approve-all")
    page.wait_for_url(re.compile(r"\?skipped=1$"))
    expect(page.locator("#bulk-skipped")).to_contain_text("全部通过跳过了 1 条素材")
    skipped = page.locator(f"[data-item='{flagged}']")
    expect(skipped).to_have_class(re.compile("needs-ack"))
    expect(skipped.locator("input[data-ack]")).not_to_be_checked()
    expect(page.locator("[data-item][data-open]")).to_have_count(1)
    expect(page.locator("h1 .badge.s-pending")).to_have_count(1)
    skipped.scroll_into_view_if_needed()
    site.shot(page, "journey-reviewer-3-bulk-skipped")
    phone = _phone(browser, site, "laoli")
    phone.goto(page.url)
    expect(phone.locator("#bulk-skipped")).to_be_visible()
    _banners_loaded(phone)
    assert fits_window(phone)
    site.shot(phone, "journey-reviewer-3-bulk-skipped-390")

    # the reviewer reads the finding, ticks it and approves that one too
    skipped.locator("input[data-ack]").check()
    skipped.locator("input[value=approved]").check()
    page.click("#review-form button[type=submit]")
    expect(page.locator("h1 .badge.s-approved")).to_have_count(1)

    # the operator fixes the rejected card and files it again
    fix = {"fields": {"title": FIXED_TITLE}}
    op_api.patch(f"/api/v1/creatives/{rejected}", json=fix).raise_for_status()
    op_api.post(f"/api/v1/campaigns/{campaign_id}/submit").raise_for_status()
    again = _pending(op_api, campaign_id)

    # what changed since the rejection, then approved
    page.goto(f"{site.base}/review")
    page.locator("tr", has_text=again).locator("a.button").click()
    expect(page.locator(".review-item")).to_have_count(1)
    change = page.locator(f"[data-changes='{rejected}']")
    expect(change).to_contain_text("上次结论：已驳回（laoli）")
    expect(change).to_contain_text(COMMENT)
    expect(change.locator("del").first).to_be_visible()
    expect(change.locator("ins").first).to_contain_text("额度")
    _banners_loaded(page)
    site.shot(page, "journey-reviewer-4-changes")
    page.click("#approve-all")
    expect(page.locator("h1 .badge.s-approved")).to_have_count(1)
    page.goto(f"{site.base}/review")
    expect(page.locator("tr", has_text=again).locator(".badge.s-approved")).to_be_visible()
    site.shot(page, "journey-reviewer-5-decided")
    assert errors == []
