"""Workflow services over the store: approval requests and decisions, then channel tasks.

Every function takes the ``Session`` of one ``Store.session()`` transaction and writes the
audit log; a raised :class:`~huashu.domain.InputError` leaves nothing written.
"""

from huashu.workflow.approvals import (
    REVIEWER_ROLES,
    decide_approval,
    get_approval,
    list_approvals,
    submit_for_approval,
)
from huashu.workflow.tasks import (
    audience_ref,
    check_send_window,
    create_channel_tasks,
    list_channel_tasks,
)

__all__ = [
    "REVIEWER_ROLES",
    "audience_ref",
    "check_send_window",
    "create_channel_tasks",
    "decide_approval",
    "get_approval",
    "list_approvals",
    "list_channel_tasks",
    "submit_for_approval",
]
