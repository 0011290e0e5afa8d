"""The exception hierarchy of huashu.

HuashuError
 └── InputError          bad input from an operator or a file; carries a zh-CN message for the
                         operator, an English message for logs, and an optional location.
"""

from __future__ import annotations


class HuashuError(Exception):
    """Base class of every error huashu raises on purpose."""


class InputError(HuashuError):
    """Bad input. ``message_zh`` is shown to operators; ``str(err)`` (English) goes to logs.

    ``code`` is a stable machine-readable identifier used in the JSON error envelope.
    ``details`` holds structured context such as file, line and field.
    """

    def __init__(
        self,
        message: str,
        *,
        message_zh: str | None = None,
        code: str = "invalid_input",
        details: dict[str, object] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.message_zh = message_zh or message
        self.code = code
        self.details: dict[str, object] = dict(details or {})

    def localized(self, lang: str = "zh") -> str:
        return self.message_zh if lang.startswith("zh") else self.message
