"""The compose backend's refinement: recompose a draft from the segment's own phrase banks
toward what the instruction asks (更短, 更亲切 / 更正式, 面向中老年), every candidate checked like
a draft, best first by the goals named; the assistant turn says what changed or why nothing
could be."""

from __future__ import annotations

import itertools
import logging
import math
import re
from dataclasses import dataclass
from typing import Literal

from huashu.channels import sms_parts
from huashu.domain import BrandPack, Creative, InputError, Phrase, Provenance, Segment
from huashu.generate.base import Attempt
from huashu.generate.compose import ComposeGenerator, _banks, compose_fields, creative_id
from huashu.generate.copycheck import copy_findings, failing
from huashu.generate.grounding import ground
from huashu.generate.refine import (
    RefineRequest,
    RefineResult,
    Turn,
    _check_instruction,
    _label,
    _label_en,
    _length,
)

log = logging.getLogger("huashu.refine")

#: channel names that contain 短 without asking for shorter copy ("短信再亲切一点")
_NOT_SHORT = re.compile(r"短信|短视频|短链接?")
_SHORT = re.compile(
    r"短|精简|简洁|少些字|少点字|字数少|少写|太长|长了|过长|冗长|啰嗦|shorter|\bshort|concise|trim",
    re.IGNORECASE,
)
_FRIENDLY = re.compile(
    r"亲切|口语|接地气|通俗|聊天|随和|亲民|温暖|热情|friendly|casual|warmer|warm\b", re.IGNORECASE
)
_FORMAL = re.compile(r"正式|专业|稳重|庄重|严谨|书面|formal|professional", re.IGNORECASE)
#: a tone word right after one of these asks for the other tone ("别太正式", "太口语了")
_NEGATION = re.compile(r"(?:不要|别|不用|不必|少点|少些|没必要|太|过于)(?:太|那么|过于)?$")
_SENIOR = re.compile(
    r"(?:[4-9]\d|五十|六十|七十)岁以上|中老年|老年|长辈|老人|senior|elderly|older reader",
    re.IGNORECASE,
)
_SLANG = re.compile(r"闭眼入|亲妈|yyds|绝绝子|种草|拔草|党|救星|宝子|冲|get|🔥|打工人|姐妹")
_PLAIN = re.compile(r"网点|咨询|本地|乡亲|放心|您|正规|温和")
_PARTICLES = re.compile(r"吧|啦|呀|哦|嘛|～")

Goal = Literal["short", "friendly", "formal", "senior"]
#: what the compose backend can do, for the message when it cannot
CAN_DO_ZH = "更短、更亲切、更正式、面向中老年"
CAN_DO_EN = (
    "shorter (更短), friendlier (更亲切), more formal (更正式), for older readers (面向中老年)"
)
_GOAL_ZH: dict[Goal, str] = {
    "short": "改短",
    "friendly": "改得更亲切",
    "formal": "改得更正式",
    "senior": "改得更适合中老年读者",
}
_SLOT_ZH = {
    "hook": "开头",
    "pain": "痛点",
    "benefit": "卖点",
    "proof": "佐证",
    "offer": "产品条件",
    "cta": "结尾",
}
_GOAL_EN: dict[Goal, str] = {
    "short": "shortened",
    "friendly": "made friendlier",
    "formal": "made more formal",
    "senior": "made plainer for older readers",
}
_SLOT_EN = {
    "hook": "opening",
    "pain": "pain point",
    "benefit": "selling point",
    "proof": "proof",
    "offer": "offer",
    "cta": "closing",
}
#: a shortening this much or more is "clearly" shorter: max(chars, share of the current length)
CLEAR_MARGIN = (4, 0.05)
#: compositions ranked per refinement at most (the banks of the example packs make < 3,000)
MAX_CANDIDATES = 50_000


def goals(instruction: str) -> list[Goal]:
    """What a compose refinement is asked for, in a fixed order: short, a tone (the last one
    named wins; a negated one, "别太正式", asks for the other), senior."""
    text = _NOT_SHORT.sub("", instruction)
    out: list[Goal] = []
    if _SHORT.search(text):
        out.append("short")
    tones: list[tuple[int, Goal]] = []
    pairs: tuple[tuple[re.Pattern[str], Goal, Goal], ...] = (
        (_FRIENDLY, "friendly", "formal"),
        (_FORMAL, "formal", "friendly"),
    )
    for pattern, tone, other in pairs:
        for m in pattern.finditer(text):
            negated = bool(_NEGATION.search(text[max(0, m.start() - 4) : m.start()]))
            tones.append((m.start(), other if negated else tone))
    if tones:
        out.append(max(tones)[1])
    if _SENIOR.search(text):
        out.append("senior")
    return out


def _unsupported(instruction: str) -> InputError:
    return InputError(
        f"the compose backend can make a draft {CAN_DO_EN}, not {instruction!r}; "
        "use the openai backend for free-form edits",
        message_zh=f"内置组合生成只能把文案{CAN_DO_ZH}，无法执行“{instruction}”；"
        "自由修改请使用 openai 后端",
        code="unsupported_instruction",
    )


@dataclass(frozen=True)
class _Option:
    """One composition and what the goals measure on it."""

    phrase_ids: dict[str, str]
    fields: dict[str, str]
    length: int
    friendly: int  # phrases of friendly tone
    formal: int  # phrases of formal tone
    senior: float  # lower reads better to older readers
    offer_rank: int  # 0 same offer phrase, 1 same offers stated, 2 otherwise
    offers: frozenset[str]  # the pack's offers its phrases state (a discount)
    changes: int


def _senior_score(text: str, own_words: tuple[str, ...]) -> float:
    for word in own_words:  # a segment's own name (学生党) is not slang
        text = text.replace(word, "")
    return (
        20.0 * len(_SLANG.findall(text))
        + 3.0 * len(_PARTICLES.findall(text))
        - 5.0 * len(_PLAIN.findall(text))
    )


def _phrase(pack: BrandPack, phrase_id: str) -> Phrase | None:
    try:
        return pack.phrase(phrase_id)
    except KeyError:  # a draft composed from a phrase the pack no longer has
        return None


def _measure(goal: Goal, option: _Option) -> float:
    """Lower is better for ``goal``."""
    if goal == "short":
        return float(option.length)
    if goal == "friendly":
        return float(option.formal - option.friendly)
    if goal == "formal":
        return float(option.friendly - option.formal)
    return option.senior


def _own_words(pack: BrandPack, segment: Segment) -> tuple[str, ...]:
    words = pack.identity_words()
    return tuple(w for d, label in segment.labels.items() for w in words.get((d, label), ()))


def _offer_rank(
    pack: BrandPack, slot: str | None, phrase_ids: dict[str, str], current: dict[str, str]
) -> int:
    """0: the offer phrase kept; 1: another one stating the same offers; 2: otherwise."""
    if slot is None or phrase_ids.get(slot) == current.get(slot):
        return 0
    mine, now = _phrase(pack, phrase_ids.get(slot, "")), _phrase(pack, current.get(slot, ""))
    if mine is not None and now is not None and set(mine.offers) == set(now.offers):
        return 1
    return 2


def _options(request: RefineRequest) -> tuple[_Option, list[_Option]]:
    """The current composition and every other one the segment's own phrase banks allow."""
    pack, channel, segment, current = (
        request.pack,
        request.channel,
        request.segment,
        request.creative,
    )
    own = _own_words(pack, segment)
    banks = _banks(pack, channel, segment)
    offer_slot = "offer" if "offer" in banks else None

    def option(phrase_ids: dict[str, str], fields: dict[str, str]) -> _Option:
        phrases = [_phrase(pack, pid) for pid in phrase_ids.values()]
        return _Option(
            phrase_ids=phrase_ids,
            fields=fields,
            length=_length(fields),
            friendly=sum(p is not None and p.tone == "friendly" for p in phrases),
            formal=sum(p is not None and p.tone == "formal" for p in phrases),
            senior=_senior_score("\n".join(fields.values()), own),
            offer_rank=_offer_rank(pack, offer_slot, phrase_ids, current.phrase_ids),
            offers=frozenset(k for p in phrases if p is not None for k in p.offers),
            changes=sum(current.phrase_ids.get(s) != pid for s, pid in phrase_ids.items()),
        )

    now = option(dict(current.phrase_ids), dict(current.fields))
    slots = list(banks)
    combos = itertools.islice(itertools.product(*(banks[s] for s in slots)), MAX_CANDIDATES)
    others = []
    for combo in combos:
        phrase_ids = {slot: p.id for slot, p in zip(slots, combo, strict=True)}
        if phrase_ids == current.phrase_ids:
            continue
        others.append(option(phrase_ids, compose_fields(pack, channel, phrase_ids, segment)))
    return now, others


def _earlier(history: tuple[Turn, ...], asked: list[Goal]) -> list[Goal]:
    """Goals of the conversation's earlier operator turns that this turn does not override
    (an earlier 更亲切 gives way to a 更正式 now)."""
    tones = {"friendly", "formal"}
    out: list[Goal] = []
    for turn in history:
        if turn.role != "operator":
            continue
        for goal in goals(turn.content):
            if goal in asked or goal in out or (goal in tones and tones & set(asked)):
                continue
            out.append(goal)
    return out


def _ranked(
    now: _Option, others: list[_Option], asked: list[Goal], earlier: list[Goal]
) -> tuple[list[_Option], int]:
    """The options that improve every goal asked and still state every offer the draft states
    (a qualifying reader's discount is never traded for length or tone), best first: (for 短)
    clearly shorter, the offer phrase kept (facts unchanged), the goals' measures, not undoing
    an earlier turn's goal, the fewest slots changed; and how many improving options were left
    out for dropping an offer."""
    margin = max(CLEAR_MARGIN[0], math.ceil(CLEAR_MARGIN[1] * now.length))
    improving = [o for o in others if all(_measure(g, o) < _measure(g, now) for g in asked)]
    better = [o for o in improving if now.offers <= o.offers]

    def key(o: _Option) -> tuple[object, ...]:
        clear = "short" not in asked or now.length - o.length >= margin
        undoes = sum(_measure(g, o) > _measure(g, now) for g in earlier)
        return (
            not clear,
            o.offer_rank,
            *(_measure(g, o) for g in asked),
            undoes,
            o.changes,
            o.length,
            tuple(o.phrase_ids.values()),
        )

    return sorted(better, key=key), len(improving) - len(better)


def _what(asked: list[Goal]) -> str:
    return "、".join(_GOAL_ZH[g] for g in asked)


def _slots_zh(slots: list[str]) -> str:
    return "、".join(_SLOT_ZH.get(s, s) for s in slots)


def _done_turn(
    request: RefineRequest, asked: list[Goal], now: _Option, chosen: _Option, text: str
) -> tuple[str, str, str]:
    """(summary line, assistant turn, English summary line) for a refinement made."""
    changed = [
        s for s, pid in chosen.phrase_ids.items() if request.creative.phrase_ids.get(s) != pid
    ]
    what = _what(asked)
    detail = f"{now.length} → {chosen.length} 字"
    detail_en = f"{now.length} → {chosen.length} chars"
    if request.channel.name == "sms":
        was, will = sms_parts(now.fields.get("text", "")), sms_parts(chosen.fields.get("text", ""))
        if was != will:
            detail += f"，计费 {was} → {will} 条"
            detail_en += f", billed as {was} → {will} messages"
    if any(g != "short" for g in asked):
        detail += f"，换了{_slots_zh(changed)}"
        detail_en += ", new " + ", ".join(_SLOT_EN.get(s, s) for s in changed)
    if chosen.offer_rank == 0:
        if any(g != "short" for g in asked):
            detail += "，产品条件（利率、额度、价格等）不变"
            detail_en += ", same offer terms (rate, limit, price)"
    else:
        detail += "，产品条件换了一种说法"
        detail_en += ", offer terms reworded"
    summary = f"{_label(request)}：已{what}（{detail}）"
    what_en = " and ".join(_GOAL_EN[g] for g in asked)
    summary_en = f"{_label_en(request)}: {what_en} ({detail_en})"
    return summary, f"{summary}。新文案：{text}", summary_en


def _refused_turn(
    request: RefineRequest,
    asked: list[Goal],
    now: _Option,
    failed: int,
    used: int,
    dropping: int = 0,
) -> tuple[str, str]:
    """(assistant turn, English log line) for a refinement not made: no composition does what
    is asked, or those that do fail the checks (``failed``), are in use already (``used``) or
    would drop an offer the reader qualifies for (``dropping``)."""
    label, label_en = _label(request), _label_en(request)
    if asked == ["short"] and (failed or dropping):
        why = [
            *(["没有通过文案或合规检查"] if failed else []),
            *(["会删掉读者可享的优惠"] if dropping else []),
        ]
        return (
            f"{label}：这条已是话术库能组合出的最短合规版本（{now.length} 字），"
            f"更短的组合{'或'.join(why)}，没有再改短",
            f"{label_en}: already the shortest the phrase bank allows ({now.length} chars); "
            f"{failed} shorter compositions fail the checks, {dropping} drop an offer",
        )
    if failed:
        return (
            f"{label}：能{_what(asked)}的组合都没有通过文案或合规检查，这条保持不变",
            f"{label_en}: all {failed} compositions meeting {'+'.join(asked)} fail the checks",
        )
    if used:
        return (
            f"{label}：能{_what(asked)}的组合本活动已经用过，这条保持不变",
            f"{label_en}: the compositions meeting {'+'.join(asked)} are in use already",
        )
    if asked == ["short"]:
        return (
            f"{label}：这条已是话术库能组合出的最短版本（{now.length} 字），没有再改短",
            f"{label_en}: already the shortest the phrase bank allows ({now.length} chars)",
        )
    if asked == ["senior"]:
        return (
            f"{label}：这条已是话术库里最适合中老年读者的说法，保持不变",
            f"{label_en}: already the plainest wording the phrase bank allows",
        )
    if len(asked) == 1:
        tone = asked[0]
        word = "亲切" if tone == "friendly" else "正式"
        if (now.friendly if tone == "friendly" else now.formal) > 0:
            return (
                f"{label}：这条已是话术库里最{word}的说法，保持不变",
                f"{label_en}: already the most {tone} wording the phrase bank allows",
            )
        return (
            f"{label}：话术库里没有写给这一人群的更{word}的说法，这条保持不变",
            f"{label_en}: the phrase bank has no {tone} wording for this segment",
        )
    return (
        f"{label}：话术库里找不到能{_what(asked)}的组合，这条保持不变",
        f"{label_en}: no composition in the phrase bank meets {'+'.join(asked)}",
    )


def refine_compose(generator: ComposeGenerator, request: RefineRequest) -> RefineResult:
    """Recompose from the segment's own phrase banks toward what is asked: 更短 (strictly
    shorter, clearly so where the banks allow), 更亲切 / 更正式 (the most phrases of that tone),
    面向中老年 (no slang, plain wording), keeping the offer phrase where it can. Every candidate
    fits the channel, passes the copy gate and (with a checker) compliance. When no
    composition does what is asked, no creative comes back and the assistant turn says so."""
    instruction = _check_instruction(request.instruction)
    asked = goals(instruction)
    if not asked:
        raise _unsupported(instruction)
    pack, channel, segment, current = (
        request.pack,
        request.channel,
        request.segment,
        request.creative,
    )
    if not current.phrase_ids:
        raise InputError(
            f"creative {current.id} was not composed from phrases; "
            "refine it with the openai backend",
            message_zh=f"素材 {current.id} 不是由话术库组合生成的，请用 openai 后端修改",
            code="not_composed",
        )
    now, others = _options(request)
    ranked, dropping = _ranked(now, others, asked, _earlier(request.history, asked))
    campaign = request.campaign_id or pack.id
    operator = Turn("operator", instruction, current.id)
    failed = used = 0
    for chosen in ranked:
        cid = creative_id(campaign, current.segment_key, channel.name, chosen.phrase_ids)
        if cid in request.exclude:
            used += 1
            continue
        if channel.problems(chosen.fields) or failing(
            copy_findings(chosen.fields, channel.name, pack, segment)
        ):
            failed += 1
            continue
        creative = Creative(
            id=cid,
            brand_id=pack.id,
            segment_key=current.segment_key,
            channel=current.channel,
            fields=chosen.fields,
            phrase_ids=chosen.phrase_ids,
            provenance=Provenance(
                backend=generator.name,
                model=generator.model,
                template_version="compose/refine-2",
                seed=request.seed,
                kb_snapshot_id=current.provenance.kb_snapshot_id,
            ),
            round=current.round,
        )
        if (
            generator.checker is not None
            and not ground(creative, pack, channel, generator.checker).ok
        ):
            failed += 1
            continue
        summary, content, summary_en = _done_turn(request, asked, now, chosen, creative.text)
        log.info(
            "refined %s (%s) for %s: %s, %d -> %d chars",
            current.id,
            channel.name,
            segment.key,
            "+".join(asked),
            now.length,
            chosen.length,
        )
        return RefineResult(
            creative,
            (operator, Turn("assistant", content, creative.id)),
            Attempt(channel.name, True, True, 0, creative.id),
            summary,
            summary_en,
        )
    content, english = _refused_turn(request, asked, now, failed, used, dropping)
    log.info("not refined %s: %s", current.id, english)
    return RefineResult(
        None,
        (operator, Turn("assistant", content, None)),
        Attempt(channel.name, False, False, 0, errors=(english,)),
        content,
        english,
    )
