"""What the chat understood of a brief, in the browser, before anything is filed; and the
campaign renamed in place (issue 22, item 7). Briefs from the issue: an English one asking for
SMS and cards gets both; 退休教师 on 抖音 and 朋友圈 is answered with each unknown named and
nothing drafted for all segments; a partly understood brief is filed only once confirmed.

Screenshots (``.huashu-artifacts/ui/``): understand-refused-1440, understand-refused-390,
understand-partial-1440, understand-partial-390, campaign-rename-1440, campaign-rename-390,
campaign-renamed-1440."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.ui.conftest import Site, fits_window, page_errors

pytestmark = pytest.mark.ui
ENGLISH = "Promote the spring farming loan to livestock farmers by SMS and home cards"
UNKNOWNS = "给退休教师推春耕贷，抖音+朋友圈"
PARTLY = "给养殖户和退休教师推春耕贷，短信+抖音"


def _page(browser: Browser, width: int) -> Page:
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


def _brief(page: Page, text: str) -> None:
    page.fill("#brief-form textarea", text)
    page.fill("#brief-form input[name=n]", "1")
    page.click("#brief-form button[type=submit]")


@pytest.mark.parametrize("width", [1440, 390])
def test_unknowns_are_named_and_nothing_is_filed(site: Site, browser: Browser, width: int) -> None:
    page = _page(browser, width)
    errors = page_errors(page)
    site.login(page, "xiaowang")
    page.goto(f"{site.base}/chat")
    _brief(page, UNKNOWNS)
    panel = page.locator("#understanding")
    expect(panel).to_be_visible()
    expect(panel.locator("[data-unknown-channel]")).to_have_count(2)
    expect(panel).to_contain_text("抖音：暂不支持该渠道")
    expect(panel).to_contain_text("朋友圈：暂不支持该渠道")
    expect(panel).to_contain_text("退休教师：没有对应的人群分层")
    # neither the pack's channels nor all its segments stand in for what was not understood
    expect(panel.locator("[data-understood-channels] .chip.yes")).to_have_count(0)
    expect(panel.locator("[data-understood-audiences] .chip.yes")).to_have_count(0)
    expect(panel.locator("[data-confirm-brief]")).to_be_disabled()
    assert page.url.endswith("/chat")
    assert fits_window(page)
    site.shot(page, f"understand-refused-{width}")
    # 修改需求 hands the brief back to the operator
    page.click("[data-adjust-brief]")
    expect(panel).to_be_hidden()
    expect(page.locator("#brief-form textarea")).to_be_focused()
    assert not errors, errors


def test_english_brief_gets_both_channels_at_once(site: Site, browser: Browser) -> None:
    page = _page(browser, 1440)
    site.login(page, "xiaowang")
    page.goto(f"{site.base}/chat")
    with page.expect_response(re.compile(r"/chat/cmp-[^/?]+\?stream=1")):
        _brief(page, ENGLISH)  # understood in full: filed without a question
    heads = page.locator("#grid th[data-channel]")
    expect(heads).to_have_count(2)
    assert {heads.nth(i).get_attribute("data-channel") for i in range(2)} == {"sms", "home_card"}
    expect(page.locator("#campaign-name h1")).to_have_text("春耕贷·养殖户 短信+首页卡片")


@pytest.mark.parametrize("width", [1440, 390])
def test_confirm_a_partly_understood_brief_then_rename(
    site: Site, browser: Browser, width: int
) -> None:
    page = _page(browser, width)
    errors = page_errors(page)
    site.login(page, "xiaowang")
    page.goto(f"{site.base}/chat")
    _brief(page, PARTLY)
    panel = page.locator("#understanding")
    expect(panel).to_contain_text("抖音：暂不支持该渠道")
    expect(panel).to_contain_text("退休教师：没有对应的人群分层")
    expect(panel.locator("[data-understood-channels]")).to_contain_text("短信")
    expect(panel.locator("[data-understood-audiences]")).to_contain_text("养殖户")
    expect(panel).to_contain_text("不会生成")
    assert fits_window(page)
    site.shot(page, f"understand-partial-{width}")
    with page.expect_response(re.compile(r"/chat/cmp-[^/?]+\?stream=1")):
        page.click("[data-confirm-brief]")
    expect(page.locator("#campaign[data-done='1']")).to_have_count(1)
    title = page.locator("#campaign-name h1")
    expect(title).to_contain_text("春耕贷·养殖户 短信")
    expect(page.locator(".not-honoured")).to_contain_text("抖音：暂不支持该渠道")
    # rename in place: a bad name is refused in words, a good one is kept
    page.click("[data-rename]")
    form = page.locator("#rename-form")
    expect(form).to_be_visible()
    form.locator("input[name=name]").fill("   ")
    form.locator("button[type=submit]").click()
    expect(form.locator("[data-rename-error]")).to_contain_text("活动名称不能为空")
    assert fits_window(page)
    site.shot(page, f"campaign-rename-{width}")
    name = f"养殖户春耕短信 {width}"
    form.locator("input[name=name]").fill(f"  {name}  ")
    form.locator("button[type=submit]").click()
    expect(title).to_have_text(name)
    expect(form).to_be_hidden()
    page.reload()
    expect(page.locator("#campaign-name h1")).to_have_text(name)
    assert name in page.title()
    if width == 1440:
        site.shot(page, "campaign-renamed-1440")
    page.goto(f"{site.base}/chat")
    expect(page.locator("table")).to_contain_text(name)
    assert not [e for e in errors if "/api/v1/campaigns/" not in e], errors
