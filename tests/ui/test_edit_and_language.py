"""Inline edit re-checks compliance in the browser, and the English switch sticks."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

from tests.ui.conftest import Site, new_page

pytestmark = pytest.mark.ui


def test_inline_edit_rechecks_and_english_switch(site: Site, browser: Browser) -> None:
    op = new_page(browser)
    site.login(op, "xiaowang")
    op.fill("#brief-form textarea", "给养殖户推春耕贷款，年化利率3.6%起，短信")
    op.fill("#brief-form input[name=n]", "1")
    op.click("#brief-form button[type=submit]")
    expect(op.locator("#campaign[data-done='1']")).to_have_count(1)
    card = op.locator("article.creative").first
    creative_id = card.get_attribute("data-creative")
    assert creative_id
    card.locator("[data-edit]").click()
    area = card.locator("textarea").first
    area.fill("【春田农商银行】保本无风险，稳赚不赔！年化利率3.6%起。拒收请回复R")
    card.locator("button.primary").click()
    edited = op.locator(f"article.creative[data-creative='{creative_id}']")
    expect(edited.locator(".badge.v-block")).to_be_visible()
    expect(edited.locator("mark").first).to_contain_text(re.compile("保本|无风险|稳赚"))
    site.shot(op, "11-inline-edit-blocked")

    # the switch to English is remembered across pages
    op.click("a.lang")
    expect(op.locator("html[lang=en]")).to_have_count(1)
    op.goto(f"{site.base}/delivery")
    expect(op.locator("html[lang=en]")).to_have_count(1)
    expect(op.locator("nav")).to_contain_text("Delivery")
    op.click("a.lang")
    expect(op.locator("html[lang=zh-CN]")).to_have_count(1)
    expect(op.locator("nav")).to_contain_text("投放")
