"""Concepts from the development sets' remaining misses (session X, 2026-12-07: the long tail
left after round 64), each checked on wordings of its own (not the sets' text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # A figure credited to "a study" or "a survey" names no source (广告法第十一条).
    (
        "cited-data",
        "general",
        "home_card",
        "调查显示，七成上班族每天喝水不够，一天一瓶刚刚好",
        "block",
    ),
    ("cited-data", "general", "dsp", "研究证实，坚持用3个月，头发密度提升2倍", "block"),
    (
        "cited-data",
        "finance",
        "app_push",
        "数据显示，用我们的记账App，年轻人攒钱速度快了40%",
        "block",
    ),
    (
        "cited-data",
        "general",
        "xiaohongshu",
        "有研究发现，每天走8000步的人比久坐的人睡得好3倍",
        "block",
    ),
    # named sources, and a study with no figure
    (
        "cited-data",
        "finance",
        "home_card",
        "据中国银行业协会《2024年度报告》，手机银行用户占比超过八成",
        "pass",
    ),
    (
        "cited-data",
        "general",
        "home_card",
        "研究显示，65%的受访者更看重售后（来源：某咨询公司2025年问卷，样本1000人）",
        "pass",
    ),
    ("cited-data", "general", "home_card", "研究表明，规律作息有助于睡眠", "pass"),
    # A gift named only as a treat (广告法第八条第二款: kind, quantity, period and terms).
    (
        "misleading-inducement",
        "general",
        "banner",
        "周年庆｜进店消费即送神秘好礼，先到先得",
        "block",
    ),
    ("misleading-inducement", "finance", "app_push", "新用户注册就领惊喜礼包，快来", "block"),
    (
        "misleading-inducement",
        "general",
        "banner",
        "开业酬宾：进店即送精美保温杯1个，限前200名",
        "pass",
    ),
    (
        "misleading-inducement",
        "finance",
        "home_card",
        "开卡礼：大礼包（价值99元，含行李牌1个、雨伞1把），数量有限",
        "pass",
    ),
    # A student speaking for a training course (广告法第二十四条第三项).
    (
        "endorsement",
        "general",
        "wechat_article",
        "学员王同学（初三）：跟着张老师学了一学期，物理从52分到了89分，感谢机构！",
        "block",
    ),
    (
        "endorsement",
        "general",
        "live_script",
        "今年的市状元也来了，给大家讲讲她在我们班是怎么学的",
        "block",
    ),
    (
        "endorsement",
        "general",
        "video_script",
        "考上浙大的那个学姐亲自分享了备考心得，报名暑期班就能听",
        "block",
    ),
    ("endorsement", "general", "home_card", "同学们：本周六上午九点开课，请带好课本", "pass"),
    ("endorsement", "general", "home_card", "暑期班小班授课，数学老师均持教师资格证", "pass"),
    # Medical terms and disease cures for an ordinary product (广告法第十七条).
    (
        "medical-claims",
        "general",
        "xiaohongshu",
        "这款薄荷糖清凉提神，消炎止痛，嗓子不舒服就含一颗",
        "block",
    ),
    ("medical-claims", "general", "dsp", "XX核桃粉，补肾乌发，头发越来越黑", "block"),
    ("medical-claims", "general", "banner", "XX苦荞茶 降血糖 降血压 中老年必备", "block"),
    ("medical-claims", "general", "video_script", "这款护腰枕对腰间盘突出有奇效", "block"),
    (
        "medical-claims",
        "general",
        "home_card",
        "久坐办公族的护腰枕，贴合腰部曲线，支撑腰椎",
        "pass",
    ),
    # A loan no person reviews; an instalment fee waved away (buying by instalments is
    # credit whatever is sold, so its price needs the annual rate).
    ("credit-approval", "finance", "app_push", "填两项资料，钱到卡上，全程没有人工审核", "block"),
    ("credit-approval", "finance", "home_card", "贷款审批由人工审核，额度以审批结果为准", "pass"),
    ("loan-price", "general", "home_card", "家电分24期，手续费低到可以忽略", "block"),
    (
        "loan-price",
        "general",
        "home_card",
        "冰箱可分12期，每期手续费0.6%，折合年化利率约13%（单利）",
        "pass",
    ),
    ("loan-price", "general", "banner", "买手机支持分3期，详情见活动页", "pass"),
    # Instant redemption sold without its daily cap.
    (
        "misleading-inducement",
        "finance",
        "app_push",
        "这款钱包理财想取就取，多少都能取，秒到",
        "block",
    ),
    (
        "misleading-inducement",
        "finance",
        "app_push",
        "余额理财随取随用，单日快速取现上限1万元",
        "pass",
    ),
]
