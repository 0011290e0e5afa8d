"""Reading the audit log (one page at a time, and its hash-chain verification; the numbered
pages the 审计 page shows, with the filter choices) and the post-hoc sampling audit (后置抽样检查):
list samples, pass or fail one. Each call is one store transaction."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from huashu.domain import InputError
from huashu.store import Store, repos
from huashu.store.audit import AuditVerification
from huashu.workflow import sampling

#: entries per page of the audit log: the default and the most one page holds.
AUDIT_PAGE = 100
AUDIT_PAGE_MAX = 1000


@dataclass(frozen=True)
class AuditFilter:
    """Entries of one object type, object, action and/or actor (None: any)."""

    object_type: str | None = None
    object_id: str | None = None
    action: str | None = None
    actor: str | None = None

    def where(self) -> dict[str, str | None]:
        """The filter as the keyword arguments of the store's audit queries."""
        return asdict(self)


@dataclass(frozen=True)
class AuditPage:
    """One page of the log, newest first: ``total`` entries match the filter;
    ``next_offset`` is the older page's offset, None on the last page."""

    entries: list[dict[str, Any]]
    total: int
    limit: int
    offset: int
    next_offset: int | None


def _page_bounds(limit: int, offset: int) -> None:
    if not 1 <= limit <= AUDIT_PAGE_MAX:
        raise InputError(
            f"limit must be between 1 and {AUDIT_PAGE_MAX}, got {limit}",
            message_zh=f"每页条数 limit 应在 1 到 {AUDIT_PAGE_MAX} 之间，收到 {limit}",
            code="bad_page",
            details={"limit": limit, "max": AUDIT_PAGE_MAX},
        )
    if offset < 0:
        raise InputError(
            f"offset must be 0 or more, got {offset}",
            message_zh=f"起始位置 offset 不能为负数，收到 {offset}",
            code="bad_page",
            details={"offset": offset},
        )


def audit_page(
    store: Store, chosen: AuditFilter, *, limit: int = AUDIT_PAGE, offset: int = 0
) -> AuditPage:
    """The page of ``limit`` entries from ``offset``; a ``limit`` outside 1 to 1000 or a
    negative ``offset`` raises ``bad_page``."""
    _page_bounds(limit, offset)
    where = chosen.where()
    with store.session() as s:
        total = repos.count_audit(s, **where)
        entries = (  # an offset past the end never reaches the database (any size is fine)
            repos.list_audit(s, **where, limit=limit, offset=offset, newest_first=True)
            if offset < total
            else []
        )
    more = offset + len(entries) < total
    return AuditPage(
        entries=entries,
        total=total,
        limit=limit,
        offset=offset,
        next_offset=offset + limit if more and entries else None,
    )


def latest_entries(
    store: Store, *, object_id: str | None = None, limit: int = AUDIT_PAGE
) -> list[dict[str, Any]]:
    """The newest ``limit`` entries (any number), optionally only those about ``object_id``;
    no count and no page bounds (``huashu audit log``)."""
    with store.session() as s:
        return repos.list_audit(s, object_id=object_id, limit=limit, newest_first=True)


def verify_audit(store: Store, expect_head: str | None = None) -> AuditVerification:
    """Walk the hash chain (and compare its head with ``expect_head`` when given)."""
    with store.session() as s:
        return repos.verify_audit(s, expect_head)


def list_samples(
    store: Store, *, brand_id: str | None = None, status: str | None = None
) -> list[dict[str, Any]]:
    """Audit samples oldest first, optionally of one brand and/or one status."""
    with store.session() as s:
        return sampling.list_samples(s, brand_id=brand_id, status=status)


def decide_sample(
    store: Store, sample_id: str, actor: str, passed: bool, note: str = ""
) -> dict[str, Any]:
    """Pass or fail a sample (audited); a failure takes the creative down and opens an
    incident."""
    with store.session() as s:
        return sampling.decide_sample(s, sample_id, actor, passed, note)


@dataclass(frozen=True)
class AuditLogPage:
    """Page ``page`` of ``pages`` (``page_size`` entries each, at least one page) of the log
    newest first, where ``total`` entries match the filter; the distinct actors, actions and
    object types of the whole log (``facets``, sorted) and the hash chain's verification."""

    entries: list[dict[str, Any]]
    total: int
    page: int
    pages: int
    facets: dict[str, list[str]]
    verification: AuditVerification


def audit_log_page(store: Store, chosen: AuditFilter, *, page: int, page_size: int) -> AuditLogPage:
    """The numbered ``page`` (from 1; a page past the last is held to the last) of
    ``page_size`` entries."""
    where = chosen.where()
    with store.session() as s:
        total = repos.count_audit(s, **where)
        pages = max(1, -(-total // page_size))
        page = min(page, pages)
        entries = repos.list_audit(
            s, **where, limit=page_size, offset=(page - 1) * page_size, newest_first=True
        )
        facets = repos.audit_facets(s)
        verification = repos.verify_audit(s)
    return AuditLogPage(entries, total, page, pages, facets, verification)
