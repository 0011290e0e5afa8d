"""A creative's words wherever it is shown: compliance verdicts, previews (banner, SMS
billing) and the speakers of a call script."""

from __future__ import annotations

ZH: dict[str, str] = {
    "verdict.pass": "通过",
    "verdict.review": "需复核",
    "verdict.block": "拦截",
    "verdict.none": "未检查",
    "preview.sms_count": "{chars} 字（含签名和退订语）· 计费 {parts} 条",
    "preview.sms_long": "超过 70 字，按每 67 字 1 条计费",
    "preview.banner": "横幅预览",
    "speaker.customer": "客户",
    "speaker.agent": "坐席",
    "speaker.host": "主播",
    "speaker.prompt": "互动",
    "speaker.scene": "画面",
    "speaker.voiceover": "旁白",
    "speaker.caption": "字幕",
}

EN: dict[str, str] = {
    "verdict.pass": "Pass",
    "verdict.review": "Review",
    "verdict.block": "Blocked",
    "verdict.none": "Unchecked",
    "preview.sms_count": "{chars} characters (signature and opt-out included) · billed as {parts}",
    "preview.sms_long": "over 70 characters: billed per 67",
    "preview.banner": "Banner preview",
    "speaker.customer": "Customer",
    "speaker.agent": "Agent",
    "speaker.host": "Host",
    "speaker.prompt": "Prompt",
    "speaker.scene": "Scene",
    "speaker.voiceover": "Voice-over",
    "speaker.caption": "Caption",
}
