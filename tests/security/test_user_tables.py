"""Finding V2: import, upload, apply and tiers wrote to any table name, and preview read any:
``upload?table=events`` replaced the event log; in the shared-PostgreSQL layout an operator
wiped ``audit_log``, dropped ``api_tokens`` and read ``users.password_hash`` through
``segments/preview``. Every table an operator names now lives in the ``seg_`` namespace, so the
same requests through a live server reach only user tables and the app's own tables keep every
row; malformed names are refused with a 422."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.security.data_layouts import (
    APP_TABLES,
    LAYOUTS,
    engine_tables,
    event_counts,
    layout,
    password_hashes,
    seed_events,
    store_counts,
)
from tests.web.server import serve

from huashu.audience.namespace import PREFIX, is_user_table

USERS_CSV = "user_id,occupation,password_hash\n" + "".join(
    f"{i},{'crop' if i % 3 else 'smb'},x\n" for i in range(1, 61)
)
TX_CSV = "tx_id,user_id,ts,amount\n" + "".join(
    f"{i},{i % 60 + 1},2026-0{i % 9 + 1}-01,{i * 3.5}\n" for i in range(300)
)
TARGETS = ("events", "decisions", "audit_log", "api_tokens", "users", "alembic_version")


def test_no_table_of_the_app_is_in_the_user_namespace() -> None:
    assert {"events", "decisions", "audit_log", "api_tokens", "users", "segments"} <= APP_TABLES
    assert not [t for t in APP_TABLES if is_user_table(t)]


def _spec(users: str, rule: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"users": users, "min_size": 0, "segments": [{"key": "a", "rule": rule}], **extra}


@pytest.mark.parametrize("name", LAYOUTS)
def test_operator_table_names_never_reach_the_apps_tables(name: str, tmp_path: Path) -> None:
    with layout(name, tmp_path) as site:
        settings = site.settings
        seed_events(settings)
        before_events = event_counts(settings)
        assert before_events == {"decisions": 2, "events": 2}
        with serve(settings, role="operator") as client:
            before = store_counts(settings)
            hashes = password_hashes(settings)
            assert hashes
            for table, body in (("people", USERS_CSV), ("transactions", TX_CSV)):
                id_column = "tx_id" if table == "transactions" else "user_id"
                up = client.post(
                    f"/api/v1/segments/upload?format=csv&table={table}&id_column={id_column}",
                    content=body,
                )
                assert up.status_code == 200, up.text
            crop = _spec("people", {"field": "occupation", "value": "crop"})
            for target in TARGETS:
                applied = client.post("/api/v1/segments/apply", json={"spec": crop, "into": target})
                assert applied.status_code == 200, applied.text
                assert applied.json()["tables"] == [target, f"{target}_catalog"]
                tiers = client.post(
                    "/api/v1/segments/tiers",
                    json={"transactions": "transactions", "users": "people", "into": target},
                )
                assert tiers.status_code == 200, tiers.text
                assert sum(tiers.json()["tiers"].values()) == 60
                up = client.post(
                    f"/api/v1/segments/upload?format=csv&table={target}", content=USERS_CSV
                )
                assert up.status_code == 200, up.text
                assert up.json()["table"] == target
            for url, body in (
                ("/api/v1/segments/apply", {"spec": crop, "into": "people"}),
                (
                    "/api/v1/segments/tiers",
                    {"transactions": "transactions", "users": "people", "into": "transactions"},
                ),
            ):
                conflict = client.post(url, json=body)
                assert conflict.status_code == 422, conflict.text
                assert conflict.json()["error"]["code"] == "table_conflict"
            # the imported "users" table is a user table: no password hash in sight
            seen = client.post(
                "/api/v1/segments/preview",
                json={"spec": _spec("users", {"field": "password_hash", "op": "is not null"})},
            )
            assert seen.status_code == 200, seen.text
            for digest in hashes:
                assert digest not in seen.text
            for missing in ("web_sessions", "login_attempts", "approvals", "outbox"):
                gone = client.post(
                    "/api/v1/segments/preview",
                    json={"spec": _spec(missing, {"field": "id", "op": "is not null"})},
                )
                assert gone.status_code == 422 and gone.json()["error"]["code"] == "unknown_table"
                assert f"'{missing}'" in gone.json()["error"]["message"]
                described = client.get(f"/api/v1/segments/tables/{missing}")
                assert described.status_code == 422
                assert described.json()["error"]["code"] == "unknown_table"
            via_tiers = client.post(
                "/api/v1/segments/preview",
                json={
                    "spec": _spec(
                        "events",
                        {"field": "user_id", "op": "is not null"},
                        value_tiers={"table": "web_sessions"},
                    )
                },
            )
            assert via_tiers.status_code == 422
            assert via_tiers.json()["error"]["code"] == "unknown_table"
            # still authenticated: api_tokens was not dropped
            assert client.get("/api/v1/segments/tables/users").json()["rows"] == 60
            after = store_counts(settings)
            assert after["api_tokens"] == before["api_tokens"]
            assert after["users"] == before["users"]
            assert after["audit_log"] >= before["audit_log"]
            assert password_hashes(settings) == hashes
        assert event_counts(settings) == before_events
        tables = engine_tables(settings)
        made = {t for t in tables if is_user_table(t)}
        assert {f"{PREFIX}{t}" for t in TARGETS} <= made
        assert {f"{PREFIX}{t}_catalog" for t in TARGETS} <= made
        if name == "postgresql":  # the shared schema: app tables all there, nothing else new
            assert APP_TABLES - {"signups", "actions", "costs"} <= tables
            assert tables - made <= APP_TABLES


BAD_NAMES = [
    "",
    "1users",
    "users;drop table audit_log",
    'events"--',
    "main.events",
    "public.audit_log",
    "../events",
    "audit log",
    "用户",
    "a" * 49,
]


@pytest.mark.parametrize("name", LAYOUTS)
def test_malformed_table_names_are_refused(name: str, tmp_path: Path) -> None:
    with layout(name, tmp_path) as site, serve(site.settings, role="operator") as client:
        site.settings.resolved_import_dir.mkdir(parents=True)
        (site.settings.resolved_import_dir / "u.csv").write_text(USERS_CSV, "utf-8")
        spec = _spec("users", {"field": "occupation", "value": "crop"})
        for bad in BAD_NAMES:
            responses = [
                client.post("/api/v1/segments/upload", params={"table": bad}, content=USERS_CSV),
                client.post("/api/v1/segments/import", json={"source": "u.csv", "table": bad}),
                client.post("/api/v1/segments/apply", json={"spec": spec, "into": bad}),
                client.post("/api/v1/segments/tiers", json={"transactions": bad}),
                client.post("/api/v1/segments/tiers", json={"transactions": "t", "into": bad}),
                client.post("/api/v1/segments/preview", json={"spec": {**spec, "users": bad}}),
                client.post(
                    "/api/v1/segments/export",
                    json={"spec": {**spec, "value_tiers": {"table": bad}}},
                ),
            ]
            for response in responses:
                if bad == "" and "preview" in str(response.url):
                    # an empty users name is a malformed segment file
                    assert response.json()["error"]["code"] == "bad_segment_file"
                    continue
                assert response.status_code == 422, (bad, response.url, response.text)
                error = response.json()["error"]
                assert error["code"] in ("bad_table_name", "bad_segment_file"), error
                if error["code"] == "bad_table_name":
                    assert "名称" in error["message"] and "不合法" in error["message"]
        described = client.get("/api/v1/segments/tables/a%2Eb")
        assert described.status_code == 422
        assert described.json()["error"]["code"] == "bad_table_name"


def test_table_name_errors_in_english(tmp_path: Path) -> None:
    with (
        layout("sqlite", tmp_path, lang="en") as site,
        serve(site.settings, role="operator") as client,
    ):
        bad = client.post("/api/v1/segments/upload?table=main.events", content=USERS_CSV)
        assert bad.status_code == 422
        assert bad.json()["error"]["message"].startswith(
            "table name 'main.events' is not allowed: use 1-48 ASCII letters"
        )
