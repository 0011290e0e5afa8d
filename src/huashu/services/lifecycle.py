"""A campaign's life as operator actions: list and read campaigns, rename one, create its
channel tasks, start/pause/resume/archive it. Each change is one short transaction run by
``Store.run``, so a busy store is retried rather than failed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from huashu.services.approvals import creative_view
from huashu.services.naming import rename_campaign
from huashu.store import Store, repos
from huashu.workflow import tasks as wf_tasks
from huashu.workflow.lifecycle import Action, ActionResult, campaign_action


@dataclass(frozen=True)
class CampaignDetail:
    """The campaign's summary and every creative of it (:func:`creative_view`)."""

    campaign: dict[str, Any]
    creatives: list[dict[str, Any]]


@dataclass(frozen=True)
class Renamed:
    """The campaign after a rename; ``changed`` False when it already had the name."""

    campaign: dict[str, Any]
    changed: bool


def list_campaigns(store: Store) -> list[dict[str, Any]]:
    with store.session() as s:
        return repos.list_campaigns(s)


def get_campaign(store: Store, campaign_id: str) -> dict[str, Any]:
    """The campaign's summary; 404 ``not_found`` for an unknown id."""
    with store.session() as s:
        return repos.get_campaign(s, campaign_id)


def campaign_detail(store: Store, campaign_id: str) -> CampaignDetail:
    with store.session() as s:
        summary = repos.get_campaign(s, campaign_id)
        creatives = [
            creative_view(s, c.id) for c in repos.list_creatives(s, campaign_id=campaign_id)
        ]
    return CampaignDetail(summary, creatives)


def rename(store: Store, campaign_id: str, name: str, actor: str) -> Renamed:
    """Rename the campaign (audited, :func:`huashu.services.naming.rename_campaign`)."""
    done = store.run(lambda s: rename_campaign(s, campaign_id, name, actor))
    return Renamed(done["campaign"], done["changed"])


def create_tasks(
    store: Store, campaign_id: str, *, send_window: str, policy: str, actor: str
) -> list[dict[str, Any]]:
    """Create (or update) one channel task per channel x segment of the campaign's approved
    creatives; returns those tasks."""

    def work(s: Session) -> list[dict[str, Any]]:
        ids = wf_tasks.create_channel_tasks(s, campaign_id, send_window, policy, actor=actor)
        return [t for t in wf_tasks.list_channel_tasks(s, campaign_id) if t["id"] in ids]

    return store.run(work)


def list_tasks(store: Store, campaign_id: str | None = None) -> list[dict[str, Any]]:
    with store.session() as s:
        return wf_tasks.list_channel_tasks(s, campaign_id)


def act(
    store: Store,
    campaign_id: str,
    action: Action,
    *,
    actor: str,
    reason: str = "",
    confirm: bool = False,
) -> ActionResult:
    """Start, pause, resume or archive the campaign (:func:`campaign_action`): a repeat
    changes nothing (``changed`` False); a start while channels lack a delivery target gets
    409 ``no_delivery_target`` unless ``confirm``."""
    return store.run(
        lambda s: campaign_action(
            s, campaign_id, action, actor=actor, reason=reason, confirm=confirm
        )
    )
