"""Concepts added for the forty-third development set (long, careful copy: the legal text a
compliance-minded marketer writes, and the one illegal clause buried in it), each checked on
wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # what the advertiser says it does not use or do is not its claim
    (
        "absolute-terms",
        "general",
        "wechat_article",
        "关于标价：我们不使用“全国最低”“史上最便宜”这类无法证明的词，划线价为前7日最低成交价。",
        "pass",
    ),
    (
        "illegal-fundraising",
        "finance",
        "wechat_article",
        "正规银行不会承诺高息，更不会靠拉人头发展下线。",
        "pass",
    ),
    ("job-scam", "general", "app_push", "本平台从不招募刷单人员，请勿轻信。", "pass"),
    # a word the copy says must not be used to suggest a claim
    (
        "cosmetics-medical",
        "cosmetics",
        "xiaohongshu",
        "选面霜的小建议：别用“天然”“温和”来暗示绝对安全，敏感肌先在耳后试用。",
        "pass",
    ),
    # a question from the audience, answered no
    (
        "medical-claims",
        "health_food",
        "live_script",
        "主播：家人们问“能降血糖吗”——不能，血糖高请按医生的方案吃药。保健食品不是药物，"
        "不能代替药物治疗疾病。",
        "pass",
    ),
    # a kind of scam named, a few words between
    (
        "job-scam",
        "general",
        "video_script",
        "【旁白】先垫付再返佣，这就是典型的刷单返利诈骗。",
        "pass",
    ),
    ("guaranteed-returns", "finance", "live_script", "主播：这个理财稳赚不赔，绝非骗局", "block"),
    # health-food science content that sells nothing needs no ad disclaimer; selling does
    (
        "health-food-disclaimer",
        "health_food",
        "app_push",
        "康源健康小课堂：补钙要配合维生素D和适量运动。本文为健康科普，未推荐任何商品。",
        "pass",
    ),
    (
        "health-food-disclaimer",
        "health_food",
        "app_push",
        "康源小课堂：康源钙片有助于增加骨密度，今日下单立减20元",
        "block",
    ),
    # a health food's money back if it does not work
    (
        "health-efficacy",
        "health_food",
        "home_card",
        "康源鱼油，连吃两个月不见效全额退款。保健食品不是药物，不能代替药物治疗疾病。",
        "block",
    ),
    # a disease's sign put right
    (
        "medical-claims",
        "health_food",
        "xiaohongshu",
        "我妈老寒腿好多年，吃了半年现在又能爬山了",
        "block",
    ),
    # an official account's own note is identified as the brand's
    (
        "ad-disclosure",
        "general",
        "xiaohongshu",
        "【悦享家居官方号】沙发怎么挑？坐深、靠背角度、面料耐磨度都要看，店铺搜悦享家居。",
        "pass",
    ),
    (
        "ad-disclosure",
        "general",
        "xiaohongshu",
        "姐妹们这个沙发绝了，店铺搜悦享家居，到手价1999",
        "block",
    ),
    # an internal rate of return is a loan's cost method, not a wealth product's return
    (
        "wealth-risk-warning",
        "finance",
        "home_card",
        "装修分期，年化利率约9.8%（按内部收益率法计算），以合同为准",
        "pass",
    ),
    # an annuity's contractual guaranteed benefit
    (
        "guaranteed-returns",
        "insurance",
        "live_script",
        "主播：保证领取部分是合同里写明的，一分都不会少；分红部分是演示，不确定。",
        "pass",
    ),
    ("guaranteed-returns", "finance", "live_script", "主播：本金一分都不会少，放心买", "block"),
    # a one-year medical policy whose renewal is "valid for life"
    (
        "short-term-renewal",
        "insurance",
        "app_push",
        "百万医疗一年期，续保终身有效，投保前请阅读条款",
        "block",
    ),
    # an insurer paying part of the premium back
    (
        "insurance-inducement",
        "insurance",
        "live_script",
        "主播：今天下单的家人，我再补贴50元保费，条款链接在小黄车",
        "block",
    ),
    # a state office named as the caller's principal
    (
        "official-endorsement",
        "insurance",
        "smart_call",
        "您好，我们受社保局委托，为您办理补充医疗保险登记，按1确认。",
        "block",
    ),
    # exam setters on the teaching staff
    (
        "guaranteed-outcome",
        "general",
        "wechat_article",
        "本班主讲老师参加过今年公务员考试的命题工作，课程详见简章。",
        "block",
    ),
    ("guaranteed-outcome", "general", "wechat_article", "过去一年我们优化了课程体系。", "pass"),
    # a clot said to have dissolved
    (
        "medical-claims",
        "health_food",
        "xiaohongshu",
        "我爸吃了康源红曲，复查时血栓溶解了",
        "block",
    ),
    # a trust or wealth product taken for a fixed deposit, and the warning against it
    (
        "guaranteed-returns",
        "finance",
        "smart_call",
        "这款信托您就当作一笔收益更高的定期存款",
        "block",
    ),
    ("guaranteed-returns", "finance", "app_push", "理财有风险，别把它看成定期存款。", "pass"),
    (
        "wealth-as-deposit",
        "finance",
        "wechat_article",
        "不少人把理财当成定期存款，这是误区。",
        "pass",
    ),
    # designations, star ratings and standards a reviewer checks
    ("award", "general", "wechat_article", "悦享跑鞋成为市马拉松官方指定用品", "review"),
    ("award", "general", "home_card", "新车获得五星安全评级", "review"),
    ("award", "general", "wechat_article", "我们主导起草了两项行业标准", "review"),
]
