"""Concepts added or widened for the sixty-seventh development set (the second held-out set's
brief a fourth time, each part asked for angles beyond the textbook examples), each checked on
wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # children told to press their parents, or shamed by other children
    ("minors", "general", "video_script", "小朋友，赶紧去跟妈妈说：我要这个会飞的小马！", "block"),
    ("minors", "general", "live_script", "宝贝们，不买就是不爱我哦，快下单", "block"),
    ("minors", "general", "banner", "魔法学习机｜其他小伙伴都有啦，你呢？", "block"),
    # a pop-up that closes only after a countdown, a fake virus alert
    ("ad-disclosure", "general", "banner", "【弹窗】新游公测 送648元礼包｜3秒后可关闭", "block"),
    ("ad-disclosure", "general", "app_push", "警告：您的设备感染了5个木马，马上点击查杀", "block"),
    # prescription drugs, class A OTC gifts, a dose that cures at once, overdosing
    (
        "medical-claims",
        "general",
        "sms",
        "【好药到家】他达拉非片隐私发货，无需处方，私信下单",
        "block",
    ),
    ("medical-claims", "general", "dsp", "甲类非处方药感冒灵片 买3盒送1盒", "block"),
    (
        "medical-claims",
        "general",
        "live_script",
        "我嗓子疼的时候就含它，两片下去立马不疼了",
        "block",
    ),
    (
        "efficacy-guarantee",
        "health_food",
        "live_script",
        "鱼油胶囊多吃几粒见效更快，吃多了也没事",
        "block",
    ),
    # insurance: cash back on the premium, the health declaration waved through
    (
        "insurance-misrepresentation",
        "insurance",
        "sms",
        "年金险年交满3万直接送扫地机器人一台",
        "block",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "live_script",
        "这款重疾险返8%保费，今晚下单就返",
        "block",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "smart_call",
        "健康告知那一页全部勾“否”就可以了，公司基本不会查",
        "block",
    ),
    # debts told to a contact, threats of joint liability
    (
        "debt-collection",
        "finance",
        "sms",
        "您的同事王某在我平台借款已逾期，请转告其尽快还款",
        "block",
    ),
    ("debt-collection", "finance", "smart_call", "不还的话我们会追究你的连带还款责任", "block"),
    # personal data the marketer should not hold
    (
        "personal-information",
        "general",
        "sms",
        "您名下阳光小区3栋的房子现在正好出手，回1估价",
        "block",
    ),
    (
        "personal-information",
        "finance",
        "smart_call",
        "我们从第三方数据平台查到您最近有一笔车贷，给您推荐个低息产品",
        "block",
    ),
    # a rival named and run down
    (
        "fair-competition",
        "finance",
        "video_script",
        "别家网贷的利息比我们高好多，还是来我们这儿借吧",
        "block",
    ),
    ("fair-competition", "general", "live_script", "不像某宝那家店，发货慢还没人理", "block"),
    # holiday tutoring in school subjects, a course vouched for by a research body
    ("education-ads", "general", "app_push", "初一英语暑期特训营｜名师带学，报名立减200", "block"),
    (
        "endorsement",
        "general",
        "wechat_article",
        "本课程经省教育科学研究院专家论证并联合推荐，寒假开课",
        "block",
    ),
    ("misleading-inducement", "general", "banner", "下单就送惊喜神秘大礼包", "block"),
    # state money claimed, the state's name on a loan
    ("official-endorsement", "finance", "home_card", "开户即领政府补贴，补贴直接到账", "block"),
    ("official-endorsement", "finance", "banner", "国家扶持专项贷款 名额有限", "block"),
    ("official-endorsement", "finance", "banner", "小微企业贷款 财政贴息名额仅剩20个", "block"),
    # deposits bought with valuables, credit switched on by default
    ("improper-inducement", "finance", "sms", "【某银行】存满30万定期再送一部华为手机", "block"),
    ("consumer-rights", "finance", "app_push", "已为您默认开通先享后付，购物更方便", "block"),
    # medical aesthetics: before and after, rivals' hospitals, celebrities, unapproved injections
    (
        "medical-claims",
        "general",
        "video_script",
        "这是小美术前的样子，做完隆鼻第十天，像换了个人",
        "block",
    ),
    ("medical-claims", "general", "dsp", "同样的热玛吉，技术比三甲医院还好｜某医美", "block"),
    ("medical-claims", "general", "home_card", "进口减脂针一针瘦三斤，国内还未获批", "block"),
    (
        "endorsement",
        "general",
        "video_script",
        "我们院长亲自给明星李某主刀的双眼皮，同款眼型可约",
        "block",
    ),
    (
        "appearance-anxiety",
        "general",
        "banner",
        "单眼皮显穷？双眼皮改的是运，整容就是改命",
        "block",
    ),
    (
        "endorsement",
        "health_food",
        "wechat_article",
        "退休的李主任说这个钙片他吃着放心，推荐给大家",
        "block",
    ),
    # real estate: profit stories, feng shui; driver assistance as autopilot
    (
        "real-estate-claims",
        "general",
        "smart_call",
        "隔壁楼盘的业主去年买的，转手就赚了五十万",
        "block",
    ),
    ("public-order", "general", "wechat_article", "小区请风水大师看过，入住必发财", "block"),
    ("public-order", "general", "video_script", "开启智驾以后，我在高速上可以放心刷剧", "block"),
    # a tax rule stated as it is (the figure may still go to a reviewer)
    (
        "official-endorsement",
        "finance",
        "home_card",
        "个人养老金每年缴费上限12000元，可在个人所得税前扣除",
        "pass",
    ),
]

CLEAN_CASES: list[tuple[str, str, str, str]] = [
    # conditions named as contraindications or sent to a doctor are not claims
    (
        "context",
        "cosmetics",
        "sms",
        "【青丝坊】温馨提示：头皮有伤口、皮炎期间请勿使用本染发剂。回T退订",
    ),
    (
        "context",
        "cosmetics",
        "xiaohongshu",
        "湿疹反复的宝宝，建议先到医院皮肤科就诊，润肤乳只做日常保湿",
    ),
    (
        "context",
        "general",
        "wechat_article",
        "冬天血压容易波动，高血压要按时服药、少吃盐。本文为科普，不推荐任何产品",
    ),
    ("context", "general", "xiaohongshu", "美容院给你推荐打玻尿酸的，千万别去，注射要去医疗机构"),
    ("context", "general", "live_script", "这碗燕麦开水一冲，五分钟搞定早餐，家里老人也爱吃"),
    ("context", "general", "banner", "本广告5秒后自动关闭，也可点击右上角×关闭"),
    ("context", "general", "app_push", "本软件可检测手机是否有病毒，一键清理垃圾文件"),
    ("context", "finance", "app_push", "先享后付需您本人确认开通，可随时在设置中关闭"),
    (
        "context",
        "finance",
        "sms",
        "【某银行】本行存款不送礼品不返现，利率以网点挂牌公告为准，回T退订",
    ),
    ("context", "general", "smart_call", "本小区二手房价格有涨有跌，挂牌前可以先做免费评估"),
    ("context", "general", "wechat_article", "我行不会通过第三方数据公司获取您的信息"),
]
