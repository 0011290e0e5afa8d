"""Concepts added for the forty-ninth development set (the concepts the held-out misses fall
under: credit price and approval, health food against disease, insurance as a deposit and
products named …宝, absolute terms and rivals, SMS sender identity and opt-out), each checked
on wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # an SMS signature that names nobody, or a person
    ("sender-identity", "general", "sms", "【重要提醒】秋装上新全场7折。回T退订", "block"),
    ("sender-identity", "general", "sms", "【李经理】车险续保送洗车券。拒收请回复R", "block"),
    ("sender-identity", "general", "sms", "【青禾书院】寒假班开始报名。回T退订", "pass"),
    # signed at the end: the sender is named, a reviewer decides
    ("sender-identity", "general", "sms", "周末到店满100减20，退订回T【禾木家居】", "review"),
    # an ad posing as the system
    (
        "misleading-inducement",
        "general",
        "app_push",
        "系统消息：您有一张免费体检券待领取，点击领取",
        "block",
    ),
    (
        "misleading-inducement",
        "general",
        "app_push",
        "系统通知：今晚1点至3点系统升级，暂停服务",
        "pass",
    ),
    # a pickup notice that sells needs an opt-out
    (
        "sender-identity",
        "general",
        "sms",
        "【邻里驿站】您的快递已到，取件码3-2-118。驿站拼团今日秒杀大米9.9元，扫码下单",
        "block",
    ),
    # rejected elsewhere, approved here
    ("credit-approval", "finance", "live_script", "银行不批的，来我们这儿照样能给你批", "block"),
    ("credit-approval", "finance", "dsp", "审批结果以我行审核为准，额度因人而异", "pass"),
    # a loan's interest as a bare figure, an unused line called a waste
    ("loan-price", "finance", "video_script", "借一万用三个月，利息只要260，划算", "block"),
    ("loan-purpose", "finance", "app_push", "额度不用白不用，一口气借满去旅行", "block"),
    # a product name ending in 宝 before an ordinary word
    (
        "guaranteed-returns",
        "finance",
        "app_push",
        "您的零钱宝收益已到账，七日年化1.6%，基金有风险",
        "pass",
    ),
    ("guaranteed-returns", "finance", "dsp", "宝收益的理财，稳稳的", "block"),
    # never lost a client a cent; every product reached its benchmark
    ("guaranteed-returns", "finance", "dsp", "十年来从未让一个客户亏过本金", "block"),
    (
        "guaranteed-returns",
        "finance",
        "app_push",
        "本系列所有产品均达到业绩比较基准。理财有风险",
        "review",
    ),
    # insurance equated with a bank's deposit
    (
        "insurance-misrepresentation",
        "insurance",
        "dsp",
        "这份增额寿就是定存的升级版，利率更高",
        "block",
    ),
    # health food against a chronic condition, a marker held steady, medicine given up
    ("medical-claims", "health_food", "dsp", "鱼油胶囊，动脉硬化人群的好选择", "block"),
    ("medical-claims", "health_food", "live_script", "我爸吃了半年，血糖一直稳稳的", "block"),
    ("medical-claims", "general", "dsp", "苦荞茶天天喝，降压药都吃得少了", "block"),
    ("medical-claims", "general", "xiaohongshu", "化验单上的箭头全没了，全靠这款代餐", "block"),
    (
        "medical-claims",
        "health_food",
        "dsp",
        "她的鼻炎仍按医生开的药治疗，维生素只作膳食补充",
        "pass",
    ),
    # absolute terms: in the city, the only one in the market, exclusives
    ("absolute-terms", "general", "dsp", "全城最实惠的家电清洗，价格全市最低", "block"),
    ("absolute-terms", "cosmetics", "xiaohongshu", "国内唯一一款能做到12小时控油的散粉", "block"),
    ("absolute-terms", "general", "dsp", "独家配方，越洗越白", "block"),
    ("absolute-terms", "general", "video_script", "本节目由禾木家居独家冠名播出", "pass"),
    ("absolute-terms", "general", "dsp", "荣获2025年度最具人气品牌奖（某某网评选）", "review"),
    ("absolute-terms", "general", "dsp", "来自中国最大淡水湖的大闸蟹", "pass"),
    # a rival run down after 同样是…, or pointed at by a letter
    (
        "fair-competition",
        "general",
        "video_script",
        "同样是扫地机，那台用两个月就坏；换我们的，三年不出毛病",
        "block",
    ),
    ("fair-competition", "general", "xiaohongshu", "M家的吹风机用半年就烧了，客服还不管", "block"),
    # context: hearsay corrected, a promise the lender cannot make, a phishing link warned of
    (
        "guaranteed-returns",
        "insurance",
        "wechat_article",
        "总听人说“分红险保本保息”“比存款划算”，这些说法都不对，分红不确定。",
        "pass",
    ),
    ("credit-approval", "finance", "xiaohongshu", "抱歉，我们没法承诺“包下款”，以审批为准", "pass"),
    (
        "ad-disclosure",
        "general",
        "xiaohongshu",
        "收到“积分清零，点链接兑换”的短信千万别点，这是钓鱼链接，可以打12321举报",
        "pass",
    ),
    # legal uses of absolute words found while probing round 49's concept (a list's size,
    # the brand's own history, a viewpoint)
    ("absolute-terms", "general", "dsp", "热销TOP10榜单：本周大家都在买什么", "pass"),
    ("absolute-terms", "general", "dsp", "这是我们品牌历史上最早的一款保温杯，1998年上市", "pass"),
    ("absolute-terms", "general", "dsp", "顶楼有最佳观景位，适合拍日落", "pass"),
    ("absolute-terms", "general", "dsp", "全网TOP1的保温杯", "block"),
]
