"""The delivery-target, outbox, brand and banner-source services on a real store."""

from __future__ import annotations

import pytest

from huashu.domain import InputError
from huashu.services import targets
from huashu.services.brands import brand_pack, list_brands
from huashu.services.preview import banner_source
from huashu.store import Store, repos
from huashu.workflow.netguard import AddressGuard

LOOPBACK = AddressGuard.allowing("127.0.0.0/8")


def test_targets_keep_the_secret_back(store: Store, campaign_id: str) -> None:
    hook = targets.create_target(
        store,
        name="CRM",
        kind="webhook",
        address="http://127.0.0.1:9/hook",
        channels=["sms"],
        brand_id=None,
        secret=None,
        actor="root",
        guard=LOOPBACK,
    )
    assert hook.secret is not None and hook.secret not in str(hook.target)
    export = targets.create_target(
        store,
        name="导出",
        kind="file",
        address="exports",
        channels=[],
        brand_id="chuntian-bank",
        secret=None,
        actor="root",
        guard=LOOPBACK,
    )
    assert export.secret is None
    rotated = targets.update_target(
        store,
        hook.target["id"],
        actor="root",
        name=None,
        address=None,
        channels=None,
        active=None,
        rotate_secret=True,
        secret=None,
        guard=LOOPBACK,
    )
    assert rotated.secret not in (None, hook.secret)
    kept = targets.update_target(
        store,
        export.target["id"],
        actor="root",
        name=None,
        address=None,
        channels=None,
        active=False,
        rotate_secret=False,
        secret=None,
        guard=LOOPBACK,
    )
    assert kept.secret is None and kept.target["active"] is False
    assert {t["id"] for t in targets.list_targets(store)} == {
        hook.target["id"],
        export.target["id"],
    }
    with pytest.raises(InputError) as refused:
        targets.create_target(
            store,
            name="内网",
            kind="webhook",
            address="http://10.1.2.3/hook",
            channels=[],
            brand_id=None,
            secret=None,
            actor="root",
            guard=AddressGuard(),
        )
    assert refused.value.code == "blocked_address"
    with store.session() as s:
        actions = [e["action"] for e in repos.list_audit(s, object_type="delivery_target")]
    assert actions == ["target.create", "target.create", "target.update", "target.update"]


def test_outbox_reads_and_an_unknown_message(store: Store, campaign_id: str) -> None:
    assert targets.list_outbox(store, status=None, target_id=None, limit=10, full_errors=True) == []
    with pytest.raises(InputError) as missing:
        targets.retry_message(store, 404, actor="root")
    assert missing.value.code == "not_found"


def test_brands_and_banner_source(store: Store, campaign_id: str) -> None:
    assert [b["id"] for b in list_brands(store)] == ["chuntian-bank"]
    assert brand_pack(store, "chuntian-bank").id == "chuntian-bank"
    source = banner_source(store, "c-home")
    assert (source.creative.id, source.pack.id) == ("c-home", "chuntian-bank")
    with pytest.raises(InputError) as unknown:
        brand_pack(store, "nobody")
    assert unknown.value.code == "not_found"
