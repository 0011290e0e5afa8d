"""The ``huashu`` command line. Each command family lives in its own module of this package
and is registered on :data:`app` here."""

from __future__ import annotations

from huashu.cli import brand as _brand  # noqa: F401  (registers brand load/list)
from huashu.cli.app import app
from huashu.cli.banner import banner_app
from huashu.cli.bench import bench_app
from huashu.cli.check import check
from huashu.cli.events import events_app
from huashu.cli.kb import kb_app
from huashu.cli.metrics import metrics_app
from huashu.cli.outbox import outbox_app, targets_app
from huashu.cli.segments import segments_app
from huashu.cli.users import audit_app, users_app

app.add_typer(banner_app, name="banner")
app.add_typer(bench_app, name="bench")
app.add_typer(events_app, name="events")
app.add_typer(kb_app, name="kb")
app.add_typer(metrics_app, name="metrics")
app.command("check")(check)
app.add_typer(segments_app, name="segments")
app.add_typer(users_app, name="users")
app.add_typer(audit_app, name="audit")
app.add_typer(outbox_app, name="outbox")
app.add_typer(targets_app, name="targets")


def main() -> None:
    app()


__all__ = ["app", "main"]
