"""Every repository function in one namespace: ``from huashu.store import repos``.

Each takes the ``Session`` of one ``Store.session()`` transaction and converts between rows
and domain values; the functions live in brands, campaigns, creatives, users and audit.
"""

from huashu.store.audit import (
    AuditVerification,
    audit,
    audit_facets,
    count_audit,
    list_audit,
    verify_audit,
)
from huashu.store.brands import (
    get_brand_pack,
    get_brand_yaml,
    get_brief,
    get_facts,
    get_segments,
    list_brands,
    save_brand,
    save_brief,
    save_segments,
)
from huashu.store.campaigns import (
    create_campaign,
    get_campaign,
    list_campaigns,
    set_campaign_status,
)
from huashu.store.creatives import (
    blocked_creative_ids,
    get_creative,
    get_creative_status,
    get_report,
    list_creatives,
    on_air_creatives,
    report_for_creative,
    save_creative,
    save_report,
    set_creative_status,
)
from huashu.store.generation import (
    StoredTurn,
    YieldSummary,
    list_turns,
    record_yield,
    save_turns,
    yield_summary,
)
from huashu.store.users import User, ensure_user, get_user, list_users

__all__ = [
    "AuditVerification",
    "StoredTurn",
    "User",
    "YieldSummary",
    "audit",
    "audit_facets",
    "blocked_creative_ids",
    "count_audit",
    "create_campaign",
    "ensure_user",
    "get_brand_pack",
    "get_brand_yaml",
    "get_brief",
    "get_campaign",
    "get_creative",
    "get_creative_status",
    "get_facts",
    "get_report",
    "get_segments",
    "get_user",
    "list_audit",
    "list_brands",
    "list_campaigns",
    "list_creatives",
    "list_turns",
    "list_users",
    "on_air_creatives",
    "record_yield",
    "report_for_creative",
    "save_brand",
    "save_brief",
    "save_creative",
    "save_report",
    "save_segments",
    "save_turns",
    "set_campaign_status",
    "set_creative_status",
    "verify_audit",
    "yield_summary",
]
