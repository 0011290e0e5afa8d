"""Concepts added for the eighteenth development set (product by product, format by format:
credit cards, funds, crypto, sunscreen, infant formula, tours, jobs, pets, in bullets, FAQs,
hashtags and rhymes), each checked on wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # a FAQ that asks the claim and answers no
    ("context", "finance", "smart_call", "问：买理财能保证不亏吗？答：不能，理财有风险。", "pass"),
    ("context", "cosmetics", "home_card", "问：这款面霜能治湿疹吗？答：不能，湿疹请就医。", "pass"),
    # a disease named to send the reader to a doctor
    ("context", "cosmetics", "wechat_article", "痤疮属于皮肤病，请到正规医院皮肤科就诊。", "pass"),
    ("context", "health_food", "home_card", "本品为普通食品；失眠请遵医嘱治疗。", "pass"),
    ("medical-claims", "health_food", "banner", "本品可治疗失眠，请遵医嘱服用", "block"),
    # not done by whoever the copy names
    ("context", "insurance", "home_card", "本产品并非社保，不是政府兜底，详见条款", "pass"),
    ("guaranteed-returns", "finance", "banner", "不是我吹，这只理财政府兜底", "block"),
    # official rates are annual by definition
    (
        "loan-price",
        "finance",
        "wechat_article",
        "公积金贷款利率自下月起下调0.25个百分点，五年以上为2.85%",
        "pass",
    ),
    # forecasts and daily earnings
    ("guaranteed-returns", "finance", "app_push", "这只新能源基金年底有望翻倍，抓紧上车", "block"),
    ("guaranteed-returns", "finance", "dsp", "黄金T+0双向交易，一天能赚800元", "block"),
    # crypto
    ("public-order", "general", "xiaohongshu", "#搞钱# 带你炒币，狗狗币下一个百倍", "block"),
    ("public-order", "finance", "live_script", "USDT跑分，U商秒结", "block"),
    (
        "public-order",
        "finance",
        "sms",
        "【XX银行】提醒：以虚拟货币投资为名的项目涉嫌非法集资，请勿参与。拒收请回复R",
        "pass",
    ),
    ("public-order", "general", "banner", "数字人民币消费满50立减10元", "pass"),
    # jobs
    ("public-order", "general", "home_card", "宝妈在家兼职，给商家刷好评，一单结一单", "block"),
    ("public-order", "general", "sms", "【汇才】招保安，上岗前需缴纳500元保证金。回T退订", "block"),
    ("public-order", "general", "banner", "急招仓库管理员，限男性，已婚已育优先", "block"),
    (
        "public-order",
        "general",
        "home_card",
        "招聘会计一名，男女不限，持初级职称，入职缴纳五险一金",
        "pass",
    ),
    # tours
    ("price", "general", "dsp", "泰国7日游0团费，落地再谈", "block"),
    (
        "price",
        "general",
        "wechat_article",
        "海南5日游2680元/人，全程无购物店，不含往返机票",
        "pass",
    ),
    # breast-milk substitutes
    ("minors", "health_food", "xiaohongshu", "#新手妈妈# 这款奶粉媲美母乳，宝宝喝得香", "block"),
    ("minors", "general", "banner", "母乳级配方，给宝宝最好的", "block"),
    ("minors", "health_food", "home_card", "提倡母乳喂养，婴儿配方奶粉不能代替母乳", "pass"),
    # sunscreen, food grade, teeth, hair
    ("false-claims", "cosmetics", "banner", "户外大白瓶 SPF80 一次涂抹管全天", "block"),
    ("false-claims", "cosmetics", "home_card", "防晒霜SPF50+，流汗后请及时补涂", "pass"),
    ("medical-claims", "cosmetics", "xiaohongshu", "儿童面霜食品级原料，舔到也没事", "block"),
    (
        "medical-claims",
        "cosmetics",
        "banner",
        "这款牙膏刷一周，口腔溃疡全好了，牙周炎也能改善",
        "block",
    ),
    (
        "medical-claims",
        "cosmetics",
        "home_card",
        "防蛀牙膏，含氟配方，帮助预防龋齿（功效经评价）",
        "pass",
    ),
    # a duration of an efficacy, and resistance to water, for a reviewer
    ("substantiation", "cosmetics", "xiaohongshu", "#持妆# 这款粉底持妆长达16小时", "review"),
    ("substantiation", "cosmetics", "banner", "防晒喷雾，出汗30分钟都不花", "review"),
    ("substantiation", "general", "banner", "充电2小时，续航一整天", "pass"),
    # insurance
    (
        "insurance-misrepresentation",
        "insurance",
        "live_script",
        "这款年金越早投保越赚，早买早赚钱",
        "review",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "banner",
        "住院医疗险，自费药也能全部报销",
        "block",
    ),
    # education, health food, devices, pets
    ("guaranteed-outcome", "general", "app_push", "初三物理冲刺，十节课提高20分", "block"),
    ("efficacy-guarantee", "health_food", "dsp", "健身蛋白粉，两周长肌肉5斤", "block"),
    (
        "efficacy-guarantee",
        "health_food",
        "banner",
        "不用去健身房也能练出马甲线，就靠这罐代餐",
        "block",
    ),
    ("medical-claims", "health_food", "live_script", "这款鹿鞭酒专治阳痿，男人喝了有劲", "block"),
    ("medical-claims", "general", "dsp", "宠物营养膏，预防犬瘟，狗狗吃了不生病", "block"),
    ("medical-claims", "general", "home_card", "骨传导助听器，耳聋也能治好", "block"),
    ("endorsement", "general", "banner", "兽医们都推荐的狗粮，换粮不软便", "block"),
    ("endorsement", "general", "home_card", "家用血压计，医院专用款，老人在家自己测", "block"),
    ("endorsement", "general", "home_card", "宠物体检套餐，兽医一对一解读报告", "pass"),
]
