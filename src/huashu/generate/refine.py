"""Multi-turn refinement of an existing creative ("更口语一点 / 短一些 / 面向50岁以上"): the
operator's instruction and the model's answer are turns of a conversation the caller stores
(``store.repos.save_turns``); the refined creative is grounded like any draft."""

from __future__ import annotations

import asyncio
import itertools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from huashu.channels import ChannelSpec
from huashu.domain import BrandPack, Creative, InputError, Phrase, Provenance, Segment
from huashu.generate.base import MAX_BRIEF_CHARS, Attempt
from huashu.generate.compose import ComposeGenerator, compose_fields, creative_id
from huashu.generate.grounding import ground
from huashu.generate.llm_client import ChatClient
from huashu.generate.openai_chat import OpenAIGenerator
from huashu.generate.prompts import system_context

Role = Literal["operator", "assistant"]


@dataclass(frozen=True)
class Turn:
    role: Role
    content: str
    creative_id: str | None = None


@dataclass(frozen=True)
class RefineRequest:
    """Refine ``creative`` by ``instruction``; ``history`` holds the conversation so far."""

    pack: BrandPack
    segment: Segment
    channel: ChannelSpec
    creative: Creative
    instruction: str
    history: tuple[Turn, ...] = ()
    seed: int = 0
    campaign_id: str = ""


@dataclass(frozen=True)
class RefineResult:
    """The refined creative (None when nothing usable came back) and the two new turns."""

    creative: Creative | None
    turns: tuple[Turn, Turn]
    attempt: Attempt


_SHORT = re.compile(r"短|精简|简短|简洁|少些字")
_SPOKEN = re.compile(r"口语|接地气|亲切|通俗|聊天")
_SENIOR = re.compile(r"(?:[4-9]\d|五十|六十|七十)岁以上|中老年|老年|长辈|老人")
_SLANG = re.compile(r"闭眼入|亲妈|yyds|绝绝子|种草|拔草|党|救星|宝子|冲|get|🔥")
_PLAIN = re.compile(r"网点|咨询|本地|乡亲|放心|您|正规|温和")
_COLLOQUIAL = re.compile(r"不用愁|看过来|来了|试试|吧|啦|呀|哦|呢|嘛|！|？|好帮手|都能用")


def _check_instruction(instruction: str) -> str:
    text = instruction.strip()
    if not text:
        raise InputError(
            "empty refinement instruction",
            message_zh="修改要求为空：请写明怎么改，例如“短一些”或“更口语一点”",
            code="empty_instruction",
        )
    if len(text) > MAX_BRIEF_CHARS:
        raise InputError(
            f"refinement instruction has {len(text):,} characters, limit {MAX_BRIEF_CHARS:,}",
            message_zh=f"修改要求过长：{len(text):,} 字，上限 {MAX_BRIEF_CHARS:,} 字",
            code="instruction_too_long",
        )
    return text


def _length(text: str) -> float:
    return float(len(text))


def _colloquial(text: str) -> float:
    return -10.0 * len(_COLLOQUIAL.findall(text))


def _senior(text: str) -> float:
    return 20.0 * len(_SLANG.findall(text)) - 5.0 * len(_PLAIN.findall(text))


def _scorer(instruction: str) -> Callable[[str], float]:
    """Lower is better: the phrase-level objective the instruction asks for."""
    wants: list[tuple[re.Pattern[str], Callable[[str], float]]] = [
        (_SHORT, _length),
        (_SPOKEN, _colloquial),
        (_SENIOR, _senior),
    ]
    parts = [fn for pattern, fn in wants if pattern.search(instruction)]
    if not parts:
        raise InputError(
            f"the compose backend understands 短一些 / 更口语 / 面向中老年, not {instruction!r}; "
            "use the openai backend for free-form edits",
            message_zh=f"内置组合生成只支持“短一些、更口语、面向中老年”类修改，无法执行“{instruction}”；"
            "自由修改请使用 openai 后端",
            code="unsupported_instruction",
        )
    return lambda text: sum(fn(text) for fn in parts)


def refine_compose(generator: ComposeGenerator, request: RefineRequest) -> RefineResult:
    """Recompose toward the instruction's objective: the best-scoring composition that differs
    from the current one, fits the channel and (with a checker) passes; ties go to the
    composition that changes the fewest slots."""
    instruction = _check_instruction(request.instruction)
    score = _scorer(
        " ".join([*(t.content for t in request.history if t.role == "operator"), instruction])
    )
    pack, channel, current = request.pack, request.channel, request.creative
    if not current.phrase_ids:
        raise InputError(
            f"creative {current.id} was not composed from phrases; "
            "refine it with the openai backend",
            message_zh=f"素材 {current.id} 不是由话术库组合生成的，请用 openai 后端修改",
            code="not_composed",
        )
    banks = {s: pack.phrases[s] for s in current.phrase_ids}
    ranked: dict[str, list[tuple[float, int, Phrase]]] = {
        slot: sorted(
            ((score(pack.render(p)), int(p.id != current.phrase_ids[slot]), p) for p in bank),
            key=lambda item: (item[0], item[1], item[2].id),
        )
        for slot, bank in banks.items()
    }
    candidates = sorted(
        itertools.product(*(ranked[s] for s in banks)),
        key=lambda combo: (sum(c[0] for c in combo), sum(c[1] for c in combo)),
    )
    campaign = request.campaign_id or pack.id
    operator = Turn("operator", instruction, current.id)
    for combo in candidates:
        phrase_ids = {slot: c[2].id for slot, c in zip(banks, combo, strict=True)}
        if phrase_ids == current.phrase_ids:
            continue
        fields = compose_fields(pack, channel, phrase_ids, request.segment)
        if channel.problems(fields):
            continue
        creative = Creative(
            id=creative_id(campaign, current.segment_key, channel.name, phrase_ids),
            brand_id=pack.id,
            segment_key=current.segment_key,
            channel=current.channel,
            fields=fields,
            phrase_ids=phrase_ids,
            provenance=Provenance(
                backend=generator.name,
                model=generator.model,
                template_version="compose/refine-1",
                seed=request.seed,
                kb_snapshot_id=current.provenance.kb_snapshot_id,
            ),
            round=current.round,
        )
        grounding = ground(creative, pack, channel, generator.checker)
        if not grounding.ok:
            continue
        reply = Turn("assistant", json.dumps(fields, ensure_ascii=False), creative.id)
        return RefineResult(
            creative, (operator, reply), Attempt(channel.name, True, True, 0, creative.id)
        )
    reply = Turn("assistant", "没有找到满足要求且通过检查的组合", None)
    return RefineResult(None, (operator, reply), Attempt(channel.name, False, False, 0))


def refine_openai(generator: OpenAIGenerator, request: RefineRequest) -> RefineResult:
    """Send the current creative (the channel's LLM view), earlier instructions and the new one;
    the answer goes through the same validation, grounding and repair loop as a draft."""
    instruction = _check_instruction(request.instruction)
    pack, channel = request.pack, request.channel
    prompts = generator.prompts
    current = json.dumps(channel.unwrap(request.creative.fields), ensure_ascii=False)
    history = [t.content for t in request.history if t.role == "operator"]
    messages = [
        {"role": "system", "content": prompts.render("system", **system_context(pack, channel))},
        {
            "role": "user",
            "content": prompts.render(
                "refine", current=current, history=history, instruction=instruction
            ),
        },
    ]

    async def go() -> tuple[Creative | None, Attempt, str]:
        async with ChatClient(generator.config, generator._transport) as client:
            draft = await generator.converse(
                client,
                messages,
                pack=pack,
                segment=request.segment,
                channel=channel,
                campaign_id=request.campaign_id or pack.id,
                seed=request.seed,
                round_=request.creative.round,
                kb_snapshot_id=request.creative.provenance.kb_snapshot_id,
            )
        return draft.creative, draft.attempt, draft.content

    creative, attempt, content = asyncio.run(go())
    operator = Turn("operator", instruction, request.creative.id)
    return RefineResult(
        creative,
        (operator, Turn("assistant", content, creative.id if creative else None)),
        attempt,
    )


def refine(generator: object, request: RefineRequest) -> RefineResult:
    """Refine with whichever backend ``generator`` is."""
    if isinstance(generator, OpenAIGenerator):
        return refine_openai(generator, request)
    if isinstance(generator, ComposeGenerator):
        return refine_compose(generator, request)
    raise TypeError(f"no refinement for generator {type(generator).__name__}")
