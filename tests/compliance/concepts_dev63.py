"""Concepts added for the sixty-third development set (five concept groups in every form they
are said), each checked on wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # Lawful twins: a rhetorical denial, a referral, a warning without evidence, a named day.
    ("credit-approval", "finance", "xiaohongshu", "正规贷款哪有不看征信的？别信", "pass"),
    ("medical-claims", "general", "wechat_article", "「吃洋葱能降血糖」？没有科学依据", "pass"),
    ("medical-claims", "general", "app_push", "全国爱眼日｜用眼一小时，休息十分钟", "pass"),
    ("medical-claims", "general", "live_script", "就是普通饮料，别冲着'疗效'来买", "pass"),
    (
        "sender-identity",
        "general",
        "sms",
        "【华联超市】您已成功退订营销短信，如需恢复请回复KT",
        "pass",
    ),
    # Evasions of the credit check, zero interest with a percentage fee.
    ("credit-approval", "finance", "dsp", "无视zx，秒批到账", "block"),
    ("credit-approval", "finance", "video_script", "唔使查征信，即日过数", "block"),
    ("loan-price", "general", "home_card", "平板0利息！分6期，每期只收0.8%手续费", "block"),
    # Medicine reduced, deposit-type insurance, dividends never lower.
    ("medical-claims", "health_food", "app_push", "每天两粒，降糖药都能少吃", "block"),
    ("insurance-misrepresentation", "insurance", "banner", "存款型保险，三年到期本息全领", "block"),
    (
        "insurance-misrepresentation",
        "insurance",
        "wechat_article",
        "这款分红险的分红八年来从没低过4%",
        "block",
    ),
    # Absolutes as rhetorical questions and numbers.
    ("absolute-terms", "finance", "app_push", "你还能找到比我们费率更低的吗", "block"),
    ("absolute-terms", "insurance", "home_card", "没有比这款保障更全的医疗险", "block"),
    # Opt-outs punished, partial or ignored; notices reopened; calls that will not take a no.
    (
        "sender-identity",
        "general",
        "sms",
        "【优鲜汇】周末特惠。退订即视为放弃积分，回T退订",
        "block",
    ),
    (
        "sender-identity",
        "general",
        "sms",
        "【优鲜汇】周末特惠。回T退订（退订后仍会收到活动通知）",
        "block",
    ),
    (
        "sender-identity",
        "general",
        "app_push",
        "您关闭了通知，我们已为您重新开启，别错过红包",
        "block",
    ),
    ("sender-identity", "general", "app_push", "关通知=放弃专属优惠价，确定吗？", "block"),
    ("call-refusal", "general", "smart_call", "请勿挂机，挂机即视为您同意开通会员", "block"),
    # A signature the message disowns, a nickname for a signature.
    (
        "sender-identity",
        "finance",
        "sms",
        "【建设银行】备用金最高5万。本短信由某某科技公司发送，与建设银行无任何关联。回T退订",
        "block",
    ),
    ("sender-identity", "cosmetics", "sms", "【阿珍】新到一批面膜，买二送一。回T退订", "block"),
    (
        "sender-identity",
        "general",
        "sms",
        "【阿里云】您的服务器下周到期，续费享8折。回T退订",
        "pass",
    ),
]
