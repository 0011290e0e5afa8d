"""Screenshots of every page of the web UI at 1440 and 390 px wide, for docs/web.md.

Seeds a fresh data directory the way the i18n crawl does (``tests/web/crawl.py``: users of each
role, the rural bank's pack, campaigns in every state, a live one with traffic and a
take-down, knowledge-base versions and growth data) plus one campaign filed for review on
three channels (banner, SMS and call script previews), serves the app on loopback, logs in
through the login form in Debian's chromium (``/usr/bin/chromium``, as the browser tests) and
saves the window of each page, not the whole page, as ``<out>/<page>-<width>.png``.

    .venv/bin/python scripts/web_screenshots.py [--out docs/img/web]

Fails when a file is over 300 KB or all of them together over 5 MB.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from playwright.sync_api import Browser, Page, sync_playwright

from huashu.config import Settings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the seeding and browser helpers of tests/

if TYPE_CHECKING:
    from tests.web.crawl import Seeded

#: width -> window height
WINDOWS = {1440: 900, 390: 844}
MAX_FILE = 300 * 1024
MAX_TOTAL = 5 * 1024 * 1024
#: filed for review: one draft per segment x channel, the three previews a reviewer sees
REVIEW_BRIEF = "给养殖户推春耕贷款，年化利率3.6%起，首页卡片+短信+智能外呼"


@dataclass(frozen=True)
class Shot:
    name: str
    path: str
    #: who looks ("" logged out)
    role: str
    #: a selector that is on the page once it is ready
    ready: str = "main"
    #: a selector scrolled to the top of the window first
    scroll: str = ""


def shots(campaigns: dict[str, str], approval: str) -> list[Shot]:
    return [
        Shot("login", "/login", "", "form"),
        Shot("chat", "/chat", "operator", "#brief-form"),
        Shot("campaign", f"/chat/{campaigns['draft']}", "operator", "#campaign[data-done='1']"),
        Shot(
            "campaign-rejected",
            f"/chat/{campaigns['rejected']}",
            "operator",
            "[data-review-note]",
            "#grid",
        ),
        Shot("review", "/review", "reviewer", "main table"),
        Shot("approval", f"/review/{approval}", "reviewer", ".review-item"),
        Shot("delivery", "/delivery", "operator", "tr[data-arm]"),
        Shot("data", "/data", "analyst", "#economics"),
        Shot("kb", "/kb?segment=养殖户·有优惠", "analyst", "#kb-detail"),
        Shot("emergency", "/emergency", "reviewer", "tr[data-incident]"),
        Shot("audit", "/audit", "analyst", "tr[data-entry]"),
        Shot("error-404", "/no/such/page", "operator", "main"),
        Shot("error-403", "/emergency", "analyst", "main"),
    ]


def seed(settings: Settings) -> tuple[Seeded, str]:
    """The crawl's data (before the server starts) plus a three-channel campaign pending
    review: what was seeded and that approval's id."""
    from tests.campaigns import drafted
    from tests.reliability.support import load_pack
    from tests.web.crawl import USERS, seed_store

    from huashu.runtime import Runtime
    from huashu.workflow import submit_for_approval

    seeded = seed_store(settings)
    pack, text = load_pack()
    with Runtime.open(settings) as rt:
        plan, _ = drafted(rt, pack, text, USERS["operator"], n=1, brief=REVIEW_BRIEF)
        with rt.store.session() as s:
            approval = submit_for_approval(s, plan.campaign_id, USERS["operator"])
    return seeded, approval


def settle(page: Page, shot: Shot) -> None:
    """Wait for the page's content and for the images in the window, then place the window."""
    page.locator(shot.ready).first.wait_for(state="attached")
    if shot.scroll:
        page.locator(shot.scroll).first.evaluate("el => el.scrollIntoView({block: 'start'})")
    else:
        page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_function(
        """() => [...document.images].every((img) => {
          const box = img.getBoundingClientRect();
          const seen = box.bottom > 0 && box.top < window.innerHeight;
          return !seen || (img.complete && img.naturalWidth > 0);
        })"""
    )
    page.wait_for_timeout(150)  # a fading toast or a swapped part settles


def take(browser: Browser, base: str, users: dict[str, str], out: Path, todo: list[Shot]) -> None:
    from tests.ui.conftest import PASSWORD

    for width, height in WINDOWS.items():
        pages: dict[str, Page] = {}
        for shot in todo:
            page = pages.get(shot.role)
            if page is None:
                context = browser.new_context(
                    viewport={"width": width, "height": height}, locale="zh-CN"
                )
                page = pages[shot.role] = context.new_page()
                page.set_default_timeout(30_000)
                if shot.role:
                    page.goto(f"{base}/login?lang=zh")
                    page.fill("input[name=username]", users[shot.role])
                    page.fill("input[name=password]", PASSWORD)
                    page.click("button[type=submit]")
                    page.wait_for_url(lambda url: "/login" not in url)
            page.goto(f"{base}{shot.path}")
            settle(page, shot)
            path = out / f"{shot.name}-{width}.png"
            page.screenshot(path=str(path))
            print(f"{path}  {path.stat().st_size / 1024:.0f} KB")
        for page in pages.values():
            page.context.close()


def main() -> int:
    from tests.loopback import run_asgi
    from tests.ui.conftest import ARGS, CHROMIUM
    from tests.web.crawl import USERS, go_live

    from huashu.web import create_app

    parser = argparse.ArgumentParser(description="Screenshots of every page of the web UI.")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img" / "web")
    out: Path = parser.parse_args().out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="huashu-shots-") as tmp:
        settings = Settings(
            data_dir=Path(tmp),
            snapshot_rebuild_seconds=0,
            outbox_interval_seconds=0,
            kb_distill_seconds=0,
        )
        seeded, approval = seed(settings)
        with run_asgi(create_app(settings)) as base, sync_playwright() as p:
            go_live(base, settings, seeded)
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            take(browser, base, USERS, out, shots(seeded.campaigns, approval))
            browser.close()
    files = sorted(out.glob("*.png"))
    big = [f.name for f in files if f.stat().st_size > MAX_FILE]
    total = sum(f.stat().st_size for f in files)
    print(f"{len(files)} screenshots, {total / 1024 / 1024:.2f} MB")
    if big or total > MAX_TOTAL:
        print(f"too large: {big or 'the total'}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
