"""The ``huashu`` command line. Each command family lives in its own module of this package
and is registered on :data:`app` here."""

from __future__ import annotations

from huashu.cli.app import app
from huashu.cli.banner import banner_app
from huashu.cli.bench import bench_app
from huashu.cli.check import check
from huashu.cli.events import events_app
from huashu.cli.kb import kb_app
from huashu.cli.metrics import metrics_app
from huashu.cli.segments import segments_app

app.add_typer(banner_app, name="banner")
app.add_typer(bench_app, name="bench")
app.add_typer(events_app, name="events")
app.add_typer(kb_app, name="kb")
app.add_typer(metrics_app, name="metrics")
app.command("check")(check)
app.add_typer(segments_app, name="segments")


def main() -> None:
    app()


__all__ = ["app", "main"]
