"""The campaign and creative life cycle over the store: approvals with quorum and separation
of duties, brand policies, channel tasks, start/pause/resume/archive, sampled audits, emergency
take-downs, and the outbox with its sender to webhook and file targets.

A state change takes the ``Session`` of one ``Store.session()`` transaction and writes the
audit log (and any outbox message) in it; a raised :class:`~huashu.domain.InputError` leaves
nothing written. The sender (:mod:`huashu.workflow.delivery`) runs after commit and opens its
own transactions.
"""

from huashu.workflow.approvals import (
    REVIEWER_ROLES,
    decide_approval,
    get_approval,
    list_approvals,
    submit_for_approval,
)
from huashu.workflow.sampling import auto_approve, decide_sample, list_samples
from huashu.workflow.takedown import close_incident, get_incident, list_incidents, take_down
from huashu.workflow.tasks import (
    audience_ref,
    check_send_window,
    create_channel_tasks,
    list_channel_tasks,
)

__all__ = [
    "REVIEWER_ROLES",
    "audience_ref",
    "auto_approve",
    "check_send_window",
    "close_incident",
    "create_channel_tasks",
    "decide_approval",
    "decide_sample",
    "get_approval",
    "get_incident",
    "list_approvals",
    "list_channel_tasks",
    "list_incidents",
    "list_samples",
    "submit_for_approval",
    "take_down",
]
