"""Generated copy is data, never markup: a creative carrying <script> and an <img onerror>
shows literally in the chat grid, the review queue and the emergency console, and nothing in
it runs."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from huashu.domain import ComplianceReport, Creative, Finding, Provenance, Severity
from huashu.store import open_store, repos
from huashu.workflow import decide_approval, submit_for_approval
from tests.ui.conftest import Site, new_page

pytestmark = pytest.mark.ui
SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=2">'
TITLE = f"春耕贷{SCRIPT}"
BODY = f"年化利率3.6%起，保证收益{IMG}，详询网点"


def _seed(site: Site) -> tuple[str, str, str]:
    """A campaign whose one creative carries markup (as an LLM might return it), with a
    review finding on 保证收益; filed for approval. Returns campaign, creative, approval."""
    store = open_store(site.settings.resolved_database_url)
    try:
        with store.session() as s:
            campaign_id = repos.create_campaign(s, "chuntian-bank", None, f"注入测试{SCRIPT}")
            creative = Creative(
                id="c-xss",
                brand_id="chuntian-bank",
                segment_key="livestock.yes",
                channel="home_card",
                fields={"title": TITLE, "subtitle": BODY, "cta": "立即申请"},
                provenance=Provenance(backend="openai", model="test", template_version="t", seed=0),
            )
            repos.save_creative(s, campaign_id, creative)
            start = BODY.index("保证收益")
            finding = Finding(
                rule_id="guarantee",
                severity=Severity.REVIEW,
                basis="广告法第二十五条",
                field="subtitle",
                start=start,
                end=start + 4,
                matched="保证收益",
                message_zh=f"承诺收益{SCRIPT}",
                message_en="promised return",
            )
            report = ComplianceReport(
                id="r-xss",
                creative_id="c-xss",
                verdict=ComplianceReport.verdict_of((finding,)),
                findings=(finding,),
            )
            repos.save_report(s, report)
            approval_id = submit_for_approval(s, campaign_id, "xiaowang")
    finally:
        store.close()
    return campaign_id, "c-xss", approval_id


def _approve(site: Site, approval_id: str) -> None:
    store = open_store(site.settings.resolved_database_url)
    try:
        with store.session() as s:
            decide_approval(
                s, approval_id, "laoli", approve_all=True, acknowledged={"c-xss": ["guarantee"]}
            )
    finally:
        store.close()


def _inert(page: Page) -> None:
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("script:not([src])").count() == 0
    assert page.locator("img[src='x']").count() == 0


def test_generated_markup_is_shown_escaped_everywhere(site: Site, browser: Browser) -> None:
    campaign_id, creative_id, approval_id = _seed(site)
    op = new_page(browser)
    site.login(op, "xiaowang")
    op.goto(f"{site.base}/chat/{campaign_id}")
    card = op.locator(f"article[data-creative='{creative_id}']")
    expect(card.locator("dd[data-field=title]")).to_have_text(TITLE)
    expect(card.locator("dd[data-field=subtitle]")).to_have_text(BODY)
    expect(card.locator("mark.f-review")).to_have_text("保证收益")
    _inert(op)
    site.shot(op, "09-escaped-chat")

    rev = new_page(browser)
    site.login(rev, "laoli")
    rev.goto(f"{site.base}/review/{approval_id}")
    item = rev.locator(f"[data-item='{creative_id}']")
    expect(item.locator(".copy")).to_contain_text(TITLE)
    expect(item.locator(".copy")).to_contain_text(BODY)
    expect(item.locator("mark.f-review")).to_have_text("保证收益")
    expect(item.locator(".findings")).to_contain_text(f"承诺收益{SCRIPT}")
    _inert(rev)
    site.shot(rev, "10-escaped-review")

    _approve(site, approval_id)
    rev.goto(f"{site.base}/emergency")
    expect(rev.locator(f"tr[data-live='{creative_id}'] .copy-cell")).to_contain_text(SCRIPT)
    expect(rev.locator(f"tr[data-live='{creative_id}'] .copy-cell")).to_contain_text(IMG)
    _inert(rev)
    rev.goto(f"{site.base}/delivery")
    expect(rev.locator("body")).to_contain_text(f"注入测试{SCRIPT}")
    _inert(rev)
