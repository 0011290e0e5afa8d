"""Response headers (V13), played against a real server on loopback: a Content-Security-Policy
without inline script or style and forbidding framing, nosniff, Referrer-Policy and HSTS on
every response; pages that need nothing inline; /docs off by default, and served from the
installed fastapi-offline package (no CDN) when turned on."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from tests.security.input_support import BACKENDS, QUIET, Site, browser_login, seeded
from tests.web.server import PASSWORD, serve

from huashu.config import Settings

#: (what, method, path, request arguments, status)
REQUESTS: list[tuple[str, str, str, dict[str, Any], int]] = [
    ("health", "GET", "/healthz", {}, 200),
    ("API", "GET", "/api/v1/campaigns", {}, 200),
    ("API 404", "GET", "/api/v1/nothing-here", {}, 404),
    ("API 422", "POST", "/api/v1/check", {"json": {}}, 422),
    ("API 401", "GET", "/api/v1/campaigns", {"headers": {"Authorization": "Bearer x"}}, 401),
    ("413", "POST", "/api/v1/check", {"content": b"x" * 20_000}, 413),
    ("login page", "GET", "/login", {"headers": {"Authorization": ""}}, 200),
    ("static file", "GET", "/static/app.js", {}, 200),
    ("docs off", "GET", "/docs", {}, 404),
]


def _check_policy(response: httpx.Response, https: bool) -> None:
    h = response.headers
    csp = h["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "object-src 'none'" in csp and "base-uri 'none'" in csp
    assert h["x-content-type-options"] == "nosniff"
    assert h["referrer-policy"] == "no-referrer"
    assert h["x-frame-options"] == "DENY"
    assert ("strict-transport-security" in h) is https
    if https:
        assert h["strict-transport-security"].startswith("max-age=31536000")


@pytest.mark.parametrize("https", [False, True], ids=["http", "secure_cookies"])
def test_every_response_carries_the_security_headers(tmp_path: Path, https: bool) -> None:
    settings = Settings(
        data_dir=tmp_path / "data", secure_cookies=https, max_body_bytes=10_000, **QUIET
    )
    with serve(settings) as admin:
        for what, method, path, kwargs, status in REQUESTS:
            response = admin.request(method, path, **kwargs)
            assert response.status_code == status, (what, response.text)
            _check_policy(response, https)


@pytest.fixture(params=BACKENDS)
def site(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Site]:
    with seeded(request.param, tmp_path) as made:
        yield made


PAGES = ["/chat", "/review", "/delivery", "/kb", "/data", "/emergency", "/audit"]
INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "an inline <script>"),
    (re.compile(r"<style\b", re.I), "a <style> block"),
    (re.compile(r"\sstyle\s*=", re.I), "a style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "an event-handler attribute"),
    (re.compile(r"javascript:", re.I), "a javascript: URL"),
]


def test_pages_need_nothing_inline(site: Site) -> None:
    """The policy forbids inline script and style: no page may depend on either."""
    with (
        serve(site.settings, role=None) as anonymous,
        browser_login(str(anonymous.base_url), "admin", site.settings) as (browser, _),
    ):
        pages = {path: browser.get(path) for path in PAGES}
        pages["/login"] = anonymous.get("/login")
    for path, page in pages.items():
        assert page.status_code == 200, path
        assert page.headers["content-type"].startswith("text/html")
        _check_policy(page, https=False)
        for pattern, what in INLINE:
            found = pattern.search(page.text)
            assert found is None, f"{path} has {what}: {found.group(0) if found else ''}"


def test_docs_are_served_locally_when_turned_on(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", api_docs=True, **QUIET)
    with serve(settings, role=None) as anonymous:
        page = anonymous.get("/docs")
        sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
        assets = {src: anonymous.get(src) for src in sources}
    assert page.status_code == 200
    assert sources and all(src.startswith("/") for src in sources), sources
    assert all(a.status_code == 200 for a in assets.values())
    assert "SwaggerUIBundle" in assets["/docs/assets/swagger-ui-bundle.js"].text
    csp = page.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "frame-ancestors 'none'" in csp


def test_templates_have_nothing_inline() -> None:
    """Also the parts the seeded pages above leave out (charts, live allocations, progress)."""
    from huashu.web.pages import WEB

    for template in sorted((WEB / "templates").glob("*.html")):
        text = template.read_text("utf-8")
        for pattern, what in INLINE:
            found = pattern.search(text)
            assert found is None, f"{template.name} has {what}: {found.group(0) if found else ''}"


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.ui
def test_pages_and_docs_run_under_the_policy_in_a_browser(tmp_path: Path) -> None:
    """Chromium reports no policy violation on the pages (the KB select's auto-submit, sizes
    set from data attributes) nor on Swagger UI, which renders from the local assets."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail("browser tests need Debian's chromium: make browser")
    with seeded("sqlite", tmp_path, api_docs=True) as site:
        problems: list[str] = []
        with (
            serve(site.settings, role=None) as anonymous,
            sync_playwright() as p,
        ):
            site.token("admin")  # creates admin-user with its password
            browser = p.chromium.launch(
                executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"]
            )
            page = browser.new_page()
            page.on(
                "console",
                lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None,
            )
            page.on("pageerror", lambda e: problems.append(str(e)))
            base = str(anonymous.base_url)
            page.goto(f"{base}/login")
            page.fill("input[name=username]", "admin-user")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_load_state("networkidle")
            for path in PAGES:
                page.goto(f"{base}{path}")
                page.wait_for_load_state("networkidle")
            page.goto(f"{base}/docs")
            page.wait_for_selector(".swagger-ui .info", timeout=20_000)
            browser.close()
    assert problems == []
