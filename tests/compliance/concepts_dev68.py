"""Concepts added or widened for the sixty-eighth development set (the second held-out set's
brief a fifth time, with more lawful copy), each checked on wordings of its own (not the
set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    (
        "personal-information",
        "general",
        "smart_call",
        "我们从区卫生院那边查到您上周做了体检，给您推荐一款调理套餐",
        "block",
    ),
    (
        "ad-disclosure",
        "general",
        "banner",
        "限时福利 点关闭后弹出：确定要放弃这张50元券吗",
        "block",
    ),
    (
        "official-endorsement",
        "finance",
        "sms",
        "【惠民快讯】国家发布新政策，交社保满一年的可申请10万元低息贷款，点击查看",
        "block",
    ),
    # talk waved off (祛斑 itself still goes to a reviewer)
    (
        "context",
        "cosmetics",
        "video_script",
        "“一周祛斑”这类话听听就好，祛斑产品要认准国妆特字",
        "pass",
    ),
]

CLEAN_CASES: list[tuple[str, str, str, str]] = [
    # the rule stated, the mandated notice written out, stopping medicine warned against
    (
        "context",
        "health_food",
        "wechat_article",
        "按规定，保健食品广告不得出现“治愈”“预防疾病”等涉及治疗功能的表述，本品不能代替药物治疗疾病",
    ),
    ("context", "general", "app_push", "【用药提醒】降压药请按时服用，不要自行减药或停药"),
    # talk waved off, a salon's injections called non-compliant, a flash sale, a refund policy
    ("context", "general", "xiaohongshu", "美容院里打的玻尿酸都是违规的，注射请去正规医院"),
    ("context", "general", "app_push", "年货节爆款秒杀8点开抢，大牌零食低至5折"),
    ("context", "general", "live_script", "钢琴课一期12节，没上完的课时可以按比例退费"),
]
