"""Concepts added for the fifty-fourth development set (from the reader's side again, other
readers and products), each checked on wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # Lending: money per month as the price, most people approved, a whole group approved.
    ("loan-price", "finance", "dsp", "借1万元用三个月，一共多还90元", "block"),
    (
        "credit-approval",
        "finance",
        "home_card",
        "有过网黑也不影响，来试试，绝大多数人都下款了",
        "block",
    ),
    ("credit-approval", "finance", "smart_call", "您的10万额度已锁定，无需提交任何资料", "block"),
    (
        "credit-approval",
        "finance",
        "video_script",
        "街头随机找了30个人申请，30个人全部拿到额度",
        "block",
    ),
    ("credit-approval", "finance", "app_push", "提前还款不影响征信，详见借款合同", "pass"),
    # Returns and deposits.
    ("guaranteed-returns", "finance", "live_script", "最差也就少赚一点，本金是亏不了的", "block"),
    (
        "guaranteed-returns",
        "finance",
        "xiaohongshu",
        "金价长期只会往上涨，攒金就是攒不会缩水的钱",
        "block",
    ),
    ("guaranteed-returns", "finance", "dsp", "国资控股，哪怕亏了也有人兜底", "block"),
    (
        "guaranteed-returns",
        "finance",
        "wechat_article",
        "本行已参加存款保险，无论存多少都全额赔付",
        "block",
    ),
    (
        "guaranteed-returns",
        "finance",
        "wechat_article",
        "本行已参加存款保险，同一存款人在本行的存款本息合计50万元以内全额赔付",
        "pass",
    ),
    # Absolute claims without 最.
    ("absolute-terms", "general", "dsp", "全网你找不出第二家比我们更便宜的", "block"),
    ("absolute-terms", "general", "banner", "市面上没有哪款电暖器比它更省电", "block"),
    # Insurance.
    (
        "insurance-misrepresentation",
        "insurance",
        "banner",
        "分红险｜今年的分红已经在路上了",
        "block",
    ),
    ("insurance-misrepresentation", "insurance", "dsp", "只要是意外，统统给你赔", "block"),
    (
        "insurance-misrepresentation",
        "insurance",
        "video_script",
        "做了十年保险，从没拒赔过一单",
        "block",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "xiaohongshu",
        "给狗狗买了宠物险，以后看病不花钱",
        "block",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "smart_call",
        "这个不是保险，是我们新出的一款存款",
        "block",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "wechat_article",
        "这份保险是让全家不生病的办法",
        "block",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "banner",
        "无论出险几次，来年保费一分不涨",
        "block",
    ),
    # Disparagement.
    ("fair-competition", "general", "app_push", "别家二手车十辆八辆调过表", "block"),
    (
        "fair-competition",
        "general",
        "live_script",
        "隔壁那款热水器用两年就生锈，客服还踢皮球",
        "block",
    ),
    # Health and food.
    ("medical-claims", "health_food", "live_script", "吃了三个月，医生说降糖药可以减一半", "block"),
    (
        "medical-claims",
        "health_food",
        "xiaohongshu",
        "血压一直在150以上，吃了两个月，现在量都是120多",
        "block",
    ),
    ("medical-claims", "general", "live_script", "嗓子疼喝这个，比润喉药片还管用", "block"),
    ("medical-claims", "general", "dsp", "应酬前来一瓶，胃也不受伤", "block"),
    ("medical-claims", "health_food", "smart_call", "叔叔，这个钙片您每天一定要吃", "block"),
    (
        "medical-claims",
        "health_food",
        "xiaohongshu",
        "别的牌子吃了三个月都没效果，这款两周就有感觉",
        "block",
    ),
    # Education, real estate, agriculture, the state's name.
    (
        "guaranteed-outcome",
        "general",
        "banner",
        "暑期班学完，至少再提20分",
        "block",
    ),
    ("guaranteed-outcome", "general", "app_push", "涨不到30分，学费全退", "block"),
    ("state-symbols", "general", "dsp", "这套教辅是教研室审过的，教育局也在推", "block"),
    ("state-symbols", "general", "dsp", "学费存入教育局指定监管账户，未上课时可退", "pass"),
    ("real-estate-claims", "general", "dsp", "每平一万八，这套房五年后帮你赚回首付", "block"),
    (
        "real-estate-claims",
        "general",
        "sms",
        "【澜庭府】买房落户，孩子直接上实验小学。拒收请回复R",
        "block",
    ),
    (
        "agri-claims",
        "general",
        "smart_call",
        "这个稻种您种上也是这个数，打不到这个数我们赔",
        "block",
    ),
    ("agri-claims", "general", "dsp", "这药喷下去，人和牲口碰到也不碍事", "block"),
    # Cosmetics and calls.
    ("medical-claims", "cosmetics", "live_script", "这一支顶你去医院做两次光子", "block"),
    ("medical-claims", "cosmetics", "dsp", "雀斑从根上清掉，以后不再长", "block"),
    (
        "sender-identity",
        "general",
        "smart_call",
        "不需要？没事，那我把您加进回访名单，每周给您打一次",
        "block",
    ),
    # SMS: an opt-out told as a wish; a home's size in a note is no flat for sale.
    (
        "sender-identity",
        "general",
        "sms",
        "【禾木书店】本周读书会免费参加。不想再收到通知，回复TD即可",
        "pass",
    ),
    (
        "real-estate-claims",
        "general",
        "xiaohongshu",
        "#广告 我家90平三室，这台扫地机一次扫完",
        "pass",
    ),
    # A daily rate with its annual rate right after it, 单利 in brackets.
    (
        "loan-price",
        "finance",
        "app_push",
        "未还部分按日利率0.05%计息，折合年化利率(单利)18.25%",
        "pass",
    ),
]
