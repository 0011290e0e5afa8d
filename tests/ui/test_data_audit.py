"""数据 and 审计 in the browser, at 1440 and 390 px wide: Chinese headers and numbers, every
chart image loaded (no broken image, no console error under the CSP), the slice select and the
English switch; the audit log paged and filtered, details in Chinese. Screenshots:
data-1440, data-en-1440, data-390, audit-1440, audit-390 (``.huashu-artifacts/ui/``)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from huashu.config import Settings
from huashu.web import create_app
from tests.loopback import run_asgi
from tests.ui.conftest import Site, fits_window, new_page, page_errors, seed
from tests.web.data_pages import COMMENT, JUNK, ZH_HEADERS, seed_analytics, seed_audit

pytestmark = pytest.mark.ui


@pytest.fixture(scope="module")
def data_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("ui-data-audit"),
        snapshot_rebuild_seconds=0,
        outbox_interval_seconds=0,
    )
    seed(settings)
    seed_analytics(settings)
    seed_audit(settings)
    with run_asgi(create_app(settings)) as base:
        yield Site(base, settings, tmp_path_factory.mktemp("ui-data-shots"))


def _charts_loaded(page: Page) -> None:
    """Every chart image fetched and decoded (lazy ones scrolled into view first)."""
    for image in page.locator(".charts img").all():
        image.scroll_into_view_if_needed()
        expect(image).to_have_js_property("complete", True)
        assert image.evaluate("img => img.naturalWidth") > 0, image.get_attribute("src")


def _phone(browser: Browser) -> Page:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


def test_data_page_in_chinese_with_charts(data_site: Site, browser: Browser) -> None:
    page = new_page(browser)
    errors = page_errors(page)
    data_site.login(page, "zhang")
    page.goto(f"{data_site.base}/data")
    headers = page.locator("#economics thead th")
    expect(headers).to_have_text(ZH_HEADERS)
    expect(page.locator("#economics tbody tr")).to_have_count(4)
    expect(page.locator("#economics tbody")).to_contain_text("短信")
    expect(page.locator("#data-as-of")).to_contain_text("数据截至")
    _charts_loaded(page)
    expect(page.locator(".charts figure")).to_have_count(4)
    body = page.inner_text("body")
    assert JUNK.search(body) is None, JUNK.search(body)
    assert "万" in body
    assert fits_window(page)
    data_site.shot(page, "data-1440")

    page.select_option("select[name=by]", "campaign")  # submits itself
    expect(headers.first).to_have_text("活动")
    _charts_loaded(page)

    page.click("a.lang")  # English
    expect(headers.first).to_have_text("Campaign")
    expect(headers.nth(8)).to_have_text("ROI")
    _charts_loaded(page)
    assert all(
        "lang=en" in (img.get_attribute("src") or "") for img in page.locator(".charts img").all()
    )
    data_site.shot(page, "data-en-1440")
    assert errors == []


def test_data_page_on_a_phone(data_site: Site, browser: Browser) -> None:
    page = _phone(browser)
    errors = page_errors(page)
    data_site.login(page, "zhang")
    page.goto(f"{data_site.base}/data?lang=zh")
    expect(page.locator("#economics thead th").first).to_have_text("渠道")
    _charts_loaded(page)
    assert fits_window(page)  # the table scrolls inside its box, not the page
    data_site.shot(page, "data-390")
    assert errors == []


def test_audit_paged_and_filtered(data_site: Site, browser: Browser) -> None:
    page = new_page(browser)
    errors = page_errors(page)
    data_site.login(page, "laoli")
    page.goto(f"{data_site.base}/audit?lang=zh")
    rows = page.locator("tr[data-entry]")
    expect(rows).to_have_count(50)
    expect(page.locator("#audit-verify.v-pass")).to_be_visible()
    info = page.locator("[data-pager=top] [data-page-info]")
    expect(info).to_contain_text("第 1 / ")
    newest = int(rows.first.get_attribute("data-entry") or 0)
    page.locator("[data-pager=top] a[data-page=next]").click()
    expect(info).to_contain_text("第 2 / ")
    assert int(rows.first.get_attribute("data-entry") or 0) == newest - 50

    page.select_option("select[name=action]", "approval.decide")
    expect(info).to_contain_text("第 1 / ")
    expect(rows.first.locator("a.action")).to_have_text("审批决定")
    expect(rows.first.locator("td.detail")).to_contain_text(COMMENT)
    expect(rows.first.locator("td.detail")).to_contain_text("已通过")
    page.select_option("select[name=actor]", "laoli")
    expect(page.locator("select[name=action]")).to_have_value("approval.decide")
    pages = int(re.findall(r"/ (\d+) 页", info.inner_text())[0])
    while page.locator("[data-pager=top] a[data-page=next]").count():
        page.locator("[data-pager=top] a[data-page=next]").click()
    expect(info).to_contain_text(f"第 {pages} / {pages} 页")
    expect(rows.last.locator("td.object")).to_have_text("审批单 a1")  # the oldest decision
    body = page.inner_text("main")
    assert re.search(r"\\u[0-9a-f]{4}", body, re.I) is None
    page.goto(f"{data_site.base}/audit?action=approval.decide")
    data_site.shot(page, "audit-1440")

    phone = _phone(browser)
    data_site.login(phone, "laoli")
    phone.goto(f"{data_site.base}/audit?lang=zh")
    expect(phone.locator("tr[data-entry]")).to_have_count(50)
    assert fits_window(phone)
    data_site.shot(phone, "audit-390")
    assert errors == []
