"""The ``huashu`` command line: a thin layer over the service layer and the demo."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from huashu.cli.common import DataDir, fail, settings_for
from huashu.cli.draft import draft
from huashu.domain import InputError

app = typer.Typer(help="huashu (话术): closed-loop AI marketing copy.", no_args_is_help=True)
brand_app = typer.Typer(
    help="Brand packs: validate a file, load it into the store, list loaded ones.",
    no_args_is_help=True,
)
app.add_typer(brand_app, name="brand")
app.command("draft")(draft)


@app.command()
def demo(
    pack: Annotated[Path, typer.Option(help="Brand pack YAML.", envvar="HUASHU_DEMO_PACK")] = Path(
        "examples/rural_bank.yaml"
    ),
    world: Annotated[
        Path | None,
        typer.Option(help="Simulator world YAML (default: <pack>.world.yaml beside the pack)."),
    ] = None,
    users: Annotated[int, typer.Option(help="Simulated users.")] = 100_000,
    rounds: Annotated[int, typer.Option(help="Delivery rounds.")] = 6,
    seed: Annotated[int, typer.Option(help="Random seed for population, drafts and delivery.")] = 7,
    traffic: Annotated[int, typer.Option(help="Visitors per channel per round.")] = 15_000,
    refits: Annotated[
        int,
        typer.Option(
            help="Times per round the knowledge base is re-distilled and the bandit's "
            "snapshot rebuilt (new drafts still come once per round)."
        ),
    ] = 4,
    brief: Annotated[
        str | None, typer.Option(help="Brief text (default: the pack's campaign brief).")
    ] = None,
    data_dir: DataDir = None,
) -> None:
    """Run the closed loop on the market simulator and write a report."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from huashu.demo import DemoOptions, run_demo, write_report

    settings = settings_for(data_dir)
    console = Console()
    try:
        options = DemoOptions(
            pack=pack,
            world=world,
            brief=brief,
            users=users,
            rounds=rounds,
            seed=seed,
            traffic=traffic,
            refits=refits,
        )
        with Progress(
            SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=console
        ) as progress:
            task = progress.add_task("starting", total=None)

            def step(message: str) -> None:
                progress.console.log(message)
                progress.update(task, description=message)

            result = run_demo(settings, options, step)
        out = write_report(result, settings.reports_dir)
    except InputError as err:
        raise fail(console, err, settings.lang) from err
    h, b = result.last("huashu"), result.last("baseline")
    console.print(
        f"[bold green]done[/] in {result.seconds:.1f} s: huashu {h.fraction_of_oracle:.1%} "
        f"of oracle vs. baseline {b.fraction_of_oracle:.1%} in the last round"
    )
    console.print(f"report: {out / 'report.md'}")


@brand_app.command("validate")
def brand_validate(
    path: Annotated[Path, typer.Argument(help="Brand pack YAML file to check.")],
    lang: Annotated[
        str, typer.Option(help="Message language: zh or en.", envvar="HUASHU_LANG")
    ] = "zh",
) -> None:
    """Check a brand pack; print each problem with file, line and field."""
    from huashu.brand import validate_brand_pack

    console = Console()
    problems = validate_brand_pack(path)
    if not problems:
        console.print(f"[green]OK[/] {path}")
        return
    for p in problems:
        message = p.message_zh if lang == "zh" else p.message_en
        typer.echo(f"{p.file}:{p.line}: {p.field}: {message}")
    raise typer.Exit(code=1)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Bind address.", envvar="HUASHU_HOST")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.", envvar="HUASHU_PORT")] = 8000,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="Worker processes (>1 needs a server event store).")
    ] = 1,
    data_dir: DataDir = None,
) -> None:
    """Serve the web app and JSON API."""
    import os

    import uvicorn

    from huashu.web import create_app

    settings = settings_for(data_dir)
    if workers == 1:
        uvicorn.run(create_app(settings), host=host, port=port)
        return
    if settings.resolved_events_url.startswith("duckdb:"):
        raise fail(
            Console(),
            InputError(
                "several workers cannot share an embedded DuckDB event store; set "
                "HUASHU_EVENTS_URL to a server backend (e.g. postgres://...)",
                message_zh="多个工作进程不能共用内嵌的 DuckDB 事件库，请将 HUASHU_EVENTS_URL "
                "设为服务器型后端（例如 postgres://...）",
                code="workers_need_server_events",
            ),
            settings.lang,
        )
    if data_dir is not None:
        os.environ["HUASHU_DATA_DIR"] = str(data_dir)
    uvicorn.run(
        "huashu.web.app:app_from_environment", factory=True, host=host, port=port, workers=workers
    )
