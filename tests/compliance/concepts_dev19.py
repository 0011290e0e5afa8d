"""Concepts added for the nineteenth development set (violations by implication: claims made
without the banned word, through a record, a story, a before/after or a dialogue), each checked
on wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # a dialogue: the customer asks the claim, the agent answers no
    (
        "context",
        "finance",
        "smart_call",
        "客户：这款基金能保证赚钱吗？客服：不能的，基金有风险。",
        "pass",
    ),
    (
        "context",
        "insurance",
        "smart_call",
        "客户：这个保险和存款一样吗？顾问：不一样，保险不是存款。",
        "pass",
    ),
    (
        "context",
        "cosmetics",
        "live_script",
        "这瓶只是保湿，别指望它治痘，长痘请先去医院看医生。",
        "pass",
    ),
    # a record of never losing, a personal pledge, "surely more than a deposit"
    (
        "guaranteed-returns",
        "finance",
        "app_push",
        "李叔买了两年，一次都没亏过，您也来一份",
        "block",
    ),
    ("guaranteed-returns", "finance", "live_script", "这只债基亏了你们直接来找我，我负责", "block"),
    ("guaranteed-returns", "finance", "xiaohongshu", "闺蜜推荐的理财，放一年肯定比定期多", "block"),
    ("guaranteed-returns", "finance", "banner", "悦享理财180天，到期稳拿4.1%", "block"),
    (
        "guaranteed-returns",
        "finance",
        "home_card",
        "三年期定期存款，到期拿2.6%，受存款保险保障",
        "pass",
    ),
    ("guaranteed-returns", "finance", "smart_call", "这笔钱您就当存了个定期，利息还多点", "block"),
    (
        "guaranteed-returns",
        "finance",
        "home_card",
        "悦享理财近一年年化收益3.1%，过往业绩不代表未来表现，理财非存款，投资须谨慎",
        "pass",
    ),
    # the beneficiary's own account as proof
    (
        "endorsement",
        "finance",
        "xiaohongshu",
        "【广告】晒收益：定投第2年实盘记录，赚了18%",
        "block",
    ),
    # borrowing to repay cards, to pay a deposit on a flat, to buy shares
    ("loan-purpose", "finance", "live_script", "网贷逾期了？来我们这借一笔，把卡还上就好", "block"),
    ("loan-purpose", "finance", "app_push", "首付还缺3万？消费贷额度随借随还", "block"),
    ("loan-purpose", "finance", "dsp", "信用卡取现，今天就能抄底", "block"),
    ("loan-price", "finance", "smart_call", "借五千块一个月才几十，不心疼", "block"),
    # insurance: payouts doubled, stop-sale rates, cover without cost
    (
        "insurance-misrepresentation",
        "insurance",
        "xiaohongshu",
        "每年交2万，退休时拿出来直接翻一番",
        "block",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "live_script",
        "收益率月底就要下调，最后一批名额，赶紧上车",
        "block",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "banner",
        "看病花多少赔多少，每月只要十几元",
        "block",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "wechat_article",
        "手术花了30万，自己没花一分钱",
        "block",
    ),
    ("insurance-misrepresentation", "insurance", "dsp", "存钱不如存增额寿，越早越好", "block"),
    # cosmetics in place of medicine, hospitals and procedures
    ("medical-claims", "cosmetics", "xiaohongshu", "用了这支精华，再也不用跑皮肤科了", "block"),
    ("medical-claims", "cosmetics", "dsp", "做一次光子要1500，这支面霜效果差不多", "block"),
    ("medical-claims", "cosmetics", "app_push", "14天淡没了，痘印统统带走", "block"),
    ("medical-claims", "cosmetics", "home_card", "头发稀少？坚持用，长出新发", "block"),
    ("medical-claims", "cosmetics", "home_card", "清爽保湿乳，温和不刺激，换季也能用", "pass"),
    # health food: check-ups normal, medicine boxes empty, pain gone, prevention
    ("medical-claims", "health_food", "xiaohongshu", "我妈吃了半年，体检报告各项都正常了", "block"),
    ("medical-claims", "health_food", "live_script", "吃了这个，药瓶慢慢就收起来了", "block"),
    ("medical-claims", "health_food", "video_script", "两个月，腰不疼了，爬山也不喘", "block"),
    ("medical-claims", "health_food", "sms", "这款钙片对老年人预防作用很明显", "block"),
    (
        "endorsement",
        "health_food",
        "xiaohongshu",
        "【广告】这款蛋白粉我喝了三个月，每天一勺",
        "block",
    ),
    (
        "medical-claims",
        "health_food",
        "home_card",
        "钙片 保健功能：补充钙。本品不能代替药物，请在医生指导下服用降压药。",
        "pass",
    ),
    # education, medical services, homes, minors, alcohol, jobs
    (
        "guaranteed-outcome",
        "general",
        "home_card",
        "二建考不过？费用我们退，第二年免费重学",
        "block",
    ),
    ("guaranteed-outcome", "general", "wechat_article", "授课老师曾在命题的专家组工作", "block"),
    ("efficacy-rate", "general", "wechat_article", "95%的病人术后再没复发", "block"),
    ("medical-service", "general", "dsp", "种植牙当天就能上班，零恢复期", "block"),
    ("real-estate", "general", "wechat_article", "去年入住的业主，每平米涨了5000", "block"),
    ("minors", "general", "app_push", "宝贝们快去跟爸爸妈妈说想要这套限定皮肤", "block"),
    ("minors", "general", "dsp", "寒假畅玩，不用实名，爸妈管不着", "block"),
    ("alcohol", "general", "live_script", "这款酒不上头，喝两杯开车都没问题", "block"),
    ("alcohol", "general", "banner", "喝酒不开车，开车不喝酒", "pass"),
    ("jobs", "general", "banner", "客服专员 无婚育计划优先 月薪5000", "block"),
    ("jobs", "general", "smart_call", "帮商家下单就行，自己先垫付，每单返佣金", "block"),
]
