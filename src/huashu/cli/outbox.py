"""``huashu outbox`` (send, list and revive channel-task messages) and ``huashu targets``
(the webhooks and export directories they go to)."""

from __future__ import annotations

import json
import signal
import threading
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from huashu.cli.common import DataDir, command_store, fail, settings_for
from huashu.domain import InputError

if TYPE_CHECKING:
    from huashu.store import Store
    from huashu.workflow.netguard import AddressGuard

outbox_app = typer.Typer(help="The outbox of channel-task messages.", no_args_is_help=True)
targets_app = typer.Typer(
    help="Delivery targets: webhooks and export directories.", no_args_is_help=True
)

AsJson = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]


def _open(data_dir: Path | None) -> tuple[Store, Path, str]:
    from huashu.store import open_store

    settings = settings_for(data_dir)
    store = open_store(settings.resolved_database_url)
    store.upgrade()
    return store, settings.data_dir, settings.lang


def _guard(data_dir: Path | None) -> AddressGuard:
    """Which non-public webhook addresses the settings allow (webhook_allow_networks)."""
    from huashu.workflow.netguard import AddressGuard

    return AddressGuard.from_settings(settings_for(data_dir))


@outbox_app.command("deliver")
def deliver_cmd(
    loop: Annotated[bool, typer.Option("--loop", help="Keep delivering until stopped.")] = False,
    interval: Annotated[
        float, typer.Option("--interval", min=0.01, help="Seconds between passes (--loop).")
    ] = 1.0,
    limit: Annotated[int, typer.Option(min=1, help="Most messages per pass.")] = 100,
    base_delay: Annotated[
        float, typer.Option("--base-delay", help="First retry delay (s), doubled per attempt.")
    ] = 2.0,
    max_delay: Annotated[float, typer.Option("--max-delay", help="Longest retry delay (s).")] = 600,
    max_attempts: Annotated[int, typer.Option("--max-attempts", help="Attempts before dead.")] = 12,
    timeout: Annotated[float, typer.Option(help="HTTP timeout per webhook call (s).")] = 5.0,
    lease: Annotated[
        float, typer.Option(help="Seconds a claimed message is reserved for this worker.")
    ] = 120.0,
    data_dir: DataDir = None,
) -> None:
    """Send due messages once (or, with --loop, every --interval seconds until SIGTERM/Ctrl-C)."""
    from huashu.workflow.delivery import RetryPolicy, deliver_due

    store, root, lang = _open(data_dir)
    console = Console()
    stop = threading.Event()

    def _stop(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    try:
        policy = RetryPolicy(
            base_seconds=base_delay,
            cap_seconds=max_delay,
            max_attempts=max_attempts,
            timeout_seconds=timeout,
            lease_seconds=lease,
        )
        if loop:
            signal.signal(signal.SIGTERM, _stop)
        while True:
            report = deliver_due(
                store, limit=limit, policy=policy, data_dir=root, guard=_guard(data_dir)
            )
            if report.claimed or not loop:
                typer.echo(
                    json.dumps({k: v for k, v in report.as_dict().items() if k != "outcomes"})
                )
            if not loop or stop.wait(interval):
                break
    except InputError as err:
        raise fail(console, err, lang) from err
    except KeyboardInterrupt:
        pass
    finally:
        store.close()


@outbox_app.command("list")
def list_cmd(
    status: Annotated[str | None, typer.Option(help="pending, delivered or dead.")] = None,
    target: Annotated[str | None, typer.Option(help="Only this target id.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="How many messages to list.")] = 50,
    as_json: AsJson = False,
    data_dir: DataDir = None,
) -> None:
    """Messages, newest first."""
    from huashu.services import targets

    console = Console()
    with command_store(data_dir, console) as store:
        rows = targets.list_outbox(
            store, status=status, target_id=target, limit=limit, full_errors=True
        )
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False))
        return
    table = Table(title=f"发件箱（{len(rows)} 条）")
    for column in ("id", "key", "target", "status", "attempts", "next attempt", "last error"):
        table.add_column(column, overflow="fold")
    for r in rows:
        table.add_row(
            str(r["id"]),
            r["idempotency_key"],
            r["target_id"],
            r["status"],
            str(r["attempts"]),
            r["next_attempt_at"] if r["status"] == "pending" else "",
            r["last_error"][:80],
        )
    console.print(table)


@outbox_app.command("retry")
def retry_cmd(
    message_id: Annotated[int, typer.Argument(help="Outbox message id (see outbox list).")],
    data_dir: DataDir = None,
) -> None:
    """Revive a dead message (same idempotency key, attempts from zero)."""
    from huashu.services import targets

    console = Console()
    with command_store(data_dir, console) as store:
        targets.retry_message(store, message_id, actor="cli")
    console.print(f"消息 {message_id} 已重新排队")


@targets_app.command("add")
def targets_add_cmd(
    name: Annotated[str, typer.Option(help="A name for people.")],
    kind: Annotated[str, typer.Option(help="webhook or file.")],
    address: Annotated[
        str, typer.Option(help="Webhook URL, or export directory (absolute or in the data dir).")
    ],
    channel: Annotated[
        list[str] | None, typer.Option(help="A channel it takes (repeatable; default all).")
    ] = None,
    brand: Annotated[str | None, typer.Option(help="Only this brand (default all).")] = None,
    secret_stdin: Annotated[
        bool, typer.Option("--secret-stdin", help="Read the webhook secret from stdin.")
    ] = False,
    data_dir: DataDir = None,
) -> None:
    """Add a target; a webhook's secret is printed once (generated unless --secret-stdin)."""
    import sys

    from huashu.services import targets

    console = Console()
    with command_store(data_dir, console) as store:
        secret = sys.stdin.readline().rstrip("\r\n") if secret_stdin else None
        saved = targets.create_target(
            store,
            name=name,
            kind=kind,
            address=address,
            channels=channel or [],
            brand_id=brand,
            secret=secret,
            actor="cli",
            guard=_guard(data_dir),
        )
    console.print(f"投放目标 {saved.target['id']}（{saved.target['kind']}）已添加")
    if saved.secret is not None and secret is None:
        console.print("签名密钥（仅显示这一次，请妥善保存）：")
        typer.echo(saved.secret)


@targets_app.command("list")
def targets_list_cmd(as_json: AsJson = False, data_dir: DataDir = None) -> None:
    """Targets (secrets shown only as a fingerprint)."""
    from huashu.services import targets

    with command_store(data_dir) as store:
        rows = targets.list_targets(store)
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False))
        return
    table = Table(title=f"投放目标（{len(rows)} 个）")
    for column in ("id", "name", "kind", "address", "channels", "brand", "active", "secret"):
        table.add_column(column, overflow="fold")
    for r in rows:
        table.add_row(
            r["id"],
            r["name"],
            r["kind"],
            r["address"],
            ",".join(r["channels"]) or "*",
            r["brand_id"] or "*",
            "yes" if r["active"] else "no",
            r["secret_fingerprint"],
        )
    Console().print(table)


def _set_active(
    target_id: str,
    active: bool,
    data_dir: Path | None,
) -> None:
    from huashu.services import targets
    from huashu.workflow.netguard import AddressGuard

    console = Console()
    with command_store(data_dir, console) as store:
        targets.update_target(
            store,
            target_id,
            actor="cli",
            name=None,
            address=None,
            channels=None,
            active=active,
            rotate_secret=False,
            secret=None,
            guard=AddressGuard(),  # no address changes: the guard checks nothing here
        )
    console.print(f"投放目标 {target_id} 已{'启用' if active else '停用'}")


@targets_app.command("disable")
def targets_disable_cmd(
    target_id: Annotated[str, typer.Argument(help="Target id (see targets list).")],
    data_dir: DataDir = None,
) -> None:
    """Stop sending to a target; its pending messages wait until it is enabled again."""
    _set_active(target_id, False, data_dir)


@targets_app.command("enable")
def targets_enable_cmd(
    target_id: Annotated[str, typer.Argument(help="Target id (see targets list).")],
    data_dir: DataDir = None,
) -> None:
    """Start sending to a target again (its waiting messages go out)."""
    _set_active(target_id, True, data_dir)
