"""Copy generation: the Generator protocol, the ``compose`` and ``openai`` backends, grounding
on the brand pack's facts through the compliance engine, variety, refinement and yield."""

from __future__ import annotations

from huashu.generate.base import (
    MAX_BRIEF_CHARS,
    Attempt,
    GenerationRequest,
    GenerationResult,
    Generator,
    TokenUsage,
    validate_request,
)
from huashu.generate.compose import (
    TEMPLATE_VERSION,
    ComposeGenerator,
    all_compositions,
    compose_fields,
    creative_id,
    feature_of,
)
from huashu.generate.factory import llm_config, make_generator
from huashu.generate.grounding import Grounding, ground
from huashu.generate.llm_client import ChatClient, ChatReply, LLMConfig, LLMError
from huashu.generate.openai_chat import OpenAIGenerator
from huashu.generate.prompts import load_prompts
from huashu.generate.quality import Diversity, dedupe, diversity, similarity
from huashu.generate.refine import RefineRequest, RefineResult, Turn, refine
from huashu.generate.schema import parse_json, schema_errors
from huashu.generate.yields import YieldStats, yield_markdown, yield_stats

__all__ = [
    "MAX_BRIEF_CHARS",
    "TEMPLATE_VERSION",
    "Attempt",
    "ChatClient",
    "ChatReply",
    "ComposeGenerator",
    "Diversity",
    "GenerationRequest",
    "GenerationResult",
    "Generator",
    "Grounding",
    "LLMConfig",
    "LLMError",
    "OpenAIGenerator",
    "RefineRequest",
    "RefineResult",
    "TokenUsage",
    "Turn",
    "YieldStats",
    "all_compositions",
    "compose_fields",
    "creative_id",
    "dedupe",
    "diversity",
    "feature_of",
    "ground",
    "llm_config",
    "load_prompts",
    "make_generator",
    "parse_json",
    "refine",
    "schema_errors",
    "similarity",
    "validate_request",
    "yield_markdown",
    "yield_stats",
]
