"""``POST /api/v1/check`` on a real server: JSON and text/plain bodies, stored brands, fixes,
and the error envelope for bad bytes, bad JSON, empty and oversized text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import get_args

import httpx
import pytest
from tests.web.server import serve

from huashu.brand import load_brand_pack
from huashu.config import Settings
from huashu.domain import ChannelName
from huashu.store import open_store, repos

ROOT = Path(__file__).resolve().parents[2]
SIG = "【春田农商银行】"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    settings = Settings(data_dir=tmp_path_factory.mktemp("api") / "data")
    settings.data_dir.mkdir(parents=True)
    store = open_store(settings.resolved_database_url)
    store.upgrade()
    path = ROOT / "examples" / "rural_bank.yaml"
    with store.session() as s:
        repos.save_brand(s, load_brand_pack(path), path.read_text("utf-8"))
    store.close()
    with serve(settings) as c:
        yield c


def test_check_text_with_stored_brand(client: httpx.Client) -> None:
    body = {"text": "春耕贷年化2.5%", "channel": "home_card", "brand_id": "chuntian-bank"}
    out = client.post("/api/v1/check", json=body).json()
    assert out["ok"] is True and out["verdict"] == "block"
    assert out["brand_id"] == "chuntian-bank"
    assert "facts@1" in out["rule_packs"]
    [finding] = out["findings"]
    assert (finding["rule_id"], finding["matched"], finding["start"]) == ("fact.rate", "2.5%", 5)


def test_check_fields_and_route(client: httpx.Client) -> None:
    fields = {"text": f"{SIG}春耕贷年化利率3.6%起。拒收请回复R"}
    own = {"fields": fields, "channel": "sms", "brand_id": "chuntian-bank"}
    assert client.post("/api/v1/check", json=own).json()["verdict"] == "pass"
    cloud = client.post("/api/v1/check", json={**own, "sms_route": "aliyun"}).json()
    assert [f["rule_id"] for f in cloud["findings"]] == ["sms-finance-route"]


def test_fix(client: httpx.Client) -> None:
    body = {
        "text": "春耕贷利率低至3.6%",
        "channel": "sms",
        "brand_id": "chuntian-bank",
        "fix": True,
    }
    out = client.post("/api/v1/check", json=body).json()
    assert out["fields"] == {"text": f"{SIG}春耕贷利率低至3.6%（年化利率3.6%起）。拒收请回复R"}
    assert out["verdict"] == "pass" and out["findings"] == []
    assert {a["rule_id"] for a in out["applied"]} == {
        "rate-needs-annual",
        "sms-opt-out",
        "sms-signature",
    }


def test_text_plain_body(client: httpx.Client) -> None:
    response = client.post(
        "/api/v1/check",
        params={"channel": "home_card", "industry": "finance"},
        content="正规银行贷款无风险".encode(),
        headers={"content-type": "text/plain; charset=utf-8"},
    )
    out = response.json()
    assert out["verdict"] == "block" and out["brand_id"] == "generic"
    assert [f["rule_id"] for f in out["findings"]] == ["guaranteed-returns"]


def test_rules_listing(client: httpx.Client) -> None:
    out = client.get("/api/v1/check/rules").json()
    ids = {r["id"] for r in out["rules"]}
    assert {"fact.rate", "pii-mobile", "xhs-ad-label", "sms-finance-route"} <= ids
    assert out["channels"] == list(get_args(ChannelName))
    assert {"sms", "home_card", "xiaohongshu"} <= set(out["channels"])


BAD: list[tuple[bytes, str, str, str]] = [
    (b'{"text": "\xe4\xbf\x9d\xff"}', "application/json", "invalid_utf8", "第 13 字节（0xff）"),
    (b"\xc3\x28", "text/plain", "invalid_utf8", "第 0 字节（0xc3）"),
    (b'{"text": ', "application/json", "invalid_json", "请求体不是有效的 JSON"),
    (b'{"text": ""}', "application/json", "empty_text", "待检查的文案为空"),
    (b"   ", "text/plain", "empty_text", "待检查的文案为空"),
    (b"{}", "application/json", "text_or_fields", "请提供 text 或 fields"),
    (b'{"text": "a", "fields": {"t": "b"}}', "application/json", "text_or_fields", "二者选一"),
    (b'{"text": "a", "channel": "wechat"}', "application/json", "invalid_request", "channel"),
    (b'{"text": "a", "colour": 1}', "application/json", "invalid_request", "colour"),
    (b'{"text": "a", "industry": "games"}', "application/json", "unknown_industry", "games"),
    (b'{"text": "a", "brand_id": "nope"}', "application/json", "not_found", "品牌 nope 不存在"),
    ("好".encode() * 3_500_000, "text/plain", "text_too_large", "上限 4194304 字节"),
]


@pytest.mark.parametrize(("body", "content_type", "code", "message"), BAD)
def test_bad_input(
    client: httpx.Client, body: bytes, content_type: str, code: str, message: str
) -> None:
    response = client.post("/api/v1/check", content=body, headers={"content-type": content_type})
    assert response.status_code == (404 if code == "not_found" else 422)
    out = response.json()
    assert out["ok"] is False and out["error"]["code"] == code
    assert message in out["error"]["message"]
