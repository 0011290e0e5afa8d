"""Concepts added for the forty-fourth development set (claims backed by numbers: data, surveys,
test reports, pass rates, sales and rankings, and their sourced, legal twins), each checked on
wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # a period written as two dates is not a bank card number, whatever its digits add up to
    (
        "personal-information",
        "finance",
        "banner",
        "稳享系列｜运作期间2022-06-01至2025-05-31年化收益率2.85%｜理财非存款，产品有风险，"
        "投资须谨慎",
        "pass",
    ),
    (
        "personal-information",
        "finance",
        "sms",
        "【某银行】您的卡号6222020200000000006已绑定。",
        "block",
    ),
    # a clinical reading said to have come down after taking the product, however far apart
    (
        "medical-claims",
        "health_food",
        "xiaohongshu",
        "我妈血糖以前空腹9点多，喝了半年这款苦瓜肽，上个月复查降到了6.1",
        "block",
    ),
    # an efficacy percentage after intake
    (
        "efficacy-guarantee",
        "health_food",
        "live_script",
        "坚持吃这款鱼油两个月，记忆力测评分数提高了23%！",
        "block",
    ),
    # a course's pass rate or a sign-up said to equal a pass
    (
        "guaranteed-outcome",
        "general",
        "app_push",
        "会计初级冲刺营：92%的学员一次通过，名额有限",
        "block",
    ),
    ("guaranteed-outcome", "general", "banner", "教资面试班｜过关率百分之百", "block"),
    ("guaranteed-outcome", "general", "live_script", "报了我们的班，就相当于拿证了", "block"),
    (
        "guaranteed-outcome",
        "general",
        "wechat_article",
        "本期课程共12课时，小班授课，课后答疑。",
        "pass",
    ),
    # a forecast of at least some return
    (
        "guaranteed-returns",
        "finance",
        "video_script",
        "我保守估计这只基金明年最少还能赚20%，现在不上车就晚了",
        "block",
    ),
    (
        "guaranteed-returns",
        "finance",
        "wechat_article",
        "有研究机构预计今年居民消费至少增长4%，消费板块值得关注，基金有风险，投资须谨慎。",
        "pass",
    ),
    # a medical trial or an absolute clearance claimed for a cosmetic
    (
        "medical-claims",
        "cosmetics",
        "smart_call",
        "这款面霜是在医院做过临床的，敏感肌放心用",
        "block",
    ),
    ("medical-claims", "cosmetics", "xiaohongshu", "用了十天，斑点全消", "block"),
    # a personal note's own payments and payouts are not a price on offer
    (
        "ad-disclosure",
        "general",
        "xiaohongshu",
        "晒一下我的房贷：每月月供4,870元，提前还了10万，利息省了不少，记录一下",
        "pass",
    ),
    (
        "ad-disclosure",
        "general",
        "xiaohongshu",
        "去年住院理赔6,200元，医疗险真的有用，大家体检前先投保",
        "pass",
    ),
    # (review since round 52: whether an unlabelled note quoting a price was paid for is a fact)
    ("ad-disclosure", "cosmetics", "xiaohongshu", "这支口红到手价89元，颜色超显白", "review"),
    # quoted claims the reader is told to beware of
    (
        "medical-claims",
        "cosmetics",
        "wechat_article",
        "买护肤品时，看到“药妆”“治愈痘痘”等宣传要当心。",
        "pass",
    ),
    # the guaranteed figures of a contract, said not to be a promised return
    (
        "guaranteed-returns",
        "insurance",
        "live_script",
        "第15年末现金价值约12万，这是合同里写明的保证利益，不是收益承诺，退保有损失。",
        "pass",
    ),
    # a reimbursement ratio with its scope is a policy term
    (
        "insurance-misrepresentation",
        "insurance",
        "home_card",
        "门急诊医疗：医保目录内费用100%报销，年限额5000元，以条款为准",
        "pass",
    ),
    ("insurance-misrepresentation", "insurance", "home_card", "住院医疗100%报销，放心买", "block"),
    # buy without reading, a claim-approval rate of 100%
    (
        "insurance-misrepresentation",
        "insurance",
        "xiaohongshu",
        "这款百万医疗险，宝妈们闭眼买就对了",
        "block",
    ),
    ("insurance-misrepresentation", "insurance", "banner", "理赔通过率高达100%", "block"),
    # where the regulator publishes a filing is not its recommendation
    (
        "state-symbols",
        "cosmetics",
        "wechat_article",
        "本品功效评价报告摘要已上传至国家药品监督管理局指定网站，可查询。",
        "pass",
    ),
    ("state-symbols", "cosmetics", "banner", "国家药监局指定美白精华", "block"),
    # honours from associations and rankings, ratings and memberships go to a reviewer
    ("substantiation", "general", "banner", "中国家居品质促进会推荐品牌｜实木家具", "review"),
    ("substantiation", "general", "home_card", "2025年度消费者放心品牌｜好邻居超市", "review"),
    ("substantiation", "insurance", "banner", "保险公司服务评价AAA级", "review"),
    ("substantiation", "health_food", "banner", "中国营养学会理事单位", "review"),
    ("substantiation", "cosmetics", "app_push", "某平台年度护肤榜上榜面霜，今日加赠", "review"),
]
