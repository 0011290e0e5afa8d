"""Pieces every ``huashu`` command shares: the data-dir option, settings, error output.

Like every module of :mod:`huashu.cli`, this one imports at module level only what
``huashu --help`` needs (typer, rich, :mod:`huashu.domain`, :mod:`huashu.constants`); a command
imports the rest (settings, the store, the event engine, pandas) inside its function
(tests/cli/test_startup.py keeps it so)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from huashu.domain import InputError

if TYPE_CHECKING:
    from huashu.config import Settings
    from huashu.store import Store

DataDir = Annotated[
    Path | None,
    typer.Option(
        "--data-dir", help="Data directory (default ./.huashu).", envvar="HUASHU_DATA_DIR"
    ),
]


def settings_for(data_dir: Path | None) -> Settings:
    from huashu.config import Settings

    return Settings(data_dir=data_dir) if data_dir is not None else Settings()


def fail(console: Console, err: InputError, lang: str) -> typer.Exit:
    """Print ``err`` for an operator (zh by default) and return the exit to raise (code 2)."""
    console.print(
        f"[bold red]错误[/]: {err.localized(lang)}"
        if lang == "zh"
        else f"[bold red]error[/]: {err}"
    )
    return typer.Exit(code=2)


@contextmanager
def command_store(data_dir: Path | None, console: Console | None = None) -> Iterator[Store]:
    """The configured store, migrated, for a command's calls to :mod:`huashu.services` (each
    runs its own transaction); an :class:`InputError` inside the block is printed for the
    operator and exits 2, and the store is closed either way. Infrastructure, not an operator
    action: the CLI's counterpart of the store the web app opens once at start-up."""
    from huashu.store import open_store

    settings = settings_for(data_dir)
    store = open_store(settings.resolved_database_url)
    try:
        store.upgrade()
        yield store
    except InputError as err:
        raise fail(console or Console(), err, settings.lang) from err
    finally:
        store.close()
