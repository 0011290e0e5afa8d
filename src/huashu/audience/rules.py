"""The rule language compiled to Ibis boolean expressions, checked against the table's schema.

Values only ever become Ibis literals, never SQL text, so any value (``'; DROP TABLE users; --``
included) is compared as data. Empty fields match no comparison except ``is null`` (two-valued
logic: every comparison is coalesced to false).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import ibis

from huashu.domain import InputError

OPERATORS = (
    "==",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "in",
    "not in",
    "between",
    "is null",
    "is not null",
    "contains",
)
_USE_EN = "use field/op/value, all, any, not or segment"
_USE_ZH = "应使用 field/op/value、all、any、not 或 segment"
_ORDERED = ("<", "<=", ">", ">=", "between")

Resolver = Callable[[str, str], Any]


def field_kind(dtype: Any) -> str:
    """``number``, ``string``, ``boolean``, ``time`` or ``other`` for an Ibis dtype."""
    if dtype.is_boolean():
        return "boolean"
    if dtype.is_numeric():
        return "number"
    if dtype.is_string():
        return "string"
    if dtype.is_timestamp() or dtype.is_date():
        return "time"
    return "other"


_KIND_ZH = {"number": "数值", "string": "文本", "boolean": "布尔", "time": "时间", "other": "其他"}


def value_kind(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, dt.date):
        return "time"
    if value is None:
        return "null"
    return type(value).__name__


def rule_error(
    segment: str, path: str, code: str, en: str, zh: str, **details: object
) -> InputError:
    return InputError(
        f"segment '{segment}': {path}: {en}",
        message_zh=f"人群 '{segment}'：{path}：{zh}",
        code=code,
        details={"segment": segment, "path": path, **details},
    )


class RuleCompiler:
    """Compiles conditions over ``table``; ``resolve(segment, key)`` returns another segment's
    expression (cycle detection is the caller's, see :class:`huashu.audience.plan`)."""

    def __init__(self, table: Any, resolve: Resolver | None = None) -> None:
        self.table = table
        self.schema = table.schema()
        self.resolve = resolve

    def compile(self, rule: object, segment: str, path: str = "rule") -> Any:
        if not isinstance(rule, Mapping) or not rule:
            raise rule_error(
                segment,
                path,
                "bad_rule",
                "a condition must be a non-empty mapping",
                "条件应为非空映射",
            )
        keys = set(rule)
        if keys <= {"field", "op", "value"} and "field" in keys:
            return self._comparison(rule, segment, path)
        if len(keys) != 1:
            raise rule_error(
                segment,
                path,
                "bad_rule",
                f"unknown condition keys {sorted(map(str, keys))}; {_USE_EN}",
                f"无法识别的条件键 {sorted(map(str, keys))}；{_USE_ZH}",
            )
        (kind,) = keys
        body = rule[kind]
        if kind in ("all", "any"):
            if not isinstance(body, list) or not body:
                raise rule_error(
                    segment,
                    f"{path}.{kind}",
                    "bad_rule",
                    "must be a non-empty list",
                    "应为非空列表",
                )
            parts = [self.compile(c, segment, f"{path}.{kind}[{i}]") for i, c in enumerate(body)]
            out = parts[0]
            for part in parts[1:]:
                out = (out & part) if kind == "all" else (out | part)
            return out
        if kind == "not":
            return ~self.compile(body, segment, f"{path}.not")
        if kind == "segment":
            if not isinstance(body, str) or self.resolve is None:
                raise rule_error(
                    segment, f"{path}.segment", "bad_rule", "must name a segment key", "应为人群键"
                )
            return self.resolve(body, segment)
        raise rule_error(
            segment,
            path,
            "bad_rule",
            f"unknown condition '{kind}'; {_USE_EN}",
            f"无法识别的条件 '{kind}'；{_USE_ZH}",
        )

    def _comparison(self, rule: Mapping[str, Any], segment: str, path: str) -> Any:
        name = rule["field"]
        if not isinstance(name, str) or name not in self.schema:
            fields = ", ".join(self.schema.names)
            raise rule_error(
                segment,
                path,
                "unknown_field",
                f"unknown field '{name}'; fields: {fields}",
                f"未知字段 '{name}'；可用字段：{'、'.join(self.schema.names)}",
                field=str(name),
            )
        op = rule.get("op", "==")
        if op not in OPERATORS:
            raise rule_error(
                segment,
                path,
                "unknown_operator",
                f"unknown operator '{op}'; operators: {', '.join(OPERATORS)}",
                f"未知运算符 '{op}'；可用运算符：{'、'.join(OPERATORS)}",
                op=str(op),
            )
        column = self.table[name]
        kind = field_kind(self.schema[name])
        if op in ("is null", "is not null"):
            if "value" in rule:
                raise rule_error(
                    segment, path, "bad_rule", f"'{op}' takes no value", f"'{op}' 不需要 value"
                )
            return column.isnull() if op == "is null" else column.notnull()
        if "value" not in rule:
            raise rule_error(
                segment, path, "bad_rule", f"'{op}' needs a value", f"'{op}' 需要 value"
            )
        value = rule["value"]
        check = _ValueCheck(segment, path, name, kind)
        if op in _ORDERED and kind not in ("number", "time", "string"):
            raise check.op_error(op)
        if op == "contains":
            if kind != "string":
                raise check.op_error(op)
            return column.contains(check.scalar(value)).fill_null(False)
        if op in ("in", "not in"):
            if not isinstance(value, list) or not value:
                raise rule_error(
                    segment,
                    path,
                    "bad_rule",
                    f"'{op}' needs a non-empty list",
                    f"'{op}' 需要非空列表",
                )
            values = [check.scalar(v) for v in value]
            expr = column.isin(values) if op == "in" else column.notin(values)
            return expr.fill_null(False)
        if op == "between":
            if not isinstance(value, list) or len(value) != 2:
                raise rule_error(
                    segment,
                    path,
                    "bad_rule",
                    "'between' needs [low, high]",
                    "'between' 需要 [下限, 上限]",
                )
            low, high = (check.scalar(v) for v in value)
            return column.between(low, high).fill_null(False)
        literal = check.scalar(value)
        compare: dict[str, Callable[[Any, Any], Any]] = {
            "==": lambda c, v: c == v,
            "!=": lambda c, v: c != v,
            "<": lambda c, v: c < v,
            "<=": lambda c, v: c <= v,
            ">": lambda c, v: c > v,
            ">=": lambda c, v: c >= v,
        }
        return compare[op](column, literal).fill_null(False)


class _ValueCheck:
    def __init__(self, segment: str, path: str, name: str, kind: str) -> None:
        self.segment, self.path, self.name, self.kind = segment, path, name, kind

    def op_error(self, op: str) -> InputError:
        return rule_error(
            self.segment,
            self.path,
            "wrong_type",
            f"operator '{op}' does not apply to {self.kind} field '{self.name}'",
            f"运算符 '{op}' 不适用于{_KIND_ZH[self.kind]}字段 '{self.name}'",
            field=self.name,
            op=op,
        )

    def scalar(self, value: object) -> Any:
        got = value_kind(value)
        if self.kind == "time" and isinstance(value, str | dt.date):
            parsed = _as_time(value)
            if parsed is not None:
                return ibis.literal(parsed)
        if got == self.kind and self.kind != "time":
            try:
                return ibis.literal(value)
            except (TypeError, ValueError, OverflowError):  # e.g. an integer beyond int64
                raise rule_error(
                    self.segment,
                    self.path,
                    "wrong_type",
                    f"value {value!r} of field '{self.name}' is out of range",
                    f"字段 '{self.name}' 的取值 {value!r} 超出范围",
                    field=self.name,
                ) from None
        raise rule_error(
            self.segment,
            self.path,
            "wrong_type",
            f"field '{self.name}' is {self.kind}, value {value!r} is {got}",
            f"字段 '{self.name}' 是{_KIND_ZH[self.kind]}类型，取值 {value!r} 类型不符",
            field=self.name,
            expected=self.kind,
            got=got,
        )


def _as_time(value: str | dt.date) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None


def show_rule(rule: Mapping[str, Any]) -> str:
    """A one-line rendering of a rule, e.g. ``occupation == 'livestock' and age < 35``."""
    if "field" in rule:
        op = rule.get("op", "==")
        if op in ("is null", "is not null"):
            return f"{rule['field']} {op}"
        return f"{rule['field']} {op} {rule['value']!r}"
    ((kind, body),) = rule.items()
    if kind == "segment":
        return f"segment {body}"
    if kind == "not":
        return f"not ({show_rule(body)})"
    joined = f" {'and' if kind == 'all' else 'or'} ".join(
        f"({show_rule(c)})" if len(c) == 1 and next(iter(c)) in ("all", "any") else show_rule(c)
        for c in body
    )
    return joined
