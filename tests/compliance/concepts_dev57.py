"""Concepts added for the fifty-seventh development set (a compliance trainer's exam: one legal
point a case, textbook and subtle forms), each checked on wordings of its own (not the set's
text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # A record of never losing promises the same as a guarantee (资管新规: no rigid payment).
    (
        "guaranteed-returns",
        "finance",
        "home_card",
        "稳盈系列运作六年，零笔亏损，百分之百按期兑付",
        "block",
    ),
    # Losses made up by the seller.
    ("guaranteed-returns", "finance", "dsp", "定投满两年净值若跌破本金，公司补足差额", "block"),
    ("guaranteed-returns", "finance", "video_script", "【字幕】您的本金，由我们牢牢锁住", "block"),
    # A new fund's expected return (资管新规: no expected return for a net-value product).
    ("guaranteed-returns", "finance", "dsp", "新发优选成长基金 预期年化收益6%，速来认购", "block"),
    # An expert who says he bought it himself (广告法第二十五条第二项).
    (
        "endorsement",
        "finance",
        "video_script",
        "我是财经大学的李教授。说实话，我和家人的养老钱都投了这只债基",
        "block",
    ),
    (
        "endorsement",
        "insurance",
        "wechat_article",
        "某经济学家：“我给爸妈配置的就是这款增额终身寿。”",
        "block",
    ),
    # A named buyer's story of what the product paid.
    (
        "endorsement",
        "finance",
        "wechat_article",
        "老王三年前把10万块存了稳享理财，如今本金一分也没少，还多了八千",
        "block",
    ),
    (
        "endorsement",
        "insurance",
        "video_script",
        "张阿姨五年前投保了福寿年金险，现在每月按时领2000元",
        "block",
    ),
    # Everyone approved, and money paid if not.
    (
        "credit-approval",
        "finance",
        "live_script",
        "咱家这个额度，几乎没有不批的，放心申请",
        "block",
    ),
    ("credit-approval", "finance", "live_script", "贷不下来的我送你300现金红包", "block"),
    # Disease and dependence threatened for not buying a health food.
    (
        "medical-claims",
        "health_food",
        "wechat_article",
        "骨质疏松的老人一摔就骨折，钙片趁早吃起来",
        "block",
    ),
    (
        "medical-claims",
        "health_food",
        "dsp",
        "年纪大了不补营养，就得瘫在床上拖累子女，蛋白粉早安排",
        "block",
    ),
    # Wrinkles gone in seconds.
    ("medical-claims", "cosmetics", "video_script", "涂上10秒钟，细纹彻底抚平", "block"),
    # Rivals as a class, run down.
    (
        "competitor-disparagement",
        "finance",
        "sms",
        "【安信银行】别的银行利息低得可怜，来安信存更划算。回T退订",
        "block",
    ),
    # A code that works once is no ranking.
    (
        "absolute-terms",
        "general",
        "sms",
        "【乐购】您的核销码为8812，唯一有效，请勿外泄。回T退订",
        "pass",
    ),
    # Legal twins: a guaranteed benefit stated as a contract fact, a fund with its warnings.
    (
        "guaranteed-returns",
        "finance",
        "home_card",
        "优选成长混合基金 业绩比较基准：沪深300指数×80%+中债指数×20%。基金有风险，投资需谨慎",
        "pass",
    ),
]
