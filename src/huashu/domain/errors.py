"""The exception hierarchy of huashu. Each class names its HTTP status here, the one place
the web API maps errors to statuses (the JSON envelope carries ``code`` and the message in
the operator's language).

HuashuError               an error huashu raises on purpose (zh-CN message, stable code)
 ├── InputError      422  bad input from an operator or a file (like FastAPI's own
 │                        request-validation errors; 400 is not used for bad input)
 │    ├── NotFound   404  the named object (campaign, creative, file ...) does not exist
 │    ├── Conflict   409  the request conflicts with the current state (filed twice, decided)
 │    └── Forbidden  403  a duty rule refuses the caller (editor approving own copy ...)
 └── UpstreamError   502  a service huashu calls (LLM, images, webhook) failed or answered
                          nonsense; the operator's input was fine
"""

from __future__ import annotations

from typing import ClassVar


class HuashuError(Exception):
    """Base class of every error huashu raises on purpose. ``message_zh`` is shown to
    operators; ``str(err)`` (English) goes to logs. ``code`` is a stable machine-readable
    identifier used in the JSON error envelope; ``details`` holds structured context such as
    file, line and field; ``status`` is the HTTP status the web API answers with."""

    status: int = 500
    default_code: ClassVar[str] = "error"

    def __init__(
        self,
        message: str,
        *,
        message_zh: str | None = None,
        code: str | None = None,
        details: dict[str, object] | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.message_zh = message_zh or message
        self.code = code or self.default_code
        self.details: dict[str, object] = dict(details or {})
        if status is not None:
            self.status = status

    def localized(self, lang: str = "zh") -> str:
        return self.message_zh if lang.startswith("zh") else self.message


class InputError(HuashuError):
    """Bad input from an operator or a file; 422, like FastAPI's request-validation errors."""

    status = 422
    default_code = "invalid_input"


class NotFound(InputError):
    """The named object does not exist."""

    status = 404
    default_code = "not_found"


class Conflict(InputError):
    """The request conflicts with the current state."""

    status = 409
    default_code = "conflict"


class Forbidden(InputError):
    """A duty rule refuses the caller (authentication and roles are the web layer's)."""

    status = 403
    default_code = "forbidden"


class UpstreamError(HuashuError):
    """A service huashu calls failed; ``details`` may name the target (never its secrets)."""

    status = 502
    default_code = "upstream_error"

    def __init__(self, message: str, **kwargs: object) -> None:
        kwargs.setdefault(
            "message_zh", "外部服务（大模型、出图或推送接口）出错，请稍后重试或联系管理员"
        )
        super().__init__(message, **kwargs)  # type: ignore[arg-type]
