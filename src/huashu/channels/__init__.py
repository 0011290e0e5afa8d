"""Channel specs, one module per channel, registered by name in :func:`builtin_channels`."""

from __future__ import annotations

from huashu.channels.base import ChannelSpec, FieldSpec
from huashu.channels.home_card import HOME_CARD
from huashu.channels.sms import SMS, sms_parts
from huashu.channels.xiaohongshu import XIAOHONGSHU
from huashu.domain import InputError


def builtin_channels() -> dict[str, ChannelSpec]:
    return {spec.name: spec for spec in (SMS, HOME_CARD, XIAOHONGSHU)}


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


__all__ = ["ChannelSpec", "FieldSpec", "builtin_channels", "get_channel", "sms_parts"]
