"""Page text in Chinese (default) and English: a small dictionary, no framework.

The language of a page is ``?lang=`` when given (remembered in the ``huashu_lang`` cookie),
else the cookie, else the ``lang`` setting. Keys missing from English fall back to Chinese.
The words live in one module per page group (:mod:`.shell`, :mod:`.chat`, :mod:`.creatives`,
:mod:`.review`, :mod:`.delivery`, :mod:`.insight`), each with its ``ZH`` and ``EN``; channel
and field names in :mod:`.names`. ``ZH`` and ``EN`` here are their union.
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.requests import HTTPConnection

from huashu.web.i18n import chat, creatives, delivery, insight, review, shell
from huashu.web.i18n.names import CHANNEL_EN, CHANNEL_ZH, FIELD_EN

__all__ = [
    "CHANNEL_EN",
    "CHANNEL_ZH",
    "EN",
    "FIELD_EN",
    "LANGS",
    "LANG_COOKIE",
    "ZH",
    "channel_list",
    "channel_name",
    "field_label",
    "lang_of",
    "role_name",
    "translator",
]

LANG_COOKIE = "huashu_lang"
LANGS = ("zh", "en")
_GROUPS = (shell, chat, creatives, review, delivery, insight)
ZH: dict[str, str] = {key: text for group in _GROUPS for key, text in group.ZH.items()}
EN: dict[str, str] = {key: text for group in _GROUPS for key, text in group.EN.items()}


def lang_of(request: HTTPConnection) -> str:
    """The page language: ``?lang=``, then the cookie, then the setting (for a request, or a
    middleware's connection)."""
    asked = request.query_params.get("lang")
    if asked in LANGS:
        return asked
    cookie = request.cookies.get(LANG_COOKIE)
    if cookie in LANGS:
        return cookie
    return str(request.app.state.settings.lang)


def translator(lang: str) -> dict[str, str]:
    return ZH if lang == "zh" else {**ZH, **EN}


def channel_name(channel: str, lang: str) -> str:
    return (CHANNEL_ZH if lang == "zh" else CHANNEL_EN).get(channel, channel)


def role_name(role: str, lang: str) -> str:
    return translator(lang).get(f"role.{role}", role)


def field_label(channel: str, field: str, lang: str) -> str:
    """A creative field as the page names it: the channel's own label (标题, 短信正文; any
    channel's when ``channel`` is not one) in Chinese, a word in English (objection_1 ->
    Objection 1)."""
    if lang != "zh":
        return FIELD_EN.get(field, field.replace("_", " ").capitalize())
    from huashu.channels import builtin_channels

    specs = builtin_channels()
    for spec in [specs[channel]] if channel in specs else specs.values():
        for spec_field in spec.fields:
            if spec_field.name == field:
                return spec_field.label_zh
    return field


def channel_list(channels: Iterable[str], lang: str) -> str:
    """Channels in the page's words: 短信、首页卡片 / sms, home_card."""
    return ("、" if lang == "zh" else ", ").join(channel_name(c, lang) for c in channels)
