"""``huashu brand load|list``: brand packs in the store (what the chat page plans briefs for).
The commands join ``brand validate`` on the ``brand`` group defined in :mod:`huashu.cli.app`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from huashu.cli.app import brand_app
from huashu.cli.common import DataDir, command_store, fail, settings_for
from huashu.domain import InputError, NotFound


@brand_app.command("load")
def load_cmd(
    file: Annotated[Path, typer.Argument(help="Brand-pack YAML, e.g. examples/rural_bank.yaml.")],
    data_dir: DataDir = None,
) -> None:
    """Validate a brand pack and save (or replace) it in the store; safe beside a running
    server."""
    from huashu.services.brands import load_brand_text
    from huashu.store import open_store

    settings = settings_for(data_dir)
    console = Console()
    try:
        if not file.is_file():
            raise NotFound(
                f"brand pack {file} does not exist",
                message_zh=f"品牌包文件 {file} 不存在",
                code="brand_pack_not_found",
            )
        # the operational store only: a running server keeps the DuckDB event store open
        store = open_store(settings.resolved_database_url)
        try:
            store.upgrade()
            brand = load_brand_text(store, file.read_text(encoding="utf-8"), "cli")
        finally:
            store.close()
    except InputError as err:
        raise fail(console, err, settings.lang) from err
    console.print(f"品牌 {escape(brand.name)}（{brand.id}）已导入")


@brand_app.command("list")
def list_cmd(data_dir: DataDir = None) -> None:
    """Brands in the store."""
    from huashu.services.brands import list_brands

    console = Console()
    with command_store(data_dir, console) as store:
        rows = list_brands(store)
    for row in rows:
        console.print(f"{row['id']}\t{escape(row['name'])}\t{row['industry']}")
