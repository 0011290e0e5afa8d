"""A day's work per role through the real UI (issue 22, "Must show"), continued from
``test_journeys.py``: the admin and the analyst.

Admin: every page in the navigation → a delivery target for one channel (targets and users
have no page: the API, ``huashu targets`` / ``huashu users``) → the 投放 warning names only the
channel still without one, and the start asks about that one → 应急: preview and take down one
creative on air, a repeat refused in words, the incident closed → 审计 filtered to the admin's
take-downs. Analyst: lands on 数据 (Chinese headers, charts) → 投放, 知识库 and 审计 read only,
with no control that changes anything → the pages of other roles answer a 403 page in Chinese,
and the API refuses the writes the pages do not offer.

Screenshots (``.huashu-artifacts/ui/``): journey-admin-*, journey-analyst-*."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from huashu.brand.loader import load_brand_pack
from huashu.config import Settings
from huashu.web import create_app
from tests.loopback import run_asgi
from tests.ui.conftest import EXAMPLES, Site, fits_window, new_page, page_errors, seed
from tests.ui.test_data_audit import _charts_loaded
from tests.ui.test_rejection_loop import _phone
from tests.ui.test_start_truth import _client, _scheduled
from tests.web.data_pages import JUNK, seed_analytics
from tests.web.kb_pages import save_versions

pytestmark = pytest.mark.ui
REASON = "用户投诉：利率表述不清"
#: what would change something: page actions, take-downs, edits, forms that post
WRITES = (
    "main form:not([method=get]), main [data-action], main [data-takedown], main [data-close],"
    " main [data-edit], main [data-rename], #submit-approval, #approve-all"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The shared site (conftest), with growth data for 数据 seeded before the server starts."""
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("ui-journeys"),
        snapshot_rebuild_seconds=0,
        outbox_interval_seconds=0,
    )
    seed(settings)
    seed_analytics(settings, users=400)
    with run_asgi(create_app(settings)) as base:
        yield Site(base, settings, tmp_path_factory.mktemp("ui-journey-shots"))


def _read_only(page: Page) -> None:
    expect(page.locator(WRITES)).to_have_count(0)


def test_admin_day(site: Site, browser: Browser) -> None:
    with _client(site, "xiaowang") as op, _client(site, "laoli") as rev:
        campaign_id = _scheduled(op, rev, "给种植户推农资贷款，首页卡片+短信")
    page = new_page(browser)
    errors = page_errors(page)
    site.login(page, "root")
    assert page.url.endswith("/chat")
    labels = ["对话", "审批", "投放", "知识库", "数据", "应急", "审计"]
    expect(page.locator(".topbar nav a")).to_have_text(labels)

    # a delivery target for the home card (no page: through the API); 投放 names only 短信
    with _client(site, "root") as admin:
        target = {
            "name": "首页卡片导出",
            "kind": "file",
            "address": "exports/home-card",
            "channels": ["home_card"],
        }
        admin.post("/api/v1/targets", json=target).raise_for_status()
    page.goto(f"{site.base}/delivery")
    warning = page.locator(f"tr[data-missing-targets='{campaign_id}']")
    expect(warning).to_have_text("⚠ 以下渠道没有投放目标，开始投放时需要确认：短信")
    row = page.locator(f"tr[data-campaign-row='{campaign_id}']")
    row.locator("[data-action=start]").click()
    dialog = page.locator("dialog#start-confirm")
    expect(dialog).to_contain_text("的以下渠道没有投放目标：短信")
    site.shot(page, "journey-admin-1-start-confirm")
    dialog.locator("[data-dialog-confirm]").click()
    expect(row.locator(".badge.s-live")).to_be_visible()

    # 应急: the campaign's live creatives are on air; one is previewed and taken down
    with _client(site, "root") as admin:
        creatives = admin.get(f"/api/v1/campaigns/{campaign_id}").json()["creatives"]
    live = [str(c["id"]) for c in creatives if c["status"] == "live"]
    page.goto(f"{site.base}/emergency")
    expect(page.locator("[data-creatives=live] tr[data-live]")).to_have_count(len(live))
    victim = live[0]
    on_air = page.locator(f"[data-creatives=live] tr[data-live='{victim}']")
    on_air.locator("[data-takedown]").click()
    page.fill("#takedown-form input[name=reason]", REASON)
    page.click("#takedown-form button[type=submit]")
    expect(page.locator("#takedown-preview [data-count]")).to_have_text("1")
    expect(page.locator("#takedown-preview li")).to_have_text([victim])
    site.shot(page, "journey-admin-2-takedown-preview")
    page.click("#takedown-confirm")
    expect(page.locator(f"tr[data-live='{victim}']")).to_have_count(0)
    incident = page.locator("tr[data-incident]")
    expect(incident).to_have_count(1)
    expect(incident).to_contain_text(REASON)
    site.shot(page, "journey-admin-3-incident")

    # the same take-down again: nothing to hit, and the confirm says it was done already
    page.fill("#takedown-form input[name=value]", victim)
    page.fill("#takedown-form input[name=reason]", REASON)
    page.click("#takedown-form button[type=submit]")
    expect(page.locator("#takedown-preview [data-count]")).to_have_text("0")
    page.click("#takedown-confirm")
    expect(page.locator("#toast.bad")).to_contain_text("无需重复下架")
    expect(page.locator("tr[data-incident]")).to_have_count(1)

    # the incident closed; the phone layout of the console
    incident.locator("[data-close]").click()
    expect(page.locator("tr[data-incident] .badge.s-closed")).to_be_visible()
    phone = _phone(browser, site, "root")
    phone.goto(f"{site.base}/emergency")
    expect(phone.locator("tr[data-incident]")).to_have_count(1)
    assert fits_window(phone)
    site.shot(phone, "journey-admin-4-emergency-390")

    # 审计: the admin's take-downs, by actor and action, in words
    page.goto(f"{site.base}/audit")
    expect(page.locator("#audit-verify.v-pass")).to_be_visible()
    page.select_option("select[name=actor]", "root")  # each select submits the filters
    page.wait_for_url(re.compile(r"actor=root"))
    page.select_option("select[name=action]", "incident.open")
    page.wait_for_url(re.compile(r"actor=root.*action=incident\.open"))
    rows = page.locator("tr[data-entry]")
    expect(rows).to_have_count(1)
    expect(rows.locator("a.action")).to_have_text("应急下架")
    expect(rows.locator("td.detail")).to_contain_text(REASON)
    expect(page.locator("select[name=actor]")).to_have_value("root")
    site.shot(page, "journey-admin-5-audit-filtered")
    # the refused repeat (409) and nothing else went wrong
    assert [e for e in errors if not e.startswith("409 ")] == [], errors


def test_analyst_day(site: Site, browser: Browser) -> None:
    with _client(site, "xiaowang") as op, _client(site, "laoli") as rev:
        campaign_id = _scheduled(op, rev, "给养殖户推春耕贷款，首页卡片+短信")
    save_versions(site.settings, load_brand_pack(EXAMPLES / "rural_bank.yaml"))
    page = new_page(browser)
    errors = page_errors(page)
    site.login(page, "zhang")
    assert page.url.endswith("/data")
    expect(page.locator(".topbar nav a")).to_have_text(["投放", "知识库", "数据", "审计"])

    # 数据: Chinese headers and numbers, every chart drawn
    expect(page.locator("#economics thead th").first).to_have_text("渠道")
    expect(page.locator("#economics tbody tr").first).to_be_visible()
    _charts_loaded(page)
    body = page.inner_text("body")
    assert JUNK.search(body) is None, JUNK.search(body)
    _read_only(page)
    page.evaluate("window.scrollTo(0, 0)")
    site.shot(page, "journey-analyst-1-data")

    # 投放: the campaign and its state, without a button
    page.goto(f"{site.base}/delivery")
    row = page.locator(f"tr[data-campaign-row='{campaign_id}']")
    expect(row.locator(".badge.s-scheduled")).to_be_visible()
    expect(page.locator("[data-action]")).to_have_count(0)
    _read_only(page)
    site.shot(page, "journey-analyst-2-delivery")

    # 知识库: one segment's advice in words
    page.goto(f"{site.base}/kb")
    page.locator(".kb-seglist a", has_text="养殖户·有优惠").click()
    expect(page.locator("#kb-detail h2")).to_have_text("养殖户·有优惠")
    expect(page.locator("#kb-detail .kb-use")).to_contain_text("90% 区间")
    _read_only(page)
    page.evaluate("window.scrollTo(0, 0)")
    site.shot(page, "journey-analyst-3-kb")

    # 审计: read and filtered, nothing to change
    page.goto(f"{site.base}/audit")
    page.select_option("select[name=actor]", "laoli")
    page.wait_for_url(re.compile(r"actor=laoli"))
    rows = page.locator("tr[data-entry]")
    expect(rows.first).to_be_visible()
    actors = rows.locator("td:nth-child(3)").all_inner_texts()
    assert actors and set(actors) == {"laoli"}, actors
    _read_only(page)
    site.shot(page, "journey-analyst-4-audit")
    phone = _phone(browser, site, "zhang")
    phone.goto(f"{site.base}/audit?actor=laoli")
    expect(phone.locator("tr[data-entry]").first).to_be_visible()
    assert fits_window(phone)
    site.shot(phone, "journey-analyst-5-audit-390")

    # the other roles' pages: a 403 page in Chinese naming who may open them
    for path, roles in (("/chat", "运营、管理员"), ("/review", "审核、管理员")):
        answer = page.goto(f"{site.base}{path}")
        assert answer is not None and answer.status == 403, path
        expect(page.locator("main")).to_contain_text(
            f"当前角色（分析）不能打开此页面，需要以下角色之一：{roles}。"
        )
    site.shot(page, "journey-analyst-6-forbidden")

    # and the writes the pages leave out are refused by the API too, with the session's token
    refused = page.evaluate(
        """async (id) => {
          const csrf = document.querySelector('meta[name="csrf-token"]').content;
          const post = (url, body) => fetch(url, {method: "POST", credentials: "same-origin",
            headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf},
            body: JSON.stringify(body)}).then((r) => r.status);
          return [
            await post(`/api/v1/campaigns/${id}/start`, {confirm: true}),
            await post("/api/v1/takedowns", {by: "campaign", value: id, reason: "x"}),
          ];
        }""",
        campaign_id,
    )
    assert refused == [403, 403]
    with _client(site, "laoli") as rev:
        campaign = rev.get(f"/api/v1/campaigns/{campaign_id}").json()["campaign"]
    assert campaign["status"] == "scheduled"
    assert [e for e in errors if not e.startswith("403 ")] == [], errors
