"""The import-layering contract that `make test` checks (import-linter, pyproject.toml) is the
table of docs/architecture.md, in the same order."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_contract_layers_are_the_architecture_table() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = config["tool"]["importlinter"]["contracts"]
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z_]+)(?:/|\.py)` \|", doc, flags=re.MULTILINE)
    assert contract["layers"] == [f"huashu.{name}" for name in rows]


def test_every_package_is_in_the_table() -> None:
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    rows = set(re.findall(r"^\| `([a-z_]+)(?:/|\.py)` \|", doc, flags=re.MULTILINE))
    packages = {
        p.name for p in (ROOT / "src" / "huashu").iterdir() if (p / "__init__.py").is_file()
    }
    assert packages <= rows
