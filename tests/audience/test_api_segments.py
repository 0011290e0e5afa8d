"""The audience JSON API on a real loopback server: upload, import, tiers, preview, apply and
export."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import yaml
from tests.audience.conftest import EXAMPLES, population, transactions
from tests.web.server import serve

from huashu.config import Settings


def test_segments_api_end_to_end(tmp_path: Path) -> None:
    users = population("cosmetics_xhs", 2_000)
    buf = io.StringIO()
    users.to_csv(buf, index=False)
    tx = transactions(users.user_id.to_numpy())
    tx.insert(0, "tx_id", np.arange(len(tx)))
    imports = tmp_path / "data" / "imports"
    imports.mkdir(parents=True)
    tx.to_csv(imports / "tx.csv", index=False)
    spec = yaml.safe_load((EXAMPLES / "segments" / "cosmetics_xhs.yaml").read_text("utf-8"))
    with serve(Settings(data_dir=tmp_path / "data")) as client:
        uploaded = client.post(
            "/api/v1/segments/upload?format=csv", content=buf.getvalue().encode()
        )
        assert uploaded.status_code == 200, uploaded.text
        assert uploaded.json()["rows"] == 2_000

        described = client.get("/api/v1/segments/tables/users").json()
        assert described["rows"] == 2_000
        assert {"name": "skin_type", "type": "string"} in described["columns"]

        imported = client.post(
            "/api/v1/segments/import",
            json={
                "source": "tx.csv",
                "table": "transactions",
                "id_column": "tx_id",
            },
        )
        assert imported.status_code == 200, imported.text
        assert imported.json()["table"] == "transactions"
        tiers = client.post(
            "/api/v1/segments/tiers", json={"transactions": "transactions", "as_of": "2026-12-31"}
        ).json()
        assert sum(tiers["tiers"].values()) == 2_000

        preview = client.post("/api/v1/segments/preview", json={"spec": spec}).json()
        sizes = {s["key"]: s["size"] for s in preview["segments"]}
        assert sizes["oily.student"] == int(
            ((users.skin_type == "oily") & (users.age_band == "student")).sum()
        )
        assert preview["population"] == 2_000
        assert len(preview["overlap"]["matrix"]) == len(preview["segments"])

        as_text = client.post(
            "/api/v1/segments/preview",
            json={"text": yaml.safe_dump(spec, allow_unicode=True), "profiles": False},
        ).json()
        assert {s["key"]: s["size"] for s in as_text["segments"]} == sizes

        applied = client.post(
            "/api/v1/segments/apply", json={"spec": spec, "into": "xhs_members"}
        ).json()
        assert applied["tables"] == ["xhs_members", "xhs_members_catalog"]

        exported = client.post(
            "/api/v1/segments/export",
            json={"spec": spec, "format": "csv", "keys": ["big_city_sensitive"]},
        ).json()
        assert Path(exported["directory"]).parent == tmp_path / "data" / "exports"
        (only,) = exported["files"]
        assert only["rows"] == sizes["big_city_sensitive"]
        assert Path(only["path"]).read_text("utf-8").count("\n") == sizes["big_city_sensitive"] + 1

        bad = client.post(
            "/api/v1/segments/preview",
            json={"spec": {"segments": [{"key": "a", "rule": {"field": "skin", "value": "oily"}}]}},
        )
        assert bad.status_code == 422
        error = bad.json()["error"]
        assert error["code"] == "unknown_field"
        assert error["message"].startswith("人群 'a'：rule：未知字段 'skin'")
        assert error["details"]["field"] == "skin"

        both = client.post("/api/v1/segments/preview", json={"spec": spec, "text": "x"})
        assert both.status_code == 422 and both.json()["error"]["code"] == "bad_segment_file"

        upload_bad = client.post(
            "/api/v1/segments/upload?format=csv", content=b"user_id,age\n1,3\n1,4\n"
        )
        assert upload_bad.status_code == 422
        assert upload_bad.json()["error"]["code"] == "duplicate_id"

        # found by the schemathesis contract test: an empty table name was a 500 (KeyError)
        empty = client.post("/api/v1/segments/tiers", json={"transactions": ""})
        assert empty.status_code == 422 and empty.json()["error"]["code"] == "bad_table_name"
        missing = client.post("/api/v1/segments/tiers", json={"transactions": "nope"})
        assert missing.status_code == 422 and missing.json()["error"]["code"] == "unknown_table"
