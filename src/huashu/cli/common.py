"""Pieces every ``huashu`` command shares: the data-dir option, settings, error output."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from huashu.config import Settings
from huashu.domain import InputError

DataDir = Annotated[
    Path | None,
    typer.Option(
        "--data-dir", help="Data directory (default ./.huashu).", envvar="HUASHU_DATA_DIR"
    ),
]


def settings_for(data_dir: Path | None) -> Settings:
    return Settings(data_dir=data_dir) if data_dir is not None else Settings()


def fail(console: Console, err: InputError, lang: str) -> typer.Exit:
    """Print ``err`` for an operator (zh by default) and return the exit to raise (code 2)."""
    console.print(
        f"[bold red]错误[/]: {err.localized(lang)}"
        if lang == "zh"
        else f"[bold red]error[/]: {err}"
    )
    return typer.Exit(code=2)
