"""Concepts added for the twenty-seventh development set (insurance and health food sold to
older people and families, and the warnings families send them), each checked on wordings of
its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # warnings that report what the sellers say, in any quotes
    (
        "context",
        "health_food",
        "video_script",
        "爸，那种讲座别去了，他们说吃了能降血糖、不用打针，都是骗人的",
        "pass",
    ),
    (
        "context",
        "health_food",
        "xiaohongshu",
        "看到'根治''包治'这种字眼的保健品，基本都不合规",
        "pass",
    ),
    ("context", "health_food", "app_push", "我们不推荐用保健食品代替药物，请遵医嘱", "pass"),
    (
        "context",
        "insurance",
        "wechat_article",
        "推销年金的常见套路：说成存款、承诺分红、送礼返现",
        "pass",
    ),
    ("context", "general", "video_script", "说这张床垫能治腰椎病，全是假的", "pass"),
    # "no need" is not a denied list
    (
        "insurance-misrepresentation",
        "insurance",
        "banner",
        "不用体检、不用健康告知，80岁也能买",
        "block",
    ),
    # terms waved away, a policy traded in, a cure promised
    (
        "insurance-misrepresentation",
        "insurance",
        "live_script",
        "免责条款那都是小字，不用看",
        "block",
    ),
    ("insurance-misrepresentation", "insurance", "app_push", "老保单退旧换新，收益更高", "block"),
    ("insurance-misrepresentation", "insurance", "smart_call", "等待期？没有的，买了就保", "block"),
    (
        "improper-inducement",
        "insurance",
        "sms",
        "【和泰保险】本周答谢会，现场办理年金可获赠电饭煲。拒收请回复R",
        "block",
    ),
    (
        "state-symbols",
        "insurance",
        "smart_call",
        "大爷，这是政府给老人的意外险福利，交99就行",
        "block",
    ),
    # health food: clots, insulin, cancer cells, medicine replaced
    ("medical-claims", "health_food", "dsp", "纳豆胶囊，溶血栓、软化血管", "block"),
    ("medical-claims", "health_food", "banner", "苦瓜肽，吃了告别胰岛素", "block"),
    (
        "medical-claims",
        "health_food",
        "live_script",
        "这个不是药胜似药，吃一个月医院都不用去",
        "block",
    ),
    # a guaranteed return written as 稳不赔
    ("guaranteed-returns", "insurance", "video_script", "这款年金稳不亏，给孙子存学费", "block"),
]
