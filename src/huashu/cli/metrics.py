"""``huashu metrics``: import signups, funnel actions and costs; growth metrics, unit
economics, attribution and charts from the event store (the numbers the API and dashboard show)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer
from rich.console import Console

from huashu.cli.common import DataDir, fail, settings_for
from huashu.constants import CHARTS, DEFAULT_STEPS
from huashu.domain import InputError

if TYPE_CHECKING:
    import pandas as pd

    from huashu.analytics.service import Metrics

metrics_app = typer.Typer(help="Growth metrics, ROI, attribution and charts.", no_args_is_help=True)

By = Annotated[
    str | None,
    typer.Option("--by", help="Slice: campaign, channel, segment_key, creative_id or creator."),
]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON records instead of a table.")]


def _run(data_dir: Path | None, work: Callable[[Metrics], Any]) -> Any:
    from huashu.analytics.service import Metrics
    from huashu.events import open_event_store

    settings = settings_for(data_dir)
    console = Console()
    try:
        with open_event_store(settings.resolved_events_url) as store:
            return work(Metrics(store))
    except InputError as err:
        raise fail(console, err, settings.lang) from err


def _show(frame: pd.DataFrame, as_json: bool) -> None:
    import pandas as pd

    from huashu.analytics.service import records

    if as_json:
        typer.echo(json.dumps(records(frame), ensure_ascii=False, indent=1))
    else:
        with pd.option_context("display.width", 200, "display.max_columns", 30):
            typer.echo(frame.to_string(index=False, float_format=lambda v: f"{v:.4g}"))


@metrics_app.command("import")
def import_table(
    table: Annotated[str, typer.Argument(help="signups, actions or costs.")],
    path: Annotated[Path, typer.Argument(help="CSV file (format: docs/analytics.md).")],
    data_dir: DataDir = None,
) -> None:
    """Import a CSV into an analytics table; idempotent on the table's key."""
    result = _run(data_dir, lambda m: m.import_csv(table, path))
    typer.echo(
        f"{table}: inserted {result.inserted}, duplicates {result.duplicates}, "
        f"rejected {len(result.rejected)}"
    )
    for row in result.rejected[:20]:
        typer.echo(f"  rejected {row['action_id']}: {row['reason']}")


@metrics_app.command("derive-signups")
def derive_signups(data_dir: DataDir = None) -> None:
    """Add signups for users seen in the event log without one (first event = first seen)."""
    result = _run(data_dir, lambda m: m.tables.derive_signups())
    typer.echo(f"signups: inserted {result.inserted}")


@metrics_app.command("new-users")
def new_users(
    by: By = None,
    period: Annotated[Literal["day", "week"], typer.Option(help="day or week.")] = "day",
    as_json: AsJson = False,
    data_dir: DataDir = None,
) -> None:
    """New users per day or week."""
    _show(_run(data_dir, lambda m: m.new_users(by=by, period=period)), as_json)


@metrics_app.command("retention")
def retention(
    days: Annotated[str, typer.Option(help="Comma-separated day offsets.")] = "1,7,30",
    by: By = None,
    as_of: Annotated[str | None, typer.Option(help="Last day counted (default: data).")] = None,
    cohorts: Annotated[
        Literal["day", "week"] | None, typer.Option(help="Show the cohort table instead.")
    ] = None,
    as_json: AsJson = False,
    data_dir: DataDir = None,
) -> None:
    """D1/D7/D30 retention per slice, or the daily/weekly cohort table."""
    if cohorts is not None:
        frame = _run(data_dir, lambda m: m.cohorts(period=cohorts, as_of=as_of))
    else:
        offsets = [int(d) for d in days.split(",") if d.strip()]
        frame = _run(data_dir, lambda m: m.retention(days=offsets, by=by, as_of=as_of))
    _show(frame, as_json)


@metrics_app.command("funnel")
def funnel(
    steps: Annotated[str, typer.Option(help="Comma-separated ordered steps.")] = ",".join(
        DEFAULT_STEPS
    ),
    by: By = None,
    within_days: Annotated[
        float | None, typer.Option(help="Count a step only this many days after step 1.")
    ] = None,
    as_json: AsJson = False,
    data_dir: DataDir = None,
) -> None:
    """An ordered conversion funnel (impression -> click -> register -> pay by default)."""
    names = [s.strip() for s in steps.split(",") if s.strip()]
    _show(_run(data_dir, lambda m: m.funnel(names, by=by, within_days=within_days)), as_json)


@metrics_app.command("roi")
def roi(by: By = "channel", as_json: AsJson = False, data_dir: DataDir = None) -> None:
    """New users, payers, revenue, cost, ARPU, ARPPU, CAC, ROI and payback days per slice."""
    _show(_run(data_dir, lambda m: m.economics(by=by)), as_json)


@metrics_app.command("attribution")
def attribution(
    key: Annotated[str, typer.Option(help="channel or creative_id.")] = "channel",
    order: Annotated[str, typer.Option(help="Markov orders, comma-separated (1-4).")] = "1",
    half_life: Annotated[float, typer.Option(help="Time-decay half-life in days.")] = 7.0,
    paths: Annotated[
        Path | None,
        typer.Option(help="Attribute a path CSV (path, total_conversions, ...) instead."),
    ] = None,
    value: Annotated[bool, typer.Option("--value", help="Credit conversion value.")] = False,
    as_json: AsJson = False,
    data_dir: DataDir = None,
) -> None:
    """Heuristic, Markov (exact removal effects) and Shapley attribution side by side."""
    orders = [int(o) for o in order.split(",") if o.strip()]

    def work(m: Metrics) -> Any:
        from huashu.analytics.service import read_paths

        given = read_paths(paths) if paths is not None else None
        return m.attribution(key=key, orders=orders, half_life=half_life, paths=given)

    result, unattributed = _run(data_dir, work)
    table = (result.value if value else result.conversions).reset_index()
    _show(table, as_json)
    if not as_json:
        typer.echo(
            f"paths {result.paths:,} (unique {result.unique_paths:,}), conversions "
            f"{result.total_conversions:g}, value {result.total_value:g}, "
            f"conversions without a prior touch {unattributed}"
        )


@metrics_app.command("chart")
def chart(
    name: Annotated[str, typer.Argument(help=f"One of: {', '.join(CHARTS)}.")],
    out: Annotated[Path, typer.Argument(help="Output file; .png or .svg.")],
    by: By = None,
    data_dir: DataDir = None,
) -> None:
    """Write a chart (cohort heatmap, funnel, ROI, attribution comparison) as PNG or SVG."""
    fmt: Literal["png", "svg"] = "svg" if out.suffix.lower() == ".svg" else "png"
    data = _run(data_dir, lambda m: m.chart(name, fmt, by=by))
    out.write_bytes(data)
    typer.echo(f"wrote {out} ({len(data):,} bytes)")
