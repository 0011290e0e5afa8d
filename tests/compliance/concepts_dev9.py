"""Concepts added for the ninth development set, each checked on wordings of its own (not the
set's text): the rule must catch other ways of saying the same thing and leave legal copy
alone."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # approval regardless of credit: verification waived, "however high", testimonials
    ("credit-approval", "finance", "sms", "【易周转】无电核、免回访，十分钟到账，回T退订", "block"),
    ("credit-approval", "finance", "home_card", "网贷次数再多也能批，来试试", "block"),
    (
        "credit-approval",
        "finance",
        "live_script",
        "上个月老张下款了八万，他那征信花成那样",
        "block",
    ),
    ("credit-approval", "finance", "live_script", "我同事征信烂成那样，照样批下来三万", "block"),
    (
        "credit-approval",
        "finance",
        "home_card",
        "征信有逾期的，申请可能不通过，以审批结果为准",
        "pass",
    ),
    # a refusal to lend to students is not marketing to them
    ("credit-approval", "finance", "home_card", "在校学生谢绝申请，年满22周岁方可借款", "pass"),
    ("credit-approval", "finance", "home_card", "在校大学生也能申请，额度秒到", "block"),
    # guaranteed returns: reduplicated safety, certain future gains, no-brainer buys
    ("guaranteed-returns", "finance", "app_push", "这只债基收益妥妥的，本金稳稳当当", "block"),
    ("guaranteed-returns", "finance", "live_script", "白银只会往上涨，年底至少赚15%", "block"),
    ("guaranteed-returns", "finance", "app_push", "这款定投组合无脑买就对了", "block"),
    (
        "guaranteed-returns",
        "finance",
        "home_card",
        "基金净值会波动，过往业绩不预示未来表现",
        "pass",
    ),
    # a deposit truthfully described is not a guaranteed-return claim
    ("guaranteed-returns", "finance", "home_card", "定期存款受存款保险保障，到期保本付息", "pass"),
    ("guaranteed-returns", "finance", "home_card", "大额存单是保本的，依法受存款保险保护", "pass"),
    ("guaranteed-returns", "finance", "home_card", "这款理财保本保息，年化5%", "block"),
    # an investment sold as a deposit
    (
        "wealth-as-deposit",
        "finance",
        "xiaohongshu",
        "这个“存款升级版”是净值型产品，和大额存单一样稳",
        "block",
    ),
    ("wealth-as-deposit", "finance", "home_card", "这支货币基金相当于活期存款，随用随取", "block"),
    ("wealth-as-deposit", "finance", "home_card", "理财产品不等于存款，可能亏损本金", "pass"),
    # a risk level and "not a promise" are a risk warning
    (
        "wealth-risk-warning",
        "finance",
        "home_card",
        "PR3中风险，业绩比较基准年化3%-4%，不构成收益承诺",
        "pass",
    ),
    (
        "wealth-risk-warning",
        "finance",
        "home_card",
        "稳健理财 业绩比较基准年化3%-4% 1元起购",
        "block",
    ),
    # a warning that quotes banned phrases to warn against them is not a claim
    ("warning", "finance", "wechat_article", "宣称“保本保息”的私募，十有八九是非法集资。", "pass"),
    ("warning", "finance", "wechat_article", "承诺“零风险”的理财一定要提高警惕。", "pass"),
    (
        "warning",
        "finance",
        "wechat_article",
        "粉丝问“月息1分”划算吗？折合年化利率12%（单利）。",
        "pass",
    ),
    # fake official endorsement: state organs, regulators, testing bodies, the state broadcaster
    ("official-recommendation", "finance", "banner", "证监会认证的正规理财平台", "block"),
    ("official-recommendation", "general", "dsp", "县消协推荐品牌｜老字号酱菜", "block"),
    ("official-recommendation", "general", "banner", "国家质检中心监制 放心电饭煲", "block"),
    ("official-recommendation", "general", "banner", "中央电视台力荐的好米", "block"),
    (
        "official-recommendation",
        "finance",
        "home_card",
        "经中国人民银行批准设立的城市商业银行",
        "pass",
    ),
    (
        "official-recommendation",
        "general",
        "home_card",
        "经国家认可的CNAS实验室检测，报告编号W2025-8",
        "pass",
    ),
    # disease cures for non-medical products
    (
        "medical-claims",
        "general",
        "live_script",
        "这款按摩椅坐半个月，肩周炎、腰肌劳损都能好",
        "block",
    ),
    ("medical-claims", "general", "live_script", "失眠的人盖上这床被子，沾枕就睡", "block"),
    ("medical-claims", "general", "home_card", "记忆棉枕头，贴合颈部曲线，支撑均匀", "pass"),
    # tobacco (e-cigarettes included) may not be advertised on these channels
    ("tobacco", "general", "xiaohongshu", "新到的烟弹 芒果冰口味 私信下单", "block"),
    ("tobacco", "general", "banner", "古巴雪茄礼盒 年货直降", "block"),
    ("tobacco", "general", "home_card", "戒烟第100天，口气清新了", "pass"),
    ("tobacco", "general", "home_card", "车载香薰 一键去除香烟异味", "pass"),
    # price fraud: an admitted fake reference price, a deadline that never comes
    ("price-fraud", "general", "live_script", "那个专柜价2999就是摆着好看的，平时都卖299", "block"),
    ("price-fraud", "general", "banner", "限时特惠 天天都是最后一场", "block"),
    ("price-fraud", "general", "banner", "原价259 今日129｜纯棉四件套", "review"),
    ("price-fraud", "general", "banner", "划线价为前7日最低成交价259元，今日129元", "pass"),
    # phishing-style notices
    (
        "phishing",
        "general",
        "sms",
        "【惠民商城】您的医保卡即将被停用，请点击 t.cn/xx 重新认证，回T退订",
        "block",
    ),
    (
        "phishing",
        "general",
        "sms",
        "【惠民商城】您的账户已被锁定，请登录 m.hm.cn 解除限制，回T退订",
        "block",
    ),
    (
        "phishing",
        "general",
        "sms",
        "【惠民商城】积分将于12月31日到期，可在APP兑换好礼，回T退订",
        "pass",
    ),
    # prizes over 50,000 yuan
    ("prize", "general", "app_push", "消费满百元抽奖，特等奖价值15万元SUV一辆", "block"),
    ("prize", "general", "app_push", "下单抽奖，最高奖为价值3000元的扫地机器人", "pass"),
    # insurance sold as a deposit; its returns talked up
    (
        "insurance-misrepresentation",
        "insurance",
        "sms",
        "【某某人寿】定期到期了吗？转存我们的分红险更划算，回T退订",
        "block",
    ),
    ("insurance-misrepresentation", "insurance", "banner", "“存单式保险” 三年期 安心之选", "block"),
    (
        "insurance-misrepresentation",
        "insurance",
        "live_script",
        "这款增额寿现金价值越攒越多",
        "review",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "home_card",
        "现金价值以合同现金价值表为准",
        "pass",
    ),
    # absolute terms split by a word; exclusive efficacy; a cited, dated ranking
    ("absolute-terms", "general", "banner", "全网价格最便宜的电动牙刷", "block"),
    ("absolute-terms", "general", "home_card", "除甲醛唯一有效的办法就是用它", "block"),
    ("absolute-terms", "general", "home_card", "全国门店最快次日达", "pass"),
    (
        "absolute-terms",
        "general",
        "home_card",
        "2025年某协会吸尘器测评中，本款吸力排名第一（共10款）",
        "pass",
    ),
    # disparaging the market, comparing with the same kind of product
    ("fair-competition", "general", "home_card", "市面上的空气炸锅几乎都是智商税", "block"),
    ("fair-competition", "general", "dsp", "续航比普通款长一倍", "review"),
    # certificates, cosmetics compared with injections, health functions, referral codes
    ("substantiation", "general", "banner", "工厂通过ISO14001环境管理体系认证", "review"),
    ("medical-claims", "cosmetics", "xiaohongshu", "溶脂针同款效果的紧致霜 #广告", "block"),
    ("medical-claims", "cosmetics", "xiaohongshu", "涂完马上白一个度 #广告", "block"),
    ("medical-claims", "health_food", "xiaohongshu", "熬夜党每天两粒，眼睛不干不涩", "review"),
    ("ad-disclosure", "finance", "xiaohongshu", "开户时填我的推荐码，还能领加息券", "review"),
    ("custody", "finance", "home_card", "资金由第三方银行存管，出借更放心", "review"),
]
