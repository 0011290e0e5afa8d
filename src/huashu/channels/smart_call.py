"""Outbound smart-call (智能外呼) script: identity disclosure first, key message, 2-4 objection
branches and a close; every turn short enough to speak, exported with TTS-ready text."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from huashu.channels.base import ChannelSpec, FieldSpec
from huashu.channels.speech import speak, unspeakable
from huashu.domain import BrandPack, Segment, holds

TURN_MAX = 60
OBJECTIONS = ("objection_1", "objection_2", "objection_3", "objection_4")
MIN_OBJECTIONS = 2
_CUSTOMER, _AGENT = "客户：", "坐席："
_CONDITIONS = {"finance": "以实际审批结果为准"}
_TURNS = ("opening", "message", *OBJECTIONS, "close")


def branch(question: str, answer: str) -> str:
    return f"{_CUSTOMER}{question}\n{_AGENT}{answer}"


def split_branch(text: str) -> tuple[str, str]:
    question, _, answer = text.partition("\n")
    return question.removeprefix(_CUSTOMER), answer.removeprefix(_AGENT)


def identity(pack: BrandPack) -> str:
    return f"您好，我是{pack.brand.name}的智能客服。"


def _pack_objections(pack: BrandPack, segment: Segment | None) -> list[tuple[str, str]]:
    """The pack's objection turns written for ``segment`` (first answer per question; without
    a segment only unconditional ones), the do-not-call turn kept last; empty when the pack
    has fewer than two for it."""
    attributes = dict(segment.rule) if segment is not None else {}
    chosen: dict[str, str] = {}
    for o in pack.objections:
        if o.question not in chosen and (not o.when or holds(o.when, attributes)):
            chosen[o.question] = pack.fill(o.answer)
    turns = list(chosen.items())
    if len(turns) > len(OBJECTIONS):
        turns = turns[: len(OBJECTIONS) - 1] + turns[-1:]
    return turns if len(turns) >= MIN_OBJECTIONS else []


def _public_facts(pack: BrandPack) -> str:
    """The first two facts no offer restricts to the segments that qualify for it."""
    held = {k for o in pack.offers for k in o.facts}
    return "，".join([f.text for f in pack.facts if f.key not in held][:2])


@dataclass(frozen=True)
class SmartCallSpec(ChannelSpec):
    turn_max: int = TURN_MAX

    def wrap(
        self, fields: dict[str, str], pack: BrandPack, segment: Segment | None = None
    ) -> dict[str, str]:
        name = pack.brand.name
        opening = fields.get("opening", "")
        if name not in opening[: len(identity(pack)) + 4]:
            opening = identity(pack) + opening
        facts = _public_facts(pack)
        defaults = _pack_objections(pack, segment) or [
            ("靠谱吗？", f"我们是{name}，您可以在官方App或网点核实。"),
            (
                "具体条件是什么？",
                f"{facts}，{_CONDITIONS.get(pack.brand.industry, '以页面信息为准')}。"
                if facts
                else "",
            ),
            ("现在不需要。", "好的，不打扰您了，之后有需要随时联系我们。"),
            ("以后别打了。", "好的，已为您登记，之后不再致电，祝您生活愉快。"),
        ]
        out = {"opening": opening, "message": fields.get("message", "")}
        for i, key in enumerate(OBJECTIONS):
            # a model may write more objection turns than the pack has for this segment
            question, answer = defaults[i] if i < len(defaults) else ("", "")
            given = fields.get(key, "")
            if given and not given.startswith(_CUSTOMER):
                given = branch(question, given)
            if given or answer:
                out[key] = given or branch(question, answer)
        close = fields.get("close", "").rstrip("。，！!,. ")
        if not close.endswith("再见"):
            joint = "" if close.endswith(("？", "?")) or not close else "。"
            close = f"{close}{joint}感谢接听，再见"
        out["close"] = close + "。"
        return out

    def from_output(self, data: Mapping[str, Any]) -> dict[str, str]:
        out = {k: str(data.get(k, "")).strip() for k in ("opening", "message", "close")}
        for key, item in zip(OBJECTIONS, data.get("objections", []), strict=False):
            out[key] = branch(str(item.get("question", "")), str(item.get("answer", "")))
        return out

    def unwrap(self, fields: Mapping[str, str]) -> dict[str, Any]:
        objections = [
            dict(zip(("question", "answer"), split_branch(fields[k]), strict=True))
            for k in OBJECTIONS
            if fields.get(k)
        ]
        return {
            "opening": fields.get("opening", ""),
            "message": fields.get("message", ""),
            "objections": objections,
            "close": fields.get("close", ""),
        }

    def json_schema(self) -> dict[str, Any]:
        turn = {"type": "string", "maxLength": self.turn_max}
        return {
            "type": "object",
            "properties": {
                "opening": {**turn, "description": "开场：先表明身份"},
                "message": {**turn, "description": "核心信息"},
                "objections": {
                    "type": "array",
                    "minItems": MIN_OBJECTIONS,
                    "maxItems": len(OBJECTIONS),
                    "items": {
                        "type": "object",
                        "properties": {
                            "question": {"type": "string", "maxLength": 30},
                            "answer": turn,
                        },
                        "required": ["question", "answer"],
                        "additionalProperties": False,
                    },
                },
                "close": {**turn, "description": "结束语"},
            },
            "required": ["opening", "message", "objections", "close"],
            "additionalProperties": False,
        }

    def problems(self, fields: Mapping[str, str]) -> list[str]:
        out = super().problems(fields)
        opening = fields.get("opening", "")
        if opening and not opening.startswith(("您好", "你好")):
            out.append("smart_call.opening must start with a greeting and the caller's identity")
        branches = [k for k in OBJECTIONS if fields.get(k)]
        if not MIN_OBJECTIONS <= len(branches) <= len(OBJECTIONS):
            out.append(
                f"smart_call has {len(branches)} objection branches, "
                f"expected {MIN_OBJECTIONS}-{len(OBJECTIONS)}"
            )
        for key in _TURNS:
            value = fields.get(key, "")
            spoken = split_branch(value)[1] if key in OBJECTIONS else value
            if len(spoken) > self.turn_max:
                out.append(
                    f"smart_call.{key} turn has {len(spoken)} characters, limit {self.turn_max}"
                )
            bad = unspeakable(value)
            if bad:
                out.append(f"smart_call.{key} has text TTS cannot speak: {' '.join(bad)}")
        return out

    def export(self, fields: Mapping[str, str]) -> dict[str, Any]:
        turns: list[dict[str, Any]] = []
        for key in _TURNS:
            value = fields.get(key, "")
            if not value:
                continue
            if key in OBJECTIONS:
                question, answer = split_branch(value)
                turns.append(
                    {"step": key, "if_customer": question, "say": answer, "tts": speak(answer)}
                )
            else:
                turns.append({"step": key, "say": value, "tts": speak(value)})
        return {"channel": self.name, "turns": turns}


SMART_CALL = SmartCallSpec(
    name="smart_call",
    label_zh="智能外呼",
    label_en="Smart call",
    fields=(
        FieldSpec("opening", "开场白", ("hook",), max_chars=TURN_MAX),
        FieldSpec("message", "核心信息", ("benefit", "offer"), max_chars=TURN_MAX),
        FieldSpec("objection_1", "异议应答：可信", (), max_chars=100, llm=False),
        FieldSpec("objection_2", "异议应答：条件", (), max_chars=100, llm=False),
        FieldSpec(
            "objection_3", "异议应答：暂不需要", (), max_chars=100, required=False, llm=False
        ),
        FieldSpec(
            "objection_4", "异议应答：拒绝来电", (), max_chars=100, required=False, llm=False
        ),
        FieldSpec("close", "结束语", ("cta",), max_chars=TURN_MAX),
    ),
    notes_zh=(
        f"先表明身份（品牌名），再讲核心信息；准备2-4个异议应答；每轮话术不超过{TURN_MAX}字，"
        "便于语音合成（数字和百分号按读音播报）；客户拒绝来电须登记并不再致电。"
    ),
)
