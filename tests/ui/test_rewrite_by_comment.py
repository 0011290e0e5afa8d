"""按意见重写 (issue 22, the rejection loop): a rejected creative with a reviewer's comment has a
button on the operator's campaign page that rewrites that one creative through the refine
service, the comment as the instruction; the rewrite replaces it as a draft to file again, the
conversation shows the comment and the answer, and the other creatives are left alone.
Screenshots: rewrite-before-1440, rewrite-after-1440."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, expect

from tests.ui.conftest import Site, new_page, page_errors
from tests.ui.test_start_truth import _client, _decide, _drafted

pytestmark = pytest.mark.ui
COMMENT = "短信太长了，请改短一点"


@pytest.fixture(scope="module")
def apis(site: Site) -> Iterator[tuple[httpx.Client, httpx.Client]]:
    with _client(site, "xiaowang") as op, _client(site, "laoli") as rev:
        yield op, rev


def test_a_rejected_creative_is_rewritten_by_its_comment(
    site: Site, browser: Browser, apis: tuple[httpx.Client, httpx.Client]
) -> None:
    op, rev = apis
    campaign_id = _drafted(op, "给养殖户推春耕贷款，年化利率3.6%起，短信", n=1)
    approval = op.post(f"/api/v1/campaigns/{campaign_id}/submit").json()["approval"]
    cards = op.get(f"/api/v1/briefs/{campaign_id}").json()["creatives"]
    rejected, *others = [c["id"] for c in cards]
    _decide(rev, approval["id"], {rejected: COMMENT})

    page = new_page(browser)
    errors = page_errors(page)
    site.login(page, "xiaowang")
    page.goto(f"{site.base}/chat/{campaign_id}?lang=en")
    expect(page.locator("[data-rewrite]")).to_have_text("Rewrite per comment")
    page.goto(f"{site.base}/chat/{campaign_id}?lang=zh")
    card = page.locator(f"article.creative[data-creative='{rejected}']")
    button = card.locator("[data-rewrite]")
    expect(button).to_have_text("按意见重写")
    # only the rejected card has it
    expect(page.locator("[data-rewrite]")).to_have_count(1)
    site.shot(page, "rewrite-before-1440")
    button.click()

    expect(page.locator("#turns .bubble.op")).to_have_text(COMMENT)
    expect(page.locator("#turns .bubble.ai")).to_contain_text("已修改 1/1 条")
    expect(page.locator(f"article.creative[data-creative='{rejected}']")).to_have_count(0)
    after = op.get(f"/api/v1/briefs/{campaign_id}").json()["creatives"]
    new = [c for c in after if c["id"] not in {rejected, *others}]
    assert len(new) == 1 and new[0]["status"] == "draft", new
    assert len(new[0]["fields"]["text"]) < len(
        next(c for c in cards if c["id"] == rejected)["fields"]["text"]
    )
    fixed = page.locator(f"article.creative[data-creative='{new[0]['id']}']")
    expect(fixed.locator("[data-review-note].fixed")).to_contain_text(COMMENT)
    expect(page.locator("#submit-approval")).to_be_enabled()
    assert {c["id"]: c["status"] for c in after if c["id"] in others} == dict.fromkeys(
        others, "approved"
    )
    site.shot(page, "rewrite-after-1440")
    assert not errors, errors

    # the API: only creatives that can be rewritten; an approved one is refused
    refused = op.post(
        f"/api/v1/briefs/{campaign_id}/refine",
        json={"instruction": COMMENT, "creative_ids": others[:1]},
    )
    assert refused.status_code == 422 and refused.json()["error"]["code"] == "nothing_to_refine"
    page.context.close()
