"""Concepts added for the fiftieth development set (dev49's concepts said without the obvious
words: euphemisms, stories, questions and answers, numbers, masks), each checked on wordings of
its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # credit: refused elsewhere, a Q&A answered yes, the report by another name, income unseen
    (
        "credit-approval",
        "finance",
        "smart_call",
        "您在其他平台没批下来没关系，我们这边专门做这类客户",
        "block",
    ),
    ("credit-approval", "finance", "video_script", "问：有逾期还能贷吗？答：可以。", "block"),
    ("credit-approval", "finance", "live_script", "咱们家不看你那个报告，懂的扣1", "block"),
    ("credit-approval", "finance", "banner", "不看工资不看流水，有身份证就来", "block"),
    ("credit-approval", "finance", "dsp", "办不下来款，服务费全额退还", "block"),
    ("credit-approval", "finance", "smart_call", "同学你还在读对吧？没关系，不用家长签字", "block"),
    (
        "credit-approval",
        "finance",
        "home_card",
        "信用白户也可以申请，审批结果以审核为准。年化利率（单利）9%起",
        "pass",
    ),
    # a monthly payment 元起 is a loan price; a fund's 每月500元起 is not
    ("loan-price", "finance", "dsp", "月供只要899元起，最长24期", "block"),
    ("loan-price", "finance", "dsp", "基金定投每月300元起。基金有风险，投资需谨慎", "pass"),
    # wealth and insurance
    ("guaranteed-returns", "finance", "xiaohongshu", "拿了两年，账户从来没绿过，放心冲", "block"),
    ("guaranteed-returns", "finance", "app_push", "随用随取跟活期一样，收益却是活期的8倍", "block"),
    (
        "insurance-misrepresentation",
        "insurance",
        "live_script",
        "去年分4.5，前年也是，年年都是这个数",
        "block",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "home_card",
        "演示写多少，到时候就领多少",
        "block",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "smart_call",
        "每年存一万，您就当存钱，十年后连本带利拿回",
        "block",
    ),
    # health: numbers that fall, abilities regained, medicine said goodbye to
    (
        "medical-claims",
        "health_food",
        "xiaohongshu",
        "喝了两个月，复查那个数值从7.8降到6.1",
        "block",
    ),
    ("medical-claims", "health_food", "dsp", "吃了三盒，现在下楼不用扶墙了", "block"),
    ("medical-claims", "general", "dsp", "早上一杯燕麦奶，降糖药慢慢跟你说拜拜", "block"),
    ("medical-claims", "general", "dsp", "高尿酸人群不建议饮用，孕妇慎用", "pass"),
    ("medical-claims", "cosmetics", "banner", "湿疹红疹一抹就退", "block"),
    # comments read aloud are the seller's; a near miss is a warning
    (
        "medical-claims",
        "health_food",
        "live_script",
        "我不能说啊，我就念条评论：'吃了两个月，又能爬山了'",
        "block",
    ),
    # rivals masked
    ("fair-competition", "general", "dsp", "还在用某苹果手机？一打游戏就发烫", "block"),
    (
        "fair-competition",
        "general",
        "live_script",
        "隔壁直播间那批T恤一股胶水味，你敢买？",
        "block",
    ),
    # the best without 最
    ("absolute-terms", "cosmetics", "live_script", "谁能找出比这支更持妆的，我双倍退款", "block"),
    ("absolute-terms", "general", "home_card", "全网比了一圈，找不到比这更便宜的了", "block"),
    ("absolute-terms", "general", "sms", "【山岚乳业】冷藏后饮用口感最佳。回T退订", "pass"),
    # an opt-out the reader pays for
    (
        "sender-identity",
        "general",
        "sms",
        "【禾木家居】周末满减。退订请回复TD（信息费0.1元/条）",
        "block",
    ),
]
