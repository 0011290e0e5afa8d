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
    ``details`` holds structured context such as file, line and field. ``status`` is the HTTP
    status the web API answers with: 400, 409 when the request conflicts with the current
    state (filed twice, already decided), 403 when a duty rule refuses the caller.
    """

    def __init__(
        self,
        message: str,
        *,
        message_zh: str | None = None,
        code: str = "invalid_input",
        details: dict[str, object] | None = None,
        status: int = 400,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.message_zh = message_zh or message
        self.code = code
        self.details: dict[str, object] = dict(details or {})
        self.status = status

    def localized(self, lang: str = "zh") -> str:
        return self.message_zh if lang.startswith("zh") else self.message
