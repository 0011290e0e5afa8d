"""SMS: 【signature】 counts toward length; opt-out required; 70 chars = 1 part, 67 per part
beyond, 500 at most; finance content flagged (cloud SMS vendors refuse loan content)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from huashu.channels.base import ChannelSpec, FieldSpec
from huashu.domain import BrandPack, Segment

OPT_OUT = "拒收请回复R"
SINGLE_PART = 70
LONG_PART = 67
HARD_MAX = 500
SEND_WINDOW = "08:00-21:00"
_OPT_OUTS = re.compile(r"拒收请回复R|回T退订|退订回T", re.IGNORECASE)
_FINANCE = re.compile(r"贷款|借款|借钱|放款|授信|额度|利率|利息|分期|信用卡|理财")
_SIGNATURE = re.compile(r"^【[^】]{1,12}】")


def sms_parts(text: str) -> int:
    """Billable parts: one up to 70 characters, else ceil(len / 67)."""
    n = len(text)
    if n <= SINGLE_PART:
        return 1
    return -(-n // LONG_PART)


@dataclass(frozen=True)
class SmsSpec(ChannelSpec):
    """``opt_out`` is appended to every message; ``max_parts`` (0 = none) caps billing parts."""

    opt_out: str = OPT_OUT
    max_parts: int = 0

    def wrap(
        self, fields: dict[str, str], pack: BrandPack, segment: Segment | None = None
    ) -> dict[str, str]:
        body = fields.get("text", "").strip()
        signature = f"【{pack.brand.sms_signature}】"
        body = body.removeprefix(signature)
        body = _OPT_OUTS.sub("", body).rstrip("。，,. ")
        return {"text": f"{signature}{body}。{self.opt_out}"}

    def unwrap(self, fields: Mapping[str, str]) -> dict[str, Any]:
        text = _SIGNATURE.sub("", fields.get("text", ""))
        return {"text": _OPT_OUTS.sub("", text).rstrip("。，,. ")}

    def problems(self, fields: Mapping[str, str]) -> list[str]:
        out = super().problems(fields)
        text = fields.get("text", "")
        if not text:
            return out
        if not _SIGNATURE.match(text):
            out.append("sms.text must start with the 【signature】")
        if not _OPT_OUTS.search(text):
            out.append(f"sms.text has no opt-out such as {self.opt_out}")
        if self.max_parts and sms_parts(text) > self.max_parts:
            out.append(
                f"sms.text bills as {sms_parts(text)} parts ({len(text)} characters), "
                f"limit {self.max_parts}"
            )
        return out

    def flags(self, fields: Mapping[str, str], pack: BrandPack) -> list[str]:
        text = fields.get("text", "")
        if pack.brand.industry == "finance" or _FINANCE.search(text):
            return [
                "finance content: major cloud SMS vendors refuse loan/finance messages; "
                "send through the lender's own SMS channel"
            ]
        return []

    def export(self, fields: Mapping[str, str]) -> dict[str, Any]:
        text = fields.get("text", "")
        signature = _SIGNATURE.match(text)
        return {
            "channel": self.name,
            "text": text,
            "signature": signature.group(0)[1:-1] if signature else "",
            "chars": len(text),
            "parts": sms_parts(text),
            "send_window": SEND_WINDOW,
        }


SMS = SmsSpec(
    name="sms",
    label_zh="短信",
    label_en="SMS",
    fields=(
        FieldSpec("text", "短信正文", ("hook", "benefit", "offer", "cta"), max_chars=HARD_MAX),
    ),
    notes_zh=(
        "签名【品牌】计入字数；70字内按1条计费，超出按每67字1条；上限500字；"
        f"须含退订方式（{OPT_OUT}）；发送时段{SEND_WINDOW}；金融营销短信多数云短信通道不接。"
    ),
)
