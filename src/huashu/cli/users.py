"""``huashu users`` (accounts, passwords, API tokens) and ``huashu audit`` (log and verify)."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from huashu.cli.common import DataDir, command_store

users_app = typer.Typer(help="Users, roles, passwords and API tokens.", no_args_is_help=True)
audit_app = typer.Typer(help="The hash-chained audit log.", no_args_is_help=True)

PasswordStdin = Annotated[
    bool,
    typer.Option("--password-stdin", help="Read the password from the first line of stdin."),
]


def _read_password() -> str:
    return sys.stdin.readline().rstrip("\r\n")


@users_app.command("add")
def add_cmd(
    username: Annotated[str, typer.Argument(help="Login name.")],
    role: Annotated[str, typer.Option("--role", help="operator, reviewer, analyst or admin.")],
    display_name: Annotated[str, typer.Option("--name", help="Display name.")] = "",
    password_stdin: PasswordStdin = False,
    data_dir: DataDir = None,
) -> None:
    """Create a user (or change an existing one's role); optionally set a password."""
    from huashu.services import accounts

    console = Console()
    with command_store(data_dir, console) as store:
        password = _read_password() if password_stdin else None
        accounts.create_user(
            store,
            username,
            role,
            display_name=display_name,
            password=password,
            actor="cli",
            existing_ok=True,
        )
    console.print(f"用户 {username}（{role}）已保存")


@users_app.command("passwd")
def passwd_cmd(
    username: Annotated[str, typer.Argument(help="Login name.")], data_dir: DataDir = None
) -> None:
    """Set a user's password, read from the first line of stdin; the user's web sessions and
    API tokens end (log in again, mint new tokens)."""
    from huashu.services import accounts

    console = Console()
    with command_store(data_dir, console) as store:
        accounts.set_password(store, username, _read_password(), actor="cli")
    console.print(f"已更新 {username} 的密码；其登录会话与 API 令牌已全部失效")


@users_app.command("disable")
def disable_cmd(
    username: Annotated[str, typer.Argument(help="Login name.")], data_dir: DataDir = None
) -> None:
    """Deactivate a user: logins are refused and every session and token ends for good."""
    from huashu.services import accounts

    console = Console()
    with command_store(data_dir, console) as store:
        accounts.set_active(store, username, False, actor="cli")
    console.print(f"已停用 {username}；其登录会话与 API 令牌已全部失效")


@users_app.command("enable")
def enable_cmd(
    username: Annotated[str, typer.Argument(help="Login name.")], data_dir: DataDir = None
) -> None:
    """Reactivate a user (earlier sessions and tokens stay ended)."""
    from huashu.services import accounts

    console = Console()
    with command_store(data_dir, console) as store:
        accounts.set_active(store, username, True, actor="cli")
    console.print(f"已启用 {username}")


@users_app.command("token")
def token_cmd(
    username: Annotated[str, typer.Argument(help="The user the token acts as.")],
    name: Annotated[str, typer.Option("--name", help="What uses the token.")],
    data_dir: DataDir = None,
) -> None:
    """Mint an API token; it is printed once (only its hash is stored)."""
    from huashu.services import accounts

    console = Console(stderr=True)
    with command_store(data_dir, console) as store:
        minted = accounts.create_token(store, username, name, actor="cli")
    console.print(f"令牌 {minted.id} 已创建；它只显示这一次，请妥善保存：")
    typer.echo(minted.token)


@users_app.command("revoke")
def revoke_cmd(
    token_id: Annotated[str, typer.Argument(help="Token id (tok-...), see users list.")],
    data_dir: DataDir = None,
) -> None:
    """Revoke an API token at once."""
    from huashu.services import accounts

    console = Console()
    with command_store(data_dir, console) as store:
        accounts.revoke_token(store, token_id, actor="cli", any_owner=True)
    console.print(f"令牌 {token_id} 已吊销")


@users_app.command("list")
def list_cmd(data_dir: DataDir = None) -> None:
    """Users with role, state, whether a password is set, and live tokens."""
    from huashu.services import accounts

    with command_store(data_dir) as store:
        users = accounts.list_users(store)
        tokens = accounts.list_tokens(store, None)
    table = Table("用户", "角色", "启用", "密码", "有效令牌")
    for u in users:
        live = sum(t.username == u.username and t.revoked_at is None for t in tokens)
        table.add_row(
            u.username,
            u.role,
            "是" if u.active else "否",
            "有" if u.has_password else "无",
            str(live),
        )
    Console().print(table)


@audit_app.command("verify")
def verify_cmd(
    expect_head: Annotated[
        str | None,
        typer.Option("--expect-head", help="The head hash an earlier verify printed."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    data_dir: DataDir = None,
) -> None:
    """Re-derive the hash chain; name every edited, deleted or reordered entry (exit 1 if any)."""
    from huashu.services import audit

    with command_store(data_dir) as store:
        result = audit.verify_audit(store, expect_head)
    if as_json:
        typer.echo(json.dumps(result.as_dict(), ensure_ascii=False))
    else:
        console = Console()
        for problem in result.problems:
            console.print(f"[bold red]{problem.kind}[/] {problem.message}")
        state = "完好" if result.ok else f"发现 {len(result.problems)} 处问题"
        console.print(f"审计日志 {result.entries} 条，{state}；链头 {result.head}")
    if not result.ok:
        raise typer.Exit(code=1)


@audit_app.command("log")
def log_cmd(
    limit: Annotated[int, typer.Option("--limit", min=1, help="How many entries.")] = 50,
    object_id: Annotated[
        str | None, typer.Option("--object", help="Only entries about this object id.")
    ] = None,
    data_dir: DataDir = None,
) -> None:
    """The newest entries, one JSON object per line."""
    from huashu.services import audit

    with command_store(data_dir) as store:
        entries = audit.latest_entries(store, object_id=object_id, limit=limit)
    for entry in entries:
        typer.echo(json.dumps(entry, ensure_ascii=False))
