"""The content plan in the browser: shown above the grid before any draft, what the brief
asked and the plan cannot honour said as a warning (in English too), and a refused brief
answered in the chat in the reader's words."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.ui.conftest import Site, new_page

pytestmark = pytest.mark.ui
#: 抖音 is no channel of huashu's, 大学生 no segment of the pack: both are said, not dropped
BRIEF = "给养殖户和大学生推春耕贷款，年化利率3.6%起，短信+抖音"
SCREENSHOT = Path("/tmp/chat_plan.png")


def test_plan_block_and_what_it_cannot_honour(site: Site, browser: Browser) -> None:
    op = new_page(browser)
    site.login(op, "xiaowang")
    op.fill("#brief-form textarea", BRIEF)
    op.fill("#brief-form input[name=n]", "2")
    op.click("#brief-form button[type=submit]")
    # 抖音 and 大学生 are not understood: the chat asks before filing anything
    understood = op.locator("#understanding")
    expect(understood).to_contain_text("抖音")
    expect(understood).to_contain_text("大学生")
    with op.expect_response(re.compile(r"/chat/cmp-[^/?]+\?stream=1")) as first:
        op.click("[data-confirm-brief]")
    initial = first.value.text()
    # the plan is on the page as it is served, before the first draft arrives
    assert 'id="content-plan"' in initial and "data-creative=" not in initial
    plan = op.locator("#content-plan")
    expect(plan).to_contain_text("产品")
    expect(plan).to_contain_text("春耕贷")
    expect(plan).to_contain_text("春耕利率优惠")
    expect(plan).to_contain_text("短信")
    warning = op.locator(".not-honoured")
    expect(warning).to_contain_text("抖音")
    expect(warning).to_contain_text("大学生")
    # the plan sits above the grid, and raw keys or JSON never show
    plan_box, grid_box = plan.bounding_box(), op.locator("#grid").bounding_box()
    assert plan_box and grid_box and plan_box["y"] < grid_box["y"]
    text = op.locator(".conversation").inner_text()
    assert not any(raw in text for raw in ("{", "action_zh", "not_honoured", "unknown_channel"))
    expect(op.locator("#campaign[data-done='1']")).to_have_count(1)
    assert op.locator("td.cell.pending").count() == 0
    site.shot(op, "03-chat-plan")
    op.screenshot(path=str(SCREENSHOT), full_page=True)

    # in English the warnings are English and the plan's labels too
    op.click("a.lang")
    expect(op.locator("html[lang=en]")).to_have_count(1)
    expect(op.locator(".not-honoured")).to_contain_text("抖音: channel not supported")
    expect(op.locator("#content-plan")).to_contain_text("Product")
    expect(op.locator("#content-plan")).to_contain_text("reply, visit a branch")
    site.shot(op, "04-chat-plan-en")
    shutil.copy(site.shots / "04-chat-plan-en.png", "/tmp/chat_plan_en.png")
    op.click("a.lang")
    expect(op.locator("html[lang=zh-CN]")).to_have_count(1)


def test_a_refused_brief_is_answered_in_the_chat(site: Site, browser: Browser) -> None:
    op = new_page(browser)
    site.login(op, "xiaowang")
    op.fill("#brief-form textarea", "给养殖户推春耕贷，只投抖音")
    op.click("#brief-form button[type=submit]")
    reply = op.locator("#understanding")
    expect(reply).to_be_visible()
    expect(reply).to_contain_text("抖音：暂不支持该渠道")
    expect(reply).to_contain_text("养殖户")
    expect(reply).to_contain_text("可用渠道")
    expect(reply).not_to_contain_text("请求参数有误")
    expect(op.locator("[data-confirm-brief]")).to_be_disabled()
    assert op.url.endswith("/chat")
    expect(op.locator("#brief-form button[type=submit]")).to_be_enabled()
    site.shot(op, "05-chat-refused")
    shutil.copy(site.shots / "05-chat-refused.png", "/tmp/chat_refused.png")
