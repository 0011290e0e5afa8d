"""The account services on a real store: users, logins with their limits, sessions and API
tokens; each action's typed result and the errors it raises."""

from __future__ import annotations

from datetime import timedelta

import pytest

from huashu.domain import InputError, NotFound
from huashu.services import accounts
from huashu.store import Store, logins, repos

LIMITS = logins.LoginLimits(max_failures=2, window=timedelta(minutes=5))
TTL = timedelta(hours=1)
PASSWORD = "correct horse battery"


def _log_in(store: Store, password: str, client: str = "10.0.0.1") -> accounts.LoggedIn | None:
    return accounts.log_in(store, "ops", password, client, limits=LIMITS, ttl=TTL)


@pytest.fixture
def ops(store: Store) -> Store:
    accounts.create_user(store, "root", "admin", actor="system")
    accounts.create_user(store, "ops", "operator", password=PASSWORD, actor="root")
    return store


def test_users_are_created_once_and_updated(ops: Store) -> None:
    assert [u.username for u in accounts.list_users(ops)] == ["ops", "root"]
    with pytest.raises(InputError) as dup:
        accounts.create_user(ops, "ops", "analyst", actor="root")
    assert (dup.value.code, dup.value.details) == ("duplicate", {"username": "ops"})
    updated = accounts.update_user(ops, "ops", role="reviewer", actor="root")
    assert (updated.role, updated.active) == ("reviewer", True)
    assert not accounts.update_user(ops, "ops", active=False, actor="root").active
    with pytest.raises(InputError) as missing:
        accounts.update_user(ops, "nobody", role="admin", actor="root")
    assert (missing.value.code, missing.value.message_zh) == ("not_found", "用户 nobody 不存在")
    assert isinstance(missing.value, NotFound) and missing.value.status == 404
    with ops.session() as s:
        actions = [e["action"] for e in repos.list_audit(s, object_id="ops")]
    assert actions.count("user.create") == 1 and actions.count("user.update") == 1


def test_login_session_and_logout(ops: Store) -> None:
    assert _log_in(ops, "wrong password") is None
    done = _log_in(ops, PASSWORD)
    assert done is not None and done.user.username == "ops"
    found = accounts.user_for_session(ops, done.cookie)
    assert found is not None and (found[0].username, found[1]) == ("ops", done.csrf)
    accounts.log_out(ops, done.cookie)
    assert accounts.user_for_session(ops, done.cookie) is None


def test_failed_logins_are_refused_for_a_while(ops: Store) -> None:
    assert _log_in(ops, "nope 1") is None
    assert _log_in(ops, "nope 2") is None
    with pytest.raises(logins.LoginRefused) as refused:
        _log_in(ops, PASSWORD)
    assert refused.value.scope == "account" and refused.value.retry_after > 0
    assert _log_in(ops, PASSWORD, client="10.0.0.2") is not None  # another address


def test_tokens_are_shown_once_and_revoked_by_their_owner(ops: Store) -> None:
    made = accounts.create_token(ops, "ops", "ci", actor="root")
    assert made.username == "ops" and made.token
    user = accounts.user_for_token(ops, made.token)
    assert user is not None and user.username == "ops"
    assert [t.id for t in accounts.list_tokens(ops, "ops")] == [made.id]
    assert accounts.list_tokens(ops, "root") == []
    with pytest.raises(accounts.NotTokenOwner) as refused:
        accounts.revoke_token(ops, made.id, actor="root", any_owner=False)
    assert refused.value.status == 403 and refused.value.code == "forbidden"
    assert accounts.user_for_token(ops, made.token) is not None
    revoked = accounts.revoke_token(ops, made.id, actor="ops", any_owner=False)
    assert revoked.id == made.id
    assert accounts.user_for_token(ops, made.token) is None
    assert accounts.user_for_token(ops, "not-a-token") is None


def test_create_user_existing_ok_creates_or_updates_and_audits_each_time(ops: Store) -> None:
    """``huashu users add``: no duplicate error; ``user.create`` before ``user.password``."""
    made = accounts.create_user(
        ops, "li", "analyst", display_name="小李", actor="cli", existing_ok=True
    )
    assert (made.username, made.role, made.display_name, made.has_password) == (
        "li",
        "analyst",
        "小李",
        False,
    )
    again = accounts.create_user(
        ops, "li", "reviewer", password="long-enough-pw", actor="cli", existing_ok=True
    )
    assert (again.role, again.display_name, again.has_password) == ("reviewer", "小李", True)
    with pytest.raises(InputError) as weak:  # the whole change rolls back
        accounts.create_user(ops, "li", "admin", password="short", actor="cli", existing_ok=True)
    assert weak.value.code == "weak_password"
    assert next(u for u in accounts.list_users(ops) if u.username == "li").role == "reviewer"
    with ops.session() as s:
        creates = repos.list_audit(s, action="user.create", object_id="li")
        last_two = [e["action"] for e in repos.list_audit(s, limit=2, newest_first=True)]
    assert [e["detail"] for e in creates] == [{"role": "analyst"}, {"role": "reviewer"}]
    assert last_two == ["user.password", "user.create"]


def test_set_password_ends_tokens_and_checks_length_first(ops: Store) -> None:
    made = accounts.create_token(ops, "ops", "ci", actor="root")
    with pytest.raises(InputError) as weak:
        accounts.set_password(ops, "nobody", "short", actor="cli")
    assert weak.value.code == "weak_password"
    with pytest.raises(InputError) as missing:
        accounts.set_password(ops, "nobody", "long-enough-pw", actor="cli")
    assert (missing.value.code, missing.value.message_zh) == ("not_found", "用户 nobody 不存在")
    assert str(missing.value) == "user 'nobody' not found"
    user = accounts.set_password(ops, "ops", "another-long-pw", actor="cli")
    assert user.username == "ops" and user.has_password
    assert accounts.user_for_token(ops, made.token) is None
    assert _log_in(ops, "another-long-pw") is not None


def test_set_active_ends_credentials_for_good(ops: Store) -> None:
    made = accounts.create_token(ops, "ops", "ci", actor="root")
    assert not accounts.set_active(ops, "ops", False, actor="cli").active
    assert accounts.user_for_token(ops, made.token) is None
    assert not accounts.set_active(ops, "ops", False, actor="cli").active  # no change, no error
    assert accounts.set_active(ops, "ops", True, actor="cli").active
    assert accounts.user_for_token(ops, made.token) is None  # reactivating brings none back
    with pytest.raises(InputError) as missing:
        accounts.set_active(ops, "nobody", True, actor="cli")
    assert missing.value.code == "not_found"
    with ops.session() as s:
        actions = [e["action"] for e in repos.list_audit(s, object_type="user")]
    assert actions.count("user.inactive") == 1 and actions.count("user.active") == 1
