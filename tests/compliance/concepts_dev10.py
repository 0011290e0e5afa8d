"""Concepts added for the tenth development set, each checked on wordings of its own (not the
set's text): the rule must catch other ways of saying the same thing and leave legal copy
alone."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # stock tips: win rates, knowing the winners first
    ("stock-tips", "finance", "dsp", "智能荐股系统，历史命中率82%，跟买就行", "block"),
    (
        "stock-tips",
        "general",
        "wechat_article",
        "每天收盘后推送明日涨停股，抢先埋伏主升浪",
        "block",
    ),
    ("stock-tips", "finance", "home_card", "股市有风险，入市需谨慎，请通过正规券商交易", "pass"),
    ("stock-tips", "finance", "wechat_article", "谨防所谓“内幕消息”荐股骗局", "pass"),
    # last chance announced again
    (
        "last-chance",
        "general",
        "live_script",
        "家人们这是今年最后一波底价了，后天老时间我们继续开",
        "block",
    ),
    ("last-chance", "general", "live_script", "本年度最后一次大促，错过等明年", "review"),
    ("last-chance", "general", "dsp", "开业礼盒限量300份，送完即止", "review"),
    ("last-chance", "general", "home_card", "活动时间：3月1日至3月7日，明天恢复日常价", "pass"),
    # a parcel pickup notice needs no opt-out; an offer still does
    (
        "sender-identity",
        "general",
        "sms",
        "【社区驿站】快递已到，凭取件码5-1-203于今晚前领取",
        "pass",
    ),
    ("sender-identity", "general", "sms", "【社区驿站】到店领取会员优惠券，满50减10", "block"),
    ("sender-identity", "general", "sms", "【社区驿站】包裹已到，顺便领取免费鸡蛋", "block"),
    # rankings and user counts for a reviewer
    ("cited-data", "insurance", "live_script", "我们的客户满意度在同业排名前五", "review"),
    ("cited-data", "general", "dsp", "家政服务已累计守护120万家庭", "review"),
    # a loan as cash that will be cleared
    ("loan-as-cash", "finance", "app_push", "您的5千元应急金尚未提取，明晚零点作废", "block"),
    (
        "loan-as-cash",
        "finance",
        "sms",
        "【安和贷】您有一笔备用金待领取，年化利率（单利）8%起，回T退订",
        "pass",
    ),
    # trading personal data
    ("personal-information", "general", "wechat_article", "打包转卖全市宝妈名单，附电话", "block"),
    ("personal-information", "general", "dsp", "企业主手机号一毛钱一条，量大优惠", "block"),
    ("personal-information", "general", "home_card", "我们不会出售或泄露您的个人信息", "pass"),
    ("personal-information", "general", "dsp", "吉祥靓号低价出售，号码任你挑", "pass"),
    # credit checks waved through, approval on an ID card
    ("credit-approval", "finance", "dsp", "网黑了？我们这边不看这些，凭身份证当天放款", "block"),
    (
        "credit-approval",
        "finance",
        "home_card",
        "凭本人身份证到网点办理，额度以审批结果为准",
        "pass",
    ),
    # investment promises: waiting for the money, losses on me, guaranteed dividends
    ("guaranteed-returns", "finance", "live_script", "钱交给我们，您只管每月收利息就行", "block"),
    ("guaranteed-returns", "finance", "live_script", "买这只基金，真亏了全算我头上", "block"),
    (
        "guaranteed-returns",
        "general",
        "wechat_article",
        "加盟合作社，每年保底分红百分之十",
        "block",
    ),
    ("guaranteed-returns", "finance", "home_card", "分红不保证，可能为零，投资需谨慎", "pass"),
    ("guaranteed-returns", "finance", "wechat_article", "定投两年，利息一次都没晚过", "review"),
    (
        "investment-beneficiary",
        "finance",
        "sms",
        "【金牛课堂】粉丝实盘：照着老师的信号做，一整年没亏，回T退订",
        "block",
    ),
    # a state scheme invented for a commercial loan
    ("state-symbols", "finance", "dsp", "政府补贴低息贷，额度有限", "block"),
    (
        "state-symbols",
        "finance",
        "home_card",
        "创业担保贷款可享财政贴息，以人社部门审核为准",
        "pass",
    ),
    # an economist's view beside a call to buy
    (
        "endorsement",
        "finance",
        "wechat_article",
        "某大学金融学教授分析明年债市走势，文末点击认购我行理财产品",
        "review",
    ),
    ("endorsement", "finance", "wechat_article", "首席经济学家点评三季度宏观数据", "pass"),
    # insurance: dividends steady, beating wealth products, private rebates
    ("insurance", "insurance", "live_script", "这款分红险红利每年都稳稳发放", "block"),
    ("insurance", "insurance", "live_script", "年金险的收益跑赢银行理财", "block"),
    ("insurance", "insurance", "live_script", "交完保费我再私下给您包个红包", "block"),
    ("insurance", "insurance", "home_card", "分红水平不确定，某些年度可能为零", "pass"),
    ("insurance", "insurance", "home_card", "犹豫期内解除合同，退还全部保费", "pass"),
    # a policy's guaranteed rate is no loan price; statutory deposit insurance is no policy cover
    ("loan-price", "finance", "home_card", "年金险最低保证利率2%，超出部分不确定", "pass"),
    (
        "insurance",
        "insurance",
        "home_card",
        "定期存款受存款保险保护，同一银行本息50万元以内全额赔付",
        "pass",
    ),
    # medical care: outcomes guaranteed, success rates, redo until satisfied
    ("medical-claims", "general", "dsp", "本诊所种植牙成功率98%，终身不松动", "block"),
    ("medical-claims", "general", "live_script", "隆鼻手术包您自然，不满意免费返修", "block"),
    ("medical-claims", "general", "banner", "专科门诊：两个疗程断根，告别鼻炎", "block"),
    (
        "medical-claims",
        "general",
        "home_card",
        "本院手术均需面诊评估，效果因人而异，不承诺一次成功",
        "pass",
    ),
    ("medical-claims", "general", "home_card", "这家店不满意包退换，售后无忧", "pass"),
    # cosmetics: disfiguring marks gone in days, registration numbers not given
    ("medical-claims", "cosmetics", "xiaohongshu", "两周淡化肥胖纹 #广告", "block"),
    (
        "substantiation",
        "cosmetics",
        "live_script",
        "这支是特证产品，注册证号我放评论区了",
        "review",
    ),
    ("substantiation", "cosmetics", "home_card", "清爽防晒乳SPF50+｜国妆特字G20250101", "pass"),
    ("efficacy-guarantee", "cosmetics", "home_card", "舒缓敏感肌肤，敏感肌放心用", "review"),
    # health food: fear and free trials
    (
        "health-fear",
        "health_food",
        "sms",
        "【康养】人到中年不吃护肝片，迟早会住院，回T退订",
        "block",
    ),
    ("health-inducement", "health_food", "dsp", "益生菌家庭必备，新客免费试吃", "block"),
    (
        "health-inducement",
        "health_food",
        "home_card",
        "益生菌粉，保健食品不是药物，不能代替药物治疗疾病",
        "pass",
    ),
    # minors: pestering parents, gaming without limits
    ("minors", "general", "dsp", "小朋友们，回家叫爸爸给你们买这款遥控车吧", "block"),
    ("minors", "general", "home_card", "全班同学都在用了，就你没有，快来选购", "block"),
    ("minors", "general", "app_push", "寒假福利：小学生也能通宵上分，绕过防沉迷", "block"),
    ("minors", "general", "home_card", "未满8周岁儿童请在家长陪同下使用", "pass"),
    ("minors", "general", "app_push", "开学季校园卡充100送20元话费", "pass"),
    # alcohol
    ("alcohol", "general", "dsp", "白酒配烧烤，一口闷，不醉不归", "block"),
    ("alcohol", "general", "banner", "喝完这壶米酒照样开车回家", "block"),
    ("alcohol", "general", "banner", "酱香型白酒，理性饮酒，酒后不开车", "pass"),
    # riding on famous brands
    ("fair-competition", "general", "live_script", "跟某国际大牌同一家代工，价格只要一成", "block"),
    ("fair-competition", "general", "dsp", "精仿A货手表，支持验货", "block"),
    ("fair-competition", "general", "home_card", "高仿真盆栽，免浇水", "pass"),
    ("fair-competition", "general", "home_card", "原单号请在订单详情查看", "pass"),
    ("fair-competition", "finance", "live_script", "利率比附近两家银行都高一点", "review"),
    # absolute claims, training guarantees, testimonials, research partners
    ("absolute-terms", "general", "banner", "新款手机销量断层领先", "block"),
    ("absolute-terms", "general", "live_script", "这个价别处你再也找不到第二家", "review"),
    ("guaranteed-outcome", "general", "dsp", "一对一辅导，确保英语多考20分，考不到退学费", "block"),
    (
        "guaranteed-outcome",
        "general",
        "home_card",
        "因个人原因上不了课，可按课时申请退费",
        "pass",
    ),
    ("endorsement", "general", "live_script", "我闺蜜用了两年了，这个吹风机还很好用", "review"),
    ("substantiation", "general", "dsp", "联合省农科研究院共同研发的有机肥", "review"),
]

#: Legal copy that goes to no reviewer either.
CLEAN_CASES: list[tuple[str, str, str, str]] = [
    ("minors", "general", "home_card", "让爸妈用得放心的按摩椅"),
    ("alcohol", "general", "home_card", "喝完这杯咖啡再出发，路上注意安全"),
    ("personal-information", "general", "home_card", "卖场会员积分可兑换礼品"),
    ("insurance", "insurance", "home_card", "个人退保须本人持身份证办理"),
    ("substantiation", "cosmetics", "home_card", "本品已取得特殊化妆品注册证，户外请及时补涂"),
]
