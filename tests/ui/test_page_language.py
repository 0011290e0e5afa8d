"""What scripts write follows the page's language: the chat's answers to a follow-up turn (as
they arrive and as stored), and the toasts that report a failed API call."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.ui.conftest import Site, new_page

pytestmark = pytest.mark.ui

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


@pytest.fixture(scope="module")
def campaign(site: Site, browser: Browser) -> str:
    """A drafted SMS campaign (one draft per segment), filed through the chat."""
    page = new_page(browser)
    site.login(page, "xiaowang")
    page.fill("#brief-form textarea", "给养殖户推春耕贷款，年化利率3.6%起，短信")
    page.fill("#brief-form input[name=n]", "1")
    page.click("#brief-form button[type=submit]")
    expect(page.locator("#campaign[data-done='1']")).to_have_count(1)
    found = page.locator("#campaign").get_attribute("data-campaign")
    assert found
    page.context.close()
    return found


def _refine(page: Page, instruction: str) -> None:
    page.fill("#refine-form input", instruction)
    page.click("#refine-form button[type=submit]")


def test_chat_reply_follows_page_language(site: Site, browser: Browser, campaign: str) -> None:
    page = new_page(browser, "en-US")
    site.login(page, "xiaowang")
    page.goto(f"{site.base}/chat/{campaign}?lang=en")
    expect(page.locator("#campaign[data-done='1']")).to_have_count(1)
    _refine(page, "短信再短一点")
    reply = page.locator("#turns .bubble.ai")
    expect(reply).to_have_count(1)
    said = reply.inner_text()
    assert re.search(r"Rewrote \d+ of \d+|No draft was changed", said), said
    assert "已修改" not in said and "没有修改" not in said and "字）" not in said, said
    site.shot(page, "page-language-reply-en")

    # the stored conversation: English under the switch, Chinese without it
    page.reload()
    stored = page.locator(".conversation > .bubble.ai").last
    expect(stored).to_contain_text(re.compile(r"Rewrote \d+ of \d+|No draft was changed"))
    page.goto(f"{site.base}/chat/{campaign}?lang=zh")
    stored = page.locator(".conversation > .bubble.ai").last
    expect(stored).to_contain_text(re.compile(r"已修改 \d+/\d+ 条|没有修改任何草稿"))
    assert "Rewrote" not in stored.inner_text()

    # a turn made in Chinese answers in Chinese, and reads in English under the switch
    _refine(page, "再亲切一点")
    reply = page.locator("#turns .bubble.ai")
    expect(reply).to_have_count(1)
    expect(reply).to_contain_text(re.compile(r"已修改 \d+/\d+ 条|没有修改任何草稿"))
    page.goto(f"{site.base}/chat/{campaign}?lang=en")
    stored = page.locator(".conversation > .bubble.ai").last
    expect(stored).to_contain_text(re.compile(r"Rewrote \d+ of \d+|No draft was changed"))
    page.context.close()


#: lang -> (words of the refused refinement, words of the refused take-down preview)
TOASTS = {
    "en": ("the compose backend can make a draft", "needs a reason"),
    "zh": ("内置组合生成只能把文案", "请填写下架原因"),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_api_error_toasts_follow_page_language(
    site: Site, browser: Browser, campaign: str, lang: str
) -> None:
    page = new_page(browser, "en-US" if lang == "en" else "zh-CN")
    site.login(page, "root")
    refused_refine, refused_takedown = TOASTS[lang]
    toast = page.locator("#toast")

    page.goto(f"{site.base}/chat/{campaign}?lang={lang}")
    expect(page.locator("#campaign[data-done='1']")).to_have_count(1)
    _refine(page, "make it purple")  # the compose backend cannot do that: 422
    expect(toast).to_contain_text(refused_refine)
    expect(page.locator("#turns .bubble")).to_have_count(0)  # the refused turn is not shown
    first = toast.inner_text()

    page.goto(f"{site.base}/emergency?lang={lang}")
    page.fill("#takedown-form [name=value]", "nothing-like-this")
    page.fill("#takedown-form [name=reason]", " ")  # blank once trimmed: 422 missing_reason
    page.click("#takedown-form button[type=submit]")
    expect(toast).to_contain_text(refused_takedown)
    second = toast.inner_text()
    site.shot(page, f"page-language-toast-{lang}")
    # the English refusal quotes the Chinese instructions the backend understands (更短 ...)
    assert ("内置组合生成" in first) == (lang == "zh"), first
    assert bool(CJK.search(second)) == (lang == "zh"), second
    page.context.close()
