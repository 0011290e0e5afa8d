"""``huashu events``: import outcome events (impressions, clicks, conversions) from a file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from huashu.cli.common import DataDir, fail, settings_for
from huashu.domain import InputError, NotFound

if TYPE_CHECKING:
    import pandas as pd

events_app = typer.Typer(help="Outcome events: import from files.", no_args_is_help=True)
REQUIRED = ("event_id", "decision_id", "kind")


def _read(path: Path) -> pd.DataFrame:
    import pandas as pd

    if not path.is_file():
        raise NotFound(
            f"file not found: {path}", message_zh=f"找不到文件：{path}", code="file_not_found"
        )
    try:
        frame = pd.read_parquet(path) if path.suffix == ".parquet" else pd.read_csv(path, dtype=str)
    except (ValueError, OSError, pd.errors.ParserError) as err:
        raise InputError(
            f"cannot read {path}: {err}", message_zh=f"无法读取 {path}：{err}", code="bad_file"
        ) from err
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise InputError(
            f"{path} is missing column(s): {', '.join(missing)}",
            message_zh=f"{path} 缺少列：{'、'.join(missing)}",
            code="bad_file",
            details={"columns": missing},
        )
    return frame


@events_app.command("import")
def import_events(
    path: Annotated[
        Path,
        typer.Argument(
            help="CSV or Parquet with event_id, decision_id, kind and optional ts, value."
        ),
    ],
    rejected_out: Annotated[
        Path | None, typer.Option("--rejected", help="Write rejected rows and reasons to CSV.")
    ] = None,
    data_dir: DataDir = None,
) -> None:
    """Import events linked to logged decisions; idempotent on event_id."""
    import pandas as pd

    from huashu.runtime import Runtime
    from huashu.services.delivery import ingest_events

    settings = settings_for(data_dir)
    console = Console()
    try:
        frame = _read(path)
        rows = frame.where(frame.notna(), None).to_dict(orient="records")
        inserted = duplicates = 0
        rejected: list[dict[str, str]] = []
        with Runtime.open(settings) as rt:
            for start in range(0, len(rows), 10_000):
                result = ingest_events(rt, rows[start : start + 10_000])
                inserted += result.inserted
                duplicates += result.duplicates
                rejected += result.rejected
    except InputError as err:
        raise fail(console, err, settings.lang) from err
    if rejected_out is not None:
        from huashu.csvsafe import safe_cell

        out = pd.DataFrame(rejected, columns=["event_id", "reason"]).fillna("").astype(str)
        out.map(safe_cell).to_csv(rejected_out, index=False)
    console.print(
        f"导入 {inserted} 条，重复 {duplicates} 条，拒绝 {len(rejected)} 条"
        if settings.lang == "zh"
        else f"inserted {inserted}, duplicates {duplicates}, rejected {len(rejected)}"
    )
