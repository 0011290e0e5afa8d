"""Finding V1: ``POST /api/v1/segments/import`` read any server path or URL (``/etc/passwd``,
the operational SQLite file through ``sqlite:///``, any host:port through ``postgres://``, a
Spark JVM through ``pyspark://``) and echoed cell values in its errors. Each attack is played
through the API of a live server (embedded and shared-PostgreSQL layouts) and is now refused
with a 422 that says what to do; the legitimate flows (a file in the import directory, an
upload, an administrator's named connection) still work."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from tests.security.data_layouts import CRM_ROWS, LAYOUTS, SECRET, layout
from tests.web.server import serve

from huashu.config import Settings


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A loopback port that records whether the server tried to connect to it."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(4)
    sock.setblocking(False)
    yield sock
    sock.close()


def _connected(sock: socket.socket) -> bool:
    try:
        conn, _ = sock.accept()
    except BlockingIOError:
        return False
    conn.close()
    return True


def _refused(response: Any, code: str) -> dict[str, Any]:
    assert response.status_code == 422, response.text
    error: dict[str, Any] = response.json()["error"]
    assert error["code"] == code, error
    return error


@pytest.mark.parametrize("name", LAYOUTS)
def test_import_reads_only_the_import_directory(
    name: str, tmp_path: Path, listener: socket.socket
) -> None:
    with layout(name, tmp_path) as site:
        settings = site.settings
        imports = settings.resolved_import_dir
        imports.mkdir(parents=True)
        (imports / "users.csv").write_text("user_id,occupation\n1,crop\n2,smb\n", "utf-8")
        (imports / "crm").mkdir()
        (imports / "crm" / "june.csv").write_text("user_id,occupation\n3,crop\n", "utf-8")
        (imports / "passwd.csv").symlink_to("/etc/passwd")
        (tmp_path / "outside.csv").write_text("user_id\n1\n", "utf-8")
        port = listener.getsockname()[1]
        db_file = settings.data_dir / "huashu.db"
        with serve(settings, role="operator") as client:

            def post(body: dict[str, Any]) -> Any:
                return client.post("/api/v1/segments/import", json=body)

            passwd = _refused(
                post({"source": "/etc/passwd", "id_column": "root"}), "source_outside_import_dir"
            )
            assert "导入目录" in passwd["message"] and "HUASHU_IMPORT_DIR" in passwd["message"]
            for source in (
                str(tmp_path / "outside.csv"),
                "../outside.csv",
                "../../crm.sqlite",
                "crm/../../outside.csv",
                "..\\outside.csv",
                "C:\\Windows\\win.ini",
                "~/.ssh/id_rsa",
                "passwd.csv",  # a symlink out of the import directory
                ".uploads/x/upload.csv",
                "*.csv",
                "",
            ):
                _refused(post({"source": source}), "source_outside_import_dir")
            for source, table in (
                (f"sqlite:///{db_file}", "users"),
                (f"postgres://postgres@127.0.0.1:{port}/huashu", "audit_log"),
                (f"postgresql://127.0.0.1:{port}/x", "x"),
                (f"mysql://root@127.0.0.1:{port}/x", "x"),
                (f"duckdb://{settings.data_dir}/events.duckdb", "events"),
                ("pyspark://", "users"),
            ):
                started = time.monotonic()
                error = _refused(
                    post({"source": source, "source_table": table}), "url_source_refused"
                )
                assert "data_connections" in error["message"]
                assert time.monotonic() - started < 2  # no JVM, no connection attempt
            for connection in (f"postgres://127.0.0.1:{port}/x", "pyspark://", "../crm", "nope"):
                error = _refused(
                    post({"connection": connection, "source_table": "customers"}),
                    "unknown_connection",
                )
                assert error["details"]["connections"] == ["crm"]
            assert not _connected(listener)
            _refused(post({}), "bad_source_choice")
            _refused(post({"source": "users.csv", "connection": "crm"}), "bad_source_choice")
            _refused(post({"connection": "crm"}), "missing_source_table")
            for table in ("customers; drop table users", "x.y", "1x", "a" * 64):
                _refused(post({"connection": "crm", "source_table": table}), "bad_table_name")

            ok = post({"source": "users.csv"})
            assert ok.status_code == 200, ok.text
            assert ok.json()["rows"] == 2 and ok.json()["table"] == "users"
            nested = post({"source": "crm/june.csv", "table": "june"})
            assert nested.status_code == 200 and nested.json()["rows"] == 1
            crm = post({"connection": "crm", "source_table": "customers", "table": "crm"})
            assert crm.status_code == 200, crm.text
            assert crm.json()["rows"] == CRM_ROWS
            assert crm.json()["source"] == "crm#customers"  # the URL is never shown
            missing = _refused(
                post({"connection": "crm", "source_table": "audit_log"}), "unreadable_source"
            )
            assert missing["message"].startswith("无法从 crm 读取表 'audit_log'")
            gone = post({"source": "nope.csv"})
            assert gone.status_code == 422 and gone.json()["error"]["code"] == "file_not_found"


@pytest.mark.parametrize("name", LAYOUTS)
def test_uploads_are_staged_in_the_import_directory_and_removed(name: str, tmp_path: Path) -> None:
    with layout(name, tmp_path) as site, serve(site.settings, role="operator") as client:
        body = b"user_id,age\n1,30\n2,31\n"
        uploaded = client.post("/api/v1/segments/upload?format=csv&table=people", content=body)
        assert uploaded.status_code == 200, uploaded.text
        assert uploaded.json()["table"] == "people"
        uploads = site.settings.resolved_import_dir / ".uploads"
        assert uploads.is_dir() and not any(uploads.iterdir())


@pytest.mark.parametrize("name", LAYOUTS)
def test_errors_never_echo_cell_values(name: str, tmp_path: Path) -> None:
    with layout(name, tmp_path) as site, serve(site.settings, role="operator") as client:
        cases = [
            (f"user_id,age\n{SECRET},30\n{SECRET},31\n", {}, "duplicate_id"),
            (f"user_id,age\n1,30\n2,{SECRET}\n", {"types": {"age": "int64"}}, "wrong_type"),
            (f"user_id,age\n1,30\n2,{SECRET},x\n", {}, "malformed_file"),
        ]
        imports = site.settings.resolved_import_dir
        imports.mkdir(parents=True, exist_ok=True)
        for i, (text, options, code) in enumerate(cases):
            (imports / f"bad{i}.csv").write_text(text, "utf-8")
            for response in (
                client.post("/api/v1/segments/import", json={"source": f"bad{i}.csv", **options}),
                client.post("/api/v1/segments/upload?format=csv", content=text.encode()),
            ):
                if options and "upload" in str(response.url):
                    continue  # the upload takes no declared types
                assert response.status_code == 422, response.text
                assert response.json()["error"]["code"] == code
                assert SECRET not in response.text
                assert "第 2" in response.json()["error"]["message"] or code == "malformed_file"
        # a connection's table with a column of secrets, imported with a wrong declared type
        typed = client.post(
            "/api/v1/segments/import",
            json={"connection": "crm", "source_table": "customers", "types": {"note": "int64"}},
        )
        assert typed.status_code == 422 and typed.json()["error"]["code"] == "wrong_type"
        assert SECRET not in typed.text


def test_messages_in_english_with_lang_en(tmp_path: Path) -> None:
    with (
        layout("sqlite", tmp_path, lang="en") as site,
        serve(site.settings, role="operator") as client,
    ):
        error = _refused(
            client.post("/api/v1/segments/import", json={"source": "/etc/passwd"}),
            "source_outside_import_dir",
        )
        assert error["message"].startswith("source '/etc/passwd': absolute paths are not accepted")
        url = _refused(
            client.post(
                "/api/v1/segments/import",
                json={"source": "sqlite:///x.db", "source_table": "users"},
            ),
            "url_source_refused",
        )
        assert url["message"].startswith("database sources are named connections")


@pytest.mark.parametrize(
    ("connections", "message"),
    [
        ({"spark": "pyspark://"}, "pyspark is not a data source"),
        ({"spark": "PySpark+x://local"}, "pyspark is not a data source"),
        ({"crm": "/var/lib/crm.db"}, "is not a URL"),
        ({"../x": "sqlite:///x.db"}, "data connection name"),
    ],
)
def test_bad_data_connections_are_refused_at_start(
    connections: dict[str, str], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        Settings(data_connections=connections)  # type: ignore[arg-type]


def test_data_connections_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUASHU_DATA_CONNECTIONS", '{"crm": "postgres://u:pw@db/crm"}')
    settings = Settings()
    assert settings.data_connections["crm"].get_secret_value() == "postgres://u:pw@db/crm"
    assert "pw" not in repr(settings)
