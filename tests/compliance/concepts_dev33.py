"""Concepts added for the thirty-third development set (money copy written by people who are
not marketers, and illegal fundraising in everyday clothes), each checked on wordings of its
own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # money for a fixed return outside the licensed system
    (
        "illegal-fundraising",
        "general",
        "sms",
        "【康乐颐养】预存20万元床位费，每年返息7%。回T退订",
        "block",
    ),
    ("illegal-fundraising", "general", "banner", "洗车卡充2000 每月返现150", "block"),
    (
        "illegal-fundraising",
        "general",
        "live_script",
        "入股我们火锅店，一份一万，不管赚不赚每月都给你分红",
        "block",
    ),
    (
        "illegal-fundraising",
        "finance",
        "video_script",
        "我们合作社对外收存款，年息5%，比银行高",
        "block",
    ),
    (
        "illegal-fundraising",
        "finance",
        "xiaohongshu",
        "闺蜜公司内部配售原始股，上市后翻8倍",
        "block",
    ),
    ("illegal-fundraising", "general", "app_push", "购物全返！下单后每天返20元，直到返完", "block"),
    ("illegal-fundraising", "insurance", "banner", "每月5元 一人得病万人帮", "block"),
    (
        "illegal-fundraising",
        "general",
        "xiaohongshu",
        "拉5个姐妹办卡你的卡费全免，她们再拉人你还有返",
        "block",
    ),
    (
        "illegal-fundraising",
        "finance",
        "wechat_article",
        "（群消息）朋友的项目一万起投，每月返两百，要的私我",
        "block",
    ),
    # warnings, lessons and lawful notices
    (
        "illegal-fundraising",
        "finance",
        "wechat_article",
        "反诈课堂｜非法集资有四大特征：承诺回报、公开宣传……“消费全返”“原始股”都是常见套路",
        "pass",
    ),
    (
        "illegal-fundraising",
        "general",
        "sms",
        "【丰收合作社】各位社员：年度盈余分配大会定于1月5日召开。",
        "pass",
    ),
    (
        "illegal-fundraising",
        "finance",
        "banner",
        "守护养老钱“三不”：不信保本高息、不转私人账户、不签空白合同",
        "pass",
    ),
    # deposit insurance within its limit; a posted deposit rate
    (
        "guaranteed-returns",
        "finance",
        "dsp",
        "三年期定期存款年利率1.75%；本息50万元以内受存款保险全额保障",
        "pass",
    ),
    (
        "guaranteed-returns",
        "finance",
        "live_script",
        "想要保本的可以选存款，三年期定期挂牌1.75%",
        "pass",
    ),
    # a guarantee fee rate is not a loan price; a police warning is not phishing
    (
        "loan-price",
        "finance",
        "dsp",
        "融资担保：为小微企业贷款提供担保，年担保费率不超过1.5%",
        "pass",
    ),
    (
        "misleading-inducement",
        "finance",
        "smart_call",
        "这里是区公安局反诈中心，请不要向陌生账户转账，有疑问拨打96110。",
        "pass",
    ),
    # second read: lawful promotions and ordinary words
    (
        "illegal-fundraising",
        "general",
        "sms",
        "【移动】充值100元话费，每月返还10元，分10个月返完。回T退订",
        "pass",
    ),
    (
        "illegal-fundraising",
        "finance",
        "home_card",
        "信用卡新户办卡，每月消费满5笔返现10元",
        "pass",
    ),
    ("illegal-fundraising", "general", "wechat_article", "公司由三位原始股东于2015年创立", "pass"),
    ("illegal-fundraising", "general", "app_push", "七天无理由，退货全额返还", "pass"),
    ("illegal-fundraising", "general", "sms", "【建工集团】项目招标会定于周五召开。", "pass"),
    (
        "illegal-fundraising",
        "finance",
        "home_card",
        "债券基金1元起投，每月分红（分红不确定），基金有风险，投资需谨慎",
        "pass",
    ),
    ("illegal-fundraising", "finance", "banner", "这款理财的三大特点：保本保息、随存随取", "block"),
]
