"""A site with real data for the crawl of every page: users of each role with a password, the
rural bank's brand pack, campaigns in every state (drafts, pending review, rejected with the
reviewer's comments, live with traffic and a take-down), knowledge-base versions and growth
data; and the crawler that logs in through the login form and follows every same-origin link.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import httpx

from huashu.config import Settings
from huashu.domain import Verdict
from huashu.runtime import Runtime
from huashu.store import credentials, open_store, repos
from huashu.web.data_view import BY_OPTIONS
from huashu.workflow import decide_approval, submit_for_approval
from tests.campaigns import drafted
from tests.reliability.support import load_pack
from tests.web.data_pages import seed_analytics
from tests.web.kb_pages import save_versions
from tests.web.page_text import Vocabulary, read

PASSWORD = "spring-plough-2024"
USERS = {"operator": "xiaowang", "reviewer": "laoli", "analyst": "zhangfx", "admin": "root"}
#: campaign state -> its brief ("approved" is approved and never started)
BRIEFS = {
    "draft": "给养殖户推春耕贷款，年化利率3.6%起，首页卡片+短信",
    "pending": "给种植户推农资贷款，短信",
    "rejected": "给小微商户推经营贷，首页卡片",
    "approved": "给种植户推春耕贷款，首页卡片",
    "live": "给养殖户推春耕贷款，首页卡片+短信",
}
#: what the reviewer wrote on the rejected campaign
REJECT_NOTE = "利率表述需与官网一致"
TAKEDOWN_REASON = "用户投诉：利率表述不清"
TOKEN_NAME = "投放脚本"
#: addresses that are not pages: the API (chart and banner images), static files, docs
SKIP_PREFIXES = ("/api/", "/static/", "/healthz", "/docs", "/openapi")
#: at most this many pages per path and set of query parameters (audit filters are many)
PER_SHAPE = 3
#: what the crawl searches the 知识库 for (a word of the brand's copy)
KB_QUERY = "补栏"


@dataclass
class Seeded:
    campaigns: dict[str, str]  # state -> campaign id
    approvals: list[str]
    taken_down: str = ""  # the creative the take-down removed

    def pages(self) -> list[str]:
        """The pages a crawl starts from: every page of the navigation, each campaign and
        approval, the fragments scripts swap in, the 数据 slices, a 知识库 search, and an
        unknown address."""
        pages = ["/", "/chat", "/review", "/delivery", "/kb", "/data", "/emergency", "/audit"]
        pages += ["/delivery?part=live", f"/kb?q={KB_QUERY}", "/no/such/page"]
        pages += [f"/data?by={by}" for by in BY_OPTIONS]
        pages += [f"/chat/{c}" for c in self.campaigns.values()]
        pages += [f"/chat/{c}/cards" for c in self.campaigns.values()]
        return pages + [f"/review/{a}" for a in self.approvals]


def seed_store(settings: Settings) -> Seeded:
    """Everything that needs no running server: users, brand, campaigns up to their reviews,
    knowledge-base versions and growth data."""
    pack, text = load_pack()
    store = open_store(settings.resolved_database_url)
    try:
        store.upgrade()
        with store.session() as s:
            for role, name in USERS.items():
                repos.ensure_user(s, name, role, display_name=name)
                credentials.set_password(s, name, PASSWORD, actor=USERS["admin"])
            repos.save_brand(s, pack, text)
    finally:
        store.close()
    operator, reviewer = USERS["operator"], USERS["reviewer"]
    campaigns: dict[str, str] = {}
    approvals: list[str] = []
    with Runtime.open(settings) as rt:
        for state, brief in BRIEFS.items():
            plan, _ = drafted(rt, pack, text, operator, n=2, brief=brief)
            campaigns[state] = plan.campaign_id
            if state == "draft":
                continue
            with rt.store.session() as s:
                approval = submit_for_approval(s, plan.campaign_id, operator)
                approvals.append(approval)
                if state == "pending":
                    continue
                verdicts = {
                    c.id: r.verdict
                    for c in repos.list_creatives(s, campaign_id=plan.campaign_id)
                    if (r := repos.report_for_creative(s, c.id)) is not None
                    and r.verdict != Verdict.BLOCK
                }
                approve = state in ("approved", "live")
                decisions = {
                    cid: "approved" if approve and v == Verdict.PASS else "rejected"
                    for cid, v in verdicts.items()
                }
                notes = {cid: REJECT_NOTE for cid, d in decisions.items() if d == "rejected"}
                decide_approval(s, approval, reviewer, decisions, comments=notes)
    save_versions(settings, pack)
    seed_analytics(settings, users=400)
    return Seeded(campaigns, approvals)


def go_live(base: str, settings: Settings, seeded: Seeded) -> None:
    """Through the API: start the "live" campaign, serve it, log traffic, rebuild the policy
    snapshot and take one creative down (``seeded.taken_down``)."""
    token = _token(settings, USERS["admin"])
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}) as api:
        live = seeded.campaigns["live"]
        started = api.post(f"/api/v1/campaigns/{live}/start", json={"confirm": True})
        assert started.status_code == 200, started.text
        assert api.post("/api/v1/snapshots/rebuild").status_code == 200
        requests = [
            {"user_id": 500 + i, "segment_key": seg, "channel": ch}
            for i in range(40)
            for seg in ("livestock.yes", "livestock.no")
            for ch in ("home_card", "sms")
        ]
        decided = api.post("/api/v1/decide", json={"requests": requests})
        assert decided.status_code == 200, decided.text
        ids = [d["decision_id"] for d in decided.json()["decisions"]]
        events = [
            {"event_id": uuid.uuid4().hex, "decision_id": d, "kind": kind}
            for i, d in enumerate(ids)
            for kind in (("impression", "click") if i % 7 == 0 else ("impression",))
        ]
        assert api.post("/api/v1/events", json={"events": events}).status_code == 200
        assert api.post("/api/v1/snapshots/rebuild").status_code == 200
        victim = decided.json()["decisions"][0]["creative_id"]
        body = {"by": "creative", "value": victim, "reason": TAKEDOWN_REASON}
        assert api.post("/api/v1/takedowns", json=body).status_code == 200
        seeded.taken_down = victim


def vocabulary(settings: Settings) -> Vocabulary:
    """The page dictionary's keys, the internal keys (channels, every brand's segments) and
    the names and words people gave, read from the store after the crawl's seeding."""
    from huashu.audience.segments import cross_segments
    from huashu.channels import builtin_channels
    from huashu.web.i18n import EN, ZH

    internal = set(builtin_channels())
    data = {REJECT_NOTE, TAKEDOWN_REASON, TOKEN_NAME, KB_QUERY, *BRIEFS.values()}
    store = open_store(settings.resolved_database_url)
    try:
        with store.session() as s:
            for brand in repos.list_brands(s):
                data |= {str(brand["id"]), str(brand["name"])}
                pack = repos.get_brand_pack(s, str(brand["id"]))
                for seg in [*cross_segments(pack), *repos.get_segments(s, pack.id)]:
                    internal.add(seg.key)
                    data.add(seg.name)
            data |= {str(c["name"]) for c in repos.list_campaigns(s)}
            data |= set(repos.audit_facets(s)["actor"])
            for user in repos.list_users(s):
                data |= {user.username, user.display_name or user.username}
    finally:
        store.close()
    keys = frozenset(k for k in {*ZH, *EN} if "." in k)
    return Vocabulary(keys, frozenset(internal), frozenset(data))


def _token(settings: Settings, username: str) -> str:
    store = open_store(settings.resolved_database_url)
    try:
        with store.session() as s:
            return credentials.create_token(s, username, TOKEN_NAME, actor=username)[1]
    finally:
        store.close()


@contextmanager
def login(base: str, role: str, lang: str) -> Iterator[httpx.Client]:
    """A browser-like client logged in through the login form, reading pages in ``lang``."""
    with httpx.Client(base_url=base, timeout=30, headers={"Accept": "text/html"}) as client:
        client.cookies.set("huashu_lang", lang)
        form = client.get("/login")
        answer = client.post(
            "/login",
            data={
                "username": USERS[role],
                "password": PASSWORD,
                "csrf_token": _field(form.text, "csrf_token"),
                "next": "",
            },
        )
        assert answer.status_code == 303, answer.text[:300]
        yield client


def _field(page: str, name: str) -> str:
    marker = f'name="{name}" value="'
    return page.split(marker, 1)[1].split('"', 1)[0]


def _shape(url: str) -> tuple[str, tuple[str, ...]]:
    parts = urlsplit(url)
    return parts.path, tuple(sorted(k for k, _ in parse_qsl(parts.query)))


def _keep(base: str, href: str, here: str) -> str | None:
    """``href`` as a same-origin page path with its query, or None to leave it."""
    target = urlsplit(urljoin(base + here, href))
    if f"{target.scheme}://{target.netloc}" != base or target.path.startswith(SKIP_PREFIXES):
        return None
    query = [(k, v) for k, v in parse_qsl(target.query) if k != "lang"]
    if any(k == "lang" for k, _ in parse_qsl(target.query)) and not query:
        return None  # the language switch: the crawl keeps its language
    return target.path + (f"?{urlencode(query)}" if query else "")


def crawl(client: httpx.Client, start: list[str]) -> Iterator[tuple[str, httpx.Response]]:
    """Every page reachable from ``start`` by same-origin links (at most ``PER_SHAPE`` per
    path and set of query parameters), with its answer."""
    base = str(client.base_url).rstrip("/")
    seen: set[str] = set()
    shapes: dict[tuple[str, tuple[str, ...]], int] = {}
    queue = list(start)
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        shape = _shape(url)
        if shapes.get(shape, 0) >= PER_SHAPE and url not in start:
            continue
        shapes[shape] = shapes.get(shape, 0) + 1
        answer = client.get(url, follow_redirects=True)
        yield url, answer
        if "text/html" not in answer.headers.get("content-type", ""):
            continue
        for href in read(answer.text)[1]:
            kept = _keep(base, href, urlsplit(str(answer.url)).path)
            if kept is not None and kept not in seen:
                queue.append(kept)
