"""Campaign names and brief understanding over HTTP with real tokens (issue 22, item 7): a filed
brief gets a short, distinct name read from it; an operator renames a campaign (trimmed,
checked, audited; analysts and reviewers may not); what was understood of a brief, unknown
channels and audiences named, is answered before anything is filed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from huashu.config import Settings
from huashu.domain import BrandPack
from huashu.services.understanding import understanding
from huashu.web.i18n import channel_list, channel_name, translator
from huashu.web.pages import ENV
from tests.web.page_text import Vocabulary, problems
from tests.web.server import mint_token, serve

BRIEF = "给养殖户推春耕贷款，短信+首页卡片"


@pytest.fixture
def settings(tmp_path: Path, examples_dir: Path) -> Iterator[Settings]:
    settings = Settings(data_dir=tmp_path / "data", snapshot_rebuild_seconds=0)
    with serve(settings) as admin:
        yaml = (examples_dir / "rural_bank.yaml").read_text("utf-8")
        assert admin.post("/api/v1/brands", json={"yaml": yaml}).status_code == 200
    yield settings


def _file(op: httpx.Client, text: str) -> dict[str, object]:
    answer = op.post("/api/v1/briefs", json={"brand_id": "chuntian-bank", "text": text, "n": 1})
    assert answer.status_code == 200, answer.text
    plan: dict[str, object] = answer.json()["plan"]
    return plan


def test_names_come_from_the_brief_and_are_distinct(settings: Settings) -> None:
    with serve(settings, role="operator") as op:
        ids = [str(_file(op, BRIEF)["campaign_id"]) for _ in range(3)]
        ids.append(str(_file(op, "给种植户推春耕贷，智能外呼")["campaign_id"]))
        names = [op.get(f"/api/v1/campaigns/{cid}").json()["campaign"]["name"] for cid in ids]
    assert names[0] == "春耕贷·养殖户 短信+首页卡片"
    assert names[1].startswith(names[0] + " ") and names[2].endswith(" #2")
    assert names[3] == "春耕贷·种植户 智能外呼"
    assert len(set(names)) == 4


def test_rename_is_checked_audited_and_for_operators_only(settings: Settings) -> None:
    with serve(settings, role="operator") as op:
        cid = str(_file(op, BRIEF)["campaign_id"])
        other = str(_file(op, "给种植户推春耕贷，短信")["campaign_id"])
        url = f"/api/v1/campaigns/{cid}"
        done = op.patch(url, json={"name": "  春耕贷·养殖户 三月  "})
        assert done.status_code == 200, done.text
        assert done.json()["campaign"]["name"] == "春耕贷·养殖户 三月"
        assert done.json()["changed"] is True
        again = op.patch(url, json={"name": "春耕贷·养殖户 三月"}).json()
        assert again["changed"] is False
        taken = op.get(f"/api/v1/campaigns/{other}").json()["campaign"]["name"]
        cases = [
            ("", 422, "campaign_name_empty"),
            ("春" * 41, 422, "campaign_name_too_long"),
            ("春耕贷\n养殖户", 422, "campaign_name_control_chars"),
            (taken, 409, "campaign_name_taken"),
        ]
        for name, status, code in cases:
            refused = op.patch(url, json={"name": name}, headers={"Accept-Language": "zh"})
            assert refused.status_code == status, refused.text
            error = refused.json()["error"]
            assert error["code"] == code
            assert "活动名称" in error["message"] or "活动" in error["message"]
        assert op.patch("/api/v1/campaigns/cmp-nope", json={"name": "x"}).status_code == 404
        page = op.get(f"/chat/{cid}", headers={"Accept": "text/html"}).text
        assert "春耕贷·养殖户 三月" in page and 'id="rename-form"' in page
    for role in ("analyst", "reviewer"):
        token = mint_token(settings, role)
        with serve(settings, role=None) as anon:
            refused = anon.patch(
                url, json={"name": "别人的名字"}, headers={"Authorization": f"Bearer {token}"}
            )
        assert refused.status_code == 403, (role, refused.text)
    with serve(settings, role="reviewer") as rev:
        trail = rev.get("/api/v1/audit", params={"object_id": cid}).json()["entries"]
    renamed = [e for e in trail if e["action"] == "campaign.renamed"]
    assert len(renamed) == 1
    assert renamed[0]["actor"] == "operator-user"
    before, after = "春耕贷·养殖户 短信+首页卡片", "春耕贷·养殖户 三月"
    assert renamed[0]["detail"] == {"before": before, "after": after}


def test_understanding_names_what_was_not_understood_and_files_nothing(
    settings: Settings,
) -> None:
    with serve(settings, role="operator") as op:
        before = op.get("/api/v1/campaigns").json()["campaigns"]
        seen = op.post(
            "/api/v1/briefs/understand",
            json={"brand_id": "chuntian-bank", "text": "给退休教师推春耕贷，抖音+朋友圈"},
        ).json()["understanding"]
        assert set(seen["unknown_channels"]) == {"抖音", "朋友圈"}
        assert seen["unmatched_audiences"] == ["退休教师"]
        assert seen["channels"] == [] and seen["segments"] == []
        assert seen["needs_confirmation"] and not seen["can_draft"]
        english = "Promote the spring farming loan to livestock farmers by SMS and home cards"
        seen = op.post(
            "/api/v1/briefs/understand", json={"brand_id": "chuntian-bank", "text": english}
        ).json()["understanding"]
        assert seen["channels"] == ["sms", "home_card"] and not seen["needs_confirmation"]
        panel = op.post(
            "/chat/understand",
            json={"brand_id": "chuntian-bank", "text": "给退休教师推春耕贷，抖音+朋友圈"},
            headers={"Accept": "text/html"},
        )
        assert panel.status_code == 200, panel.text
        for words in ("抖音", "朋友圈", "暂不支持该渠道", "退休教师", "没有对应的人群分层"):
            assert words in panel.text
        assert 'data-needs-confirm="1"' in panel.text
        assert "data-confirm-brief disabled" in panel.text
        empty = op.post("/chat/understand", json={"brand_id": "chuntian-bank", "text": "  "})
        assert "需求为空" in empty.text
        assert op.get("/api/v1/campaigns").json()["campaigns"] == before
    with serve(settings, role="analyst") as analyst:
        body = {"brand_id": "chuntian-bank", "text": BRIEF}
        assert analyst.post("/api/v1/briefs/understand", json=body).status_code == 403


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    "text", ["给退休教师推春耕贷，抖音+朋友圈", "给养殖户和退休教师推春耕贷，短信+抖音", "推春耕贷"]
)
def test_the_understanding_panel_is_in_the_page_language(
    bank_pack: BrandPack, lang: str, text: str
) -> None:
    """The crawler reads GET pages only: the panel (a POST's answer) is checked here."""
    t = translator(lang)
    html = ENV.get_template("_understanding.html").render(
        lang=lang,
        t=t,
        ch=lambda name: channel_name(name, lang),
        chs=lambda names: channel_list(names, lang),
        u=understanding(bank_pack, text),
        error=None,
    )
    keys = frozenset(k for k in t if "." in k)
    vocabulary = Vocabulary(keys, frozenset(bank_pack.channels), frozenset())
    assert problems(html, lang, vocabulary) == []
