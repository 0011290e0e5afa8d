"""``huashu bench``: the simulator benchmarks, printed as a table or JSON."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from huashu.delivery.simulate import Scenario

bench_app = typer.Typer(help="Benchmarks on the market simulator.", no_args_is_help=True)


def scenarios() -> dict[str, Scenario]:
    """The simulator scenarios ``huashu bench bandit`` runs, by name (built on call, so the
    simulator and numpy load only when a benchmark runs)."""
    from huashu.delivery.simulate import Scenario

    return {
        "better-new": Scenario(),
        "worse-new": Scenario(new_ctrs=(0.022, 0.018, 0.015)),
    }


@bench_app.command("bandit")
def bandit(
    seeds: Annotated[int, typer.Option(help="Number of seeds per scenario.", min=1)] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Starvation, flooding and regret of huashu's Thompson allocation vs. the baselines."""
    from huashu.delivery.simulate import compare

    results = {
        name: [s.as_dict() for s in compare(scenario, seeds=range(seeds))]
        for name, scenario in scenarios().items()
    }
    if as_json:
        typer.echo(json.dumps(results, ensure_ascii=False, indent=2))
        return
    console = Console()
    for name, rows in results.items():
        table = Table(title=f"scenario {name} ({seeds} seeds)")
        for column in (
            "policy",
            "starvation_free",
            "burn_in_share_mean",
            "burn_in_share_max",
            "regret_mean",
            "final_fraction_mean",
        ):
            table.add_column(column)
        for row in rows:
            table.add_row(
                str(row["policy"]),
                f"{row['starvation_free']:.0%}",
                f"{row['burn_in_share_mean']:.1%}",
                f"{row['burn_in_share_max']:.1%}",
                f"{row['regret_mean']:.1f}",
                f"{row['final_fraction_mean']:.1%}",
            )
        console.print(table)
