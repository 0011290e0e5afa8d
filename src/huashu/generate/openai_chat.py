"""The ``openai`` backend: any OpenAI-compatible chat endpoint writes JSON-schema structured
output per channel; each answer is schema-validated, framed by the channel, grounded (channel
validators + the compliance ``Checker``, fact rules included), held to the copy-quality gate
(``copycheck``: another segment's words, an offer to a segment that does not qualify, the
channel's action and shape) and repaired by feeding the errors back, at most ``max_repairs``
times. The prompts carry the campaign's content plan (``GenerationRequest.plan``)."""

from __future__ import annotations

import asyncio
import hashlib
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from huashu.channels import ChannelSpec
from huashu.compliance import Checker
from huashu.domain import BrandPack, Creative, Finding, Provenance, Segment
from huashu.generate.base import (
    Attempt,
    GenerationRequest,
    GenerationResult,
    TokenUsage,
    validate_request,
)
from huashu.generate.copycheck import copy_findings, failing
from huashu.generate.grounding import ground
from huashu.generate.llm_client import ChatClient, LLMConfig
from huashu.generate.prompt_context import system_context, user_context, variant_context
from huashu.generate.prompts import DEFAULT_TEMPLATE, PromptSet, load_prompts
from huashu.generate.quality import DUPLICATE_THRESHOLD, dedupe
from huashu.generate.schema import parse_json, schema_errors

_NAMESPACE = uuid.UUID("0b6f4a8e-3c2d-4f1a-9e7b-5d8c2a1f6e30")


@dataclass(frozen=True)
class Draft:
    """Where one conversation ended: the creative (None if nothing usable) and its attempt."""

    creative: Creative | None
    attempt: Attempt
    content: str


def llm_creative_id(
    campaign_id: str, segment_key: str, channel: str, fields: dict[str, str]
) -> str:
    digest = hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode()).hexdigest()
    return str(uuid.uuid5(_NAMESPACE, f"{campaign_id}/{segment_key}/{channel}/{digest}"))


class OpenAIGenerator:
    """Structured generation over an OpenAI-compatible endpoint, grounded and repaired."""

    name = "openai"

    def __init__(
        self,
        config: LLMConfig,
        checker: Checker | None,
        *,
        max_repairs: int = 2,
        template: str = DEFAULT_TEMPLATE,
        duplicate_threshold: float = DUPLICATE_THRESHOLD,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        if max_repairs < 0:
            raise ValueError("max_repairs must be >= 0")
        self.config = config
        self.checker = checker
        self.max_repairs = max_repairs
        self.prompts: PromptSet = load_prompts(template)
        self.duplicate_threshold = duplicate_threshold
        self._transport = transport

    @property
    def model(self) -> str:
        return self.config.model

    @property
    def template_version(self) -> str:
        return f"openai/{self.prompts.version}"

    def generate(self, request: GenerationRequest) -> list[Creative]:
        return self.run(request).creatives

    def run(self, request: GenerationRequest) -> GenerationResult:
        return self.run_many([request])[0]

    def run_many(self, requests: Sequence[GenerationRequest]) -> list[GenerationResult]:
        """Every request's variants in flight together, bounded by ``config.concurrency``."""
        for request in requests:
            validate_request(request)
        return asyncio.run(self._run_many(requests))

    async def _run_many(self, requests: Sequence[GenerationRequest]) -> list[GenerationResult]:
        # the prompts' context once per request: variants differ in their angle only
        contexts = [(self._system(r), self._user(r)) for r in requests]
        async with ChatClient(self.config, self._transport) as client:
            groups = await asyncio.gather(
                *(
                    asyncio.gather(*(self._variant(client, r, *c, i) for i in range(r.n)))
                    for r, c in zip(requests, contexts, strict=True)
                )
            )
        return [self._collect(r, drafts) for r, drafts in zip(requests, groups, strict=True)]

    def _collect(self, request: GenerationRequest, drafts: Sequence[Draft]) -> GenerationResult:
        result = GenerationResult(attempts=[d.attempt for d in drafts])
        fresh = [
            d.creative
            for d in drafts
            if d.creative is not None and d.creative.id not in request.exclude
        ]
        unique = list({c.id: c for c in fresh}.values())
        result.creatives, result.dropped_duplicates = dedupe(unique, self.duplicate_threshold)
        return result

    def _system(self, request: GenerationRequest) -> str:
        """The system prompt: brand, product, offers and whether the segment qualifies, the
        persona, the channel's craft and example, the plan, the rules, reference phrases."""
        context = system_context(
            request.pack,
            request.channel,
            request.segment,
            plan=request.plan,
            checker=self.checker,
        )
        return self.prompts.render("system", **context)

    def _user(self, request: GenerationRequest) -> dict[str, Any]:
        """The user prompt's context, less the variant's part (:func:`variant_context`)."""
        return user_context(
            request.pack,
            request.segment,
            request.channel,
            request.brief,
            request.knowledge,
            0,
            self.prompts.angles,
            checker=self.checker,
        )

    async def _variant(
        self,
        client: ChatClient,
        request: GenerationRequest,
        system: str,
        user: dict[str, Any],
        variant: int,
    ) -> Draft:
        pack, channel = request.pack, request.channel
        context = {**user, **variant_context(variant, self.prompts.angles)}
        messages = [
            {"role": "system", "content": system},
            {"role": "user", "content": self.prompts.render("user", **context)},
        ]
        return await self.converse(
            client,
            messages,
            pack=pack,
            segment=request.segment,
            channel=channel,
            campaign_id=request.campaign_id or pack.id,
            seed=request.seed + variant,
            round_=request.round,
            kb_snapshot_id=request.kb_snapshot_id,
        )

    async def converse(
        self,
        client: ChatClient,
        messages: list[dict[str, str]],
        *,
        pack: BrandPack,
        segment: Segment,
        channel: ChannelSpec,
        campaign_id: str,
        seed: int,
        round_: int = 0,
        kb_snapshot_id: str | None = None,
    ) -> Draft:
        """Ask, validate, ground, run the copy gate, and feed errors back until it passes or
        repairs run out. A variant is first-pass only when compliance and the copy gate both
        pass on the first answer; one the gate still fails after the repairs is dropped."""
        usage = TokenUsage()
        last: Creative | None = None
        errors: list[str] = []
        content = ""
        usable = False
        for turn in range(self.max_repairs + 1):
            reply = await client.complete(
                messages, response_format=_response_format(channel), seed=seed
            )
            usage = usage + reply.usage
            content = reply.content
            data, parse_error = parse_json(content)
            if parse_error is not None:
                errors = [f"[json] 输出不是合法的JSON（{parse_error}）"]
                last, usable = None, False
            else:
                errors = [f"[schema] {e}" for e in schema_errors(data, channel.json_schema())]
                if not errors:
                    last = self._creative(
                        channel.wrap(channel.from_output(data), pack, segment),
                        pack=pack,
                        segment=segment,
                        channel=channel,
                        campaign_id=campaign_id,
                        seed=seed,
                        round_=round_,
                        kb_snapshot_id=kb_snapshot_id,
                    )
                    grounding = ground(last, pack, channel, self.checker)
                    gate = failing(copy_findings(last.fields, channel.name, pack, segment))
                    if grounding.ok and not gate:
                        attempt = Attempt(channel.name, turn == 0, True, turn, last.id, (), usage)
                        return Draft(last, attempt, content)
                    errors = [*grounding.feedback(), *gate_feedback(gate)]
                    # a draft the copy gate still fails is never kept, like a blocked one
                    usable = grounding.usable and not gate
                else:
                    last, usable = None, False
            if turn < self.max_repairs:
                messages = [
                    *messages,
                    {"role": "assistant", "content": content},
                    {"role": "user", "content": self.prompts.render("repair", errors=errors)},
                ]
        kept = last if usable else None
        attempt = Attempt(
            channel.name,
            False,
            False,
            self.max_repairs,
            kept.id if kept else None,
            tuple(errors),
            usage,
        )
        return Draft(kept, attempt, content)

    def _creative(
        self,
        fields: dict[str, str],
        *,
        pack: BrandPack,
        segment: Segment,
        channel: ChannelSpec,
        campaign_id: str,
        seed: int,
        round_: int,
        kb_snapshot_id: str | None,
    ) -> Creative:
        return Creative(
            id=llm_creative_id(campaign_id, segment.key, channel.name, fields),
            brand_id=pack.id,
            segment_key=segment.key,
            channel=channel.name,
            fields=fields,
            provenance=Provenance(
                backend=self.name,
                model=self.model,
                template_version=self.template_version,
                seed=seed,
                kb_snapshot_id=kb_snapshot_id,
            ),
            round=round_,
        )


def gate_feedback(findings: Sequence[Finding]) -> list[str]:
    """The copy gate's failing findings as repair feedback, one line each, in the form of the
    compliance feedback (``[rule] field“matched”：message；建议：fix``)."""
    lines = []
    for f in findings:
        where = f"{f.field}“{f.matched}”" if f.matched else f.field
        fix = f"；建议：{f.suggestion_zh}" if f.suggestion_zh else ""
        lines.append(f"[{f.rule_id}] {where}：{f.message_zh}{fix}")
    return lines


def _response_format(channel: ChannelSpec) -> dict[str, Any]:
    return {
        "type": "json_schema",
        "json_schema": {"name": channel.name, "schema": channel.json_schema(), "strict": True},
    }
