"""Channel spec: the fields of a channel's creative, the slots that fill them, and limits."""

from __future__ import annotations

from dataclasses import dataclass, field

from huashu.domain import BrandPack


@dataclass(frozen=True)
class FieldSpec:
    """One part of a creative (e.g. a card's title): the slots composed into it and its limit."""

    name: str
    label_zh: str
    slots: tuple[str, ...]
    max_chars: int
    separator: str = "，"
    required: bool = True


@dataclass(frozen=True)
class ChannelSpec:
    name: str
    label_zh: str
    fields: tuple[FieldSpec, ...]
    notes_zh: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    def slots(self) -> tuple[str, ...]:
        return tuple(s for f in self.fields for s in f.slots)

    def wrap(self, fields: dict[str, str], pack: BrandPack) -> dict[str, str]:
        """Channel-mandated framing added around composed fields (signature, opt-out, labels)."""
        return fields

    def problems(self, fields: dict[str, str]) -> list[str]:
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
