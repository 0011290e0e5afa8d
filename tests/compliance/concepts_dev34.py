"""Concepts added for the thirty-fourth development set (small local merchants advertising
themselves), each checked on wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # service messages need no opt-out: bookings, reminders, schedule changes
    (
        "sender-identity",
        "general",
        "sms",
        "【悦享瑜伽】您已成功预约周六10:00的流瑜伽课，如需改期请提前在小程序操作。",
        "pass",
    ),
    (
        "sender-identity",
        "general",
        "sms",
        "【康宠医院】球球的疫苗将于1月3日到期，请及时预约接种。",
        "pass",
    ),
    (
        "sender-identity",
        "general",
        "sms",
        "【童画美术】本周课程因停电改至周日下午，敬请谅解。",
        "pass",
    ),
    ("sender-identity", "general", "sms", "【童画美术】新学期课程立减200元，名额有限！", "block"),
    # medical beauty outside a clinic; orthokeratology in a shop
    (
        "medical-claims",
        "general",
        "wechat_article",
        "本工作室新引进韩国水光针，一次补水一个月",
        "block",
    ),
    ("medical-claims", "general", "smart_call", "办健身年卡送三支减脂针，营养师上门", "block"),
    ("medical-claims", "general", "banner", "配镜中心可直接验配角膜塑形镜，不用去医院", "block"),
    (
        "medical-claims",
        "general",
        "xiaohongshu",
        "提醒：美容院不能打水光针，要去有资质的医疗机构",
        "pass",
    ),
    # before/after, lifetime guarantees and painless claims in medical services
    (
        "efficacy-guarantee",
        "general",
        "video_script",
        "（画面）术前塌鼻→术后挺拔，隆鼻找我们",
        "block",
    ),
    ("efficacy-guarantee", "general", "banner", "种植牙终身保修，无痛种植一颗2999元", "block"),
    # myopia and disease claims by shops
    ("medical-claims", "general", "home_card", "护眼训练营：一个疗程视力恢复到5.0", "block"),
    ("medical-claims", "general", "live_script", "这款护眼仪用三个月，近视就能逆转", "block"),
    ("medical-claims", "general", "xiaohongshu", "我家狗狗的皮肤病吃了这款狗粮就好了", "block"),
    ("medical-claims", "general", "banner", "养生火锅 补肾壮阳 冬季必吃", "block"),
    (
        "medical-claims",
        "general",
        "app_push",
        "纹绣须知：孕期、瘢痕体质、皮肤过敏期不建议操作",
        "pass",
    ),
    (
        "medical-claims",
        "general",
        "video_script",
        "宠物医生提醒：所谓“包治犬瘟”的说法都不可信，请及时就医",
        "pass",
    ),
    # prescription drugs and health-insurance cards
    ("medical-claims", "general", "banner", "药店周年庆：降糖药买一送一", "block"),
    (
        "public-order",
        "general",
        "home_card",
        "超市医保卡可刷：牛奶、洗发水都能用个人账户结算",
        "block",
    ),
    # wildlife, drinking without limit
    ("public-order", "general", "wechat_article", "本店冬季新菜：红烧竹鼠，限量供应", "block"),
    ("alcohol", "general", "live_script", "啤酒无限畅饮，今晚不醉不归", "block"),
    # prepaid cards that take away refunds
    (
        "misleading-inducement",
        "general",
        "sms",
        "【美发沙龙】储值卡充1000送300，余额不退，过期作废。回T退订",
        "block",
    ),
    # exam insiders, tutoring for school subjects, perfect marks guaranteed
    (
        "guaranteed-outcome",
        "general",
        "smart_call",
        "科目二我们有内部名额，考试有人打招呼",
        "block",
    ),
    ("guaranteed-outcome", "general", "banner", "初三物理寒假提分班火热招生", "block"),
    ("guaranteed-outcome", "general", "live_script", "报我们的作文课，期末必拿满分", "block"),
    # a child endorsing
    (
        "endorsement",
        "general",
        "video_script",
        "（男孩）我叫乐乐，今年6岁，小朋友们快来一起学围棋吧！",
        "block",
    ),
    # qualifications named 国家级; inspection exemption that no longer exists
    ("absolute-terms", "general", "wechat_article", "主教练持国家级社会体育指导员证书", "pass"),
    ("state-symbols", "general", "live_script", "我们的沙发是国家免检产品", "block"),
    # tours with shopping stops; rivals called cheats; pesticide residue
    (
        "misleading-inducement",
        "general",
        "smart_call",
        "云南五日游399元包吃包住，每天去指定的玉石店",
        "block",
    ),
    ("fair-competition", "general", "xiaohongshu", "我们家才是正宗的，别家都是骗人的", "block"),
    ("agri-claims", "general", "sms", "【果园直发】零农残草莓，孕妇放心吃。回T退订", "block"),
    # second read: ordinary copy that shares the words
    (
        "efficacy-guarantee",
        "general",
        "wechat_article",
        "术前需空腹8小时，术后24小时内避免剧烈运动",
        "pass",
    ),
    ("medical-claims", "general", "wechat_article", "激光手术后，视力恢复期一般为1到3个月", "pass"),
    ("alcohol", "general", "banner", "自助午餐含饮料无限畅饮，每位88元", "pass"),
    (
        "misleading-inducement",
        "general",
        "sms",
        "【鲜果汇】会员卡积分一年后过期作废，请及时兑换。回T退订",
        "pass",
    ),
    ("guaranteed-outcome", "general", "dsp", "员工内购会，内部名额有限，先到先得", "pass"),
]
