"""Concepts added for the sixty-fifth development set (the second held-out set's brief again:
a general mix written from the law), each checked on wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # Money said to be paid out already; a loan sold as a state programme.
    (
        "credit-approval",
        "finance",
        "sms",
        "【快易借】恭喜，5万元额度已下发至您账户，点击立即提现，回T退订",
        "block",
    ),
    ("credit-approval", "finance", "app_push", "您的借款已到账，请在App内查看还款计划", "pass"),
    (
        "official-endorsement",
        "finance",
        "smart_call",
        "您好，这里是国家惠农贷款服务中心，给您做个登记",
        "block",
    ),
    (
        "official-endorsement",
        "finance",
        "home_card",
        "本行落实普惠金融政策，小微企业贷款以审批为准",
        "pass",
    ),
    (
        "credit-approval",
        "finance",
        "xiaohongshu",
        "之前被拒好几次，这个平台从头到尾没查我的征信就批了",
        "block",
    ),
    # Personal information a marketer may not use.
    (
        "personal-information",
        "insurance",
        "sms",
        "【安心保】李女士，系统显示您上月住院确诊乳腺结节，特为您推荐专属保险，回T退订",
        "block",
    ),
    (
        "personal-information",
        "finance",
        "sms",
        "【易借】您的同事借款时填写您为紧急联系人，您也可领取2万额度，回T退订",
        "block",
    ),
    (
        "personal-information",
        "general",
        "smart_call",
        "家长您好，我们知道您家孩子在城南一小三年级二班，推荐我们的编程课",
        "block",
    ),
    (
        "personal-information",
        "general",
        "sms",
        "【乐学】我们不会把孩子的学校和班级信息用于营销，退订回T",
        "pass",
    ),
    # Appearance anxiety.
    ("public-order", "cosmetics", "dsp", "小眼睛=没前途？一支眼霜让你自信起来", "block"),
    (
        "public-order",
        "general",
        "video_script",
        "别让肥胖毁了你的爱情，今天就开始管理体重",
        "block",
    ),
    ("public-order", "cosmetics", "home_card", "换季注意防晒，色斑淡化需要坚持", "pass"),
    # Out-of-school tutoring in school subjects; a tour with shopping stops at a low price.
    ("education-ads", "general", "app_push", "三年级语文阅读提升班，1元试听3节", "block"),
    ("education-ads", "general", "banner", "少儿游泳暑期班，国家一级救生员执教", "pass"),
    (
        "misleading-inducement",
        "general",
        "smart_call",
        "海南双飞5日游，团费仅299元，含参观珍珠和乳胶购物店",
        "block",
    ),
    ("misleading-inducement", "general", "banner", "海南5日游3680元/人，纯玩无购物", "pass"),
    # Cosmetics outside the catalogue.
    ("cosmetics-claims", "cosmetics", "xiaohongshu", "这款美胸霜坚持用，胸部慢慢变大", "block"),
    ("cosmetics-claims", "cosmetics", "live_script", "脱毛慕斯用几次就永久不长毛了", "block"),
    ("cosmetics-claims", "cosmetics", "banner", "温和脱毛膏，用后涂抹身体乳", "pass"),
    # Health foods against drugs and as a necessity; ordinary foods against colds.
    ("health-food", "health_food", "dsp", "鱼油软胶囊，效果不输降脂药", "block"),
    ("health-food", "health_food", "banner", "中老年骨骼健康，每天一粒必不可少", "block"),
    ("medical-claims", "general", "app_push", "宝宝喝了这款奶粉，换季不容易感冒", "block"),
    # Warnings and deferrals that are not claims.
    (
        "medical-claims",
        "cosmetics",
        "xiaohongshu",
        "化妆品是不能添加激素的，用了立刻白的要当心",
        "pass",
    ),
    (
        "medical-claims",
        "general",
        "live_script",
        "这款核桃粉就是普通食品，有糖尿病的长辈，降糖药还是按医嘱吃",
        "pass",
    ),
    # Discounts and nutrition claims.
    (
        "misleading-inducement",
        "general",
        "banner",
        "年货节6折！原价¥500的坚果礼盒，今天只要¥420",
        "block",
    ),
    (
        "misleading-inducement",
        "general",
        "banner",
        "年货节6折！原价¥500的坚果礼盒，今天只要¥300",
        "pass",
    ),
    ("cited-data", "general", "banner", "零糖零脂酸奶，夏日清爽", "review"),
    # Returns promised by "just hold it"; a flat's gain told as a story.
    (
        "guaranteed-returns",
        "finance",
        "live_script",
        "黄金放着就是赚，谁见过存金子亏了的？",
        "block",
    ),
    (
        "real-estate-claims",
        "general",
        "wechat_article",
        "邻居去年买的三居，今年一转手就赚了五十万，户型还有两套",
        "block",
    ),
]
