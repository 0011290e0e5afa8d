"""Concepts added for the twenty-third development set (the AI copywriter's drafts: polished,
confident copy as a language model writes it for an operations team), each checked on
wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # a claim nobody made, or a scheme the advertiser does not run, quoted
    (
        "context",
        "finance",
        "xiaohongshu",
        "#广告 客户经理从没说过“稳赚”，每次都先讲风险等级",
        "pass",
    ),
    ("context", "general", "live_script", "我们从来不搞那种“包过班”，只教方法、陪练真题", "pass"),
    ("guaranteed-returns", "finance", "xiaohongshu", "客户经理说了，这款理财稳赚不赔", "block"),
    ("guaranteed-outcome", "general", "dsp", "包过班火热招生，考不过全额退费", "block"),
    # kinds of cost a policy covers, named; against cover overstated
    (
        "insurance-misrepresentation",
        "insurance",
        "wechat_article",
        "这款医疗险门诊和住院都能报，等待期30天，保障责任以条款为准",
        "pass",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "live_script",
        "买了这份保险，看什么病都能报",
        "block",
    ),
    # a doubling promised as certain
    ("guaranteed-returns", "finance", "live_script", "跟紧这只基金，明年翻番不是问题", "block"),
    (
        "guaranteed-returns",
        "finance",
        "app_push",
        "这只基金过去三年翻了一番，过往业绩不代表未来",
        "pass",
    ),
    # enrolment equated with the certificate
    ("guaranteed-outcome", "general", "video_script", "报了我们的班，就相当于拿到证书了", "block"),
    # sight corrected by a consumer product
    ("medical-claims", "general", "dsp", "护眼仪每天用20分钟，孩子近视度数降了100度", "block"),
    ("medical-claims", "general", "banner", "能逆转近视的护眼贴，学生党必备", "block"),
    ("medical-claims", "general", "home_card", "孩子看不清黑板？请到医院验光，科学配镜", "pass"),
    # a named rival's product run down, then ours
    (
        "fair-competition",
        "general",
        "live_script",
        "别再买蓝鲸热水器了，又费电又爱坏，认准我们家",
        "block",
    ),
    (
        "fair-competition",
        "general",
        "app_push",
        "别再买错码数了，下单前看看尺码表，认准我们家旗舰店",
        "pass",
    ),
    (
        "fair-competition",
        "finance",
        "video_script",
        "某些平台的手续费高得吓人，来我们这儿看清年化",
        "block",
    ),
    # a credit line turned into cash by a third party
    ("credit-card-misuse", "finance", "dsp", "白条额度一键变现，秒到账", "block"),
    (
        "credit-card-misuse",
        "finance",
        "app_push",
        "信用卡预借现金当日到账，年化利率18.25%（日利率0.05%，单利）",
        "pass",
    ),
    # a health function claimed without saying the product is not a medicine
    ("medical-claims", "health_food", "banner", "鱼油软胶囊 辅助降血脂 每日两粒", "block"),
    (
        "medical-claims",
        "health_food",
        "wechat_article",
        "有助于改善睡眠。保健食品不是药物，不能代替药物治疗疾病",
        "pass",
    ),
]
