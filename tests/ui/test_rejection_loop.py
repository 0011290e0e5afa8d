"""The rejection loop and bulk approve in a browser (issue 22, items 2 and 4): the reviewer
sees each creative as it will appear (banner, SMS with its billing, call script as dialogue);
全部通过 leaves a 需复核 creative undecided, never ticking 已阅读该提示, and says so; a
rejected creative's comment is on the operator's campaign page, the operator edits it and files
again (提交审批 opens), and the reviewer sees what changed before approving it.

Screenshots (``.huashu-artifacts/ui/``): loop-review-1440, loop-bulk-skipped-1440,
loop-bulk-skipped-390, loop-operator-rejected-1440, loop-operator-fixed-1440,
loop-operator-fixed-390, loop-changes-1440, loop-changes-390."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.ui.conftest import Site, fits_window, new_page, page_errors

pytestmark = pytest.mark.ui
BRIEF = "给养殖户推春耕贷款，年化利率3.6%起，首页卡片+短信+智能外呼"
FLAGGED_TITLE = "养殖户春耕贷，王牌产品"  # 王牌: an absolute term a reviewer must read (需复核)
FIXED_TITLE = "养殖户春耕贷，额度最高30万"
COMMENT = "标题请写明额度上限"


def _phone(browser: Browser, site: Site, username: str) -> Page:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(20_000)
    site.login(page, username)
    return page


def _edit_title(page: Page, creative_id: str, title: str) -> None:
    card = page.locator(f"article.creative[data-creative='{creative_id}']")
    card.locator("[data-edit]").click()
    card.locator("dd[data-field=title] textarea").fill(title)
    card.locator("button.primary").click()
    expect(
        page.locator(f"article.creative[data-creative='{creative_id}'] dd[data-field=title]")
    ).to_have_text(title)


def _banners_loaded(page: Page) -> None:
    for img in page.locator("img.banner").all():
        img.scroll_into_view_if_needed()
        img.evaluate("img => img.decode()")


def test_bulk_approve_skips_review_findings_and_the_rejection_loop(
    site: Site, browser: Browser
) -> None:
    # the operator drafts one creative per cell and puts a 需复核 term in one card's title
    op = new_page(browser)
    op_errors = page_errors(op)
    site.login(op, "xiaowang")
    op.fill("#brief-form textarea", BRIEF)
    op.fill("#brief-form input[name=n]", "1")
    op.click("#brief-form button[type=submit]")
    expect(op.locator("#campaign[data-done='1']")).to_have_count(1)
    campaign_id = op.url.split("/chat/")[1].split("?")[0]
    cards = op.locator("td[data-cell$='|home_card'] article.creative").evaluate_all(
        "els => els.map(e => e.dataset.creative)"
    )
    assert len(cards) == 2
    flagged, rejected = cards
    _edit_title(op, flagged, FLAGGED_TITLE)
    expect(op.locator(f"article[data-creative='{flagged}'] .badge.v-review")).to_be_visible()
    sms = op.locator("td[data-cell$='|sms'] article.creative .sms-count").first
    expect(sms).to_contain_text(re.compile(r"\d+ 字（含签名和退订语）· 计费 \d 条"))
    op.click("#submit-approval")
    expect(op.locator("#campaign[data-submitted]")).to_have_count(1)
    expect(op.locator("#submit-approval")).to_be_disabled()

    # the reviewer sees the banner, the SMS with its billing and the call script as dialogue
    rev = new_page(browser)
    rev_errors = page_errors(rev)
    site.login(rev, "laoli")
    rev.goto(f"{site.base}/review")
    rev.locator("a.button").first.click()
    expect(rev.locator(".review-item").first).to_be_visible()
    approval_url = rev.url
    expect(rev.locator(f"[data-item='{rejected}'] img.banner")).to_be_visible()
    expect(rev.locator("[data-channel=sms] .sms-count").first).to_contain_text("计费")
    expect(rev.locator("[data-channel=smart_call] .line.sp-customer").first).to_be_visible()
    expect(rev.locator("[data-channel=smart_call] .line.sp-agent .speaker").first).to_have_text(
        "坐席"
    )
    _banners_loaded(rev)
    site.shot(rev, "loop-review-1440")

    # one card rejected with a comment; 全部通过 approves the rest but the 需复核 one
    item = rev.locator(f"[data-item='{rejected}']")
    item.locator("input[value=rejected]").check()
    item.locator("[data-note]").fill(COMMENT)
    ack = rev.locator(f"[data-item='{flagged}'] input[data-ack]")
    expect(ack).not_to_be_checked()
    rev.click("#approve-all")
    rev.wait_for_url(re.compile(r"\?skipped=1$"))
    notice = rev.locator("#bulk-skipped")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("全部通过跳过了 1 条素材")
    skipped = rev.locator(f"[data-item='{flagged}']")
    expect(skipped).to_have_class(re.compile("needs-ack"))
    expect(skipped.locator("input[data-ack]")).not_to_be_checked()
    expect(rev.locator("[data-item][data-open]")).to_have_count(1)
    expect(rev.locator("h1 .badge.s-pending")).to_have_count(1)
    skipped.scroll_into_view_if_needed()
    site.shot(rev, "loop-bulk-skipped-1440")
    phone_rev = _phone(browser, site, "laoli")
    phone_rev.goto(rev.url)
    expect(phone_rev.locator("#bulk-skipped")).to_be_visible()
    expect(phone_rev.locator("[data-channel=smart_call] .line.sp-customer").first).to_be_visible()
    _banners_loaded(phone_rev)
    assert fits_window(phone_rev)
    site.shot(phone_rev, "loop-bulk-skipped-390")
    # the reviewer reads the finding, ticks it and approves that one too
    skipped.locator("input[data-ack]").check()
    skipped.locator("input[value=approved]").check()
    rev.click("#review-form button[type=submit]")
    expect(rev.locator("h1 .badge.s-approved")).to_have_count(1)

    # the operator sees the comment on the campaign page; 提交审批 opens once it is fixed
    op.goto(f"{site.base}/chat/{campaign_id}")
    note = op.locator(f"article[data-creative='{rejected}'] [data-review-note]")
    expect(note).to_contain_text(COMMENT)
    expect(note).to_contain_text("laoli")
    expect(op.locator("#rejected-notice")).to_contain_text("有 1 条素材被驳回")
    expect(op.locator("#submit-approval")).to_be_disabled()
    note.scroll_into_view_if_needed()
    site.shot(op, "loop-operator-rejected-1440")
    _edit_title(op, rejected, FIXED_TITLE)
    expect(op.locator(f"article[data-creative='{rejected}'] [data-review-note]")).to_contain_text(
        "已修改，待重新提交审批"
    )
    expect(op.locator("#submit-approval")).to_be_enabled()
    site.shot(op, "loop-operator-fixed-1440")
    phone = _phone(browser, site, "xiaowang")
    phone.goto(f"{site.base}/chat/{campaign_id}")
    phone_card = phone.locator(f"article[data-creative='{rejected}']")
    expect(phone_card.locator("[data-review-note]")).to_contain_text(COMMENT)
    expect(phone.locator("#submit-approval")).to_be_enabled()
    assert fits_window(phone)
    site.shot(phone, "loop-operator-fixed-390")
    op.click("#submit-approval")
    expect(op.locator("#campaign[data-submitted]")).to_have_count(1)

    # the reviewer sees what changed since the rejection, then approves
    rev.goto(f"{site.base}/review")
    rev.locator("a.button").first.click()
    expect(rev.locator(".review-item")).to_have_count(1)
    assert rev.url != approval_url
    change = rev.locator(f"[data-changes='{rejected}']")
    expect(change).to_contain_text("上次结论：已驳回（laoli）")
    expect(change).to_contain_text(COMMENT)
    expect(change.locator("del").first).to_be_visible()
    expect(change.locator("ins").first).to_be_visible()
    _banners_loaded(rev)
    site.shot(rev, "loop-changes-1440")
    phone_rev.goto(rev.url)
    expect(phone_rev.locator(f"[data-changes='{rejected}'] ins").first).to_be_visible()
    _banners_loaded(phone_rev)
    assert fits_window(phone_rev)
    site.shot(phone_rev, "loop-changes-390")
    rev.click("#approve-all")
    expect(rev.locator("h1 .badge.s-approved")).to_have_count(1)
    assert op_errors == [] and rev_errors == []
