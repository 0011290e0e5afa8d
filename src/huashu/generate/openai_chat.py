"""The ``openai`` backend: any OpenAI-compatible chat endpoint writes JSON-schema structured
output per channel; each answer is schema-validated, framed by the channel, grounded (channel
validators + the compliance ``Checker``, fact rules included) and repaired by feeding the
errors back, at most ``max_repairs`` times."""

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
from huashu.domain import BrandPack, Creative, Provenance, Segment
from huashu.generate.base import (
    Attempt,
    GenerationRequest,
    GenerationResult,
    TokenUsage,
    validate_request,
)
from huashu.generate.grounding import ground
from huashu.generate.llm_client import ChatClient, LLMConfig
from huashu.generate.prompts import (
    DEFAULT_TEMPLATE,
    PromptSet,
    load_prompts,
    system_context,
    user_context,
)
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
        async with ChatClient(self.config, self._transport) as client:
            groups = await asyncio.gather(
                *(
                    asyncio.gather(*(self._variant(client, r, i) for i in range(r.n)))
                    for r in requests
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

    async def _variant(self, client: ChatClient, request: GenerationRequest, variant: int) -> Draft:
        pack, channel = request.pack, request.channel
        messages = [
            {
                "role": "system",
                "content": self.prompts.render("system", **system_context(pack, channel)),
            },
            {
                "role": "user",
                "content": self.prompts.render(
                    "user",
                    **user_context(
                        pack,
                        request.segment,
                        channel,
                        request.brief,
                        request.knowledge,
                        variant,
                        self.prompts.angles,
                    ),
                ),
            },
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
        """Ask, validate, ground, and feed errors back until it passes or repairs run out."""
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
                    if grounding.ok:
                        attempt = Attempt(channel.name, turn == 0, True, turn, last.id, (), usage)
                        return Draft(last, attempt, content)
                    errors, usable = grounding.feedback(), grounding.usable
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


def _response_format(channel: ChannelSpec) -> dict[str, Any]:
    return {
        "type": "json_schema",
        "json_schema": {"name": channel.name, "schema": channel.json_schema(), "strict": True},
    }
