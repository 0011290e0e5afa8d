"""Browser tests: Playwright driving Debian's chromium headless against a real uvicorn server
on loopback. Screenshots go to pytest's tmp dir and are copied to ``.huashu-artifacts/ui/``."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Response, sync_playwright

from huashu.config import Settings
from huashu.store import credentials, open_store, repos
from huashu.web import create_app
from tests.loopback import run_asgi

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / ".huashu-artifacts" / "ui"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PASSWORD = "spring-plough-2024"
USERS = {"xiaowang": "operator", "laoli": "reviewer", "zhang": "analyst", "root": "admin"}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "ui: browser tests (Playwright + Debian chromium)")


@dataclass
class Site:
    base: str
    settings: Settings
    shots: Path

    def shot(self, page: Page, name: str) -> Path:
        path = self.shots / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, ARTIFACTS / path.name)
        return path

    def login(self, page: Page, username: str) -> None:
        page.goto(f"{self.base}/login")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_load_state("networkidle")
        assert "/login" not in page.url, page.content()[:500]


def seed(settings: Settings) -> None:
    """Users of every role with a password, and the rural bank's brand pack."""
    from huashu.brand.loader import load_brand_pack

    store = open_store(settings.resolved_database_url)
    try:
        store.upgrade()
        path = EXAMPLES / "rural_bank.yaml"
        with store.session() as s:
            for name, role in USERS.items():
                repos.ensure_user(s, name, role, display_name=name)
                credentials.set_password(s, name, PASSWORD, actor="test")
            repos.save_brand(s, load_brand_pack(path), path.read_text("utf-8"))
    finally:
        store.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    if not CHROMIUM.exists():
        pytest.fail("browser tests need Debian's chromium: make browser")
    data = tmp_path_factory.mktemp("ui-data")
    settings = Settings(data_dir=data, snapshot_rebuild_seconds=0, outbox_interval_seconds=0)
    seed(settings)
    with run_asgi(create_app(settings)) as base:
        yield Site(base, settings, tmp_path_factory.mktemp("ui-shots"))


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


def new_page(browser: Browser, lang: str = "zh-CN") -> Page:
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale=lang)
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


def page_errors(page: Page) -> list[str]:
    """Console errors (a CSP refusal is one) and failed requests, but the browser's own
    favicon request."""
    seen: list[str] = []

    def keep(message: ConsoleMessage) -> None:
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            seen.append(message.text)

    def failed(response: Response) -> None:
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            seen.append(f"{response.status} {response.url}")

    page.on("console", keep)
    page.on("response", failed)
    page.on("pageerror", lambda err: seen.append(str(err)))
    return seen


def fits_window(page: Page) -> bool:
    """Nothing on the page is wider than the window."""
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))
