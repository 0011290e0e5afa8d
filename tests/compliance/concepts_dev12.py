"""Concepts added for the twelfth development set (long-form copy), each checked on wordings
of its own (not the set's text): context that makes a claim no claim, and the claims that hide
in long copy."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # a claim asked as a question and answered no is no claim; answered yes, it still is
    (
        "insurance-misrepresentation",
        "insurance",
        "video_script",
        "有人说“重疾险啥病都赔”？不是的，只赔合同列明的疾病，投保前请看清条款。",
        "pass",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "video_script",
        "重疾险啥病都赔？对，啥病都赔，放心买！",
        "block",
    ),
    (
        "medical-claims",
        "health_food",
        "live_script",
        "弹幕里有人问吃了这个能不能不打胰岛素了？当然不能！该用的药一定要按医嘱用。",
        "pass",
    ),
    # whoever promises it is the one to beware of
    (
        "guaranteed-returns",
        "finance",
        "wechat_article",
        "记住一句话：谁对你承诺稳赚不赔，谁就是在骗你，正规理财都会提示风险。",
        "pass",
    ),
    ("guaranteed-returns", "finance", "banner", "我们对你承诺稳赚不赔，放心投", "block"),
    # what a product cannot replace, and what a firm will not do towards someone
    (
        "medical-claims",
        "cosmetics",
        "xiaohongshu",
        "面霜就是面霜，替代不了医美项目，别对它抱不切实际的期待。",
        "pass",
    ),
    ("medical-claims", "cosmetics", "xiaohongshu", "用了它就不用再去做医美了", "block"),
    (
        "personal-data",
        "general",
        "app_push",
        "您的手机号仅用于物流通知，我们绝不会向任何第三方出售或提供您的个人信息。",
        "pass",
    ),
    ("personal-data", "general", "dsp", "业主名单转让：本小区业主电话，每条1元打包走", "block"),
    ("personal-data", "general", "dsp", "高意向宝妈资料，含姓名住址手机号，每条0.3元", "block"),
    # 绝对 stressing a prohibition; ordinals; term life is not a deposit
    (
        "absolute-terms",
        "health_food",
        "live_script",
        "孕妇绝对不要自行加量服用，请先咨询医生",
        "pass",
    ),
    ("absolute-terms", "general", "wechat_article", "第一回下单的朋友记得先领新人券", "pass"),
    (
        "insurance-misrepresentation",
        "insurance",
        "wechat_article",
        "家庭保障可以先配医疗险，再看定期寿险和重疾险，保障范围以合同为准。",
        "pass",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "smart_call",
        "这款年金跟存定期差不多，到期连本带息都能取",
        "block",
    ),
    # a time and an effect in two clauses are no timed efficacy; in one clause they are
    (
        "medical-claims",
        "cosmetics",
        "wechat_article",
        "肌肤屏障修复大约要4周，这段时间的美白精华可以先停一停。",
        "pass",
    ),
    ("medical-claims", "cosmetics", "xiaohongshu", "4周美白，黄气全跑光", "block"),
    # risk borne by the investor is a risk warning
    (
        "guaranteed-returns",
        "finance",
        "wechat_article",
        "私募产品仅向合格投资者推介，请阅读风险揭示书，由投资者自行承担投资风险。",
        "pass",
    ),
    # guarantees hidden in long copy
    (
        "guaranteed-returns",
        "finance",
        "live_script",
        "这只基金我拿了三年，本金妥妥能保住，跟着冲",
        "block",
    ),
    ("guaranteed-returns", "finance", "home_card", "积存金长期稳涨，越早上车越划算", "block"),
    (
        "guaranteed-returns",
        "insurance",
        "wechat_article",
        "交满十年，以后每年稳领2万元养老钱",
        "block",
    ),
    # English medical claims on cosmetics; a doctor who eats it himself; height in centimetres
    (
        "medical-claims",
        "cosmetics",
        "xiaohongshu",
        "这支是medical grade的修护霜，anti-inflammatory",
        "block",
    ),
    (
        "health-endorsement",
        "health_food",
        "live_script",
        "骨科的李医生说她自己每天都吃这款氨糖，膝盖好多了",
        "block",
    ),
    ("efficacy-guarantee", "health_food", "banner", "青少年长高营养粉，一个寒假多长5厘米", "block"),
    # "last units" extended again after being called the last
    (
        "misleading-inducement",
        "general",
        "live_script",
        "最后3套！最后3套！好的助理说仓库又放了3套，真的最后了！",
        "block",
    ),
    # figures and endorsements a reviewer checks
    (
        "substantiation",
        "insurance",
        "video_script",
        "客户张先生：住院报销的理赔款2天就到账了",
        "review",
    ),
    ("cited-data", "general", "home_card", "美团评分4.8分的本地烤肉店，周末要排队", "review"),
    ("cited-data", "health_food", "app_push", "50万+中老年家庭的共同选择", "review"),
    ("cited-data", "general", "wechat_article", "全国1200多家药店有售", "review"),
    ("awards", "general", "home_card", "黑珍珠一钻餐厅主厨研发的年菜礼盒", "review"),
    ("substantiation", "general", "app_push", "儿童水杯通过SGS材料安全检测", "review"),
]

#: Legal copy that goes to no reviewer either.
CLEAN_CASES: list[tuple[str, str, str, str]] = [
    ("cited-data", "general", "home_card", "评论区说说你最想吃哪一道菜"),
    ("substantiation", "insurance", "wechat_article", "理赔时效以保险合同约定为准"),
    ("personal-data", "general", "home_card", "我们不会向第三方出售您的个人信息"),
    ("substantiation", "general", "app_push", "通过手机号验证后即可领取会员权益"),
]
