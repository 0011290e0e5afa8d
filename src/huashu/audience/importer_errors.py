"""The errors a user import raises: unreadable sources, malformed CSV, and bad rows with their
row number (and CSV line) and column. No message or detail quotes a value of the data: a
source's cells are not echoed back to whoever asked for the import (docs/security.md)."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from huashu.domain import InputError

log = logging.getLogger("huashu.audience")
_CSV_LINE = re.compile(r"CSV Error on Line: (\d+)")
_REASONS = (
    (
        re.compile(r"Expected Number of Columns: (\d+) Found: (\d+)"),
        "expected {0} columns, found {1}",
        "应有 {0} 列，实际 {1} 列",
    ),
    (re.compile(r"unterminated quote"), "unterminated quote", "引号未闭合"),
    (
        re.compile(r"Invalid unicode|not valid UTF-8|Invalid Input Error: Invalid unicode", re.I),
        "the file is not UTF-8 text",
        "文件不是 UTF-8 编码的文本",
    ),
)


def bad_source(path: Path, code: str, en: str, zh: str) -> InputError:
    return InputError(
        f"{path.name}: {en}",
        message_zh=f"{path.name}：{zh}",
        code=code,
        details={"source": path.name},
    )


def csv_error(path: Path, message: str) -> InputError:
    """A DuckDB CSV reader error turned into the line and the reason."""
    en, zh = "malformed CSV", "CSV 格式错误"
    for pattern, reason_en, reason_zh in _REASONS:
        match = pattern.search(message)
        if match:
            en, zh = reason_en.format(*match.groups()), reason_zh.format(*match.groups())
            break
    else:
        log.info("CSV reader error on %s: %s", path.name, message.strip()[:120].split("\n")[0])
    line = _CSV_LINE.search(message)
    if line is None:
        return InputError(
            f"{path.name}: {en}",
            message_zh=f"{path.name}：{zh}",
            code="malformed_file",
            details={"source": path.name},
        )
    n = int(line.group(1))
    return InputError(
        f"{path.name} line {n}: {en}",
        message_zh=f"{path.name} 第 {n} 行：{zh}",
        code="malformed_file",
        details={"source": path.name, "line": n},
    )


def _where(row: int, csv_lines: bool) -> tuple[str, str]:
    if csv_lines:
        return f"row {row} (line {row + 1})", f"第 {row} 条记录（第 {row + 1} 行）"
    return f"row {row}", f"第 {row} 条记录"


def problem_error(
    source: str,
    code: str,
    found: list[dict[str, Any]],
    total: object,
    csv_lines: bool,
    dtype: str,
) -> InputError:
    """The first bad row in the message, up to ``len(found)`` in ``details['problems']``."""
    first = found[0]
    column = first["column"]
    count = int(total)  # type: ignore[call-overload]
    where_en, where_zh = _where(int(first["row"]), csv_lines)
    if code == "missing_id":
        en = f"{source} {where_en}: id column '{column}' is empty ({count} row(s) in all)"
        zh = f"{source} {where_zh}：ID 列 '{column}' 为空（共 {count} 条）"
    elif code == "wrong_type":
        en = (
            f"{source} {where_en}, column '{column}': the value is not {dtype} "
            f"({count} row(s) in all)"
        )
        zh = f"{source} {where_zh}，列 '{column}'：取值不是 {dtype} 类型（共 {count} 条）"
    else:
        rows = [int(p["row"]) for p in found if p["value"] == first["value"]]
        other_en, other_zh = _where(rows[1], csv_lines) if len(rows) > 1 else ("", "")
        en = (
            f"{source} {where_en} and {other_en}: duplicate id in column '{column}' "
            f"({count} duplicated id(s))"
        )
        zh = f"{source} {where_zh}与{other_zh}：列 '{column}' 的 ID 重复（共 {count} 个重复 ID）"
    return InputError(
        en,
        message_zh=zh,
        code=code,
        details={
            "source": source,
            "row": int(first["row"]),
            "column": column,
            "count": count,
            "problems": [{"row": int(p["row"]), "column": p["column"]} for p in found],
        },
    )
