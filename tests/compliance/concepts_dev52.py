"""Concepts added for the fifty-second development set (the violation buried in a real
operator's draft): SMS framing, lending, insurance, disparagement, health claims, organic claims
and outbound calls, each checked on wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # SMS: an opt-out in another common form, and one the reader pays for further away.
    ("sender-identity", "general", "sms", "【禾木家居】周末上新，全场8折。回复N不再接收", "pass"),
    (
        "sender-identity",
        "general",
        "sms",
        "【禾木家居】周末上新。如需退订，请编辑TD发送至1065900，通信费0.1元/条",
        "block",
    ),
    (
        "sender-identity",
        "general",
        "sms",
        "【禾木家居】周末上新。退订回T，短信费由本店承担",
        "pass",
    ),
    # A slogan or a person with a role is no sender's name.
    (
        "sender-identity",
        "general",
        "sms",
        "【生活，慢一点】秋季新品到店，全场8折。拒收请回复R",
        "block",
    ),
    (
        "sender-identity",
        "insurance",
        "sms",
        "【您的理财经理王芳】年金险本月开放投保。回T退订",
        "block",
    ),
    ("sender-identity", "general", "sms", "【李宁】秋季新品到店，全场8折。拒收请回复R", "pass"),
    # Lending: nobody refused, the credit record not looked at, approval in spite of arrears.
    (
        "credit-approval",
        "finance",
        "live_script",
        "我播了半年，没见过有人说没批的，额度就是你的",
        "block",
    ),
    ("credit-approval", "finance", "dsp", "不查大数据，不看多头借贷，手机号就能申请", "block"),
    (
        "credit-approval",
        "finance",
        "app_push",
        "以前被拒贷的老铁别灰心，这边照样能给你放款",
        "block",
    ),
    (
        "credit-approval",
        "finance",
        "wechat_article",
        "网贷记录、查询次数统统不作参考，只看流水",
        "block",
    ),
    ("credit-approval", "finance", "app_push", "额度以审批结果为准，征信不良可能影响审批", "pass"),
    # Insurance: a deposit's words, a bank's 理财 sold by an insurer, promised settlement rates.
    (
        "insurance-misrepresentation",
        "insurance",
        "dsp",
        "存6年，满期还本付息，比存在银行里划算",
        "block",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "app_push",
        "稳享理财产品今日开售，3年期，由安盛人寿股份有限公司承保",
        "block",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "sms",
        "【安禾人寿】万能账户结算利率以后也不会下调。回T退订",
        "block",
    ),
    ("insurance-misrepresentation", "insurance", "dsp", "含分红的IRR稳定4%，早买早锁定", "block"),
    (
        "insurance-misrepresentation",
        "insurance",
        "wechat_article",
        "本产品为保险产品，不是存款，不能还本付息，现金价值以合同为准",
        "pass",
    ),
    # Disparagement said the way a salesperson says it.
    (
        "fair-competition",
        "insurance",
        "smart_call",
        "那家公司理赔出了名的慢，还是换我们吧",
        "block",
    ),
    ("fair-competition", "cosmetics", "live_script", "隔壁那种便宜面膜全是兑的水，别买", "block"),
    (
        "fair-competition",
        "insurance",
        "wechat_article",
        "某寿险公司偿付能力不足，搞不好哪天就被接管",
        "block",
    ),
    ("fair-competition", "general", "dsp", "我们不贴大牌标签，你不用为包装买单", "pass"),
    # Health and food: a re-check that shows it shrank, chemo, myopia, a doctor's own word.
    (
        "medical-claims",
        "health_food",
        "live_script",
        "有甲状腺结节的姐妹吃了三个月，B超复查缩小了",
        "block",
    ),
    ("medical-claims", "health_food", "dsp", "化疗期间配着吃，白细胞不掉", "block"),
    (
        "medical-claims",
        "health_food",
        "banner",
        "孩子近视度数年年涨？每天两粒，帮孩子把度数稳住",
        "block",
    ),
    ("medical-claims", "general", "wechat_article", "全家人喝了这款茶，一冬天少跑医院", "block"),
    (
        "medical-claims",
        "health_food",
        "sms",
        "【益年堂】钙片是老人的必修课，断了就白吃。回T退订",
        "block",
    ),
    (
        "endorsement",
        "health_food",
        "video_script",
        "我是三甲医院的营养师，我自己也吃这款蛋白粉，大家放心买",
        "block",
    ),
    ("medical-claims", "general", "video_script", "虾蟹嘌呤高，痛风人群请控制食用量", "pass"),
    # Organic: admitted uncertified (block); named without a certificate (review).
    ("substantiation", "general", "xiaohongshu", "自家种的有机菜，没去办认证，放心吃", "block"),
    (
        "substantiation",
        "general",
        "sms",
        "【山间谷】有机小米新米上市，5斤装59元。回T退订",
        "review",
    ),
    ("substantiation", "general", "dsp", "有机小米，有机产品认证证书编号227OP2500001", "review"),
    ("substantiation", "general", "dsp", "多施有机肥的番茄，酸甜多汁", "pass"),
    # Xiaohongshu: a buyer's own price record goes to a reviewer, a sign-up reward is a cue.
    (
        "ad-disclosure",
        "general",
        "xiaohongshu",
        "记一下：扫地机到手价1899，用了半年，缺点是噪音大",
        "review",
    ),
    ("ad-disclosure", "general", "xiaohongshu", "这个App超好用，注册填我的码领20元红包", "block"),
    # Tobacco hardware by another name.
    ("tobacco", "general", "dsp", "新款雾化杆到货，三种口味的雾化弹任选", "block"),
    # Absolute: the king of a category, beyond replacement.
    ("absolute-terms", "cosmetics", "xiaohongshu", "这支口红就是哑光界的王者", "block"),
    ("absolute-terms", "general", "dsp", "这台咖啡机，用过就知道无可替代", "block"),
    # Outbound calls: refusal ignored or made hard.
    (
        "sender-identity",
        "finance",
        "smart_call",
        "客户：不感兴趣。坐席：您先别挂，听我说完这个额度",
        "block",
    ),
    (
        "sender-identity",
        "general",
        "smart_call",
        "如您不希望再接到来电，需要携带身份证到门店办理，3个工作日生效",
        "block",
    ),
    (
        "sender-identity",
        "general",
        "smart_call",
        "客户：不需要。坐席：好的，已为您登记，不再来电",
        "pass",
    ),
]
