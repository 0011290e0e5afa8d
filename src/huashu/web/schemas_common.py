"""Response models shared by every JSON route: the ``ok`` flag, the error envelope and the
time stamps the store writes as ISO 8601 text.

Each route declares its model, so the OpenAPI document (``/openapi.json``, ``/docs``) is the
contract the schemathesis test holds the live app to (tests/web/test_api_contract.py)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field

#: a time as the store writes it (``datetime.isoformat()``), passed through unchanged.
Timestamp = Annotated[str, Field(description="ISO 8601 date and time, with its UTC offset.")]


class Ok(BaseModel):
    """Every successful JSON answer carries ``"ok": true``."""

    ok: Literal[True]


class ErrorBody(BaseModel):
    code: str = Field(description="Stable machine-readable error code.")
    message: str = Field(description="The message in the operator's language (zh-CN or en).")
    details: dict[str, Any] = Field(description="Structured context: field, file, ids ...")


class ErrorOut(BaseModel):
    """The one JSON error envelope of the API."""

    ok: Literal[False]
    error: ErrorBody


_STATUSES = (
    (400, "Malformed request body (not JSON, not UTF-8, nested too deeply)"),
    (401, "Not logged in"),
    (403, "The role or a duty rule refuses the caller"),
    (404, "Not found"),
    (409, "Conflicts with the current state"),
    (422, "Invalid input: request parameters or body, or huashu.domain.InputError"),
)

#: documented on every router: the statuses the error handlers answer with the envelope.
ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorOut, "description": description} for status, description in _STATUSES
}

#: the same for a route whose own answer is not JSON (an image, a page, a stream): its errors
#: are still the JSON envelope (a ``model`` would be documented in the route's media type).
JSON_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
    }
    for status, description in _STATUSES
}


class HealthOut(Ok):
    version: str
