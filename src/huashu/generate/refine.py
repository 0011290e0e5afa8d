"""Multi-turn refinement of an existing creative ("更短 / 更亲切 / 更正式 / 面向50岁以上"): the
conversation's types, the instruction check, the openai backend's rewrite and the ``refine``
dispatcher (the compose backend's recomposition is in ``huashu.generate.refine_compose``). The
operator's instruction and the answer are turns of a conversation the caller stores
(``store.repos.save_turns``), written for the operator to read (what changed, the new copy, or
why nothing could be changed), never a JSON dump; the refined creative is grounded like any
draft."""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass, field
from typing import Literal

from huashu.channels import ChannelSpec
from huashu.domain import BrandPack, Creative, InputError, Segment
from huashu.generate.base import MAX_BRIEF_CHARS, Attempt
from huashu.generate.compose import ComposeGenerator
from huashu.generate.llm_client import ChatClient
from huashu.generate.openai_chat import OpenAIGenerator
from huashu.generate.prompt_context import system_context

log = logging.getLogger("huashu.refine")
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
    #: creative ids not to come back with (the campaign's drafts and archived creatives)
    exclude: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class RefineResult:
    """The refined creative (None when nothing usable came back), the two new turns and a
    one-line ``summary`` of what was done (or why not) for a conversation that refines many
    drafts in one turn, in Chinese and (``summary_en``) English."""

    creative: Creative | None
    turns: tuple[Turn, Turn]
    attempt: Attempt
    summary: str = ""
    summary_en: str = ""


def _check_instruction(instruction: str) -> str:
    text = instruction.strip()
    if not text:
        raise InputError(
            "empty refinement instruction",
            message_zh="修改要求为空：请写明怎么改，例如“更短”或“更亲切”",
            code="empty_instruction",
        )
    if len(text) > MAX_BRIEF_CHARS:
        raise InputError(
            f"refinement instruction has {len(text):,} characters, limit {MAX_BRIEF_CHARS:,}",
            message_zh=f"修改要求过长：{len(text):,} 字，上限 {MAX_BRIEF_CHARS:,} 字",
            code="instruction_too_long",
        )
    return text


def _length(fields: dict[str, str]) -> int:
    return sum(len(v) for v in fields.values())


def _label(request: RefineRequest) -> str:
    return f"{request.segment.name}·{request.channel.label_zh}"


def _label_en(request: RefineRequest) -> str:
    return f"{request.segment.name} · {request.channel.label_en or request.channel.label_zh}"


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
    log.debug("model answer to %r for %s: %s", instruction, request.creative.id, content)
    operator = Turn("operator", instruction, request.creative.id)
    label = _label(request)
    if creative is not None:
        before, after = _length(request.creative.fields), _length(creative.fields)
        summary = f"{label}：已按要求改写（{before} → {after} 字）"
        summary_en = f"{_label_en(request)}: rewritten as asked ({before} → {after} chars)"
        reply = Turn("assistant", f"{summary}。新文案：{creative.text}", creative.id)
    else:
        summary = f"{label}：改写没有通过格式或合规检查，这条保持不变"
        summary_en = f"{_label_en(request)}: the rewrite failed the format or compliance checks"
        summary_en += "; left unchanged"
        reasons = "；".join(attempt.errors[:3])
        reply = Turn("assistant", f"{summary}（{reasons}）" if reasons else summary, None)
    return RefineResult(creative, (operator, reply), attempt, summary, summary_en)


def refine(generator: object, request: RefineRequest) -> RefineResult:
    """Refine with whichever backend ``generator`` is."""
    if isinstance(generator, OpenAIGenerator):
        return refine_openai(generator, request)
    if isinstance(generator, ComposeGenerator):
        from huashu.generate.refine_compose import refine_compose

        return refine_compose(generator, request)
    raise TypeError(f"no refinement for generator {type(generator).__name__}")
