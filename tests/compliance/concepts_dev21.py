"""Concepts added for the twenty-first development set (minimal pairs: two texts a few
characters apart whose labels differ), each checked on wordings of its own (not the set's
text), mostly as pairs of their own."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # an endorser's age: 19岁 is not 9岁
    ("endorsement", "general", "live_script", "欢迎我们的代言人、21岁的歌手小禾", "pass"),
    ("endorsement", "general", "live_script", "欢迎我们的代言人、8岁的童模小禾", "block"),
    # a wealth product under deposit insurance; the correct statement
    ("guaranteed-returns", "finance", "home_card", "稳享理财180天｜受存款保险保障", "block"),
    (
        "guaranteed-returns",
        "finance",
        "home_card",
        "稳享理财180天｜理财产品不受存款保险保障",
        "pass",
    ),
    # a loan without a credit check; one with it
    (
        "loan-approval",
        "finance",
        "sms",
        "【禾信】极速借款，不查征信，当天放款。拒收请回复R",
        "block",
    ),
    (
        "loan-approval",
        "finance",
        "sms",
        "【禾信】借款申请将查询您的征信，年化利率8%起（单利）。拒收请回复R",
        "pass",
    ),
    # minors and students as borrowers
    ("loan-to-students", "finance", "app_push", "年满十六周岁即可申请，额度最高2万", "block"),
    (
        "loan-to-students",
        "finance",
        "app_push",
        "年满十八周岁的在职人士可申请，额度以审批为准",
        "pass",
    ),
    ("loan-to-students", "finance", "banner", "大学生专享备用金，秒到账", "block"),
    # a future return stated as certain; a past one
    ("guaranteed-returns", "finance", "wechat_article", "本期产品年化收益率将达到3.5%", "block"),
    (
        "guaranteed-returns",
        "finance",
        "wechat_article",
        "上期产品年化收益率为3.5%，过往业绩不代表未来表现",
        "pass",
    ),
    # insurance dividends: promised, or a past year's with its source
    (
        "insurance-misrepresentation",
        "insurance",
        "banner",
        "红利实现率保证100%，年年有分红",
        "block",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "banner",
        "2024年度红利实现率98%（来源：公司官网公开信息披露），未来红利不确定",
        "pass",
    ),
    # a first month's premium alone, or with what follows
    (
        "insurance-misrepresentation",
        "insurance",
        "sms",
        "【安屿】医疗险首月只要2元！拒收请回复R",
        "block",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "sms",
        "【安屿】医疗险首月2元，次月起每月35元，详见条款。拒收请回复R",
        "pass",
    ),
    # cosmetics: fat melted, effects forever, spots gone in a month
    ("medical-claims", "cosmetics", "dsp", "紧致精华 瘦脸又消脂", "block"),
    ("medical-claims", "cosmetics", "live_script", "用完细纹永久消失", "block"),
    ("medical-claims", "cosmetics", "home_card", "坚持用两周痘印就淡了", "block"),
    ("efficacy-guarantee", "cosmetics", "home_card", "这款保湿霜孕妇可用", "review"),
    # health food against prescription drugs
    ("medical-claims", "health_food", "live_script", "这款辅酶效果媲美处方药", "block"),
    # a tour sold at zero with shopping stops; one that is all-inclusive and priced
    ("price", "general", "sms", "【游途】桂林4日游0元起，含景区购物点。拒收请回复R", "block"),
    ("price", "general", "sms", "【游途】桂林4日游2680元，纯玩无购物。拒收请回复R", "pass"),
    # minors' play time
    ("minors", "general", "app_push", "暑期活动：未成年玩家也不限时", "block"),
    # a clinic's speed promise
    ("medical-service", "general", "dsp", "正规门诊 近视手术10分钟做完 随做随走", "block"),
    # homes: a school place promised; the area's basis
    ("real-estate", "general", "smart_call", "这套房买了就能上实验中学，学位包的", "block"),
    ("real-estate", "general", "wechat_article", "片区学校以教育部门当年公布的划片为准", "pass"),
    ("real-estate", "general", "banner", "悦澜湾 约120㎡四房 现房发售", "block"),
    ("real-estate", "general", "banner", "悦澜湾 建筑面积约120㎡四房 现房发售", "pass"),
]
