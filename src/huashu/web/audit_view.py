"""The 审计 page's reading of audit entries: actions and object types as words (approval.decide
-> 审批决定 / Review decided), details as labelled values in readable Chinese (statuses and
roles named, JSON written with ``ensure_ascii=False``), and the page's filters and paging."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from huashu.web.i18n import channel_name, field_label, translator

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
    "campaign.renamed": ("重命名活动", "Campaign renamed"),
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
    "campaign_id": ("活动", "campaign"),
    "campaigns": ("活动", "campaigns"),
    "creative_id": ("素材", "creative"),
    "creative_ids": ("素材", "creatives"),
    "removed_creative_ids": ("移除的素材", "creatives removed"),
    "skipped": ("未提交的素材", "left out"),
    "affected": ("受影响素材", "creatives affected"),
    "in_review": ("审批中被驳回的素材", "rejected in review"),
    "kind": ("类型", "kind"),
    "scope": ("范围", "scope"),
    "by": ("下架方式", "by"),
    "value": ("对象", "value"),
    "brand_id": ("品牌", "brand"),
    "incident_id": ("应急事件", "incident"),
    "missing_targets": ("无投放目标的渠道", "channels without a target"),
    "confirmed": ("已确认", "confirmed"),
    "verdict": ("合规结论", "verdict"),
    "before": ("修改前", "before"),
    "after": ("修改后", "after"),
    "n": ("条数", "number"),
    "task_ids": ("渠道任务", "channel tasks"),
    "tasks_cancelled": ("取消的渠道任务", "tasks cancelled"),
    "tasks_updated": ("更新的渠道任务", "tasks updated"),
    "send_window": ("发送时段", "send window"),
    "policy": ("规则", "policy"),
    "risk_tier": ("风险等级", "risk tier"),
    "draw": ("抽样值", "draw"),
    "rate": ("抽检比例", "rate"),
    "submitted_by": ("提交人", "submitted by"),
    "target_id": ("投放目标", "delivery target"),
    "last_error": ("错误", "error"),
    "dry_run": ("仅预览", "preview only"),
}

#: machine-given reasons (transitions, credential ends) -> (zh, en); people's reasons as written
REASONS: dict[str, tuple[str, str]] = {
    "start": ("开始投放", "delivery started"),
    "pause": ("暂停投放", "paused"),
    "resume": ("恢复投放", "resumed"),
    "archive": ("归档", "archived"),
    "tasks": ("生成渠道任务", "channel tasks made"),
    "edited": ("编辑素材", "creative edited"),
    "auto": ("自动通过", "approved automatically"),
    "password": ("修改密码", "password changed"),
    "deactivated": ("停用用户", "user disabled"),
    "takedown": ("应急下架", "taken down"),
}
#: keys whose values are channels; keys whose values map a creative's fields to text
_CHANNEL_KEYS = frozenset({"channel", "channels", "missing_targets"})
_FIELD_KEYS = frozenset({"before", "after", "fields"})

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


def _word(key: str, value: str, lang: str) -> str:
    """A machine word of the log in the reader's words (statuses, roles, channels, reasons,
    verdicts, incident kinds, take-down scopes); anything else as written."""
    t = translator(lang)
    if key in ("from", "to", "status"):
        return _status(value, lang)
    if key == "role":
        return t.get(f"role.{value}", value)
    if key in _CHANNEL_KEYS:
        return channel_name(value, lang)
    if key == "reason" and value in REASONS:
        return _pick(REASONS[value], lang)
    if key == "verdict":
        return t.get(f"verdict.{value}", value)
    if key == "kind":
        return t.get(f"emergency.kind.{value}", value)
    if key == "by":
        return t.get(f"emergency.by.{value}", value)
    return value


def _value(key: str, value: Any, lang: str) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return text("empty", lang)
    if isinstance(value, bool):
        return text("yes" if value else "no", lang)
    if isinstance(value, str):
        return _word(key, value, lang)
    scalar = (str, int, float)
    if isinstance(value, list) and all(isinstance(v, scalar) for v in value):
        words = (_word(key, v, lang) if isinstance(v, str) else str(v) for v in value)
        return ("、" if lang != "en" else ", ").join(words)
    if isinstance(value, dict):
        colon = "：" if lang != "en" else ": "
        fields = key in _FIELD_KEYS  # a creative's fields: 标题, 副标题
        pairs = (
            f"{field_label('', str(k), lang) if fields else _label(str(k), lang)}{colon}"
            f"{_value(str(k), v, lang)}"
            for k, v in value.items()
        )
        return ("；" if lang != "en" else "; ").join(pairs)
    return json.dumps(value, ensure_ascii=False)


def _label(key: str, lang: str) -> str:
    return _pick(KEYS[key], lang) if key in KEYS else key


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
        [(_label(str(k), lang), _value(str(k), v, lang)) for k, v in detail.items()]
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
