"""Concepts added for the thirteenth development set (what a reader is actually told), each
checked on wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # a claim the copy says it does not make, with its object between
    ("absolute-terms", "general", "banner", "我们从不自称“行业第一”，只把每一单做好", "pass"),
    ("real-estate", "general", "wechat_article", "本项目不承诺任何房价升值，请理性购房", "pass"),
    ("ad-disclosure", "general", "xiaohongshu", "笔记里没有任何购买链接，纯分享使用感受", "pass"),
    ("absolute-terms", "general", "banner", "我们就是全网最低价，不服来比", "block"),
    # someone sent to a professional is not a professional endorsing
    (
        "medical-claims",
        "cosmetics",
        "xiaohongshu",
        "这支只是保湿霜，脸上反复过敏的话请咨询专业的皮肤科医生。",
        "pass",
    ),
    ("medical-claims", "cosmetics", "xiaohongshu", "皮肤科医生推荐的修护霜，敏感肌闭眼入", "block"),
    # a question answered "can't"
    (
        "medical-claims",
        "cosmetics",
        "live_script",
        "有宝子问：“这个能去掉痘印吗？”去不掉哦，它只是让肤色看起来更均匀。",
        "pass",
    ),
    # accident cover needs no health declaration; medical cover that says so hides a term
    (
        "insurance-misrepresentation",
        "insurance",
        "app_push",
        "短期意外伤害保险，保费30元起，免健康告知，1-4类职业可投",
        "pass",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "app_push",
        "百万医疗险，无需健康告知，人人能买",
        "block",
    ),
    # a fee before the loan is paid out; a warning about it
    (
        "loan-fraud",
        "finance",
        "smart_call",
        "您的贷款已审核通过，请先转1000元保证金到指定账户，半小时内放款。",
        "block",
    ),
    (
        "loan-fraud",
        "finance",
        "sms",
        "【安和银行】提醒：凡要求放款前先交保证金的都是诈骗，我行不收任何前期费用。回T退订",
        "pass",
    ),
    # insurance as a deposit: compared with a term deposit, its "upgrade", read as one
    (
        "insurance-misrepresentation",
        "insurance",
        "banner",
        "年金险三年后取本息，比定存划算",
        "block",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "smart_call",
        "您就把这份保单理解为一张利率更高的存单",
        "block",
    ),
    # loans sold as money for spending beyond one's pay
    ("loan-purpose", "finance", "app_push", "月光族也能说走就走，先借再说！", "block"),
    # cosmetics: English timed promises, medical procedures bettered, disease names
    ("medical-claims", "cosmetics", "dsp", "Remove dark spots within 14 days", "block"),
    ("medical-claims", "cosmetics", "live_script", "这个面霜比打水光还管用", "block"),
    ("medical-claims", "cosmetics", "video_script", "斑秃的朋友用这款洗发水也有帮助", "block"),
    # health food: crutches thrown away, symptoms never back
    (
        "efficacy-guarantee",
        "health_food",
        "live_script",
        "张大爷吃了半年，现在都不用拄拐了",
        "block",
    ),
    ("efficacy-guarantee", "health_food", "wechat_article", "吃了以后老胃病再也没犯过", "block"),
    # child under ten as endorser
    ("minors", "general", "video_script", "我是6岁的豆豆，我每天都用这支牙膏刷牙", "block"),
    # data sold by the line
    (
        "personal-data",
        "general",
        "dsp",
        "提供本地车主数据，姓名、手机号、车型齐全，按条计费",
        "block",
    ),
    # a default charge switched on for the customer
    (
        "bundled-consent",
        "general",
        "smart_call",
        "我这边顺便帮您开通会员服务，之后每月自动扣19元",
        "block",
    ),
    # a fake original price admitted
    (
        "price",
        "general",
        "home_card",
        "原价2999元，现价999元（原价为品牌指导价，本店未按该价格销售过）",
        "block",
    ),
    # guarantees: no loss ever, stocks sure to rise, exam success for all
    ("guaranteed-returns", "finance", "live_script", "这只基金一分钱都没亏过，放心买", "block"),
    ("guaranteed-returns", "finance", "wechat_article", "明天必涨的两只股票，评论区领取", "block"),
    ("guaranteed-outcome", "general", "home_card", "去年学员没有一个没考过，今年继续", "block"),
    ("medical-service", "general", "home_card", "超声刀无痛一次到位，效果看得见", "block"),
    ("insurance-inducement", "insurance", "app_push", "今天投保返还首年保费的20%", "block"),
    # claims a reviewer checks: awards won, ratings, rankings, store counts, licences
    ("awards", "general", "home_card", "连续三年获得某设计大奖", "review"),
    ("cited-data", "finance", "banner", "获AA+主体信用评级", "review"),
    ("cited-data", "general", "dsp", "应用商店工具类下载榜第2名", "review"),
    ("cited-data", "general", "banner", "全国门店已达800家", "review"),
    ("substantiation", "finance", "home_card", "已取得融资担保业务经营许可证", "review"),
    ("endorsement", "general", "video_script", "主播同款保温杯，今晚直播间有货", "review"),
]

#: Legal copy that goes to no reviewer either.
CLEAN_CASES: list[tuple[str, str, str, str]] = [
    ("awards", "general", "sms", "【优品汇】恭喜您获得本期幸运奖，请登录App领取，回T退订"),
    ("medical-claims", "cosmetics", "home_card", "皮肤若有不适请及时就医"),
    ("loan-fraud", "finance", "home_card", "我行贷款放款前不收取任何费用"),
]
