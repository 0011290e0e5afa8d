"""The 审计 page's reading of audit entries: actions and object types as words (approval.decide
-> 审批决定 / Review decided), details as labelled values in readable Chinese (statuses and
roles named, JSON written with ``ensure_ascii=False``), and the page's filters and paging."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from huashu.web.i18n import translator

#: entries per page
PAGE_SIZE = 50

#: action -> (zh, en)
ACTIONS: dict[str, tuple[str, str]] = {
    "approval.submit": ("提交审批", "Submitted for review"),
    "approval.decide": ("审批决定", "Review decided"),
    "approval.skip": ("未提交审批", "Left out of review"),
    "vote.approved": ("审批人通过", "Reviewer approved"),
    "vote.rejected": ("审批人驳回", "Reviewer rejected"),
    "campaign.planned": ("生成方案", "Plan made"),
    "campaign.start": ("开始投放", "Delivery started"),
    "creatives.drafted": ("生成草稿", "Drafts made"),
    "creatives.cell_empty": ("该格未生成草稿", "No draft for a cell"),
    "creative.edited": ("编辑素材", "Creative edited"),
    "channel_tasks.create": ("生成渠道任务", "Channel tasks made"),
    "brand.load": ("导入品牌包", "Brand pack loaded"),
    "user.create": ("新建用户", "User created"),
    "user.update": ("修改用户", "User changed"),
    "user.password": ("设置密码", "Password set"),
    "user.active": ("启用用户", "User enabled"),
    "user.inactive": ("停用用户", "User disabled"),
    "user.credentials_ended": ("登录凭证失效", "Sessions and tokens ended"),
    "token.create": ("创建 API 令牌", "API token created"),
    "token.revoke": ("吊销 API 令牌", "API token revoked"),
    "session.login": ("登录", "Logged in"),
    "incident.open": ("应急下架", "Taken down"),
    "incident.close": ("关闭应急事件", "Incident closed"),
    "target.create": ("新建投放目标", "Delivery target created"),
    "target.update": ("修改投放目标", "Delivery target changed"),
    "outbox.dead": ("投递失败，停止重试", "Delivery failed, retries stopped"),
    "outbox.retry": ("重新投递", "Delivery retried"),
    "policy.update": ("修改审批规则", "Review policy changed"),
    "audit_sample.create": ("抽样检查", "Picked for a spot check"),
    "audit_sample.passed": ("抽检通过", "Spot check passed"),
    "audit_sample.failed": ("抽检不通过", "Spot check failed"),
}

#: object type -> (zh, en)
OBJECTS: dict[str, tuple[str, str]] = {
    "campaign": ("活动", "Campaign"),
    "creative": ("素材", "Creative"),
    "approval": ("审批单", "Approval"),
    "user": ("用户", "User"),
    "token": ("API 令牌", "API token"),
    "brand": ("品牌", "Brand"),
    "delivery_target": ("投放目标", "Delivery target"),
    "incident": ("应急事件", "Incident"),
    "outbox": ("投递队列", "Outbox"),
    "audit_sample": ("抽样检查", "Spot check"),
}

#: detail key -> (zh, en)
KEYS: dict[str, tuple[str, str]] = {
    "from": ("原状态", "from"),
    "to": ("新状态", "to"),
    "status": ("状态", "status"),
    "reason": ("原因", "reason"),
    "role": ("角色", "role"),
    "comment": ("审批意见", "comment"),
    "note": ("备注", "note"),
    "brief": ("需求", "brief"),
    "name": ("名称", "name"),
    "approved": ("通过条数", "approved"),
    "rejected": ("驳回条数", "rejected"),
    "approval_id": ("审批单", "approval"),
    "acknowledged": ("已确认的提示", "acknowledged"),
    "username": ("用户名", "username"),
    "user": ("用户", "user"),
    "fields": ("字段", "fields"),
    "channels": ("渠道", "channels"),
    "channel": ("渠道", "channel"),
    "segment_key": ("人群", "segment"),
    "creatives": ("素材", "creatives"),
    "count": ("数量", "count"),
    "quorum": ("需几人通过", "quorum"),
    "auto_approve": ("自动通过", "auto approve"),
    "sample_rates": ("抽检比例", "sample rates"),
    "sessions": ("结束的会话", "sessions ended"),
    "tokens": ("失效的令牌", "tokens ended"),
}

#: page texts -> (zh, en)
TEXT: dict[str, tuple[str, str]] = {
    "detail": ("详情", "Details"),
    "raw": ("原始记录", "Raw record"),
    "all_actors": ("全部操作人", "All actors"),
    "all_actions": ("全部操作", "All actions"),
    "all_objects": ("全部对象类型", "All object types"),
    "object_id": ("对象编号", "Object ID"),
    "filter": ("筛选", "Filter"),
    "clear": ("清除筛选", "Clear filters"),
    "prev": ("上一页（较新）", "Newer"),
    "next": ("下一页（较早）", "Older"),
    "page": ("第 {page} / {pages} 页，共 {total} 条", "Page {page} of {pages} ({total} in all)"),
    "none": ("没有符合条件的记录", "No entries match"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "empty": ("（无）", "(none)"),
    "newest_first": ("最新的在前", "Newest first"),
    "time": ("时间（UTC）", "Time (UTC)"),
    "hash": ("哈希", "Hash"),
    "head": ("链头", "Head"),
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def text(key: str, lang: str, **fields: Any) -> str:
    value = _pick(TEXT[key], lang)
    return value.format(**fields) if fields else value


def _status(value: str, lang: str) -> str:
    return translator(lang).get(f"status.{value}", value)


def action_name(action: str, lang: str) -> str:
    """An action in words; a status move (``campaign.live``) reads 活动 → 投放中."""
    if action in ACTIONS:
        return _pick(ACTIONS[action], lang)
    kind, _, target = action.partition(".")
    if kind in ("campaign", "creative") and target:
        return f"{object_name(kind, lang)} → {_status(target, lang)}"
    if kind == "vote" and target:
        return f"{'投票' if lang != 'en' else 'Vote'}：{_status(target, lang)}"
    return action


def object_name(object_type: str, lang: str) -> str:
    return _pick(OBJECTS[object_type], lang) if object_type in OBJECTS else object_type


def _value(key: str, value: Any, lang: str) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return text("empty", lang)
    if isinstance(value, bool):
        return text("yes" if value else "no", lang)
    if key in ("from", "to", "status") and isinstance(value, str):
        return _status(value, lang)
    if key == "role" and isinstance(value, str):
        return translator(lang).get(f"role.{value}", value)
    if isinstance(value, str):
        return value
    scalar = (str, int, float)
    if isinstance(value, list) and all(isinstance(v, scalar) for v in value):
        return ("、" if lang != "en" else ", ").join(str(v) for v in value)
    if isinstance(value, dict) and all(isinstance(v, scalar) for v in value.values()):
        pairs = (f"{k}{'：' if lang != 'en' else ': '}{v}" for k, v in value.items())
        return ("；" if lang != "en" else "; ").join(pairs)
    return json.dumps(value, ensure_ascii=False)


@dataclass(frozen=True)
class Entry:
    id: int
    time: str
    actor: str
    action: str
    action_name: str
    object_type: str
    object_name: str
    object_id: str
    details: list[tuple[str, str]]
    raw: str
    hash: str


def entry(row: Mapping[str, Any], lang: str) -> Entry:
    detail = row.get("detail") or {}
    pairs = (
        [
            (_pick(KEYS[k], lang) if k in KEYS else str(k), _value(str(k), v, lang))
            for k, v in detail.items()
        ]
        if isinstance(detail, dict)
        else [("", json.dumps(detail, ensure_ascii=False))]
    )
    return Entry(
        id=int(row["id"]),
        time=str(row["ts"])[:19].replace("T", " "),
        actor=str(row["actor"]),
        action=str(row["action"]),
        action_name=action_name(str(row["action"]), lang),
        object_type=str(row["object_type"]),
        object_name=object_name(str(row["object_type"]), lang),
        object_id=str(row["object_id"]),
        details=pairs,
        raw=json.dumps(detail, ensure_ascii=False, indent=1, sort_keys=True) if detail else "",
        hash=str(row["hash"]),
    )


def options(values: list[str], words: Any, lang: str) -> list[tuple[str, str]]:
    """(value, label) pairs for a filter's select, sorted by label."""
    return sorted(((v, words(v, lang)) for v in values), key=lambda pair: pair[1])


def page_url(filters: Mapping[str, str], page: int) -> str:
    """The page's address with the current filters and ``page``."""
    query = {k: v for k, v in filters.items() if v}
    if page > 1:
        query["page"] = str(page)
    return "/audit" + ("?" + urlencode(query) if query else "")
