"""Every page, as every role, in Chinese and in English, over a real server with real data: no
raw dictionary key, no internal key (segment or channel) outside ids, no untranslated English
in a Chinese page and no Chinese in an English one outside user content; no page fails. The
checks themselves are pinned on small pages first, so a crawl that passes has looked."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from huashu.config import Settings
from huashu.store import open_store, repos
from huashu.web import create_app
from tests.loopback import run_asgi
from tests.web.crawl import USERS, Seeded, crawl, go_live, login, seed_store, vocabulary
from tests.web.page_text import Vocabulary, problems, read

VOCABULARY = Vocabulary(
    keys=frozenset({"chat.submit", "status.approved"}),
    internal=frozenset({"home_card", "crop.no"}),
    data=frozenset({"春耕贷", "laoli"}),
)
#: (page, language, the problems expected: each a start of the problem's text)
CHECKS: list[tuple[str, str, list[str]]] = [
    ("<p>提交审批</p>", "zh", []),
    ("<button>chat.submit</button>", "zh", ["raw key ['chat.submit']"]),
    ("<p>✓ status.approved</p>", "en", ["raw key ['status.approved']"]),
    ("<p><code>status.approved</code></p>", "zh", ["raw key"]),  # a key is never meta
    ("<p>养殖户 × home_card</p>", "zh", ["internal key ['home_card']"]),
    ("<p>crop.no</p>", "en", ["internal key ['crop.no']"]),
    ("<td>首页卡片 <code>home_card</code></td>", "zh", []),  # ids inside <code>
    ("<dt>title</dt>", "zh", ["English ['title']"]),
    ('<img alt="banner">', "zh", ["English ['banner']"]),
    ('<input placeholder="Refine, e.g. 短信再短一点">', "en", ["Chinese"]),
    ("<p>点击率 CTR 3.2%，短信 SMS，编号 apr-3f0a9c，UTF-8</p>", "zh", []),
    ("<small>sms-finance-route · 广告法</small>", "zh", []),  # a rule id as meta
    ("<p>sms-finance-route</p>", "zh", ["English ['sms-finance-route']"]),
    ("<h1>春耕贷 <small>laoli</small></h1>", "en", []),  # names people gave
    ('<td data-user>kolA 春季</td><dd data-field="text">立即申请</dd>', "en", []),
    ('<p data-template="活动“{campaign}”没有投放目标">x</p>', "zh", ["English ['x']"]),
    ("<script>const a = 'Save';</script><style>p{}</style><p>保存</p>", "zh", []),
    ("<p>话</p><a>中文</a>", "en", []),
    ("<p>Requested by：laoli</p>", "en", ["Chinese"]),  # Chinese punctuation too
    ("<title>Audit · huashu</title>", "zh", ["English ['Audit', 'huashu']"]),
]


@pytest.mark.parametrize(("page", "lang", "expected"), CHECKS)
def test_the_checks(page: str, lang: str, expected: list[str]) -> None:
    found = problems(page, lang, VOCABULARY)
    assert len(found) == len(expected), found
    for problem, start in zip(found, expected, strict=True):
        assert problem.startswith(start), (problem, start)


def test_reading_a_page_keeps_its_links_and_leaves_scripts_out() -> None:
    nodes, links = read('<a href="/kb?q=1">知识库</a><script>x()</script><p title="提示">正文</p>')
    assert links == ["/kb?q=1"]
    assert [(n.text, n.attr) for n in nodes] == [("知识库", ""), ("提示", "title"), ("正文", "")]


@dataclass
class Site:
    base: str
    settings: Settings
    seeded: Seeded
    vocabulary: Vocabulary


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("crawl"),
        snapshot_rebuild_seconds=0,
        outbox_interval_seconds=0,
        kb_distill_seconds=0,
    )
    seeded = seed_store(settings)
    with run_asgi(create_app(settings)) as base:
        go_live(base, settings, seeded)
        yield Site(base, settings, seeded, vocabulary(settings))


#: pages each role may open (the others answer 403 with the page that says so)
ALLOWED = {
    "operator": {"/chat", "/delivery", "/kb", "/data"},
    "reviewer": {"/review", "/delivery", "/kb", "/data", "/emergency", "/audit"},
    "analyst": {"/delivery", "/kb", "/data", "/audit"},
    "admin": {"/chat", "/review", "/delivery", "/kb", "/data", "/emergency", "/audit"},
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("role", sorted(USERS))
def test_every_page_reads_in_its_language(site: Site, role: str, lang: str) -> None:
    found: dict[str, set[str]] = {}
    statuses: dict[str, int] = {}
    with login(site.base, role, lang) as client:
        for url, answer in crawl(client, site.seeded.pages()):
            statuses[url] = answer.status_code
            assert "text/html" in answer.headers["content-type"], url
            if "<html" in answer.text:  # a whole page, not a fragment a script swaps in
                assert f'<html lang="{"zh-CN" if lang == "zh" else "en"}">' in answer.text, url
            for problem in problems(answer.text, lang, site.vocabulary):
                found.setdefault(problem, set()).add(url)
    report = "\n".join(f"{p}  <- {sorted(urls)[:3]}" for p, urls in sorted(found.items()))
    assert not found, f"{len(found)} problems as {role} in {lang}:\n{report}"
    assert statuses.pop("/no/such/page") == 404
    assert not {u: s for u, s in statuses.items() if s not in (200, 403)}
    for page in ("/chat", "/review", "/delivery", "/kb", "/data", "/emergency", "/audit"):
        assert statuses[page] == (200 if page in ALLOWED[role] else 403), (page, role)
    assert len(statuses) > 25  # the links were followed, not only the starting pages


def test_the_language_switch_is_on_every_page(site: Site) -> None:
    with login(site.base, "admin", "zh") as client:
        for page in ("/chat", "/delivery", "/emergency", "/no/such/page"):
            nodes, links = read(client.get(page).text)
            assert any("lang=en" in link for link in links), page
            assert "English" in [n.text for n in nodes], page


def test_the_emergency_console_names_what_is_on_air(site: Site) -> None:
    """在投素材 lists exactly the creatives the decide path serves; the approved campaign's,
    not started yet, are listed apart as 待上线; the creative taken down is in neither."""
    store = open_store(site.settings.resolved_database_url)
    try:
        with store.session() as s:
            on_air = {c.id for c in repos.on_air_creatives(s)}
            approved = {
                c.id
                for c in repos.list_creatives(s, campaign_id=site.seeded.campaigns["approved"])
                if c.id in {r.id for r in repos.list_creatives(s, status="approved")}
            }
    finally:
        store.close()
    with login(site.base, "reviewer", "zh") as client:
        page = client.get("/emergency").text
    live_part, waiting_part = page.split('data-creatives="waiting"', 1)
    live_part = live_part.split('data-creatives="live"', 1)[1]
    assert on_air and approved
    assert set(_rows(live_part)) == on_air
    assert approved <= set(_rows(waiting_part)) and not on_air & set(_rows(waiting_part))
    assert site.seeded.taken_down not in page.split("<h2>", 1)[1].split("data-incident")[0]
    assert "在投素材" in live_part and "待上线素材" in waiting_part


def _rows(part: str) -> list[str]:
    return [chunk.split('"', 1)[0] for chunk in part.split('data-live="')[1:]]
