"""The ``huashu`` command line. Each command family lives in its own module of this package
and is registered on :data:`app` here."""

from __future__ import annotations

from huashu.cli.app import app
from huashu.cli.bench import bench_app

app.add_typer(bench_app, name="bench")


def main() -> None:
    app()


__all__ = ["app", "main"]
