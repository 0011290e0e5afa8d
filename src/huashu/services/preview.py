"""A creative as it will reach people, for the reviewer (and the operator's SMS counter): an SMS
with its length and billing parts, a call, live or video script as lines by speaker, any
other copy field by field. Works on the cards of :func:`huashu.services.chat.card`, keeping
their compliance highlighting; pages name the fields (``huashu.web.i18n.field_label``)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from huashu.channels import sms_parts
from huashu.channels.sms import LONG_PART, SINGLE_PART
from huashu.domain import BrandPack, Creative
from huashu.store import Store, repos

#: line prefixes the script channels write (smart_call, live_script, video_script modules).
SPEAKERS: dict[str, str] = {
    "客户：": "customer",
    "坐席：": "agent",
    "主播：": "host",
    "互动：": "prompt",
    "画面：": "scene",
    "旁白：": "voiceover",
    "字幕：": "caption",
}
#: who speaks a script line without a prefix (smart_call's opening, message and close).
DEFAULT_SPEAKER: dict[str, str] = {
    "smart_call": "agent",
    "live_script": "host",
    "video_script": "voiceover",
}

Parts = list[dict[str, Any]]


def copy_version(fields: dict[str, str]) -> str:
    """A short hash of a creative's copy: what changes the address of its banner preview."""
    blob = json.dumps(fields, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:12]


def sms_count(text: str) -> dict[str, int]:
    """What an SMS bills as: its characters (the 【签名】 and the opt-out included), its
    billable parts, and how many characters a part holds at that length (70 for a single
    message, 67 each once longer)."""
    parts = sms_parts(text)
    return {
        "chars": len(text),
        "parts": parts,
        "per_part": SINGLE_PART if parts == 1 else LONG_PART,
    }


def _lines(parts: Parts) -> list[Parts]:
    """Highlighted parts split at line breaks, empty lines dropped."""
    lines: list[Parts] = [[]]
    for part in parts:
        for i, chunk in enumerate(str(part["text"]).split("\n")):
            if i:
                lines.append([])
            if chunk:
                lines[-1].append({**part, "text": chunk})
    return [line for line in lines if line]


def _cut(line: Parts, n: int) -> Parts:
    """``line`` without its first ``n`` characters."""
    out: Parts = []
    for part in line:
        text = str(part["text"])
        if n >= len(text):
            n -= len(text)
            continue
        out.append({**part, "text": text[n:]})
        n = 0
    return out


def dialogue(card: dict[str, Any]) -> list[dict[str, Any]]:
    """A script card's fields in order as steps ``{name, lines}``, each line
    ``{speaker, parts}``."""
    fallback = DEFAULT_SPEAKER.get(str(card["channel"]), "agent")
    steps = []
    for name, parts in card["marked"].items():
        lines = []
        for line in _lines(parts):
            text = "".join(str(p["text"]) for p in line)
            prefix = next((p for p in SPEAKERS if text.startswith(p)), "")
            lines.append(
                {
                    "speaker": SPEAKERS[prefix] if prefix else fallback,
                    "parts": _cut(line, len(prefix)),
                }
            )
        if lines:
            steps.append({"name": name, "lines": lines})
    return steps


def preview(card: dict[str, Any]) -> dict[str, Any]:
    """How the reviewer sees ``card``: ``kind`` ``sms`` (its highlighted text and count),
    ``dialogue`` (steps of lines by speaker) or ``fields`` (each field's highlighted
    text)."""
    channel = str(card["channel"])
    if channel == "sms":
        text = card["fields"].get("text", "")
        return {"kind": "sms", "marked": card["marked"].get("text", []), **sms_count(text)}
    if channel in DEFAULT_SPEAKER:
        return {"kind": "dialogue", "steps": dialogue(card)}
    fields = [{"name": name, "parts": parts} for name, parts in card["marked"].items()]
    return {"kind": "fields", "fields": fields}


@dataclass(frozen=True)
class BannerSource:
    """What a banner preview is drawn from: the creative and its brand's pack."""

    creative: Creative
    pack: BrandPack


def banner_source(store: Store, creative_id: str) -> BannerSource:
    """The creative and its brand's pack; 404 ``not_found`` for an unknown creative."""
    with store.session() as s:
        creative = repos.get_creative(s, creative_id)
        return BannerSource(creative, repos.get_brand_pack(s, creative.brand_id))
