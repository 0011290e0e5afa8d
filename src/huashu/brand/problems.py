"""Pack problems: one located error in a brand-pack file, and pydantic errors put into words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic_core import ErrorDetails

_ID_PATTERN = r"^[a-z0-9][a-z0-9_\-]*$"


@dataclass(frozen=True)
class PackProblem:
    """One problem in a brand pack: where it is (1-based line and column) and what is wrong.

    ``field`` is a path such as ``phrases.offer[1].text``; it is empty for problems of the
    file as a whole (YAML syntax, empty file).
    """

    file: str
    line: int
    column: int
    field: str
    message_en: str
    message_zh: str

    def format(self, lang: str = "en") -> str:
        if lang.startswith("zh"):
            where = f"第 {self.line} 行 {self.field}" if self.field else f"第 {self.line} 行"
            return f"{where}：{self.message_zh}"
        where = (
            f"{self.file}:{self.line}: {self.field}" if self.field else f"{self.file}:{self.line}"
        )
        return f"{where}: {self.message_en}"


def dotted(loc: tuple[str | int, ...]) -> str:
    """``("phrases", "offer", 1, "text")`` -> ``phrases.offer[1].text``."""
    out = ""
    for item in loc:
        if isinstance(item, int):
            out += f"[{item}]"
        else:
            out += f".{item}" if out else str(item)
    return out


def describe(error: ErrorDetails) -> tuple[str, str]:
    """English and Chinese wording of one pydantic validation error."""
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    value = error.get("input")
    if kind == "missing":
        return "required field is missing", "缺少必填字段"
    if kind == "extra_forbidden":
        return "unknown field (check the spelling)", "不认识的字段（请检查拼写）"
    if kind == "string_too_short":
        n = ctx.get("min_length", 1)
        if n == 1:
            return "must not be empty", "不能为空"
        return f"needs at least {n} characters", f"至少需要 {n} 个字符"
    if kind == "string_too_long":
        n = ctx.get("max_length")
        got = len(value) if isinstance(value, str) else "?"
        return (
            f"is too long: at most {n} characters, got {got}",
            f"太长：最多 {n} 个字符，当前 {got} 个",
        )
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == _ID_PATTERN:
            return (
                f"'{value}' is not a valid id: use lower-case letters, digits, '_' and '-', "
                "starting with a letter or digit",
                f"{value} 不是合法的 id：只能用小写字母、数字、_ 和 -，且以字母或数字开头",
            )
        return f"must match {ctx.get('pattern')}", f"格式应符合 {ctx.get('pattern')}"
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return (
            f"'{value}' is not allowed; choose one of: {', '.join(allowed)}",
            f"取值 {value} 不允许，可选：{'、'.join(allowed)}",
        )
    if kind == "too_short":
        n = ctx.get("min_length", 1)
        return f"needs at least {n} item(s)", f"至少需要 {n} 项"
    if kind == "too_long":
        n = ctx.get("max_length")
        return f"has too many items (at most {n})", f"项数过多（最多 {n} 项）"
    if kind == "string_type":
        if isinstance(value, bool | int | float):
            return (
                f"must be text, got {value!r} (put it in quotes)",
                f"应为文本，当前是 {value!r}（请加引号）",
            )
        return "must be text", "应为文本"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return "must be a whole number", "应为整数"
    if kind in ("float_type", "float_parsing"):
        return "must be a number", "应为数字"
    if kind in ("bool_type", "bool_parsing"):
        return "must be true or false", "应为 true 或 false"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "must be a mapping of key: value", "应为键值映射（key: value）"
    if kind in ("tuple_type", "list_type", "set_type"):
        return "must be a list", "应为列表"
    message = str(error["msg"]).removeprefix("Value error, ")
    return message, f"取值无效：{message}"
