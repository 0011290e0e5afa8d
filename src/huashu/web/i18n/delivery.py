"""投放 and 应急's words: campaign controls, the start confirmation, allocation and
posterior, take-downs and incidents."""

from __future__ import annotations

ZH: dict[str, str] = {
    "delivery.title": "投放",
    "delivery.empty": "还没有投放策略快照",
    "delivery.snapshot": "快照",
    "delivery.rebuild": "刷新快照",
    "delivery.alloc": "分配比例",
    "delivery.posterior": "点击率后验（95% 区间）",
    "delivery.impressions": "曝光",
    "delivery.clicks": "点击",
    "delivery.burn_in": "冷启动",
    "delivery.history": "分配随时间变化",
    "delivery.campaigns": "活动",
    "delivery.pause": "暂停",
    "delivery.resume": "恢复",
    "delivery.start": "开始投放",
    "delivery.tasks": "生成渠道任务",
    "delivery.start_new": "投放新素材",
    "delivery.confirm_title": "确认开始投放？",
    "delivery.confirm_body": (
        "活动“{campaign}”（{id}）的以下渠道没有投放目标：{channels}。开始投放后，"
        "这些渠道的任务不会发给任何系统。仍要开始投放吗？"
    ),
    "delivery.confirm_start": "仍然开始投放",
    "delivery.cancel": "取消",
    "emergency.title": "应急下架",
    "emergency.by": "下架范围",
    "emergency.by.creative": "按素材",
    "emergency.by.term": "按词语",
    "emergency.by.regex": "按正则",
    "emergency.by.campaign": "按活动",
    "emergency.by.brand": "按品牌",
    "emergency.value": "对象",
    "emergency.reason": "原因",
    "emergency.preview": "预览影响",
    "emergency.confirm": "确认下架",
    "emergency.affected": "受影响素材",
    "emergency.incidents": "事件列表",
    "emergency.live": "在投素材",
    "emergency.live_hint": "投放中的活动里正在投放、决策接口会返回的素材",
    "emergency.waiting": "待上线素材",
    "emergency.waiting_hint": (
        "已通过或已排期、活动开始或恢复投放后会上线的素材；现在下架可阻止上线"
    ),
    "emergency.none": "没有",
    "emergency.kind.takedown": "下架",
    "emergency.close": "关闭事件",
}

EN: dict[str, str] = {
    "delivery.title": "Delivery",
    "delivery.empty": "No policy snapshot yet",
    "delivery.snapshot": "Snapshot",
    "delivery.rebuild": "Rebuild snapshot",
    "delivery.alloc": "Allocation",
    "delivery.posterior": "CTR posterior (95% interval)",
    "delivery.impressions": "Impressions",
    "delivery.clicks": "Clicks",
    "delivery.burn_in": "Burn-in",
    "delivery.history": "Allocation over time",
    "delivery.campaigns": "Campaigns",
    "delivery.pause": "Pause",
    "delivery.resume": "Resume",
    "delivery.start": "Start",
    "delivery.tasks": "Create channel tasks",
    "delivery.start_new": "Start new creatives",
    "delivery.confirm_title": "Start delivery?",
    "delivery.confirm_body": (
        "Campaign {campaign} ({id}) has no delivery target for: {channels}. Once it is "
        "started, the tasks of these channels are sent nowhere. Start anyway?"
    ),
    "delivery.confirm_start": "Start anyway",
    "delivery.cancel": "Cancel",
    "emergency.title": "Emergency take-down",
    "emergency.by": "Scope",
    "emergency.by.creative": "Creative",
    "emergency.by.term": "Term",
    "emergency.by.regex": "Regex",
    "emergency.by.campaign": "Campaign",
    "emergency.by.brand": "Brand",
    "emergency.value": "Target",
    "emergency.reason": "Reason",
    "emergency.preview": "Preview",
    "emergency.confirm": "Confirm take-down",
    "emergency.affected": "Affected creatives",
    "emergency.incidents": "Incidents",
    "emergency.live": "Live creatives",
    "emergency.live_hint": "On air in live campaigns: what the decide API serves now",
    "emergency.waiting": "Waiting to go live",
    "emergency.waiting_hint": (
        "Approved or scheduled: on air once their campaign starts or resumes; taking one down "
        "now keeps it off air"
    ),
    "emergency.none": "None",
    "emergency.kind.takedown": "Take-down",
    "emergency.close": "Close",
}
