"""Input handling shared by the CLI and the API: text limits, strict UTF-8 decoding, and the
generic brand used when no brand pack is given."""

from __future__ import annotations

from huashu.domain import BrandPack, InputError

#: The most text one CLI or API check accepts (characters); the engine itself has no limit.
MAX_CHECK_CHARS = 1_000_000
#: The largest API request body (bytes).
MAX_BODY_BYTES = 4 * 1024 * 1024
#: Check option: any 【signature】 satisfies ``sms-signature`` (no brand pack given).
ANY_SIGNATURE = {"signature": "any"}


def decode_utf8(raw: bytes, what: str = "request body") -> str:
    """``raw`` as UTF-8, or ``invalid_utf8`` naming the byte offset of the first bad byte."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        byte = f"0x{raw[err.start]:02x}"
        raise InputError(
            f"{what} is not valid UTF-8: byte {err.start} ({byte}) cannot be decoded",
            message_zh=f"{what}不是有效的 UTF-8 编码：第 {err.start} 字节（{byte}）无法解码",
            code="invalid_utf8",
            details={"offset": err.start},
        ) from err


def check_text_size(text: str, limit: int = MAX_CHECK_CHARS) -> str:
    """``text`` if it is neither blank nor longer than ``limit`` characters."""
    if not text.strip():
        raise InputError(
            "the text to check is empty",
            message_zh="待检查的文案为空",
            code="empty_text",
        )
    if len(text) > limit:
        raise InputError(
            f"the text has {len(text)} characters; at most {limit} can be checked at once",
            message_zh=f"文案共 {len(text)} 字，单次最多检查 {limit} 字",
            code="text_too_large",
            details={"chars": len(text), "limit": limit},
        )
    return text


def generic_brand() -> BrandPack:
    """A brand pack with no facts or brand terms, for checking copy without a brand pack (its
    industry is ``general``; the industries a check runs are chosen, and validated, by
    ``industry.choose_industries`` and ``industry.parse_industries``)."""
    return BrandPack.model_validate(
        {
            "brand": {
                "id": "generic",
                "name": "通用",
                "industry": "general",
                "sms_signature": "品牌",
            },
            "channels": ["sms", "home_card", "smart_call", "dsp", "xiaohongshu"],
            "dimensions": [
                {"name": "all", "field": "all", "values": [{"label": "全部", "value": 1}]}
            ],
            "phrases": {"hook": [{"id": "hook", "text": "-"}]},
        }
    )
