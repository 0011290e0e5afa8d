"""Yield (良品率) per backend and channel: the share of variants passing every check first
time, and after repair; built from a run's attempts, stored by ``store.repos.record_yield``
and rendered for reports."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from huashu.generate.base import Attempt, GenerationResult, TokenUsage


class YieldFigures(Protocol):
    backend: str
    channel: str
    attempts: int
    first_pass: int
    after_repair: int
    duplicates: int
    prompt_tokens: int
    completion_tokens: int


@dataclass(frozen=True)
class YieldStats:
    """Counts for one backend x channel. ``after_repair`` counts every variant that passed,
    first time or after repair turns."""

    backend: str
    channel: str
    attempts: int
    first_pass: int
    after_repair: int
    duplicates: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0

    @property
    def first_pass_rate(self) -> float:
        return self.first_pass / self.attempts if self.attempts else 0.0

    @property
    def after_repair_rate(self) -> float:
        return self.after_repair / self.attempts if self.attempts else 0.0

    def as_row(self) -> dict[str, int | str]:
        return {
            "backend": self.backend,
            "channel": self.channel,
            "attempts": self.attempts,
            "first_pass": self.first_pass,
            "after_repair": self.after_repair,
            "duplicates": self.duplicates,
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
        }


def yield_stats(backend: str, results: Iterable[GenerationResult]) -> list[YieldStats]:
    """One row per channel over every attempt of ``results``."""
    attempts: dict[str, list[Attempt]] = {}
    duplicates: dict[str, int] = {}
    for result in results:
        for a in result.attempts:
            attempts.setdefault(a.channel, []).append(a)
        for c in result.dropped_duplicates:
            duplicates[c.channel] = duplicates.get(c.channel, 0) + 1
    out: list[YieldStats] = []
    for channel in sorted(set(attempts) | set(duplicates)):
        rows = attempts.get(channel, [])
        usage = sum((a.usage for a in rows), TokenUsage())
        out.append(
            YieldStats(
                backend=backend,
                channel=channel,
                attempts=len(rows),
                first_pass=sum(a.first_pass for a in rows),
                after_repair=sum(a.passed for a in rows),
                duplicates=duplicates.get(channel, 0),
                prompt_tokens=usage.prompt_tokens,
                completion_tokens=usage.completion_tokens,
            )
        )
    return out


def yield_markdown(rows: Sequence[YieldFigures]) -> str:
    """The yield table of a report: one line per backend x channel."""
    lines = [
        "| backend | channel | variants | first-pass yield | yield after repair "
        "| near-duplicates dropped | tokens (prompt / completion) |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        first = r.first_pass / r.attempts if r.attempts else 0.0
        after = r.after_repair / r.attempts if r.attempts else 0.0
        lines.append(
            f"| {r.backend} | {r.channel} | {r.attempts} | {first:.1%} | {after:.1%} "
            f"| {r.duplicates} | {r.prompt_tokens:,} / {r.completion_tokens:,} |"
        )
    return "\n".join(lines)
