"""``huashu`` starts without the heavy libraries: importing :mod:`huashu.cli` and printing the
help of ``huashu`` or of any command loads none of pandas, numpy, matplotlib, ibis, duckdb,
sqlalchemy, pyarrow, jieba, nor huashu's runtime, store, event store, analytics, delivery,
settings or domain models (``huashu --help`` not even pydantic, which Typer needs to parse a
command's options); each command imports what it needs inside its function. The light
commands (``check`` on a short copy, ``brand validate``, ``banner presets``) load only what they
use. Checked in a fresh interpreter, since this one has loaded them all; figures in
docs/benchmarks.md (benchmarks/cli_startup.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from huashu.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

HEAVY = (
    "pandas",
    "numpy",
    "matplotlib",
    "ibis",
    "duckdb",
    "sqlalchemy",
    "pyarrow",
    "jieba",
    "huashu.runtime",
    "huashu.store",
    "huashu.events",
    "huashu.analytics",
    "huashu.delivery",
)
#: Not heavy, but no help needs them: the models (with pydantic) took a third of ``huashu --help``.
HELP_ONLY = ("huashu.domain.brand", "huashu.domain.findings", "huashu.config", "rich.progress")

#: Runs ``huashu`` in-process once per argv (argvs: a JSON list on stdin), output discarded, and
#: prints the exit codes and the modules loaded, as JSON.
RUN = """\
import contextlib, io, json, sys
import huashu.cli
codes = []
for argv in json.load(sys.stdin):
    sys.argv = ["huashu", *argv]
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            huashu.cli.main()
    except SystemExit as exit:
        codes.append(exit.code or 0)
    else:
        codes.append(0)
    if not out.getvalue():
        codes[-1] = f"no output: {err.getvalue()[-500:]}"
print(json.dumps({"codes": codes, "modules": sorted(sys.modules)}))
"""


def _run(argvs: list[list[str]], cwd: Path) -> tuple[list[object], list[str]]:
    """Exit codes of ``huashu`` for each argv, run one after another in a fresh interpreter
    (this venv's), and the modules loaded at the end."""
    result = subprocess.run(
        [sys.executable, "-c", RUN],
        input=json.dumps(argvs),
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        cwd=cwd,
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    return out["codes"], out["modules"]


def _loaded(modules: list[str], names: tuple[str, ...]) -> list[str]:
    return [m for m in modules if any(m == n or m.startswith(n + ".") for n in names)]


def command_paths() -> list[list[str]]:
    """Every command and command group of ``huashu``: ``["metrics"]``, ``["metrics", "roi"]``."""
    paths: list[list[str]] = []

    def walk(command: object, path: list[str]) -> None:
        for name, sub in (getattr(command, "commands", None) or {}).items():
            paths.append([*path, name])
            walk(sub, [*path, name])

    walk(typer.main.get_command(app), [])
    return paths


def test_every_command_is_walked() -> None:
    paths = command_paths()
    assert ["check"] in paths and ["metrics", "roi"] in paths and ["users", "token"] in paths
    assert len(paths) > 40


@pytest.mark.parametrize("argvs", [[], [["--help"]]], ids=["import", "help"])
def test_import_and_help_load_no_heavy_module(tmp_path: Path, argvs: list[list[str]]) -> None:
    codes, modules = _run(argvs, tmp_path)
    assert codes == [0] * len(argvs)
    assert "huashu.cli" in modules
    assert _loaded(modules, (*HEAVY, *HELP_ONLY, "pydantic")) == []


def test_every_help_loads_no_heavy_module(tmp_path: Path) -> None:
    argvs = [[*path, "--help"] for path in command_paths()]
    codes, modules = _run(argvs, tmp_path)
    assert dict(zip(map(" ".join, argvs), codes, strict=True)) == {
        " ".join(argv): 0 for argv in argvs
    }
    assert _loaded(modules, HEAVY + HELP_ONLY) == []


#: HEAVY less numpy, which the compliance engine uses
_CHECK = tuple(h for h in HEAVY if h != "numpy")


@pytest.mark.parametrize(
    ("argv", "code", "forbidden"),
    [
        # a copy without a hit needs no word boundaries (jieba)
        (["check", "测试"], 0, _CHECK),
        (["check", "测试", "--json"], 0, _CHECK),
        (["brand", "validate", str(EXAMPLES / "rural_bank.yaml")], 0, HEAVY),
        # the preset table needs neither Pillow nor the images API client
        (["banner", "presets"], 0, (*HEAVY, "PIL", "httpx", "pydantic_settings")),
    ],
    ids=["check", "check-json", "brand-validate", "banner-presets"],
)
def test_light_commands_load_only_what_they_use(
    tmp_path: Path, argv: list[str], code: int, forbidden: tuple[str, ...]
) -> None:
    codes, modules = _run([argv], tmp_path)
    assert codes == [code]
    assert _loaded(modules, forbidden) == []
