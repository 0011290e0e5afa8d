"""Concepts added for the thirty-sixth development set (what is said out loud and in replies:
livestream scripts, comment and chat replies), each checked on wordings of its own (not the
set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # a question someone asks, answered no, is not a claim
    (
        "guaranteed-returns",
        "finance",
        "xiaohongshu",
        "网友：你们这款理财保本吗？回复：抱歉，理财产品不保本，可能损失本金，请谨慎选择。",
        "pass",
    ),
    (
        "medical-claims",
        "health_food",
        "live_script",
        "粉丝：吃这个能把胰岛素停了吗？主播：不行不行，保健食品不能代替药物，千万别停药。",
        "pass",
    ),
    (
        "loan-approval",
        "finance",
        "smart_call",
        "客户：你们能保证我一定下款吗？坐席：这个我们承诺不了，能否借款以审核结果为准。",
        "pass",
    ),
    # ... answered yes, or a no that asserts there is no risk, stays a claim
    (
        "guaranteed-returns",
        "finance",
        "xiaohongshu",
        "网友：你们这款理财保本吗？回复：放心，保本的！",
        "block",
    ),
    (
        "guaranteed-returns",
        "finance",
        "live_script",
        "问：这个产品有没有风险？答：没有的，闭眼买。",
        "block",
    ),
    # a term is not read across a clause break between two words
    (
        "guaranteed-returns",
        "insurance",
        "wechat_article",
        "年金险的核心是保障，收益要看合同里的保证部分。",
        "pass",
    ),
    ("guaranteed-returns", "finance", "banner", "稳，赚，不，赔的好产品", "block"),
    (
        "insurance-misrepresentation",
        "insurance",
        "banner",
        "门诊花多少，报多少！惠民医疗险",
        "block",
    ),
    # everyday words that hold a term
    (
        "medical-claims",
        "cosmetics",
        "video_script",
        "周末敷片面膜，听首歌，很治愈系的一晚。",
        "pass",
    ),
    ("medical-claims", "cosmetics", "video_script", "这款面霜能治愈皮炎。", "block"),
    # a belief called a myth, a word called unusable, a cost disclosed: explanations
    (
        "medical-claims",
        "health_food",
        "wechat_article",
        "有人觉得“吃鱼油能治高血压”，这是误区，保健食品不能治疗疾病。",
        "pass",
    ),
    (
        "guaranteed-returns",
        "insurance",
        "video_script",
        "为什么“稳赚不赔”这个说法不能用？因为任何投资都有风险。",
        "pass",
    ),
    (
        "loan-cost",
        "finance",
        "video_script",
        "分期并不免费，写着“0利息”的也可能收手续费，请看年化利率。",
        "pass",
    ),
    # a rebate refused to the reader
    (
        "insurance-inducement",
        "insurance",
        "xiaohongshu",
        "我们无法给您任何合同以外的返佣，请通过官方渠道按原价投保。",
        "pass",
    ),
    (
        "insurance-inducement",
        "insurance",
        "live_script",
        "今天下单返佣金20%，只在直播间！",
        "block",
    ),
    # a reimbursement ratio after social insurance is a policy term
    (
        "insurance-misrepresentation",
        "insurance",
        "app_push",
        "医保结算后按100%报销，未经医保结算按60%报销，免赔额5000元，详见条款。",
        "review",
    ),
    # the seller fills in the client's risk questionnaire
    (
        "investor-suitability",
        "finance",
        "smart_call",
        "问卷我帮您勾一下，勾成积极型就能买了。",
        "block",
    ),
    (
        "investor-suitability",
        "finance",
        "smart_call",
        "风险测评需要您本人如实填写，结果决定可以购买的产品等级。",
        "pass",
    ),
    # borrowing induced: draw it now and keep it
    ("loan-purpose", "finance", "smart_call", "额度别浪费，先借出来存着，以后总用得上。", "block"),
    # a food that keeps colds away
    (
        "medical-claims",
        "health_food",
        "live_script",
        "天天喝这个，从此不感冒，全家都不生病。",
        "block",
    ),
    # cosmetics: safe to swallow, cell-level repair
    ("medical-claims", "cosmetics", "live_script", "这个乳液吃进去都没事，宝宝随便用。", "block"),
    ("medical-claims", "cosmetics", "banner", "细胞级修护精华，一夜焕新。", "block"),
    # paid good reviews
    ("public-order", "general", "live_script", "收到货给个好评，截图找客服返5元红包！", "block"),
    ("public-order", "general", "live_script", "收到货觉得好用的话，欢迎给我们留个评价。", "pass"),
    # a rival's product called a waste of money
    (
        "fair-competition",
        "cosmetics",
        "live_script",
        "别家那款就是在交智商税，还是选我们。",
        "block",
    ),
    # supplements sold against wrinkles or aesthetic procedures
    (
        "medical-claims",
        "health_food",
        "home_card",
        "胶原饮品，坚持喝抚平法令纹。",
        "block",
    ),
    (
        "medical-claims",
        "health_food",
        "live_script",
        "喝它比做热玛吉还管用，热玛吉的钱都省了。",
        "block",
    ),
    (
        "medical-claims",
        "health_food",
        "home_card",
        "胶原蛋白肽固体饮料，每袋含胶原蛋白肽5克。",
        "pass",
    ),
]
