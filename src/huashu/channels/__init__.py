"""Channel specs, one module per channel, registered by name in :func:`builtin_channels`."""

from __future__ import annotations

from huashu.channels.base import ChannelSpec, FieldSpec
from huashu.channels.dsp import DSP, DSP_PRESETS, DspPreset, dsp_spec
from huashu.channels.home_card import HOME_CARD, rate_disclosure
from huashu.channels.live_script import LIVE_SCRIPT
from huashu.channels.smart_call import SMART_CALL
from huashu.channels.sms import SMS, sms_parts
from huashu.channels.speech import speak
from huashu.channels.video_script import VIDEO_SCRIPT
from huashu.channels.xiaohongshu import XIAOHONGSHU
from huashu.domain import InputError


def builtin_channels() -> dict[str, ChannelSpec]:
    specs = (SMS, SMART_CALL, HOME_CARD, DSP, XIAOHONGSHU, VIDEO_SCRIPT, LIVE_SCRIPT)
    return {spec.name: spec for spec in specs}


def get_channel(name: str) -> ChannelSpec:
    channels = builtin_channels()
    if name not in channels:
        raise InputError(
            f"unknown channel '{name}'; known: {', '.join(sorted(channels))}",
            message_zh=f"未知渠道“{name}”，可用渠道：{'、'.join(sorted(channels))}",
            code="unknown_channel",
            details={"channel": name},
        )
    return channels[name]


__all__ = [
    "DSP_PRESETS",
    "ChannelSpec",
    "DspPreset",
    "FieldSpec",
    "builtin_channels",
    "dsp_spec",
    "get_channel",
    "rate_disclosure",
    "sms_parts",
    "speak",
]
