"""Channels and creative fields by name: Chinese and English channel names, and English
names of fields (the Chinese ones are the channels' own labels)."""

from __future__ import annotations

CHANNEL_ZH = {
    "sms": "短信",
    "home_card": "首页卡片",
    "xiaohongshu": "小红书",
    "dsp": "信息流",
    "smart_call": "智能外呼",
    "live_script": "直播话术",
    "video_script": "短视频脚本",
}
CHANNEL_EN = {
    "sms": "SMS",
    "home_card": "Home card",
    "xiaohongshu": "Xiaohongshu",
    "dsp": "Feed ads",
    "smart_call": "Smart call",
    "live_script": "Live-stream script",
    "video_script": "Short-video script",
}
#: English names of creative fields (the Chinese ones are the channels' own labels)
FIELD_EN = {
    "text": "Text",
    "title": "Title",
    "subtitle": "Subtitle",
    "headline": "Headline",
    "body": "Body",
    "cta": "Button",
    "disclosure": "Rate disclosure",
    "label": "Label",
    "opening": "Opening",
    "message": "Key message",
    "close": "Closing",
    "warmup": "Warm-up",
    "pain": "Pain point",
    "product": "Product",
    "offer": "Offer",
    "interact": "Q&A",
}
