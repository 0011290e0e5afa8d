"""Concepts added for the twenty-ninth development set (the Advertising Law article by article,
outside finance), each checked on wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # state organs and their staff by implication
    ("state-symbols", "general", "live_script", "这款茶叶是机关食堂同款，懂的都懂", "block"),
    ("state-symbols", "general", "banner", "交警推荐的行车记录仪，夜视更清楚", "block"),
    # Taiwan counted among countries; a map that leaves territory out
    ("public-order", "general", "wechat_article", "我们的门店遍布中国大陆、台湾等5个国家", "block"),
    ("public-order", "general", "video_script", "【画面】全国地图，南海诸岛没有标出", "block"),
    (
        "public-order",
        "general",
        "wechat_article",
        "我们的门店遍布中国大陆、香港、澳门和台湾地区",
        "pass",
    ),
    ("public-order", "general", "wechat_article", "产品销往中国台湾等12个国家和地区", "pass"),
    # discrimination and slurs
    ("public-order", "general", "sms", "【安居公寓】单间出租，外地人免谈。回T退订", "block"),
    ("public-order", "general", "dsp", "女司机马路杀手？装上倒车影像再也不怕", "block"),
    # rumours, unsafe acts, superstition, protected wildlife
    ("public-order", "general", "app_push", "专家预测三天内或发生大地震，速囤应急包", "block"),
    (
        "public-order",
        "general",
        "video_script",
        "【画面】司机开车时低头刷手机，车稳稳前行",
        "block",
    ),
    ("public-order", "general", "smart_call", "按宝宝生辰八字取名，保佑孩子一生发财", "block"),
    ("public-order", "general", "live_script", "正宗虎骨泡的酒，懂行的来", "block"),
    ("public-order", "general", "live_script", "象牙白的手机壳，百搭耐看", "pass"),
    ("public-order", "general", "banner", "玳瑁色复古眼镜框，学生党必入", "pass"),
    ("public-order", "general", "sms", "【土特产】外地人不要错过这口家乡味。回T退订", "pass"),
    # children shown in danger
    (
        "minors",
        "general",
        "video_script",
        "【画面】小女孩学动画片里的样子，从沙发跳向窗外",
        "block",
    ),
    # ads disguised as news; hiding the ad label
    (
        "ad-disclosure",
        "general",
        "xiaohongshu",
        "发布要求：别出现“广告”两个字，用素人口吻写",
        "block",
    ),
    (
        "ad-disclosure",
        "general",
        "wechat_article",
        "投放须知：文案不得出现“最”“第一”等广告用语",
        "pass",
    ),
    (
        "ad-disclosure",
        "general",
        "wechat_article",
        "【本报讯】记者了解到，某品牌空气炸锅近期销量大增。咨询热线：400-000-0000",
        "block",
    ),
    # medical guarantees; prescription and controlled drugs
    ("efficacy-guarantee", "general", "dsp", "戒断中心：21天脱毒，永不复发", "block"),
    ("medical-claims", "general", "app_push", "处方降糖药限时特价，在线开方马上送达", "block"),
    (
        "medical-claims",
        "general",
        "live_script",
        "这款降压处方药不用处方也能买，私信下单当天发货",
        "block",
    ),
    ("medical-claims", "general", "app_push", "本品为处方药，须凭医生处方购买", "pass"),
    ("medical-claims", "general", "app_push", "非处方药，无需处方即可购买，满99元包邮", "pass"),
    ("medical-claims", "general", "app_push", "停药后三天内不宜驾车，请遵医嘱", "pass"),
    (
        "medical-claims",
        "general",
        "wechat_article",
        "怎样预防感冒？多喝水、勤洗手，高风险人群及时接种疫苗，不适请及时就医。",
        "pass",
    ),
    # doctor's image in a script
    ("endorsement", "general", "video_script", "【画面】穿着白大褂的演员拿起产品讲解", "block"),
    # agricultural inputs: safety promises, unsafe handling shown
    ("agri-claims", "general", "smart_call", "这款除草剂一喷就死，保证不伤苗", "block"),
    ("agri-claims", "general", "video_script", "【画面】老乡没戴手套，直接用手搅拌农药", "block"),
    # alcohol with a health effect
    ("alcohol", "general", "banner", "失眠焦虑？睡前来杯红酒，一觉到天亮", "block"),
    ("alcohol", "general", "dsp", "温泉酒店含早餐，另有足疗保健服务", "pass"),
    # a degree without an exam; school places bought with a flat
    (
        "guaranteed-outcome",
        "general",
        "sms",
        "【学历中心】免考试，一年半拿本科毕业证。回T退订",
        "block",
    ),
    ("real-estate-claims", "general", "banner", "买房就能入读名校，学位稀缺", "block"),
    # in schools and children's media
    ("minors", "cosmetics", "dsp", "排期：儿童频道动画片前插播美白面霜广告", "block"),
    ("minors", "general", "sms", "【乐学英语】周三在小学教室里发放试听课券。回T退订", "block"),
    ("minors", "general", "banner", "定制校服｜校服上印有学校标识，面料透气", "pass"),
    # a made-up original price; a rival's product by its nickname
    ("price", "general", "live_script", "原价是为了好看随便标的，其实一直卖两百", "block"),
    ("fair-competition", "cosmetics", "dsp", "别让“小白瓶”烂了你的脸，换我们的精华", "block"),
    ("fair-competition", "cosmetics", "dsp", "别让熬夜毁了你的皮肤，晚安面膜今晚就敷", "pass"),
    # pop-ups and shake-to-open
    ("ad-disclosure", "general", "home_card", "弹窗点击关闭后，10秒后再次弹出领券窗口", "block"),
    ("ad-disclosure", "general", "banner", "开屏：轻微晃动即跳转商品页", "block"),
    # a prize that costs money; a fake parcel notice
    (
        "misleading-inducement",
        "general",
        "smart_call",
        "您被抽中免费送一台电饭煲，只需支付49元运费",
        "block",
    ),
    (
        "misleading-inducement",
        "general",
        "app_push",
        "您的包裹因地址异常待处理，点击查看>>",
        "block",
    ),
    # an association recommending food
    ("state-symbols", "general", "banner", "市乳制品行业协会推荐放心奶", "block"),
    # faked effects, a stated composition that is not true
    (
        "false-claims",
        "general",
        "video_script",
        "（污渍消失为后期合成，播出时无任何提示）",
        "block",
    ),
    ("false-claims", "general", "home_card", "纯羊绒围巾｜羊绒含量20%", "block"),
    ("false-claims", "general", "home_card", "羊绒混纺围巾｜羊绒含量20%", "pass"),
    # a certificate and where to verify it
    (
        "state-symbols",
        "general",
        "wechat_article",
        "本产品已获CCC认证，可登录国家认监委官网查询证书真伪",
        "pass",
    ),
    # a floor plan's area without its basis
    ("real-estate-claims", "general", "home_card", "臻品洋房 精装四房138㎡ 火热认购", "block"),
]
