"""Field accessors for reading world files: each check raises
:class:`~huashu.domain.InputError` naming the field and the source file."""

from __future__ import annotations

import math
from collections.abc import Mapping

from huashu.domain import InputError

_TOLERANCE = 1e-6


class Reader:
    """Field accessors that raise InputError naming the field and the source file."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, field: str, message: str, message_zh: str) -> InputError:
        return InputError(
            f"{field}: {message}",
            message_zh=f"世界文件字段 {field}：{message_zh}",
            code="invalid_world",
            details={"file": self.source, "field": field},
        )

    def mapping(self, value: object, field: str) -> Mapping[object, object]:
        if not isinstance(value, Mapping):
            raise self.fail(field, "expected a mapping", "应为映射（键: 值）")
        return value

    def keys(
        self,
        data: Mapping[object, object],
        field: str,
        required: tuple[str, ...],
        optional: tuple[str, ...] = (),
    ) -> None:
        allowed = required + optional
        for key in data:
            if key not in allowed:
                where = f"{field}.{key}" if field else str(key)
                raise self.fail(
                    where,
                    f"unknown field; expected one of: {', '.join(allowed)}",
                    f"未知字段，可用字段：{', '.join(allowed)}",
                )
        for key in required:
            if key not in data:
                where = f"{field}.{key}" if field else key
                raise self.fail(where, "required field is missing", "缺少必填字段")

    def text(self, value: object, field: str) -> str:
        if not isinstance(value, str) or not value:
            raise self.fail(field, "expected a non-empty string", "应为非空字符串")
        return value

    def number(self, value: object, field: str) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(
                field, f"expected a number, got {value!r}", f"应为数字，实际为 {value!r}"
            )
        if not math.isfinite(value):
            raise self.fail(field, f"expected a finite number, got {value!r}", "应为有限数字")
        return float(value)

    def integer(self, value: object, field: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(
                field, f"expected an integer, got {value!r}", f"应为整数，实际为 {value!r}"
            )
        return value

    def probability(self, value: object, field: str, what: str = "probability") -> float:
        p = self.number(value, field)
        if not 0.0 <= p <= 1.0:
            raise self.fail(
                field,
                f"{what} must be between 0 and 1, got {p:g}",
                f"取值应在 0 到 1 之间，实际为 {p:g}",
            )
        return p

    def shares(self, value: object, field: str) -> tuple[tuple[str, ...], tuple[float, ...]]:
        data = self.mapping(value, field)
        if not data:
            raise self.fail(field, "at least one value is required", "至少需要一个取值")
        names = tuple(self.text(key, f"{field}.{key}") for key in data)
        shares = tuple(self.probability(data[k], f"{field}.{k}", "share") for k in names)
        total = sum(shares)
        if abs(total - 1.0) > _TOLERANCE:
            raise self.fail(
                field, f"shares sum to {total:g}, expected 1", f"占比之和为 {total:g}，应为 1"
            )
        return names, shares
