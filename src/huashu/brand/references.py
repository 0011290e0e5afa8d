"""Cross-reference checks of a brand pack, done on the raw YAML value so that every problem has
an exact path (the model's own validators report only the first problem, with no location)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from huashu.brand.yaml_tree import Loc
from huashu.domain import SLOTS
from huashu.domain.brand import BUILTIN_PLACEHOLDERS

_PLACEHOLDER = re.compile(r"\{([a-z0-9_]+)\}")


@dataclass(frozen=True)
class Issue:
    loc: Loc
    message_en: str
    message_zh: str


def _items(value: object) -> list[tuple[int, dict[str, object]]]:
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def _unique(
    data: dict[str, object], section: str, key: str, what_en: str, what_zh: str
) -> list[Issue]:
    issues: list[Issue] = []
    seen: dict[str, int] = {}
    for i, item in _items(data.get(section)):
        value = item.get(key)
        if not isinstance(value, str):
            continue
        if value in seen:
            issues.append(
                Issue(
                    (section, i, key),
                    f"{what_en} '{value}' is used twice (first at {section}[{seen[value]}])",
                    f"{what_zh} {value} 重复（{section}[{seen[value]}] 已使用）",
                )
            )
        else:
            seen[value] = i
    return issues


def _dimension_labels(data: dict[str, object]) -> list[Issue]:
    issues: list[Issue] = []
    for d, dim in _items(data.get("dimensions")):
        seen: set[str] = set()
        for v, value in _items(dim.get("values")):
            label = value.get("label")
            if not isinstance(label, str):
                continue
            if label in seen:
                issues.append(
                    Issue(
                        ("dimensions", d, "values", v, "label"),
                        f"value label '{label}' is used twice in this dimension",
                        f"取值标签 {label} 在该维度中重复",
                    )
                )
            seen.add(label)
    return issues


def _phrases(data: dict[str, object]) -> list[Issue]:
    phrases = data.get("phrases")
    if not isinstance(phrases, dict):
        return []
    issues: list[Issue] = []
    facts = {str(item.get("key")) for _, item in _items(data.get("facts"))}
    allowed = ", ".join(SLOTS)
    for slot in phrases:
        if slot not in SLOTS:
            issues.append(
                Issue(
                    ("phrases", str(slot)),
                    f"unknown phrase slot '{slot}'; allowed: {allowed}",
                    f"未知的话术槽位 {slot}，可用：{'、'.join(SLOTS)}",
                )
            )
    if not phrases.get("hook"):
        loc: Loc = ("phrases", "hook") if "hook" in phrases else ("phrases",)
        issues.append(
            Issue(loc, "slot 'hook' needs at least one phrase", "hook 槽位至少需要一条话术")
        )
    seen: dict[str, str] = {}
    for slot, bank in phrases.items():
        for i, phrase in _items(bank):
            here = f"phrases.{slot}[{i}]"
            phrase_id = phrase.get("id")
            if isinstance(phrase_id, str):
                if phrase_id in seen:
                    issues.append(
                        Issue(
                            ("phrases", str(slot), i, "id"),
                            f"phrase id '{phrase_id}' is used twice (first at {seen[phrase_id]})",
                            f"话术 id {phrase_id} 重复（{seen[phrase_id]} 已使用）",
                        )
                    )
                else:
                    seen[phrase_id] = here
            text = phrase.get("text")
            if not isinstance(text, str):
                continue
            missing = [
                p
                for p in _PLACEHOLDER.findall(text)
                if p not in facts and p not in BUILTIN_PLACEHOLDERS
            ]
            if missing:
                names = ", ".join(missing)
                known = ", ".join(sorted(facts)) or "(none)"
                issues.append(
                    Issue(
                        ("phrases", str(slot), i, "text"),
                        f"refers to unknown fact {names}; known facts: {known}",
                        f"引用了不存在的事实 {'、'.join(missing)}",
                    )
                )
    return issues


def cross_reference_issues(data: object) -> list[Issue]:
    """Slots, unique ids and keys, and ``{fact_key}`` placeholders that name real facts."""
    if not isinstance(data, dict):
        return []
    return [
        *_unique(data, "facts", "key", "fact key", "事实 key"),
        *_unique(data, "offers", "key", "offer key", "优惠 key"),
        *_unique(data, "dimensions", "name", "dimension name", "维度名"),
        *_dimension_labels(data),
        *_phrases(data),
    ]
