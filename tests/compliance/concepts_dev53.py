"""Concepts added for the fifty-third development set (from the reader's side: the impression
an ad leaves, mostly without the textbook words), each checked on wordings of its own (not the
set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # Lending: approval in spite of the reader's record, no income, pre-approved, tea money.
    ("credit-approval", "finance", "home_card", "没公积金、没房没车，照样批", "block"),
    ("credit-approval", "finance", "banner", "失业在家的朋友，也能申请3万元周转金", "block"),
    ("credit-approval", "finance", "video_script", "被银行拒了？换一家，照样能借到", "block"),
    ("credit-approval", "finance", "smart_call", "您的额度已经批下来了，无需提交任何材料", "block"),
    (
        "credit-approval",
        "finance",
        "app_push",
        "恭喜！已通过风控审核，额度今晚12点作废，点击提取",
        "block",
    ),
    (
        "credit-approval",
        "finance",
        "app_push",
        "没有稳定收入的用户请勿申请，审批以实际结果为准",
        "pass",
    ),
    ("loan-price", "finance", "dsp", "每天省一杯咖啡钱，5千元周转一个月", "block"),
    # Insurance: a deposit's safety, a rate steady with dividends, cover for every illness.
    (
        "insurance-misrepresentation",
        "insurance",
        "dsp",
        "把钱存进人寿的年金里，到期本金一分不少",
        "block",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "home_card",
        "理财专区｜安享5年 两全保险 1万元起",
        "block",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "xiaohongshu",
        "有保障基金兜底，跟放在银行一样稳",
        "block",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "live_script",
        "这份分红险年年都有分红，闭眼拿",
        "block",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "app_push",
        "每年放2万，60岁稳稳攒到50万",
        "block",
    ),
    ("insurance-misrepresentation", "insurance", "banner", "说得出名字的病，它全都赔", "block"),
    (
        "insurance-misrepresentation",
        "insurance",
        "xiaohongshu",
        "有高血压也能买，以后带病也照赔",
        "block",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "wechat_article",
        "保险不是存款，保障基金在保险公司破产时依法救助，不等于保本",
        "pass",
    ),
    # Disparagement, masked or named, and a rival's price paid to advertising.
    (
        "fair-competition",
        "insurance",
        "dsp",
        "某家大公司保费贵三成，多的钱全砸在广告费上了",
        "block",
    ),
    ("fair-competition", "general", "xiaohongshu", "别买张某那款吹风机，三天两头坏", "block"),
    ("fair-competition", "finance", "banner", "钱放某宝里就是给平台打白工", "block"),
    (
        "fair-competition",
        "insurance",
        "smart_call",
        "友商理赔动不动就查病历，我们这里简单",
        "block",
    ),
    # Returns: nobody's principal ever short, the same figure next year, never fallen.
    ("guaranteed-returns", "finance", "live_script", "十年来没让一个客户的本金少过", "block"),
    (
        "guaranteed-returns",
        "finance",
        "wechat_article",
        "去年放10万拿回10.4万，今年您放，也是这个数",
        "block",
    ),
    ("guaranteed-returns", "general", "dsp", "生肖银币往年没有一套跌过，今天入手", "block"),
    # Absolute claims without 最.
    ("absolute-terms", "finance", "dsp", "同样借一万，比在任何一家都少花钱", "block"),
    ("absolute-terms", "general", "live_script", "比它还安静的吸尘器，我一台都没找到", "block"),
    ("absolute-terms", "general", "banner", "这个价只有我们敢卖", "block"),
    ("absolute-terms", "general", "smart_call", "错过今天，哪儿也买不到这个价", "block"),
    ("absolute-terms", "general", "xiaohongshu", "买这一台就够了，其他的都不用看了", "block"),
    ("absolute-terms", "general", "wechat_article", "全城还在手工熬糖的，就剩我们这一家", "block"),
    # Education and real estate.
    ("guaranteed-outcome", "general", "app_push", "去年的学员没有一个挂科的", "block"),
    ("guaranteed-outcome", "general", "home_card", "没考到90分？学费全额退", "block"),
    ("guaranteed-outcome", "general", "dsp", "主讲老师曾参与过命题工作", "block"),
    ("guaranteed-outcome", "general", "dsp", "科目三没过？补考费我们承担一次", "pass"),
    ("real-estate-claims", "general", "banner", "买房即锁定外国语小学学位", "block"),
    (
        "real-estate-claims",
        "general",
        "dsp",
        "每平三万，旁边的盘已经涨上去了，下一个就轮到这里",
        "block",
    ),
    # The state's name: a ministry's guidance, a leader's visit.
    ("state-symbols", "general", "wechat_article", "本产品在农业农村部的指导下研发", "block"),
    (
        "state-symbols",
        "general",
        "sms",
        "【鲁味坊】市里领导考察时连吃了三个的包子铺。回T退订",
        "block",
    ),
    ("substantiation", "general", "dsp", "市级非物质文化遗产，传承百年手艺", "review"),
    # Health: a drug swapped for the product, a doctor's tenure, a drug comparison, a retest.
    ("medical-claims", "health_food", "live_script", "我妈降糖药换成了每天两包这款茶", "block"),
    ("medical-claims", "health_food", "xiaohongshu", "吃了半年，药盒都收进抽屉了", "block"),
    ("medical-claims", "health_food", "dsp", "老人孩子多吃几粒也没事", "block"),
    (
        "endorsement",
        "health_food",
        "video_script",
        "在儿科干了二十五年，我家孩子每天吃的就是它",
        "block",
    ),
    ("medical-claims", "health_food", "banner", "跟降脂药相比，它不伤胃", "block"),
    ("medical-claims", "health_food", "app_push", "不补钙的话，骨头迟早出问题", "block"),
    ("medical-claims", "health_food", "app_push", "血糖偏高？领一盒试饮装，喝完再复测", "block"),
    # Cosmetics: a scar gone, hair grown, odour cured, a warning that names conditions.
    ("medical-claims", "cosmetics", "xiaohongshu", "手术留下的疤，涂了两个月看不见了", "block"),
    ("medical-claims", "cosmetics", "video_script", "第30天，发际线往前长回来一截", "block"),
    ("medical-claims", "cosmetics", "dsp", "狐臭困扰多年？这瓶用了就断根", "block"),
    (
        "medical-claims",
        "cosmetics",
        "sms",
        "【晴屿】夏天出门涂防晒，远离皮肤癌。拒收请回复R",
        "block",
    ),
    (
        "medical-claims",
        "cosmetics",
        "wechat_article",
        "如皮肤有湿疹或伤口，请停止使用并咨询皮肤科医生",
        "pass",
    ),
    # SMS framing: a notice's name is no signature; opt-outs told plainly or fenced in.
    ("sender-identity", "finance", "sms", "【账单提醒】您有一笔额度待领取，回T退订", "block"),
    ("sender-identity", "general", "sms", "【京东物流】您的包裹已发出。回T退订", "pass"),
    (
        "sender-identity",
        "general",
        "sms",
        "【禾木家居】新品到店。回复T，您将不再收到我们的消息",
        "pass",
    ),
    (
        "sender-identity",
        "general",
        "sms",
        "【禾木家居】新品到店。回T退订，退订后会员积分将清空",
        "block",
    ),
    ("sender-identity", "general", "home_card", "关闭推送会同时扣除账户内的红包", "block"),
]
