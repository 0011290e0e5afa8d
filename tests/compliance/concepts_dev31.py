"""Concepts added for the thirty-first development set (imported and overseas products sold to
mainland consumers), each checked on wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # Hong Kong and Macau policies sold on the mainland
    (
        "insurance-misrepresentation",
        "insurance",
        "sms",
        "【港保汇】澳门分红险年化6%，预约赴港签单全程陪同。拒收请回复R",
        "block",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "live_script",
        "香港保单不用去香港，内地见面签，手续我们全包",
        "block",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "banner",
        "美元储蓄险｜复利滚存｜预期年化6%",
        "block",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "app_push",
        "已持有香港保单的客户可预约保全服务，本中心不提供任何销售",
        "pass",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "wechat_article",
        "想买香港保险，须本人亲自赴港签单；内地销售港险属违规，请勿轻信中介",
        "pass",
    ),
    # offshore brokers and ways around currency controls
    ("investor-suitability", "finance", "dsp", "外汇黄金1:400杠杆，新客入金赠金20%", "block"),
    (
        "investor-suitability",
        "finance",
        "app_push",
        "大陆身份证即可开户，无需境外银行卡，美股港股随心买",
        "block",
    ),
    (
        "investor-suitability",
        "finance",
        "smart_call",
        "购汇额度不够？用亲友的额度分拆，当天到账",
        "block",
    ),
    (
        "investor-suitability",
        "finance",
        "wechat_article",
        "港股通、QDII基金和跨境理财通是境内居民配置海外资产的合规渠道",
        "pass",
    ),
    # infant formula (stages 1 and 2) may not be advertised; toddler formula and the required
    # statement may
    (
        "minors",
        "general",
        "sms",
        "【宝贝母婴】进口婴儿配方奶粉1段，满3罐包邮。拒收请回复R",
        "block",
    ),
    ("minors", "general", "wechat_article", "荷兰代购：奶粉一段二段都有货，比国内便宜", "block"),
    (
        "minors",
        "general",
        "banner",
        "进口幼儿配方奶粉3段（12-36月龄）｜母乳是婴儿最好的食物",
        "pass",
    ),
    (
        "minors",
        "general",
        "sms",
        "【宝贝母婴】您购买的1段奶粉已发货，物流单号请在订单页查看。",
        "pass",
    ),
    # alcohol with health claims; collectables as investments
    ("alcohol", "general", "banner", "智利红酒，每天一杯，降血脂美容养颜", "block"),
    ("guaranteed-returns", "general", "smart_call", "这批威士忌收藏升值快，三年稳翻倍", "block"),
    # degrees and visas guaranteed
    ("guaranteed-outcome", "general", "xiaohongshu", "不用出国不用写论文，一年拿博士学位", "block"),
    ("guaranteed-outcome", "general", "live_script", "签证100%下签，分数再低也能送进名校", "block"),
    (
        "guaranteed-outcome",
        "general",
        "video_script",
        "凡是承诺“包录取”的中介，大家都要警惕，签合同前核实资质",
        "pass",
    ),
    # overseas property returns
    (
        "real-estate-claims",
        "general",
        "smart_call",
        "泰国公寓买房送包租，每年给您6%租金，十年后原价回购",
        "block",
    ),
    (
        "real-estate-claims",
        "general",
        "home_card",
        "海外购房提示：所谓包租回报，租金回报从来无法保证，请谨慎",
        "pass",
    ),
    # foreign officials and royals; experts who formulate supplements
    ("state-symbols", "cosmetics", "dsp", "日本领事馆推荐的面膜，跨境特价", "block"),
    ("endorsement", "health_food", "home_card", "进口叶黄素｜眼科博士团队研发", "block"),
    # service messages
    ("sender-identity", "finance", "sms", "【华兴证券】春节休市安排已发布，详见App公告。", "pass"),
    (
        "personal-information",
        "general",
        "smart_call",
        "清关需补充订购人身份证信息，请在订单页上传；我们绝不会索要验证码和支付密码。",
        "pass",
    ),
    (
        "medical-claims",
        "health_food",
        "dsp",
        "本店按普通食品销售，不作任何保健功能宣称，日本进口酵素饮",
        "pass",
    ),
]
