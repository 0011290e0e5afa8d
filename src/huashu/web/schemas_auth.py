"""Response models of the log-in, token and user routes (:mod:`huashu.web.api_auth`)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from huashu.web.schemas_common import Ok, Timestamp


class UserOut(BaseModel):
    id: str
    username: str
    display_name: str
    role: str
    active: bool
    has_password: bool


class LoginOut(Ok):
    user: UserOut
    csrf_token: str = Field(description="Send it as X-CSRF-Token on changes made with the cookie.")


class MeOut(Ok):
    user: UserOut
    via: Literal["session", "token"]
    csrf_token: str | None = Field(description="The session's CSRF token; null for a token.")


class TokenInfoOut(BaseModel):
    id: str
    username: str
    name: str
    prefix: str
    created_at: Timestamp
    last_used_at: Timestamp | None
    revoked_at: Timestamp | None


class TokensOut(Ok):
    tokens: list[TokenInfoOut]


class NewTokenOut(Ok):
    id: str
    token: str = Field(description="The token itself: shown this once, never again.")
    username: str


class TokenOut(Ok):
    token: TokenInfoOut


class UsersOut(Ok):
    users: list[UserOut]


class UserEnvelope(Ok):
    user: UserOut
