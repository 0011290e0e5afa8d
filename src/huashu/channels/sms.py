"""SMS: 【signature】 counts toward length; opt-out required; 70 chars = 1 part, 67 per part."""

from __future__ import annotations

from dataclasses import dataclass

from huashu.channels.base import ChannelSpec, FieldSpec
from huashu.domain import BrandPack

OPT_OUT = "拒收请回复R"
SINGLE_PART = 70
LONG_PART = 67
HARD_MAX = 500


def sms_parts(text: str) -> int:
    """Billable parts: one up to 70 characters, else ceil(len / 67)."""
    n = len(text)
    if n <= SINGLE_PART:
        return 1
    return -(-n // LONG_PART)


@dataclass(frozen=True)
class SmsSpec(ChannelSpec):
    def wrap(self, fields: dict[str, str], pack: BrandPack) -> dict[str, str]:
        body = fields.get("text", "")
        return {"text": f"【{pack.brand.sms_signature}】{body}。{OPT_OUT}"}


SMS = SmsSpec(
    name="sms",
    label_zh="短信",
    fields=(
        FieldSpec(
            "text", "短信正文", ("hook", "benefit", "proof", "offer", "cta"), max_chars=HARD_MAX
        ),
    ),
    notes_zh="签名计入字数；70字内按1条计费，超出按每67字1条；须含退订方式。",
)
