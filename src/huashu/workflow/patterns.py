"""Take-down patterns: a term matched after the compliance normaliser, or a regex on RE2
(google-re2), whose matching time is linear in the text whatever the pattern."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import re2

from huashu.compliance.normalize import Normalizer
from huashu.domain import InputError

MAX_PATTERN = 200
#: memory RE2 may use to compile one pattern (bytes); a larger program is refused.
RE2_MAX_MEM = 8 << 20


def _invalid_regex(pattern: str, why: str, why_zh: str) -> InputError:
    return InputError(
        f"invalid regex {pattern!r}: {why}",
        message_zh=f"正则表达式无效：{why_zh}",
        code="invalid_regex",
        details={"pattern": pattern, "reason": why},
    )


def _re2_options() -> re2.Options:
    options = re2.Options()
    options.log_errors = False
    options.max_mem = RE2_MAX_MEM
    return options


def check_regex(pattern: str) -> Any:
    """Compile a take-down pattern with RE2 (linear-time matching, so no pattern can make a
    take-down hang); refuse an empty or over-long one and RE2's unsupported syntax
    (back-references, look-around)."""
    if not pattern.strip():
        raise _invalid_regex(pattern, "empty pattern", "表达式为空")
    if len(pattern) > MAX_PATTERN:
        raise _invalid_regex(
            pattern, f"longer than {MAX_PATTERN} characters", f"长度超过 {MAX_PATTERN} 个字符"
        )
    try:
        return re2.compile(pattern, _re2_options())
    except re2.error as exc:
        raw = exc.args[0] if exc.args else exc
        why = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
        hint = (
            "; back-references and look-around are not supported"
            if "perl operator" in why or "escape" in why
            else ""
        )
        raise _invalid_regex(pattern, why + hint, f"语法错误或不受支持（{why}）") from None


def _term_matcher(term: str) -> tuple[Normalizer, str]:
    normalizer = Normalizer()
    needle = normalizer.normalize(term).bare.text
    if not needle:
        raise InputError(
            f"term {term!r} is empty after normalisation",
            message_zh=f"词语“{term}”规范化后为空，请输入有效的词语",
            code="invalid_term",
            details={"term": term},
        )
    return normalizer, needle


def copy_matcher(by: str, value: str) -> Callable[[dict[str, str]], bool]:
    """Whether a creative's fields contain the term (normalised) or match the regex."""
    if by == "term":
        normalizer, needle = _term_matcher(value)
        return lambda fields: any(
            needle in normalizer.normalize(v).bare.text for v in fields.values()
        )
    pattern, normalizer = check_regex(value), Normalizer()
    return lambda fields: any(
        pattern.search(v) is not None or pattern.search(normalizer.normalize(v).text) is not None
        for v in fields.values()
    )
