"""Channel spec: the fields of a channel's creative, the composer slots that fill them, limits,
the JSON schema an LLM answers in, the mandated framing and the export format."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from huashu.domain import BrandPack, Segment


@dataclass(frozen=True)
class FieldSpec:
    """One part of a creative (e.g. a card's title): the slots composed into it and its limit.

    ``llm`` is False for parts the channel writes itself (labels, disclosures), which are left
    out of the JSON schema an LLM answers in.
    """

    name: str
    label_zh: str
    slots: tuple[str, ...]
    max_chars: int
    separator: str = "，"
    required: bool = True
    llm: bool = True


@dataclass(frozen=True)
class ChannelSpec:
    name: str
    label_zh: str
    fields: tuple[FieldSpec, ...]
    notes_zh: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    #: the channel's name in English (the web pages keep their own dictionary)
    label_en: str = ""

    def slots(self) -> tuple[str, ...]:
        return tuple(s for f in self.fields for s in f.slots)

    def wrap(
        self, fields: dict[str, str], pack: BrandPack, segment: Segment | None = None
    ) -> dict[str, str]:
        """Channel-mandated framing added around composed fields (signature, opt-out, labels)."""
        return fields

    def problems(self, fields: Mapping[str, str]) -> list[str]:
        """Length and presence problems of a creative's fields, in English (empty = fits)."""
        out: list[str] = []
        for spec in self.fields:
            value = fields.get(spec.name, "")
            if spec.required and not value:
                out.append(f"{self.name}.{spec.name} is empty")
            elif len(value) > spec.max_chars:
                out.append(
                    f"{self.name}.{spec.name} has {len(value)} characters, limit {spec.max_chars}"
                )
        return out

    def flags(self, fields: Mapping[str, str], pack: BrandPack) -> list[str]:
        """Advisory notes for the operator that do not stop a creative (e.g. vendor policies)."""
        return []

    def json_schema(self) -> dict[str, Any]:
        """The JSON schema of the structured output an LLM writes for this channel."""
        props = {
            f.name: {"type": "string", "description": f.label_zh, "maxLength": f.max_chars}
            for f in self.fields
            if f.llm
        }
        return {
            "type": "object",
            "properties": props,
            "required": [f.name for f in self.fields if f.llm and f.required],
            "additionalProperties": False,
        }

    def from_output(self, data: Mapping[str, Any]) -> dict[str, str]:
        """Fields from a schema-valid LLM answer, before :meth:`wrap` frames them."""
        return {
            f.name: str(data.get(f.name, "")).strip()
            for f in self.fields
            if f.llm and data.get(f.name) is not None
        }

    def unwrap(self, fields: Mapping[str, str]) -> dict[str, Any]:
        """The LLM-facing view of a framed creative (the inverse of :meth:`wrap`), used when
        asking a model to refine an existing creative."""
        return {f.name: fields.get(f.name, "") for f in self.fields if f.llm}

    def export(self, fields: Mapping[str, str]) -> dict[str, Any]:
        """The creative in this channel's delivery format (what a sender or a vendor console
        takes: SMS length, TTS turns, banner sizes, ...); ``huashu draft --json`` prints it as
        each creative's ``export``."""
        return {"channel": self.name, "fields": dict(fields)}

    def describe_zh(self) -> list[str]:
        """Limits in operator (and prompt) language, one line per part plus the channel notes."""
        lines = [
            f"{f.label_zh}（{f.name}）：不超过{f.max_chars}字" + ("" if f.required else "，可选")
            for f in self.fields
            if f.llm
        ]
        return lines + ([self.notes_zh] if self.notes_zh else [])
