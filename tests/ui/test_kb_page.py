"""The 知识库 page in the browser: the empty state, then a brand's knowledge base read per
segment (用 / 少用 in words, the chart), search, segments per page and paging, English, and
the layout at 1440 and 390 px wide with no console error (the CSP allows no inline code)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from huashu.brand.loader import load_brand_pack
from tests.ui.conftest import EXAMPLES, Site, fits_window, new_page, page_errors
from tests.web.kb_pages import save_versions

pytestmark = pytest.mark.ui
RAW = ("phrase:", "word:", "struct:", "channel:", "livestock.", "crop.")


def test_kb_page_reads_as_advice(site: Site, browser: Browser) -> None:
    page = new_page(browser)
    errors = page_errors(page)
    site.login(page, "zhang")
    page.goto(f"{site.base}/kb")
    empty = page.locator(".kb-empty")
    expect(empty).to_contain_text("知识库还是空的")
    expect(empty).to_contain_text("huashu kb distill")
    site.shot(page, "kb-empty-1440")

    save_versions(site.settings, load_brand_pack(EXAMPLES / "rural_bank.yaml"))
    page.goto(f"{site.base}/kb")
    expect(page.locator(".kb-seglist li")).to_have_count(10)
    page.locator(".kb-seglist a", has_text="养殖户·有优惠").click()
    detail = page.locator("#kb-detail")
    expect(detail.locator("h2")).to_have_text("养殖户·有优惠")
    expect(detail.locator(".kb-use")).to_contain_text("养殖户朋友，开春补栏、囤饲料正要用钱吧？")
    expect(detail.locator(".kb-avoid")).to_contain_text("催促用语 + 立即")
    expect(detail.locator(".kb-use")).to_contain_text("90% 区间")
    expect(detail.locator(".kb-chart-row").first).to_be_visible()
    # the chart's bars are drawn (SVG, no inline style): the first is green and right of zero
    bar = detail.locator(".kb-chart-row.v-use .iv").first
    assert float(bar.get_attribute("x") or 0) > 50
    html = page.content()
    assert not any(raw in html for raw in RAW)
    assert fits_window(page)
    page.evaluate("window.scrollTo(0, 0)")
    site.shot(page, "kb-segment-1440")

    # search by wording: every segment has it, and the segment shows the matching entries
    page.fill(".kb-search input[name=q]", "催促")
    page.click(".kb-search button[type=submit]")
    expect(detail.locator(".kb-found")).to_contain_text("催促用语 + 立即")
    page.click(".kb-search a.button")  # clear
    expect(page.locator(".kb-found")).to_have_count(0)

    # fewer segments per page: the select submits itself; the pager moves on
    page.select_option(".kb-per select", "5")
    expect(page.locator(".kb-seglist li")).to_have_count(5)
    expect(page.locator(".pager")).to_contain_text("第 1 / 2 页")
    page.click(".pager a[rel=next]")
    expect(page.locator(".pager")).to_contain_text("第 2 / 2 页")
    expect(page.locator(".kb-seglist li")).to_have_count(5)

    page.click("a.lang")
    expect(page.locator("html[lang=en]")).to_have_count(1)
    expect(page.locator(".kb-lists")).to_contain_text("Use")
    expect(page.locator(".kb-chart")).to_contain_text("Lift and 90% interval")
    site.shot(page, "kb-segment-en-1440")
    page.click("a.lang")
    assert errors == []


def test_kb_page_on_a_phone(site: Site, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(20_000)
    errors = page_errors(page)
    site.login(page, "zhang")
    save_versions(site.settings, load_brand_pack(EXAMPLES / "rural_bank.yaml"))
    page.goto(f"{site.base}/kb?segment=养殖户·有优惠#kb-detail")
    expect(page.locator("#kb-detail h2")).to_have_text("养殖户·有优惠")
    expect(page.locator(".kb-chart-row").first).to_be_visible()
    page.evaluate("window.scrollTo(0, 0)")
    site.shot(page, "kb-segment-390")
    assert fits_window(page)
    assert errors == []
    context.close()
