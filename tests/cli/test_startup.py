"""``huashu`` starts without the heavy libraries: importing :mod:`huashu.cli` (and printing the
help) loads none of pandas, numpy, matplotlib, ibis, duckdb, sqlalchemy, pyarrow, jieba, nor
huashu's runtime, store, event store, analytics or delivery; each command imports what it needs
inside its function. Checked in a fresh interpreter, since this one has loaded them all."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

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

IMPORT = "import sys, huashu.cli; print(sorted(m for m in sys.modules))"
HELP = (
    "import contextlib, io, sys\n"
    "from huashu.cli import main\n"
    "sys.argv = ['huashu', '--help']\n"
    "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
    "    main()\n"
    "print(sorted(m for m in sys.modules))\n"
)


def _loaded(code: str) -> list[str]:
    """The modules loaded after running ``code`` in a fresh interpreter (this venv's)."""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr
    modules = ast.literal_eval(result.stdout.strip().splitlines()[-1])
    assert isinstance(modules, list)
    return [str(m) for m in modules]


def _heavy(modules: list[str]) -> list[str]:
    return [m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY)]


@pytest.mark.parametrize("code", [IMPORT, HELP], ids=["import", "help"])
def test_cli_starts_without_heavy_modules(code: str) -> None:
    modules = _loaded(code)
    assert "huashu.cli" in modules
    assert _heavy(modules) == []
