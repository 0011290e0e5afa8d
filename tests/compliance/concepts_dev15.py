"""Concepts added for the fifteenth development set (copy aimed at an audience, in a season) and
for the evasion sweep run beside it (benchmarks/compliance_evasions.py), each checked on
wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # marketing that asks for a password or a one-time code; staff who never ask for one
    (
        "misleading-inducement",
        "general",
        "sms",
        "双十一返现到账提醒：请私信客服您的卡号和支付密码，24小时内到账",
        "block",
    ),
    (
        "misleading-inducement",
        "finance",
        "smart_call",
        "阿姨您把手机上收到的验证码念给我，我帮您把养老补贴领出来",
        "block",
    ),
    (
        "misleading-inducement",
        "finance",
        "wechat_article",
        "提醒爸妈：银行不会打电话让您报验证码，接到这种电话请直接挂断",
        "pass",
    ),
    # advertising in schools and on pupils' things
    (
        "minors",
        "general",
        "live_script",
        "我们的饮料logo印在练习册封面上，开学统一发到每个学生手里",
        "block",
    ),
    ("minors", "general", "home_card", "校服上绣有学校名称和校徽，家长可在开学前领取", "pass"),
    # insurance (or a loan) made a condition of school or credit
    (
        "bundled-sale",
        "insurance",
        "sms",
        "【某某中学】没有购买校园意外险的同学一律不能报名住校",
        "block",
    ),
    (
        "bundled-sale",
        "insurance",
        "home_card",
        "学生意外险由家长自愿选择，是否投保不影响入学",
        "pass",
    ),
    # minors offered credit
    ("credit-approval", "finance", "app_push", "不满十八岁也可以开通分期，买球鞋不用等", "block"),
    ("credit-approval", "finance", "home_card", "未满18周岁无法申请本产品", "pass"),
    # a rival's goods called fakes
    (
        "fair-competition",
        "general",
        "xiaohongshu",
        "某猫旗舰店的奶粉全是临期货，我们家保证新鲜",
        "block",
    ),
    # no risk, said plainly; a monthly fixed payout
    ("guaranteed-returns", "finance", "live_script", "这个项目放心投，真的没啥风险", "block"),
    (
        "guaranteed-returns",
        "finance",
        "smart_call",
        "存进来每月固定返利3%，到期本金还给您",
        "block",
    ),
    (
        "guaranteed-returns",
        "finance",
        "wechat_article",
        "任何理财都不是没风险的，请看清说明书",
        "pass",
    ),
    # cosmetics reaching the dermis or removing stretch marks
    ("medical-claims", "cosmetics", "banner", "精华直达真皮层，产后纹路一扫而空", "block"),
    ("medical-claims", "cosmetics", "xiaohongshu", "孕期身体乳，坚持涂能消除妊娠纹", "block"),
    # health food against birth defects or better than prescribed drugs
    ("medical-claims", "health_food", "live_script", "备孕就吃这个，比医生开的药还管用", "block"),
    # a warning not to stop medicine is the disclaimer's point
    (
        "medical-claims",
        "health_food",
        "wechat_article",
        "选购保健食品时看清保健功能和适宜人群，正在服药的长辈不要自行停药",
        "pass",
    ),
    # copy that disowns medical words it only names
    ("medical-claims", "cosmetics", "home_card", "不吹“医美级”，只说保湿：一支温和的面霜", "pass"),
    # claims that turn on outside facts
    ("substantiation", "general", "dsp", "已顺利通过欧盟CE认证和国际跌落测试", "review"),
    ("substantiation", "general", "banner", "远销40多个国家和地区的国货小家电", "review"),
    ("substantiation", "finance", "home_card", "已有5万户农户用上了我们的助农卡", "review"),
    ("substantiation", "insurance", "xiaohongshu", "被多家财经媒体评为年度口碑产品", "review"),
    ("substantiation", "finance", "home_card", "通过人脸认证后即可在线签约", "pass"),
    # evasions: pinyin in a term rule, pinyin after a digit, a polyphonic character, lv for 率
    ("tobacco", "general", "home_card", "新款dian子烟到店，口味更丰富", "block"),
    ("state-symbols", "general", "banner", "荣获中国chi名商标的老字号", "block"),
    ("loan-price", "finance", "sms", "借1万一天才3kuai，当天到账", "block"),
    ("medical-claims", "health_food", "video_script", "喝了半年，改善腰zhui病", "block"),
    ("loan-price", "finance", "app_push", "日利lv低至0.02%，随借随还", "block"),
    # a word split by bars, character by character; bars between words still end a clause
    ("guaranteed-returns", "finance", "banner", "稳|赚|不|赔，年年有余", "block"),
    ("loan-price", "finance", "banner", "低息｜快放｜年化利率3.6%起（单利）", "pass"),
    # a phone number split by emoji or written in traditional numerals
    (
        "personal-information",
        "general",
        "live_script",
        "中奖的是一三九✨八八六六💰五二一零的粉丝",
        "block",
    ),
    (
        "personal-information",
        "general",
        "home_card",
        "恭喜壹叄捌 貳貳陸陸 伍伍柒柒的用户中奖",
        "block",
    ),
    # amounts and rates in Chinese or financial numerals; numerals inside words stay words
    ("loan-price", "finance", "home_card", "信用卡分期每期手续费率仅零点六%，轻松还", "block"),
    ("loan-price", "finance", "app_push", "恭喜获得预审批额度八万元，立即提现", "block"),
    ("loan-price", "finance", "sms", "借壹万元，日息只要叁元，当天放款", "block"),
    ("misleading-inducement", "general", "live_script", "抽奖一等奖价值叁拾伍万元的轿车", "block"),
    ("medical-claims", "health_food", "video_script", "坚持吃一个暑假，孩子长高伍厘米", "block"),
    ("absolute-terms", "general", "xiaohongshu", "一元复始，万象更新，新年快乐", "pass"),
    ("absolute-terms", "general", "home_card", "队伍很长，请耐心排队，收拾好随身物品", "pass"),
    # a disparaging line quoted as what not to write, or as a customer's question
    (
        "fair-competition",
        "general",
        "wechat_article",
        "写给各位同行：文案里不能写“隔壁家都是坑”这种话。",
        "pass",
    ),
    (
        "fair-competition",
        "general",
        "smart_call",
        "有客户问“别家的保险是不是都是骗人的”，我们只介绍自己的产品。",
        "pass",
    ),
]
