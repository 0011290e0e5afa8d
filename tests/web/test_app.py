from __future__ import annotations

from pathlib import Path

from huashu.config import Settings
from huashu.domain import Brief
from huashu.store import open_store, repos
from tests.web.server import serve


def _settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data")


def test_healthz_and_empty_campaigns(tmp_path: Path) -> None:
    with serve(_settings(tmp_path)) as client:
        assert client.get("/healthz").json()["ok"] is True
        body = client.get("/api/v1/campaigns").json()
        assert body == {"ok": True, "campaigns": []}


def test_campaigns_lists_what_the_store_holds(tmp_path: Path, bank_pack, examples_dir) -> None:  # type: ignore[no-untyped-def]
    settings = _settings(tmp_path)
    settings.data_dir.mkdir(parents=True)
    store = open_store(settings.resolved_database_url)
    store.upgrade()
    with store.session() as s:
        repos.save_brand(s, bank_pack, (examples_dir / "rural_bank.yaml").read_text("utf-8"))
        brief_id = repos.save_brief(
            s, Brief(text="春耕贷", brand_id=bank_pack.id, channels=("sms",)), created_by="op"
        )
        cid = repos.create_campaign(s, bank_pack.id, brief_id, "春耕贷")
    store.close()
    with serve(settings) as client:
        campaigns = client.get("/api/v1/campaigns").json()["campaigns"]
    assert [c["id"] for c in campaigns] == [cid]
    assert campaigns[0]["name"] == "春耕贷"
    assert campaigns[0]["status"] == "draft"


def test_error_envelope_is_one_shape(tmp_path: Path) -> None:
    with serve(_settings(tmp_path)) as client:
        missing = client.get("/api/v1/nope")
    assert missing.status_code == 404
    assert missing.json() == {
        "ok": False,
        "error": {"code": "not_found", "message": "Not Found", "details": {}},
    }


def test_no_app_or_engine_at_import() -> None:
    import huashu.web.app as module

    assert not [
        name for name, v in vars(module).items() if type(v).__name__ in {"FastAPI", "Engine"}
    ]
