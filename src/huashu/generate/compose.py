"""The built-in ``compose`` generator: offline, deterministic per seed, from phrase banks.

A creative is one phrase per slot of its channel, rendered with the pack's facts and framed by
the channel (signature, opt-out, labels). With a knowledge base, each draft is Thompson
sampling over compositions: draw every phrase's effect from its posterior (unknown phrases from
``N(0, unknown_sd^2)``) and take the best phrase per slot, which is the best composition since
effects add on the log-odds scale. Well-established winners are used, uncertain phrases still
get tried, and a share ``explore`` of slots is filled uniformly to keep variety.
"""

from __future__ import annotations

import hashlib
import itertools
import uuid
from collections.abc import Iterator, Mapping

import numpy as np

from huashu.channels import ChannelSpec
from huashu.domain import BrandPack, Creative, Phrase, Provenance, Segment
from huashu.generate.base import GenerationRequest

TEMPLATE_VERSION = "compose/1"
_NAMESPACE = uuid.UUID("6f1c0e1e-8d0e-4a59-9b0b-2f7a3c1d5e42")


def feature_of(phrase_id: str) -> str:
    return f"phrase:{phrase_id}"


def creative_id(
    campaign_id: str, segment_key: str, channel: str, phrase_ids: Mapping[str, str]
) -> str:
    """Deterministic id: one composition for one segment and channel of a campaign."""
    combo = "|".join(f"{slot}={pid}" for slot, pid in phrase_ids.items())
    return str(uuid.uuid5(_NAMESPACE, f"{campaign_id}/{segment_key}/{channel}/{combo}"))


def compose_fields(
    pack: BrandPack, channel: ChannelSpec, phrase_ids: Mapping[str, str]
) -> dict[str, str]:
    """The channel's fields for one choice of phrase per slot, framed by the channel."""
    fields: dict[str, str] = {}
    for spec in channel.fields:
        parts = [pack.render(pack.phrase(phrase_ids[s])) for s in spec.slots if s in phrase_ids]
        fields[spec.name] = join_parts(parts, spec.separator)
    return channel.wrap(fields, pack)


_TERMINAL = frozenset("，。！？；、,.!?;…")


def join_parts(parts: list[str], separator: str) -> str:
    """Join phrases with ``separator`` unless a phrase already ends in punctuation."""
    out = ""
    for part in parts:
        if out and out[-1] not in _TERMINAL:
            out += separator
        out += part
    return out


def _banks(pack: BrandPack, channel: ChannelSpec) -> dict[str, tuple[Phrase, ...]]:
    return {s: pack.phrases[s] for s in channel.slots() if pack.phrases.get(s)}


def all_compositions(pack: BrandPack, channel: ChannelSpec) -> Iterator[dict[str, str]]:
    """Every phrase-per-slot choice the composer can make for ``channel`` (for oracles, tests)."""
    banks = _banks(pack, channel)
    slots = list(banks)
    for combo in itertools.product(*(banks[s] for s in slots)):
        yield {slot: phrase.id for slot, phrase in zip(slots, combo, strict=True)}


class ComposeGenerator:
    """Phrase-bank composition; ``explore`` is the share of slots filled uniformly at random."""

    name = "compose"
    model = "phrase-bank"

    def __init__(self, explore: float = 0.1, unknown_sd: float = 0.5, max_tries: int = 50) -> None:
        if not 0.0 <= explore <= 1.0:
            raise ValueError("explore must be within [0, 1]")
        if not unknown_sd > 0.0:
            raise ValueError("unknown_sd must be > 0")
        self.explore = explore
        self.unknown_sd = unknown_sd
        self.max_tries = max_tries

    def generate(self, request: GenerationRequest) -> list[Creative]:
        pack, channel, segment = request.pack, request.channel, request.segment
        rng = np.random.default_rng(_seed(request.seed, segment, channel.name, request.round))
        banks = _banks(pack, channel)
        posterior = {slot: self._posterior(bank, request.knowledge) for slot, bank in banks.items()}
        out: list[Creative] = []
        seen = set(request.exclude)
        tries = 0
        while len(out) < request.n and tries < request.n * self.max_tries:
            tries += 1
            phrase_ids = {
                slot: bank[self._pick(rng, *posterior[slot], bool(request.knowledge))].id
                for slot, bank in banks.items()
            }
            cid = creative_id(request.campaign_id or pack.id, segment.key, channel.name, phrase_ids)
            if cid in seen:
                continue
            fields = compose_fields(pack, channel, phrase_ids)
            if channel.problems(fields):
                continue
            seen.add(cid)
            out.append(
                Creative(
                    id=cid,
                    brand_id=pack.id,
                    segment_key=segment.key,
                    channel=channel.name,
                    fields=fields,
                    phrase_ids=phrase_ids,
                    provenance=Provenance(
                        backend=self.name,
                        model=self.model,
                        template_version=TEMPLATE_VERSION,
                        seed=request.seed,
                        kb_snapshot_id=request.kb_snapshot_id,
                    ),
                    round=request.round,
                )
            )
        return out

    def _posterior(
        self, bank: tuple[Phrase, ...], knowledge: Mapping[str, tuple[float, float]]
    ) -> tuple[np.ndarray, np.ndarray]:
        prior = (0.0, self.unknown_sd)
        pairs = [knowledge.get(feature_of(p.id), prior) for p in bank]
        return np.array([m for m, _ in pairs]), np.array([sd for _, sd in pairs])

    def _pick(
        self, rng: np.random.Generator, mean: np.ndarray, sd: np.ndarray, informed: bool
    ) -> int:
        if not informed or rng.random() < self.explore:
            return int(rng.integers(len(mean)))
        return int(np.argmax(mean + sd * rng.standard_normal(len(mean))))


def _seed(seed: int, segment: Segment, channel: str, round_: int) -> int:
    digest = hashlib.sha256(f"{seed}/{segment.key}/{channel}/{round_}".encode()).digest()
    return int.from_bytes(digest[:8], "little")
