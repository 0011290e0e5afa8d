"""The Generator protocol: (brand pack, segment, channel, brief, knowledge) -> creatives, and
the values a run reports besides its creatives (attempts, token usage, dropped duplicates)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from huashu.channels import ChannelSpec
from huashu.domain import BrandPack, Creative, InputError, Segment
from huashu.generate.plan import ContentPlan

#: Longest brief a generator accepts (characters); a chat brief is a few sentences.
MAX_BRIEF_CHARS = 4000


@dataclass(frozen=True)
class GenerationRequest:
    """What to write: ``n`` new creatives for one segment on one channel.

    ``knowledge`` maps a feature (``phrase:<id>``) to the knowledge base's posterior
    ``(mean, sd)`` of its effect on click log-odds for this segment; features it lacks are
    unknown. ``exclude`` holds creative ids that already exist. ``brief`` is the operator's
    request in their words (``None``: none given); ``plan`` is the campaign's content plan
    read from it (product, offers and who qualifies, angles, tone, the channel's actions).
    """

    pack: BrandPack
    segment: Segment
    channel: ChannelSpec
    n: int
    seed: int
    campaign_id: str = ""
    round: int = 0
    knowledge: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    kb_snapshot_id: str | None = None
    exclude: frozenset[str] = frozenset()
    brief: str | None = None
    plan: ContentPlan | None = None


@dataclass(frozen=True)
class TokenUsage:
    prompt_tokens: int = 0
    completion_tokens: int = 0
    requests: int = 0

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def __add__(self, other: TokenUsage) -> TokenUsage:
        return TokenUsage(
            self.prompt_tokens + other.prompt_tokens,
            self.completion_tokens + other.completion_tokens,
            self.requests + other.requests,
        )


@dataclass(frozen=True)
class Attempt:
    """One variant's way to a creative: passed first time, passed after ``repairs`` repair
    turns, or failed (``creative_id`` None) with the last ``errors`` fed back."""

    channel: str
    first_pass: bool
    passed: bool
    repairs: int
    creative_id: str | None = None
    errors: tuple[str, ...] = ()
    usage: TokenUsage = TokenUsage()


@dataclass
class GenerationResult:
    creatives: list[Creative] = field(default_factory=list)
    attempts: list[Attempt] = field(default_factory=list)
    dropped_duplicates: list[Creative] = field(default_factory=list)

    @property
    def usage(self) -> TokenUsage:
        total = TokenUsage()
        for a in self.attempts:
            total = total + a.usage
        return total


class Generator(Protocol):
    name: str

    def generate(self, request: GenerationRequest) -> list[Creative]:
        """Return up to ``request.n`` new creatives (fewer if the space is exhausted)."""
        ...


def validate_request(request: GenerationRequest) -> None:
    """Bad requests raise :class:`InputError` with a code: ``invalid_count``, ``empty_brief``,
    ``brief_too_long`` or ``no_facts``."""
    if request.n < 0:
        raise InputError(
            f"n must be >= 0, got {request.n}",
            message_zh=f"生成数量须不小于0，收到 {request.n}",
            code="invalid_count",
        )
    if request.brief is not None:
        if not request.brief.strip():
            raise InputError(
                "empty brief: say what to promote and to whom",
                message_zh="需求为空：请写明推广什么、给哪些人群",
                code="empty_brief",
            )
        if len(request.brief) > MAX_BRIEF_CHARS:
            raise InputError(
                f"brief has {len(request.brief):,} characters, limit {MAX_BRIEF_CHARS:,}",
                message_zh=f"需求过长：{len(request.brief):,} 字，上限 {MAX_BRIEF_CHARS:,} 字",
                code="brief_too_long",
                details={"chars": len(request.brief), "limit": MAX_BRIEF_CHARS},
            )
    if not request.pack.facts:
        raise InputError(
            f"brand pack {request.pack.id} has no facts: every number, rate and term in a "
            "creative must come from the pack's facts",
            message_zh=(
                f"品牌包 {request.pack.id} 没有事实（facts）："
                "素材中的数字、利率、期限都须来自品牌包事实"
            ),
            code="no_facts",
            details={"brand_id": request.pack.id},
        )
