"""Friendly error pages: a browser asking for an unknown page, a page its role may not open, or
a page that fails gets an HTML page in the UI's language with the right status, a sentence on
what happened and a link home, never raw JSON or a traceback; the API keeps its JSON errors."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from huashu.config import Settings
from huashu.web import create_app
from huashu.web.auth import PUBLIC
from tests.loopback import run_asgi
from tests.web.page_text import read
from tests.web.server import mint_token

BROWSER = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
#: what the failing route knows and no answer may tell
SECRET = "password=hunter2 at /srv/huashu/db.sqlite"


@dataclass
class Server:
    base: str
    settings: Settings

    def get(self, path: str, role: str | None = None, **headers: str) -> httpx.Response:
        sent = {**BROWSER, **headers}
        if role is not None:
            sent["Authorization"] = f"Bearer {mint_token(self.settings, role)}"
        return httpx.get(self.base + path, headers=sent, timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("errors"),
        snapshot_rebuild_seconds=0,
        outbox_interval_seconds=0,
        kb_distill_seconds=0,
    )
    app = create_app(settings)

    def fail() -> None:
        raise RuntimeError(SECRET)

    app.add_api_route("/broken", fail, dependencies=[PUBLIC])
    app.add_api_route("/api/v1/broken", fail, dependencies=[PUBLIC])
    with run_asgi(app) as base:
        yield Server(base, settings)


def _page(answer: httpx.Response, status: int, lang: str) -> str:
    """The visible text of an error page, after checking it is one."""
    assert answer.status_code == status, answer.text[:300]
    assert answer.headers["content-type"].startswith("text/html")
    html = answer.text
    assert f'<html lang="{"zh-CN" if lang == "zh" else "en"}">' in html
    assert '"ok": false' not in html and '"ok":false' not in html  # not the JSON envelope
    nodes, links = read(html)
    assert "/" in links  # the way back
    assert "content-security-policy" in answer.headers
    return " ".join(n.text for n in nodes)


#: (path, role, status, language, words the page says)
PAGES = [
    ("/no/such/page", None, 404, "zh", ["页面不存在", "回到首页", "404"]),
    ("/no/such/page?lang=en", None, 404, "en", ["Page not found", "home page", "404"]),
    ("/chat/cmp-missing/extra/part", "operator", 404, "zh", ["页面不存在"]),
    ("/chat/cmp-missing", "operator", 404, "zh", ["页面不存在", "活动 cmp-missing 不存在"]),
    ("/review/apr-missing?lang=en", "reviewer", 404, "en", ["Page not found", "apr-missing"]),
    ("/audit?page=first", "admin", 422, "zh", ["出错了", "参数不对"]),
    ("/audit", "operator", 403, "zh", ["当前角色（运营）", "审核、分析、管理员。"]),
    ("/audit?lang=en", "operator", 403, "en", ["(Operator)", "Reviewer, Analyst, Admin."]),
    ("/emergency", "analyst", 403, "zh", ["无权访问此页面", "当前角色（分析）", "审核、管理员"]),
    ("/broken", None, 500, "zh", ["服务器出错了", "请稍后重试", "500"]),
    ("/broken?lang=en", None, 500, "en", ["Server error", "Try again later", "500"]),
]


@pytest.mark.parametrize(("path", "role", "status", "lang", "words"), PAGES)
def test_error_pages_for_browsers(
    server: Server, path: str, role: str | None, status: int, lang: str, words: list[str]
) -> None:
    text = _page(server.get(path, role), status, lang)
    for word in words:
        assert word in text, (word, text)
    assert "（operator）" not in text and "(operator)" not in text  # roles by name


def test_the_language_cookie_chooses_the_error_pages_language(server: Server) -> None:
    text = _page(server.get("/no/such/page", Cookie="huashu_lang=en"), 404, "en")
    assert "Page not found" in text


def test_a_server_error_page_tells_nothing_of_the_failure(server: Server) -> None:
    for path in ("/broken", "/broken?lang=en"):
        answer = server.get(path)
        assert answer.status_code == 500
        for leak in (SECRET, "hunter2", "Traceback", "RuntimeError", "fail()", ".py"):
            assert leak not in answer.text, leak


def test_a_wrong_method_on_a_page_gets_a_page(server: Server) -> None:
    answer = httpx.delete(server.base + "/login", headers=BROWSER, timeout=10)
    assert answer.status_code == 405 and "allow" in answer.headers
    assert "不支持这种请求" in _page(answer, 405, "zh")


#: (path, headers, status, error code): the API, and clients that do not ask for HTML
JSON_ERRORS = [
    ("/api/v1/no-such-thing", BROWSER, 404, "not_found"),
    ("/no/such/page", {"Accept": "application/json"}, 404, "not_found"),
    ("/no/such/page", {}, 404, "not_found"),
    ("/api/v1/broken", BROWSER, 500, "internal_error"),
    ("/broken", {"Accept": "application/json"}, 500, "internal_error"),
]


@pytest.mark.parametrize(("path", "headers", "status", "code"), JSON_ERRORS)
def test_the_api_keeps_its_json_errors(
    server: Server, path: str, headers: dict[str, str], status: int, code: str
) -> None:
    answer = httpx.get(server.base + path, headers=headers, timeout=10)
    assert answer.status_code == status
    assert answer.headers["content-type"] == "application/json"
    body = answer.json()
    assert body["ok"] is False and body["error"]["code"] == code
    assert SECRET not in answer.text and "Traceback" not in answer.text


def test_an_unknown_slice_is_named_with_the_slices_words(server: Server) -> None:
    text = _page(server.get("/data?by=nope", "analyst"), 200, "zh")
    assert "不能按“nope”切分，可选：渠道、活动、人群、素材、达人" in text
    assert "segment_key" not in text and "creative_id" not in text


#: role -> the pages its navigation links to, on every error page
NAV_LINKS = {
    "operator": {"/chat", "/delivery", "/kb", "/data"},
    "reviewer": {"/review", "/delivery", "/kb", "/data", "/emergency", "/audit"},
    "analyst": {"/delivery", "/kb", "/data", "/audit"},
}
#: 404 (an unknown page, a missing campaign), 403 (a page the role may not open: /audit for
#: an operator, /chat for the others) and 500
NAV_PAGES = ["/no/such/page?lang=en", "/chat/cmp-missing", "/audit", "/chat", "/broken"]


@pytest.mark.parametrize("path", NAV_PAGES)
@pytest.mark.parametrize("role", sorted(NAV_LINKS))
def test_error_pages_keep_the_navigation_of_a_signed_in_user(
    server: Server, role: str, path: str
) -> None:
    answer = server.get(path, role)
    if answer.status_code == 200:  # a page this role may open
        return
    assert answer.status_code >= 400 and answer.headers["content-type"].startswith("text/html")
    _, links = read(answer.text)
    everything = {"/chat", "/review", "/delivery", "/kb", "/data", "/emergency", "/audit"}
    assert set(links) & everything == NAV_LINKS[role], links
    assert "/login" not in links


def test_error_pages_offer_a_login_to_anyone_else(server: Server) -> None:
    for path in ("/no/such/page", "/broken?lang=en"):
        answer = server.get(path)
        _, links = read(answer.text)
        assert "/login" in links and "/" in links, links
        assert not {"/chat", "/review", "/delivery"} & set(links), links
    # a session that ended is anyone else too, not a crash
    answer = server.get("/no/such/page", Cookie="huashu_session=ended")
    assert answer.status_code == 404 and "/login" in read(answer.text)[1]
