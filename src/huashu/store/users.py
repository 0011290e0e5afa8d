"""Users of the operations platform and their roles (operator, reviewer, analyst, admin)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from huashu.domain import InputError
from huashu.store.models import ROLES, UserRow, new_id


@dataclass(frozen=True)
class User:
    id: str
    username: str
    display_name: str
    role: str
    active: bool = True
    has_password: bool = False

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "username": self.username,
            "display_name": self.display_name,
            "role": self.role,
            "active": self.active,
            "has_password": self.has_password,
        }


def to_user(row: UserRow) -> User:
    return User(
        id=row.id,
        username=row.username,
        display_name=row.display_name,
        role=row.role,
        active=row.active,
        has_password=row.password_hash is not None,
    )


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise InputError(
            f"unknown role {role!r}; expected one of: {', '.join(ROLES)}",
            message_zh=f"未知角色 {role}，可选：{'、'.join(ROLES)}",
            code="invalid_role",
            details={"role": role, "allowed": list(ROLES)},
        )


def ensure_user(session: Session, username: str, role: str, display_name: str = "") -> str:
    """Create the user, or bring an existing one to this role and display name; return its id."""
    _check_role(role)
    if not username.strip():
        raise InputError(
            "username must not be empty", message_zh="用户名不能为空", code="invalid_user"
        )
    row = session.scalar(select(UserRow).where(UserRow.username == username))
    if row is None:
        row = UserRow(
            id=new_id("user"),
            username=username,
            display_name=display_name or username,
            role=role,
            active=True,
        )
        session.add(row)
    else:
        row.role = role
        row.display_name = display_name or row.display_name
    session.flush()
    return row.id


def get_user(session: Session, username: str) -> User | None:
    row = session.scalar(select(UserRow).where(UserRow.username == username))
    if row is None:
        return None
    return to_user(row)


def list_users(session: Session) -> list[User]:
    rows = session.scalars(select(UserRow).order_by(UserRow.username))
    return [to_user(r) for r in rows]
