"""What of a URL or an answer may be shown: credentials and secret-looking query values in a
URL, and known secrets (API keys, signing secrets) anywhere in a text, become ``***``."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx

#: a query parameter whose name contains one of these has its value redacted when shown.
SECRET_PARAMS = ("token", "key", "secret", "sig", "pass", "auth", "code", "credential")
HIDDEN = "***"


def _secret_param(name: str) -> bool:
    return any(s in name.lower() for s in SECRET_PARAMS)


def redact_url(url: str) -> str:
    """``url`` with its user info and secret-looking query values replaced by ``***``."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return HIDDEN
    netloc, query = parts.netloc, parts.query
    if "@" in netloc:
        netloc = f"{HIDDEN}@{netloc.rpartition('@')[2]}"
    pairs = parse_qsl(query, keep_blank_values=True)
    if any(v and _secret_param(k) for k, v in pairs):
        query = urlencode(
            [(k, HIDDEN if v and _secret_param(k) else v) for k, v in pairs], safe="*"
        )
    if (netloc, query) == (parts.netloc, parts.query):
        return url
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def url_secrets(url: str) -> list[str]:
    """The secrets a URL carries: its password and secret-looking query values (hidden in any
    text shown about a request to it, e.g. an answer echoing them)."""
    try:
        parts = urlsplit(url)
        password = parts.password
    except ValueError:
        return []
    found = [
        v for k, v in parse_qsl(parts.query) if v and any(s in k.lower() for s in SECRET_PARAMS)
    ]
    return [password, *found] if password else found


class RedactURLs(logging.Filter):
    """Shows redacted URLs in a library's log records (httpx logs every request's URL)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and any(_is_url(a) for a in record.args):
            record.args = tuple(redact_url(str(a)) if _is_url(a) else a for a in record.args)
        return True


def _is_url(value: object) -> bool:
    return isinstance(value, httpx.URL) or (isinstance(value, str) and "://" in value)


def hide_urls_in(logger: logging.Logger) -> None:
    """Attach :class:`RedactURLs` to ``logger`` once."""
    if not any(isinstance(f, RedactURLs) for f in logger.filters):
        logger.addFilter(RedactURLs())


def redact_text(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every non-empty secret replaced by ``***`` (longest first, so a secret
    that contains another is hidden whole)."""
    for secret in sorted({s for s in secrets if s}, key=len, reverse=True):
        text = text.replace(secret, HIDDEN)
    return text


def excerpt(text: str, limit: int, secrets: Iterable[str]) -> str:
    """At most ``limit`` characters of ``text`` with ``secrets`` hidden; hidden before it is
    cut, so a secret straddling the cut cannot leave part of itself behind."""
    return redact_text(text, secrets)[:limit]
