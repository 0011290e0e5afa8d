"""The store's bad-input errors: unknown ids and duplicate keys, in English and Chinese."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from huashu.domain import InputError, NotFound
from huashu.store.models import Base

#: object type -> its operator-facing (zh-CN) name.
OBJECT_NAMES_ZH: dict[str, str] = {
    "brand": "品牌",
    "brief": "需求",
    "campaign": "活动",
    "creative": "素材",
    "compliance_report": "合规报告",
    "user": "用户",
    "approval": "审批单",
    "channel_task": "投放任务",
}


def not_found(object_type: str, object_id: object) -> InputError:
    name_zh = OBJECT_NAMES_ZH.get(object_type, object_type)
    return NotFound(
        f"{object_type.replace('_', ' ')} {object_id!r} not found",
        message_zh=f"{name_zh} {object_id} 不存在",
        code="not_found",
        details={"object_type": object_type, "id": object_id},
    )


def duplicate(object_type: str, object_id: object) -> InputError:
    name_zh = OBJECT_NAMES_ZH.get(object_type, object_type)
    return InputError(
        f"{object_type.replace('_', ' ')} {object_id!r} already exists",
        message_zh=f"{name_zh} {object_id} 已存在",
        code="duplicate",
        details={"object_type": object_type, "id": object_id},
    )


def insert_new(session: Session, row: Base, object_type: str, object_id: object) -> None:
    """Insert ``row`` in a savepoint; a unique-key clash becomes a ``duplicate`` InputError.

    The surrounding transaction stays usable after the error.
    """
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError as err:
        raise duplicate(object_type, object_id) from err
