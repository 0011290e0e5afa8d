"""知识库, 数据 and 审计's words."""

from __future__ import annotations

ZH: dict[str, str] = {
    "kb.title": "知识库",
    "kb.brand": "品牌",
    "kb.no_brand": "未标品牌",
    "kb.version": "版本",
    "kb.latest": "（最新）",
    "kb.versions": "共 {n} 个版本",
    "kb.empty_title": "知识库还是空的",
    "kb.empty_what": (
        "知识库从真实投放中学习：每个人群里，哪些说法让点击变多、哪些让点击变少。它会这样慢慢填满："
    ),
    "kb.empty_step1": "活动审批通过并开始投放，素材获得曝光和点击；",
    "kb.empty_step2": "系统{cadence}自动学习一次，有新数据就保存一个新版本；",
    "kb.empty_step2_off": "自动学习已关闭（设置 kb_distill_seconds 为 0），需要手动学习；",
    "kb.empty_step3": "想马上看到结果，可请管理员运行",
    "kb.empty_or_api": "（或调用接口 ",
    "kb.empty_end": "）立即学习。",
    "kb.updated": "{when} 更新",
    "kb.trained": "学习自 {creatives} 条素材、{impressions} 次展示、{clicks} 次点击",
    "kb.version_id": "版本号",
    "kb.help": (
        "提升：用了这个说法的素材，点击几率比同一位置的其他说法（词语、结构：比不用它）"
        "高或低多少。{level} 区间：真实效果有 {level} 的把握落在这个范围里；"
        "整段区间都在 0 以上才建议“用”，都在 0 以下才建议“少用”。"
        "展示少于 {min} 次的说法不下结论。"
    ),
    "kb.search": "搜索",
    "kb.search_placeholder": "搜索人群或说法，如 养殖户、补贴、催促用语",
    "kb.clear": "清除",
    "kb.per": "每页人群数",
    "kb.no_match": "没有与“{q}”相关的人群或说法。",
    "kb.show_all": "查看全部人群",
    "kb.segments": "人群",
    "kb.count": "共 {n} 个，按展示量排序",
    "kb.matched": "{n} / {total} 个与“{q}”相关",
    "kb.impressions": "次展示",
    "kb.use": "用",
    "kb.avoid": "少用",
    "kb.hits": "{n} 个说法匹配",
    "kb.top": "最该用：",
    "kb.prev": "上一页",
    "kb.next": "下一页",
    "kb.page": "第 {page} / {pages} 页",
    "kb.base_ctr": "平均点击率",
    "kb.found": "包含“{q}”的说法",
    "kb.use_hint": "点击明显更多，写文案时优先用",
    "kb.avoid_hint": "点击明显更少，尽量不用",
    "kb.none_use": "暂时没有把握足够的说法。",
    "kb.none_avoid": "暂时没有明显拉低点击的说法。",
    "kb.no_verdict": (
        "这个人群还没有足够把握的结论：继续投放、积累展示后会更新。下图是展示最多的说法，"
        "区间跨过 0 说明还看不出好坏。"
    ),
    "kb.more": "另外 {n} 条",
    "kb.example": "用过它的素材：",
    "kb.chart": "提升与 {level} 区间",
    "kb.chart_how": "竖线是估计的提升，横条是 {level} 区间，中间的线是 0",
    "kb.v.use": "用",
    "kb.v.avoid": "少用",
    "kb.v.unsure": "尚无定论",
    "kb.v.thin": "样本不足",
    "kb.changes": "与上一版相比",
    "kb.first_version": "这是第一个版本，还没有可比较的上一版。",
    "kb.no_changes": "这个人群的建议没有变化。",
    "data.title": "增长与归因",
    "data.empty": "还没有数据：请先导入注册、行为与成本",
    "data.computed": "数据更新于 {when}",
    "data.updating": "新数据正在计算，稍后刷新可见",
    "audit.title": "审计日志",
    "audit.verified": "哈希链校验通过",
    "audit.broken": "哈希链校验失败",
}

EN: dict[str, str] = {
    "kb.title": "Knowledge base",
    "kb.brand": "Brand",
    "kb.no_brand": "No brand",
    "kb.version": "Version",
    "kb.latest": " (latest)",
    "kb.versions": "{n} versions",
    "kb.empty_title": "The knowledge base is empty",
    "kb.empty_what": (
        "The knowledge base learns from real delivery: per segment, which wording brings more "
        "clicks and which brings fewer. It fills like this:"
    ),
    "kb.empty_step1": "a campaign is approved and goes live; its creatives get shown and clicked;",
    "kb.empty_step2": "{cadence} the server learns from that and saves a new version if it is new;",
    "kb.empty_step2_off": "learning on a cadence is off (the setting kb_distill_seconds is 0);",
    "kb.empty_step3": "to learn right now, an administrator runs",
    "kb.empty_or_api": " (or calls ",
    "kb.empty_end": ").",
    "kb.updated": "Updated {when}",
    "kb.trained": "learnt from {creatives} creatives, {impressions} impressions, {clicks} clicks",
    "kb.version_id": "version",
    "kb.help": (
        "Lift: how much more (or less) likely a click is on creatives with this wording than "
        "on the other wordings of the same slot (words and structure: than without it). "
        "{level} interval: the true effect lies in it with {level} confidence; only wording "
        "whose whole interval is above zero is listed under Use, wholly below under Avoid. "
        "Nothing is concluded under {min} impressions."
    ),
    "kb.search": "Search",
    "kb.search_placeholder": "Search a segment or wording in the copy, e.g. urgency",
    "kb.clear": "Clear",
    "kb.per": "Segments per page",
    "kb.no_match": "No segment or wording matches “{q}”.",
    "kb.show_all": "Show every segment",
    "kb.segments": "Segments",
    "kb.count": "{n} in all, most shown first",
    "kb.matched": "{n} of {total} match “{q}”",
    "kb.impressions": "impressions",
    "kb.use": "Use",
    "kb.avoid": "Avoid",
    "kb.hits": "{n} matching",
    "kb.top": "Best: ",
    "kb.prev": "Previous",
    "kb.next": "Next",
    "kb.page": "Page {page} of {pages}",
    "kb.base_ctr": "Average CTR",
    "kb.found": "Wording matching “{q}”",
    "kb.use_hint": "clearly more clicks: use it first",
    "kb.avoid_hint": "clearly fewer clicks: leave it out",
    "kb.none_use": "Nothing is certain enough yet.",
    "kb.none_avoid": "Nothing clearly lowers clicks.",
    "kb.no_verdict": (
        "No confident conclusion for this segment yet: it updates as delivery goes on. The "
        "chart shows the most shown wording; an interval across 0 means it cannot tell yet."
    ),
    "kb.more": "{n} more",
    "kb.example": "A creative that carried it: ",
    "kb.chart": "Lift and {level} interval",
    "kb.chart_how": "the tick is the lift, the bar its {level} interval, the middle line 0",
    "kb.v.use": "Use",
    "kb.v.avoid": "Avoid",
    "kb.v.unsure": "Not clear yet",
    "kb.v.thin": "Too few impressions",
    "kb.changes": "Since the previous version",
    "kb.first_version": "This is the first version: nothing to compare with yet.",
    "kb.no_changes": "The advice for this segment has not changed.",
    "data.title": "Growth and attribution",
    "data.empty": "No data yet: import signups, actions and costs first",
    "data.computed": "Updated at {when}",
    "data.updating": "newer figures are being computed; reload shortly to see them",
    "audit.title": "Audit trail",
    "audit.verified": "Hash chain verified",
    "audit.broken": "Hash chain broken",
}
