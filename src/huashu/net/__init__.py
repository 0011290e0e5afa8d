"""Outbound HTTP: one retrying client layer (:mod:`huashu.net.http`) and what of a URL or an
answer may be shown (:mod:`huashu.net.redact`). Imports nothing of huashu but ``domain``."""

from huashu.net.aio import AsyncHttpClient
from huashu.net.http import Exchange, HostLimits, HttpClient, UpstreamHTTPError, host_key
from huashu.net.policy import (
    API_RETRY_STATUS,
    TRANSIENT_STATUS,
    ApiCallSettings,
    HttpPolicy,
    api_policy,
    backoff_delay,
    check_api_call_settings,
    parse_retry_after,
)
from huashu.net.redact import SECRET_PARAMS, excerpt, redact_text, redact_url

__all__ = [
    "API_RETRY_STATUS",
    "SECRET_PARAMS",
    "TRANSIENT_STATUS",
    "ApiCallSettings",
    "AsyncHttpClient",
    "Exchange",
    "HostLimits",
    "HttpClient",
    "HttpPolicy",
    "UpstreamHTTPError",
    "api_policy",
    "backoff_delay",
    "check_api_call_settings",
    "excerpt",
    "host_key",
    "parse_retry_after",
    "redact_text",
    "redact_url",
]
