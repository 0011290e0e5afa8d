"""Write one benchmark's section into docs/benchmarks.md, between its start/end markers."""

from __future__ import annotations

import re
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"


def replace_section(block: str, start: str, end: str, docs: Path = DOCS) -> None:
    """``block`` runs from ``start`` to ``end`` (markers included); it replaces the section
    already there, or is appended."""
    current = docs.read_text("utf-8")
    if start in current:
        pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.S)
        current = pattern.sub(lambda _m: block, current)
    else:
        current = current.rstrip() + "\n\n" + block + "\n"
    docs.write_text(current, "utf-8")
