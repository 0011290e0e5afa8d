"""The rejection loop and what a reviewer sees, over HTTP with real tokens (issue 22, items 2
and 4): the operator reads each rejected creative's comment on the campaign page (审批 is 403
for operators), edits or rewrites it and files again; the reviewer sees what changed since the
last decision, the banner, the SMS with its billing parts and the call script as a dialogue;
no creative is approved without each of its review findings acknowledged, and a partial vote
leaves the others open."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from huashu.config import Settings
from huashu.domain import BrandPack
from huashu.runtime import Runtime
from tests.campaigns import drafted as drafted_campaign
from tests.web.server import serve

BRIEF = "给养殖户推春耕贷款，首页卡片+短信+智能外呼"
FLAGGED_TITLE = "养殖户春耕贷，王牌产品"  # 王牌: an absolute term a reviewer must read (需复核)


@pytest.fixture
def drafted(tmp_path: Path, bank_pack: BrandPack, examples_dir: Path) -> tuple[Settings, str]:
    settings = Settings(data_dir=tmp_path / "data", snapshot_rebuild_seconds=0)
    with Runtime.open(settings) as rt:
        text = (examples_dir / "rural_bank.yaml").read_text("utf-8")
        plan, _ = drafted_campaign(rt, bank_pack, text, "operator-user", n=1, brief=BRIEF)
    return settings, plan.campaign_id


def _submit(op: httpx.Client, campaign_id: str) -> dict[str, Any]:
    filed = op.post(f"/api/v1/campaigns/{campaign_id}/submit")
    assert filed.status_code == 200, filed.text
    approval: dict[str, Any] = filed.json()["approval"]
    return approval


def _items(client: httpx.Client, approval_id: str) -> dict[str, dict[str, Any]]:
    found = client.get(f"/api/v1/approvals/{approval_id}").json()["approval"]
    return {i["creative_id"]: i for i in found["items"]}


def _of(items: dict[str, dict[str, Any]], channel: str) -> str:
    return next(cid for cid, i in sorted(items.items()) if i["creative"]["channel"] == channel)


def _submit_button(page: str) -> str:
    found = re.search(r'<button[^>]*id="submit-approval"[^>]*>', page)
    assert found, page[:2000]
    return found.group(0)


def _article(page: str, creative_id: str) -> str:
    start = page.index(f'data-creative="{creative_id}"')
    return page[start : page.index("</article>", start)]


def test_reject_comment_fix_resubmit_and_changes(drafted: tuple[Settings, str]) -> None:
    settings, campaign_id = drafted
    with serve(settings, role="operator") as op, serve(settings, role="reviewer") as rev:
        first = _submit(op, campaign_id)
        items = _items(rev, first["id"])
        card, sms = _of(items, "home_card"), _of(items, "sms")
        old_title = items[card]["creative"]["fields"]["title"]

        # the reviewer sees each creative as it will appear
        page = rev.get(f"/review/{first['id']}").text
        assert re.search(
            rf'<img class="banner"[^>]*src="/api/v1/creatives/{card}/banner\.png\?v=', page
        )
        chars = len(items[sms]["creative"]["fields"]["text"])
        parts = 1 if chars <= 70 else -(-chars // 67)
        assert f"{chars} 字（含签名和退订语）· 计费 {parts} 条" in page
        assert 'class="line sp-customer"' in page and 'class="line sp-agent"' in page
        assert '<span class="speaker">坐席</span>' in page
        assert "data-changes=" not in page  # nothing decided before

        comments = {card: "标题请写明额度上限", sms: "短信请写得更正式"}
        decisions = {cid: "approved" for cid in items} | {card: "rejected", sms: "rejected"}
        decided = rev.post(
            f"/api/v1/approvals/{first['id']}/decide",
            json={"decisions": decisions, "comments": comments, "comment": "两条需修改"},
        )
        assert decided.status_code == 200, decided.text
        assert decided.json()["approval"]["status"] == "approved"

        # operators cannot open 审批: the comments are on the campaign page itself
        assert op.get(f"/review/{first['id']}").status_code == 403
        page = op.get(f"/chat/{campaign_id}").text
        assert "标题请写明额度上限" in _article(page, card)
        assert "短信请写得更正式" in _article(page, sms)
        assert "审核意见（reviewer-user 驳回）" in _article(page, card)
        assert 'id="rejected-notice"' in page and "有 2 条素材被驳回" in page
        assert "disabled" in _submit_button(page)  # nothing fixed yet, nothing to file

        # an inline edit fixes the card: it is a draft again and 提交审批 opens
        new_title = "养殖户春耕贷，额度最高30万"
        edited = op.patch(f"/api/v1/creatives/{card}", json={"fields": {"title": new_title}})
        assert edited.status_code == 200, edited.text
        page = op.get(f"/chat/{campaign_id}").text
        assert "disabled" not in _submit_button(page)
        assert "已修改，待重新提交审批" in _article(page, card)
        assert "标题请写明额度上限" in _article(page, card)

        # a follow-up turn rewrites the rejected SMS; the new draft carries the comment
        refined = op.post(
            f"/api/v1/briefs/{campaign_id}/refine", json={"instruction": "短信更正式一点"}
        )
        assert refined.status_code == 200, refined.text
        replaced = refined.json()["replaced"]
        assert set(replaced) == {sms}, replaced
        new_sms = replaced[sms]
        page = op.get(f"/chat/{campaign_id}").text
        assert "短信请写得更正式" in _article(page, new_sms)
        assert f"针对原素材 {sms[-8:]}" in _article(page, new_sms)
        assert "有 2 条素材被驳回" not in page and "2 条被驳回的素材已修改" in page

        # filed again: only the two fixed creatives
        second = _submit(op, campaign_id)
        assert {i["creative_id"] for i in second["items"]} == {card, new_sms}
        page = op.get(f"/chat/{campaign_id}").text
        assert "disabled" in _submit_button(page) and 'id="submit-pending"' in page

        # the reviewer sees what changed since the last decision
        page = rev.get(f"/review/{second['id']}").text
        start = page.index(f'data-changes="{card}"')
        change = page[start : page.index("</div>", start)]
        assert "上次结论：已驳回（reviewer-user）" in change and "标题请写明额度上限" in change
        assert "<dt>标题</dt>" in change and "<del>" in change and "<ins>" in change
        removed = "".join(re.findall(r"<del>(.*?)</del>", change))
        added = "".join(re.findall(r"<ins>(.*?)</ins>", change))
        assert removed and added and set(added) <= set(new_title) and set(removed) <= set(old_title)
        start = page.index(f'data-changes="{new_sms}"')
        change = page[start : page.index("</div>", start)]
        assert f"由被驳回的素材 {sms[-8:]} 重写而来" in change and "短信请写得更正式" in change

        approved = rev.post(f"/api/v1/approvals/{second['id']}/decide", json={"approve_all": True})
        assert approved.status_code == 200, approved.text
        assert approved.json()["approval"]["status"] == "approved"
        statuses = {
            c["id"]: c["status"]
            for c in op.get(f"/api/v1/campaigns/{campaign_id}").json()["creatives"]
        }
        assert statuses[card] == statuses[new_sms] == "approved"
        assert statuses[sms] == "archived"


def test_review_findings_are_acknowledged_by_the_reviewer_only(
    drafted: tuple[Settings, str],
) -> None:
    settings, campaign_id = drafted
    with serve(settings, role="operator") as op, serve(settings, role="reviewer") as rev:
        campaign = op.get(f"/api/v1/campaigns/{campaign_id}").json()["creatives"]
        flagged = next(c["id"] for c in campaign if c["channel"] == "home_card")
        edited = op.patch(f"/api/v1/creatives/{flagged}", json={"fields": {"title": FLAGGED_TITLE}})
        assert edited.json()["creative"]["verdict"] == "review"
        approval = _submit(op, campaign_id)["id"]
        decide = f"/api/v1/approvals/{approval}/decide"
        others = {cid: "approved" for cid in _items(rev, approval) if cid != flagged}

        # approving it without the acknowledgement is refused, by name and by approve_all
        for body in ({"decisions": {**others, flagged: "approved"}}, {"approve_all": True}):
            refused = rev.post(decide, json=body)
            assert refused.status_code == 422, refused.text
            error = refused.json()["error"]
            assert error["code"] == "unacknowledged_findings"
            assert error["details"] == {"creative_id": flagged, "rule_ids": ["absolute-terms"]}
            assert f"素材 {flagged} 有需人工确认的合规提示未确认" in error["message"]
        conflicting = rev.post(
            decide, json={"decisions": others, "partial": True, "approve_all": True}
        )
        assert conflicting.json()["error"]["code"] == "conflicting_options"

        # 全部通过's vote: the others approved, the flagged one left open
        partial = rev.post(decide, json={"decisions": others, "partial": True})
        assert partial.status_code == 200, partial.text
        result = partial.json()["approval"]
        assert result["status"] == "pending"
        assert {i["creative_id"]: i["decision"] for i in result["items"]} == {
            **others,
            flagged: None,
        }
        page = rev.get(f"/review/{approval}?skipped=1").text
        notice = re.search(r'<p class="notice warn" id="bulk-skipped"[^>]*>([^<]*)</p>', page)
        assert notice and "hidden" not in notice.group(0)
        assert "全部通过跳过了 1 条素材" in notice.group(1)
        assert re.search(rf'class="review-item needs-ack" data-item="{flagged}"', page)
        assert page.count("data-open") == 1  # only the flagged one can still be voted on
        english = rev.get(f"/review/{approval}?skipped=1&lang=en").text
        assert "Approve all skipped 1 creative(s)" in english

        # the reviewer reads the finding, ticks it, and approves it
        done = rev.post(
            decide,
            json={
                "decisions": {flagged: "approved"},
                "acknowledged": {flagged: ["absolute-terms"]},
            },
        )
        assert done.status_code == 200, done.text
        assert done.json()["approval"]["status"] == "approved"
        again = rev.post(decide, json={"decisions": {flagged: "approved"}})
        assert again.status_code == 409


def test_partial_votes_with_a_quorum_of_two(drafted: tuple[Settings, str]) -> None:
    settings, campaign_id = drafted
    with (
        serve(settings, role="admin") as admin,
        serve(settings, role="operator") as op,
        serve(settings, role="reviewer") as rev,
    ):
        quorum = admin.put("/api/v1/policies/chuntian-bank", json={"quorum": 2})
        assert quorum.status_code == 200, quorum.text
        approval = _submit(op, campaign_id)["id"]
        decide = f"/api/v1/approvals/{approval}/decide"
        first, *rest = sorted(_items(rev, approval))
        assert rev.post(decide, json={"decisions": {first: "approved"}, "partial": True}).is_success
        # a reviewer votes once per creative, and may vote on the others later
        again = rev.post(decide, json={"decisions": {first: "approved"}, "partial": True})
        assert again.status_code == 409 and again.json()["error"]["code"] == "already_voted"
        page = rev.get(f"/review/{approval}").text
        assert page.count("data-open") == len(rest) and "你已投票，等待其他审批人" in page
        later = rev.post(decide, json={"approve_all": True})
        assert later.status_code == 200, later.text
        assert later.json()["approval"]["status"] == "pending"  # a second reviewer is needed
        assert rev.post(decide, json={"approve_all": True}).json()["error"]["code"] == (
            "already_voted"
        )
        second = admin.post(decide, json={"approve_all": True})
        assert second.status_code == 200, second.text
        assert second.json()["approval"]["status"] == "approved"
