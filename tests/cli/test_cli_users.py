"""``huashu users``: accounts, passwords from stdin, tokens shown once and revoked at once."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from huashu.cli import app
from huashu.config import Settings
from huashu.store import credentials, open_store


def test_add_token_list_revoke(tmp_path: Path) -> None:
    runner = CliRunner()
    dd = ["--data-dir", str(tmp_path)]
    added = runner.invoke(
        app,
        ["users", "add", "root", "--role", "admin", "--password-stdin", *dd],
        input="long-enough-pw\n",
    )
    assert added.exit_code == 0, added.output
    weak = runner.invoke(app, ["users", "passwd", "root", *dd], input="short\n")
    assert weak.exit_code == 2 and "密码至少" in weak.output
    bad_role = runner.invoke(app, ["users", "add", "x", "--role", "boss", *dd])
    assert bad_role.exit_code == 2 and "未知角色" in bad_role.output
    minted = runner.invoke(app, ["users", "token", "root", "--name", "ci", *dd])
    assert minted.exit_code == 0, minted.output
    token = minted.stdout.strip().splitlines()[-1]
    assert token.startswith("hs_")
    listed = runner.invoke(app, ["users", "list", *dd])
    assert "root" in listed.output and "admin" in listed.output
    store = open_store(Settings(data_dir=tmp_path).resolved_database_url)
    try:
        with store.session() as s:
            found = credentials.user_for_token(s, token)
            assert found is not None and found[0].username == "root"
            assert credentials.check_password(s, "root", "long-enough-pw") is not None
            [info] = credentials.list_tokens(s, "root")
        for stored in tmp_path.glob("huashu.db*"):  # the database and its WAL
            assert token not in stored.read_bytes().decode("latin-1")
        revoked = runner.invoke(app, ["users", "revoke", info.id, *dd])
        assert revoked.exit_code == 0, revoked.output
        with store.session() as s:
            assert credentials.user_for_token(s, token) is None
    finally:
        store.close()


def test_passwd_and_disable_end_tokens(tmp_path: Path) -> None:
    runner = CliRunner()
    dd = ["--data-dir", str(tmp_path)]
    add = ["users", "add", "ops", "--role", "operator", "--password-stdin", *dd]
    assert runner.invoke(app, add, input="long-enough-pw\n").exit_code == 0
    store = open_store(Settings(data_dir=tmp_path).resolved_database_url)

    def mint() -> str:
        minted = runner.invoke(app, ["users", "token", "ops", "--name", "ci", *dd])
        assert minted.exit_code == 0, minted.output
        return minted.stdout.strip().splitlines()[-1]

    def live(token: str) -> bool:
        with store.session() as s:
            return credentials.user_for_token(s, token) is not None

    try:
        first = mint()
        changed = runner.invoke(app, ["users", "passwd", "ops", *dd], input="another-long-pw\n")
        assert changed.exit_code == 0 and "已全部失效" in changed.output
        assert not live(first)
        second = mint()
        disabled = runner.invoke(app, ["users", "disable", "ops", *dd])
        assert disabled.exit_code == 0 and "已停用 ops" in disabled.output
        assert not live(second)
        assert runner.invoke(app, ["users", "enable", "ops", *dd]).exit_code == 0
        assert not live(second)  # reactivating brings no token back
        assert live(mint())
    finally:
        store.close()


def test_add_again_updates_and_errors_keep_their_wording(tmp_path: Path) -> None:
    """The commands run on the account and audit services; ``users add`` of a taken name
    changes its role (no duplicate error), and a missing user reads the same in zh and en."""
    runner = CliRunner()
    dd = ["--data-dir", str(tmp_path)]
    assert runner.invoke(app, ["users", "add", "ops", "--role", "operator", *dd]).exit_code == 0
    again = runner.invoke(app, ["users", "add", "ops", "--role", "reviewer", *dd])
    assert again.exit_code == 0 and "用户 ops（reviewer）已保存" in again.output
    missing = runner.invoke(app, ["users", "disable", "nobody", *dd])
    assert missing.exit_code == 2 and "用户 nobody 不存在" in missing.output
    en = runner.invoke(
        app, ["users", "passwd", "nobody", *dd], input="long-enough-pw\n", env={"HUASHU_LANG": "en"}
    )
    assert en.exit_code == 2 and "user 'nobody' not found" in en.output
    logged = runner.invoke(app, ["audit", "log", "--limit", "5000", "--object", "ops", *dd])
    assert logged.exit_code == 0
    assert [json.loads(line)["detail"] for line in logged.output.splitlines()] == [
        {"role": "reviewer"},
        {"role": "operator"},
    ]
