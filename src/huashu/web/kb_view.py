"""The 知识库 page's reading of a knowledge base: each segment's features in words (a phrase's
text, a word, a structure named in Chinese or English), what to use and what to avoid, the
chart's rows and scale, and the numbers as a marketer reads them (+18%, 1.2万 次展示)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from huashu.domain import BrandPack
from huashu.learn.kb import KBEntry, KnowledgeBase
from huashu.web.i18n import channel_name

Verdict = Literal["use", "avoid", "unsure", "thin"]

#: the composer's slots as a phrase's kind reads: (zh, en)
SLOT_TEXT: dict[str, tuple[str, str]] = {
    "hook": ("开头", "opening"),
    "pain": ("痛点", "pain point"),
    "benefit": ("卖点", "benefit"),
    "offer": ("优惠条件", "offer"),
    "proof": ("佐证", "proof"),
    "cta": ("行动号召", "call to action"),
}
#: ``struct:`` features in words: (zh, en); length buckets are read from their names
STRUCT_TEXT: dict[str, tuple[str, str]] = {
    "number": ("含数字", "has a number"),
    "question": ("问句", "asks a question"),
    "urgency": ("催促用语", "urgency words"),
    "emoji": ("表情符号", "emoji"),
}
KIND_TEXT: dict[str, tuple[str, str]] = {
    "phrase": ("短语", "phrase"),
    "word": ("词语", "word"),
    "struct": ("结构", "structure"),
    "channel": ("渠道", "channel"),
}
#: most entries listed under 用 / 少用 before the rest fold away, and rows in the chart
SHORT_LIST = 8
CHART_ROWS = 14
#: the chart's half-widths to round the largest |lift| up to (a lift cannot fall below -100%,
#: so wider bars are cut at the edge)
SCALES = (0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0)


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if lang == "zh" else pair[1]


def _length_text(bucket: str, lang: str) -> str:
    """``≤20`` -> 长度≤20 字, ``21-40`` -> 长度 21–40 字, ``>70`` -> 长度超过 70 字."""
    if bucket.startswith("≤"):
        return f"长度≤{bucket[1:]} 字" if lang == "zh" else f"≤{bucket[1:]} characters"
    if bucket.startswith(">"):
        top = bucket[1:]
        return f"长度超过 {top} 字" if lang == "zh" else f"over {top} characters"
    low, _, high = bucket.partition("-")
    return f"长度 {low}–{high} 字" if lang == "zh" else f"{low}–{high} characters"


def feature_parts(feature: str) -> list[str]:
    """``struct:urgency+word:立即`` -> ``["struct:urgency", "word:立即"]``; a word feature
    (``word:化肥+种苗``: words the data cannot tell apart) stays one part."""
    if "+" not in feature or feature.startswith("word:"):
        return [feature]
    parts, prefix = [], ""
    for part in feature.split("+"):
        prefix = part.split(":", 1)[0] + ":" if ":" in part else prefix
        parts.append(part if ":" in part else prefix + part)
    return parts


def _clip(text: str, most: int = 40) -> str:
    flat = " / ".join(line.strip() for line in text.splitlines() if line.strip())
    return flat if len(flat) <= most else flat[: most - 1] + "…"


@dataclass(frozen=True)
class FeatureText:
    """A feature in words: its ``kind`` (短语·开头, 词语, 结构), its ``text`` and a ``note``."""

    kind: str
    text: str
    note: str = ""


def phrase_texts(pack: BrandPack | None) -> dict[str, str]:
    """phrase id -> its text with the pack's facts filled in."""
    if pack is None:
        return {}
    return {p.id: pack.render(p) for bank in pack.phrases.values() for p in bank}


def describe(
    feature: str,
    phrases: Mapping[str, str],
    lang: str = "zh",
    group: str = "",
    examples: Sequence[tuple[str, str]] = (),
) -> FeatureText:
    """How ``feature`` reads on the page: a phrase as its text in the brand pack (``phrases``,
    from :func:`phrase_texts`; else an example creative carrying it), a word as itself, a
    structure or a channel named."""
    parts = feature_parts(feature)
    if len(parts) > 1:
        read = [describe(p, phrases, lang) for p in parts]
        note = "总是一起出现，无法分开" if lang == "zh" else "always appear together"
        return FeatureText(
            " + ".join(dict.fromkeys(r.kind for r in read)), " + ".join(r.text for r in read), note
        )
    kind, _, name = feature.partition(":")
    kind_text = _pick(KIND_TEXT.get(kind, ("特征", "feature")), lang)
    if kind == "phrase":
        slot = group.removeprefix("slot:")
        if slot in SLOT_TEXT:
            kind_text += ("·" if lang == "zh" else " · ") + _pick(SLOT_TEXT[slot], lang)
        if name in phrases:
            return FeatureText(kind_text, phrases[name])
        if examples:
            note = (
                "话术库中已没有这句短语，这是用过它的一条素材"
                if lang == "zh"
                else "no longer in the brand pack: a creative that carried it"
            )
            return FeatureText(kind_text, _clip(examples[0][1]), note)
        return FeatureText(kind_text, "（已删除的短语）" if lang == "zh" else "(a removed phrase)")
    if kind == "word":
        words = name.split("+")
        note = ""
        if len(words) > 1:
            note = "总是一起出现，无法分开" if lang == "zh" else "always appear together"
        return FeatureText(kind_text, "、".join(words) if lang == "zh" else ", ".join(words), note)
    if kind == "struct":
        if name.startswith("length"):
            return FeatureText(kind_text, _length_text(name.removeprefix("length"), lang))
        if name in STRUCT_TEXT:
            return FeatureText(kind_text, _pick(STRUCT_TEXT[name], lang))
        return FeatureText(kind_text, name)
    if kind == "channel":
        return FeatureText(kind_text, channel_name(name, lang))
    return FeatureText(kind_text, name or feature)


def pct_text(value: float) -> str:
    """A lift as a marketer reads it: ``+18%``, ``-7%``, ``+4.6%`` (tenths under 10%)."""
    if round(value * 1000) == 0:
        return "0%"
    if abs(value) < 0.1:
        return f"{value * 100:+.1f}".rstrip("0").rstrip(".") + "%"
    return f"{value * 100:+.0f}%"


def count_text(n: int, lang: str = "zh") -> str:
    """``12345`` -> ``1.2万`` (zh) / ``12k`` (en); under 10,000 (1,000) as the number."""

    def short(value: float) -> str:
        return f"{value:.1f}".rstrip("0").rstrip(".") if value < 100 else f"{value:.0f}"

    if lang == "zh":
        if n >= 100_000_000:
            return short(n / 100_000_000) + "亿"
        if n >= 10_000:
            return short(n / 10_000) + "万"
        return f"{n:,}"
    if n >= 1_000_000:
        return short(n / 1_000_000) + "M"
    if n >= 1_000:
        return short(n / 1_000) + "k"
    return str(n)


def level_text(level: float) -> str:
    """The interval level as a percentage: ``90%`` for 0.9, ``97.5%`` for 0.975."""
    return f"{level * 100:.1f}".rstrip("0").rstrip(".") + "%"


def verdict(e: KBEntry) -> Verdict:
    """use / avoid: supported and the whole interval above / below zero; thin: low support."""
    if e.low_support:
        return "thin"
    if e.low > 0:
        return "use"
    if e.high < 0:
        return "avoid"
    return "unsure"


@dataclass(frozen=True)
class EntryView:
    """One feature of a segment as the page shows it."""

    kind: str
    text: str
    note: str
    verdict: Verdict
    lift: float
    low: float
    high: float
    support: int
    lift_text: str
    interval_text: str
    support_text: str
    example: str
    #: the chart's bar: where the interval starts and ends and where the lift sits (0-100)
    x_low: float = 0.0
    x_high: float = 0.0
    x_lift: float = 0.0

    def matches(self, term: str) -> bool:
        term = term.casefold()
        return any(term in s.casefold() for s in (self.text, self.kind, self.note))


@dataclass
class SegmentView:
    """One segment: its display name, traffic, and what to use and avoid."""

    name: str
    base_ctr: float | None
    impressions: int
    impressions_text: str
    use: list[EntryView]
    avoid: list[EntryView]
    entries: list[EntryView]
    #: the entries the search term names (empty without a term or when the name matched)
    found: list[EntryView] = field(default_factory=list)
    chart: list[EntryView] = field(default_factory=list)
    #: the chart's half-width: bars run from -scale to +scale
    scale: float = 0.1
    changes: list[dict[str, str]] = field(default_factory=list)


def segment_name(key: str, names: Mapping[str, str], index: int, lang: str) -> str:
    """The segment's display name; one saved without any reads 人群 3 / Segment 3."""
    if key in names:
        return names[key]
    return f"人群 {index + 1}" if lang == "zh" else f"Segment {index + 1}"


def entry_view(e: KBEntry, phrases: Mapping[str, str], lang: str, level: str) -> EntryView:
    said = describe(e.feature, phrases, lang, e.group, e.examples)
    shown = "次展示" if lang == "zh" else "impressions"
    between = " ~ " if lang == "zh" else " to "
    interval = "区间" if lang == "zh" else "interval"
    return EntryView(
        kind=said.kind,
        text=said.text,
        note=said.note,
        verdict=verdict(e),
        lift=e.lift,
        low=e.low,
        high=e.high,
        support=e.support,
        lift_text=pct_text(e.lift),
        interval_text=f"{level} {interval} {pct_text(e.low)}{between}{pct_text(e.high)}",
        support_text=f"{count_text(e.support, lang)} {shown}",
        example=e.examples[0][1] if e.examples else "",
    )


def _scaled(rows: list[EntryView]) -> tuple[list[EntryView], float]:
    """The chart's rows with their bar positions on a symmetric scale around zero: wide
    enough for every lift and for the intervals of the decisive rows (when there are any),
    so one barely measured feature does not squash the rest; longer bars are cut at the edge."""
    decisive = [r for r in rows if r.verdict in ("use", "avoid")] or rows
    widest = max(
        [abs(r.lift) for r in rows] + [max(abs(r.low), abs(r.high)) for r in decisive],
        default=0.0,
    )
    scale = next((s for s in SCALES if widest <= s), SCALES[-1])

    def x(v: float) -> float:
        return round(50 + 50 * max(-scale, min(scale, v)) / scale, 2)

    placed = [replace(r, x_low=x(r.low), x_high=x(r.high), x_lift=x(r.lift)) for r in rows]
    return placed, scale


def _impressions(rows: Sequence[KBEntry]) -> int:
    """A segment's impressions: the supports of a group's features add up to them (each
    creative has one channel, one phrase per slot); without groups, the most shown feature."""
    by_group: dict[str, int] = {}
    for e in rows:
        if e.group:
            by_group[e.group] = by_group.get(e.group, 0) + e.support
    if by_group:
        return max(by_group.values())
    return max((e.support for e in rows), default=0)


def segment_view(
    kb: KnowledgeBase,
    key: str,
    name: str,
    phrases: Mapping[str, str],
    lang: str,
    term: str = "",
) -> SegmentView:
    """``key``'s entries in words (channels, a control, are left out), 用 and 少用 ranked by
    lift, and the chart: 用 and 少用, then the most shown of the rest."""
    level = level_text(kb.level)
    rows = kb.for_segment(key)
    impressions = _impressions(rows)
    entries = [
        entry_view(e, phrases, lang, level) for e in rows if not e.feature.startswith("channel:")
    ]
    use = [v for v in entries if v.verdict == "use"]
    avoid = sorted((v for v in entries if v.verdict == "avoid"), key=lambda v: v.lift)
    found: list[EntryView] = []
    if term and term.casefold() not in name.casefold():
        found = [v for v in entries if v.matches(term)]
    decisive = use[:SHORT_LIST] + avoid[:SHORT_LIST]
    rest = sorted(
        (v for v in entries if v.verdict == "unsure"), key=lambda v: (-v.support, -v.lift)
    )
    picked = found[:CHART_ROWS] if found else (decisive + rest)[: max(CHART_ROWS, len(decisive))]
    chart, scale = _scaled(picked)
    return SegmentView(
        name=name,
        base_ctr=kb.base_ctr(key),
        impressions=impressions,
        impressions_text=count_text(impressions, lang),
        use=use,
        avoid=avoid,
        entries=entries,
        found=found,
        chart=chart,
        scale=scale,
    )


def changes(
    older: KnowledgeBase,
    newer: KnowledgeBase,
    key: str,
    phrases: Mapping[str, str],
    lang: str,
) -> list[dict[str, str]]:
    """What moved between two versions for one segment, in words: the features whose verdict
    changed (now 用 / 少用, or no longer), strongest first."""
    level = level_text(newer.level)
    before = {e.feature: e for e in older.for_segment(key)}
    after = {e.feature: e for e in newer.for_segment(key)}
    out: list[tuple[float, dict[str, str]]] = []
    for feature in sorted(before.keys() | after.keys()):
        if feature.startswith("channel:"):
            continue
        was, now = before.get(feature), after.get(feature)
        old = verdict(was) if was is not None else "unsure"
        new = verdict(now) if now is not None else "unsure"
        if old == new or {old, new} <= {"unsure", "thin"}:
            continue
        entry = now if now is not None else was
        assert entry is not None
        shown = entry_view(entry, phrases, lang, level)
        row = {"text": shown.text, "kind": shown.kind, "before": old, "after": new}
        row["lift"] = shown.lift_text if now is not None else ""
        out.append((-abs(now.lift) if now is not None else 0.0, row))
    return [row for _, row in sorted(out, key=lambda r: r[0])]
