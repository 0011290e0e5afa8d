"""Spreadsheet-safe CSV cells: a text cell that a spreadsheet would read as a formula (it starts
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written with a leading ``'``, so
Excel, WPS and LibreOffice show it as text instead of running it. Every CSV huashu writes for
people goes through here (segment member lists, file-target exports, rejected events)."""

from __future__ import annotations

#: first characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """``value``, prefixed with ``'`` when a spreadsheet would run it as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value
