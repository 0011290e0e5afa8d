"""The life cycle table, cell by cell: every legal move succeeds and is audited with actor,
time and reason; every illegal one raises ``illegal_transition`` and changes nothing."""

from __future__ import annotations

from itertools import product

import pytest
from sqlalchemy import update

from huashu.domain import InputError
from huashu.store import Store, repos
from huashu.store.models import CampaignRow, CreativeRow
from huashu.workflow.states import Kind, transition

STATUSES = (
    "draft",
    "pending_review",
    "approved",
    "rejected",
    "scheduled",
    "live",
    "paused",
    "taken_down",
    "archived",
)
_AFTER_APPROVAL = {"scheduled", "live", "paused", "taken_down", "archived"}
# Written out from the issue, independently of huashu.workflow.states.
LEGAL: dict[Kind, dict[str, set[str]]] = {
    "creative": {
        "draft": {"pending_review", "archived"},
        "pending_review": {"approved", "rejected", "draft"},
        "approved": _AFTER_APPROVAL,
        "rejected": {"draft", "archived"},
        "scheduled": {"live", "paused", "taken_down", "archived"},
        "live": {"paused", "taken_down", "archived"},
        "paused": {"live", "taken_down", "archived"},
        "taken_down": {"archived"},
        "archived": set(),
    },
    "campaign": {
        "draft": {"pending_review", "archived"},
        "pending_review": {"approved", "rejected", "draft"},
        "approved": _AFTER_APPROVAL | {"pending_review"},
        "rejected": {"draft", "pending_review", "archived"},
        "scheduled": {"live", "paused", "taken_down", "archived"},
        "live": {"paused", "taken_down", "archived"},
        "paused": {"live", "taken_down", "archived"},
        "taken_down": {"archived"},
        "archived": set(),
    },
}
CELLS = [
    (kind, a, b) for kind, a, b in product(("creative", "campaign"), STATUSES, STATUSES) if a != b
]


def _force(store: Store, kind: Kind, object_id: str, status: str) -> None:
    table = CreativeRow if kind == "creative" else CampaignRow
    with store.session() as s:
        s.execute(update(table).where(table.id == object_id).values(status=status))


def _status(store: Store, kind: Kind, object_id: str) -> str:
    with store.session() as s:
        if kind == "creative":
            return repos.get_creative_status(s, object_id)
        return str(repos.get_campaign(s, object_id)["status"])


def test_every_cell_of_the_table(store: Store, campaign_id: str) -> None:
    objects: dict[Kind, str] = {"creative": "c-pass", "campaign": campaign_id}
    for kind, current, target in CELLS:
        object_id = objects[kind]
        _force(store, kind, object_id, current)
        with store.session() as s:
            before = len(repos.list_audit(s, object_id=object_id))
        if target in LEGAL[kind][current]:
            with store.session() as s:
                assert (
                    transition(s, kind, object_id, target, actor="laoli", reason="cell") == current
                )
            assert _status(store, kind, object_id) == target
            with store.session() as s:
                entries = repos.list_audit(s, object_id=object_id)
            assert len(entries) == before + 1
            last = entries[-1]
            assert (last["actor"], last["action"]) == ("laoli", f"{kind}.{target}")
            assert last["detail"] == {"from": current, "to": target, "reason": "cell"}
            assert last["ts"]
        else:
            with pytest.raises(InputError) as err, store.session() as s:
                transition(s, kind, object_id, target, actor="laoli")
            assert err.value.code == "illegal_transition", (kind, current, target)
            assert err.value.details["from"] == current
            assert "不能从" in err.value.message_zh
            assert _status(store, kind, object_id) == current
            with store.session() as s:
                assert len(repos.list_audit(s, object_id=object_id)) == before


def test_same_status_is_a_no_op_and_unknown_status_is_refused(
    store: Store, campaign_id: str
) -> None:
    with store.session() as s:
        assert transition(s, "creative", "c-pass", "draft", actor="x") == "draft"
        assert repos.list_audit(s, object_id="c-pass") == []
    with pytest.raises(InputError) as err, store.session() as s:
        transition(s, "creative", "c-pass", "deleted", actor="x")
    assert err.value.code == "invalid_status"
