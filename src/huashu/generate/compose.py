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
from huashu.compliance import Checker
from huashu.domain import BrandPack, Creative, Finding, Phrase, Provenance, Segment, Severity
from huashu.generate.base import Attempt, GenerationRequest, GenerationResult, validate_request
from huashu.generate.copycheck import copy_findings, failing
from huashu.generate.grounding import ground
from huashu.generate.plan import ContentPlan
from huashu.generate.quality import DUPLICATE_THRESHOLD, jaccard, ngrams

TEMPLATE_VERSION = "compose/2"
#: prior mean (log-odds) of a phrase carrying an angle the brief asks for, or the tone it asks
#: for; the opposite for an angle it asks to avoid or the other tone
PLAN_PRIOR = 0.3
#: copy-gate rules a single phrase is to blame for (its words; the standard rate quoted to a
#: segment that qualifies for a better one), as opposed to a composition
PHRASE_RULES = frozenset(
    {"copy.other_segment", "copy.ineligible_offer", "copy.offer_missing", "copy.cta_channel"}
)
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
    pack: BrandPack,
    channel: ChannelSpec,
    phrase_ids: Mapping[str, str],
    segment: Segment | None = None,
) -> dict[str, str]:
    """The channel's fields for one choice of phrase per slot, framed by the channel (which
    also fills parts no phrase bank covers, e.g. a call's objection branches, from facts)."""
    fields: dict[str, str] = {}
    for spec in channel.fields:
        parts = [pack.render(pack.phrase(phrase_ids[s])) for s in spec.slots if s in phrase_ids]
        fields[spec.name] = join_parts(parts, spec.separator)
    return channel.wrap(fields, pack, segment)


_TERMINAL = frozenset("，。！？；、,.!?;…")


def join_parts(parts: list[str], separator: str) -> str:
    """Join phrases with ``separator`` unless a phrase already ends in punctuation."""
    out = ""
    for part in parts:
        if out and out[-1] not in _TERMINAL:
            out += separator
        out += part
    return out


def _banks(
    pack: BrandPack, channel: ChannelSpec, segment: Segment | None = None
) -> dict[str, tuple[Phrase, ...]]:
    """Per slot of ``channel``, the phrases written for it and (given a segment) for that
    segment: conditions hold and every offer they state is one the segment qualifies for."""
    attributes = dict(segment.rule) if segment is not None else None
    out: dict[str, tuple[Phrase, ...]] = {}
    for slot in dict.fromkeys(channel.slots()):
        bank = tuple(
            p
            for p in pack.phrases.get(slot, ())
            if (
                pack.fits(p, attributes, channel.name)
                if attributes is not None
                else not p.channels or channel.name in p.channels
            )
        )
        if bank:
            out[slot] = bank
    return out


def all_compositions(
    pack: BrandPack, channel: ChannelSpec, segment: Segment | None = None
) -> Iterator[dict[str, str]]:
    """Every phrase-per-slot choice the composer can make for ``channel`` (and ``segment``:
    only phrases written for it), for oracles and tests."""
    banks = _banks(pack, channel, segment)
    slots = list(banks)
    for combo in itertools.product(*(banks[s] for s in slots)):
        yield {slot: phrase.id for slot, phrase in zip(slots, combo, strict=True)}


class ComposeGenerator:
    """Phrase-bank composition; ``explore`` is the share of slots filled uniformly at random.

    ``profile_prior`` is the prior mean effect given to a phrase that names one of the
    segment's profile words (e.g. 养殖户) before the knowledge base knows it. With a
    ``checker`` every draft is grounded: one that fails compliance has its offending phrases
    banned and is redrawn up to ``max_repairs`` times; blocked drafts are never returned.
    Without one, drafts are returned unchecked (the caller checks them, as the services do).
    """

    name = "compose"
    model = "phrase-bank"

    def __init__(
        self,
        explore: float = 0.1,
        unknown_sd: float = 0.5,
        max_tries: int = 50,
        *,
        profile_prior: float = 0.0,
        checker: Checker | None = None,
        max_repairs: int = 2,
        duplicate_threshold: float = DUPLICATE_THRESHOLD,
    ) -> None:
        if not 0.0 <= explore <= 1.0:
            raise ValueError("explore must be within [0, 1]")
        if not unknown_sd > 0.0:
            raise ValueError("unknown_sd must be > 0")
        if max_tries < 1:
            raise ValueError("max_tries must be >= 1")
        if max_repairs < 0:
            raise ValueError("max_repairs must be >= 0")
        if not 0.0 < duplicate_threshold <= 1.0:
            raise ValueError("duplicate_threshold must be within (0, 1]")
        self.explore = explore
        self.unknown_sd = unknown_sd
        self.max_tries = max_tries
        self.profile_prior = profile_prior
        self.checker = checker
        self.max_repairs = max_repairs
        self.duplicate_threshold = duplicate_threshold

    def generate(self, request: GenerationRequest) -> list[Creative]:
        return self.run(request).creatives

    def run(self, request: GenerationRequest) -> GenerationResult:
        """Creatives plus one :class:`Attempt` per grounded variant and the near-duplicates
        dropped."""
        validate_request(request)
        pack, channel, segment = request.pack, request.channel, request.segment
        rng = np.random.default_rng(_seed(request.seed, segment, channel.name, request.round))
        # a segment is only given phrases written for it, so a phrase stating an offer is one
        # it qualifies for: it is told (PLAN_PRIOR) before the standard terms
        banks = _banks(pack, channel, segment)
        words = tuple(v for v in segment.labels.values() if v)
        informed = bool(request.knowledge) or (bool(words) and self.profile_prior != 0.0)
        preference = {
            slot: np.array(
                [_preference(p, request.plan) + PLAN_PRIOR * bool(p.offers) for p in bank]
            )
            for slot, bank in banks.items()
        }
        posterior = {
            slot: self._posterior(bank, request.knowledge, words, preference[slot])
            for slot, bank in banks.items()
        }
        result = GenerationResult()
        seen = set(request.exclude)
        kept_grams: list[frozenset[str]] = []
        banned: set[str] = set()
        tries = 0
        repairs = 0
        used: dict[str, int] = {}
        while len(result.creatives) < request.n and tries < max(request.n, 1) * self.max_tries:
            tries += 1
            # with knowledge, the first try is the best composition by posterior mean; the
            # rest are Thompson draws
            greedy = informed and tries == 1
            phrase_ids = {
                slot: bank[
                    self._pick(
                        rng, *posterior[slot], informed, banned, bank, used, greedy,
                        preference[slot],
                    )
                ].id
                for slot, bank in banks.items()
            }  # fmt: skip
            cid = creative_id(request.campaign_id or pack.id, segment.key, channel.name, phrase_ids)
            if cid in seen:
                continue
            # every composition tried counts toward the covering design, kept or not, so a
            # phrase whose compositions keep failing does not stay "least used" forever
            for pid in phrase_ids.values():
                used[pid] = used.get(pid, 0) + 1
            fields = compose_fields(pack, channel, phrase_ids, segment)
            if channel.problems(fields):
                continue
            seen.add(cid)
            creative = self._creative(request, cid, fields, phrase_ids)
            grams = ngrams(creative.text)
            if any(jaccard(grams, g) >= self.duplicate_threshold for g in kept_grams):
                result.dropped_duplicates.append(creative)
                continue
            gate = failing(copy_findings(creative.fields, channel.name, pack, segment))
            if gate:
                # a phrase is banned only for what it says by itself; a repeated fact or a
                # missing product is the combination's fault, so it is just redrawn
                intrinsic = tuple(f for f in gate if f.rule_id in PHRASE_RULES)
                offending = _offending(pack, phrase_ids, intrinsic) - banned
                banned |= offending
                if repairs < self.max_repairs:
                    repairs += 1
                    continue
                # the gate still fails after repairs: the draft is dropped, never shown
                result.attempts.append(
                    Attempt(
                        channel.name,
                        first_pass=False,
                        passed=False,
                        repairs=repairs,
                        errors=tuple(f"[{f.rule_id}] {f.message_zh}" for f in gate),
                    )
                )
                repairs = 0
                continue
            if self.checker is not None:
                grounding = ground(creative, pack, channel, self.checker)
                if not grounding.ok:
                    offending = _offending(pack, phrase_ids, grounding.findings) - banned
                    banned |= offending
                    if repairs < self.max_repairs and offending:
                        repairs += 1
                        continue
                    # out of repair turns: a draft whose offending phrases are known is
                    # dropped (other compositions avoid them); one the phrases cannot explain
                    # goes to a reviewer if nothing blocks it
                    keep = grounding.usable and not offending
                    result.attempts.append(
                        Attempt(
                            channel.name,
                            first_pass=False,
                            passed=False,
                            repairs=repairs,
                            creative_id=cid if keep else None,
                            errors=tuple(grounding.feedback()),
                        )
                    )
                    repairs = 0
                    if not keep:
                        continue
            if self.checker is None or grounding.ok:
                result.attempts.append(
                    Attempt(channel.name, repairs == 0, True, repairs, creative_id=cid)
                )
                repairs = 0
            kept_grams.append(grams)
            result.creatives.append(creative)
        return result

    def _creative(
        self,
        request: GenerationRequest,
        cid: str,
        fields: dict[str, str],
        phrase_ids: dict[str, str],
    ) -> Creative:
        return Creative(
            id=cid,
            brand_id=request.pack.id,
            segment_key=request.segment.key,
            channel=request.channel.name,
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

    def _posterior(
        self,
        bank: tuple[Phrase, ...],
        knowledge: Mapping[str, tuple[float, float]],
        words: tuple[str, ...],
        preference: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray]:
        def prior(p: Phrase, pref: float) -> tuple[float, float]:
            named = any(w in p.text for w in words)
            return ((self.profile_prior if named else 0.0) + pref, self.unknown_sd)

        pairs = [
            knowledge.get(feature_of(p.id), prior(p, float(pref)))
            for p, pref in zip(bank, preference, strict=True)
        ]
        return np.array([m for m, _ in pairs]), np.array([sd for _, sd in pairs])

    def _pick(
        self,
        rng: np.random.Generator,
        mean: np.ndarray,
        sd: np.ndarray,
        informed: bool,
        banned: set[str],
        bank: tuple[Phrase, ...],
        used: Mapping[str, int],
        greedy: bool = False,
        preference: np.ndarray | None = None,
    ) -> int:
        allowed = np.array([p.id not in banned for p in bank])
        if not allowed.any():
            allowed[:] = True
        if greedy:
            return int(np.argmax(np.where(allowed, mean, -np.inf)))
        if not informed or rng.random() < self.explore:
            # a covering design: uniform among the allowed phrases this request used least,
            # so that n blind drafts try every phrase of a slot before repeating one
            # (the plan's angles and tone first among them)
            uses = np.array([used.get(p.id, 0) for p in bank])
            least = allowed & (uses == uses[allowed].min())
            if preference is not None:
                least &= preference >= preference[least].max()
            return int(rng.choice(np.flatnonzero(least)))
        draw = mean + sd * rng.standard_normal(len(mean))
        return int(np.argmax(np.where(allowed, draw, -np.inf)))


def _preference(phrase: Phrase, plan: ContentPlan | None) -> float:
    """How well a phrase follows the plan: its angles asked for, its tone asked for."""
    if plan is None:
        return 0.0
    score = 0.0
    if plan.angles and set(phrase.angles) & set(plan.angles):
        score += PLAN_PRIOR
    if set(phrase.angles) & set(plan.avoid_angles):
        score -= PLAN_PRIOR
    if plan.tone != "neutral" and phrase.tone != "neutral":
        score += PLAN_PRIOR if phrase.tone == plan.tone else -PLAN_PRIOR
    return score


def _offending(
    pack: BrandPack, phrase_ids: Mapping[str, str], findings: tuple[Finding, ...]
) -> set[str]:
    """Phrase ids whose rendered text overlaps a finding's matched text."""
    out: set[str] = set()
    for f in findings:
        if f.severity == Severity.WARN or not f.matched:
            continue
        for pid in phrase_ids.values():
            text = pack.render(pack.phrase(pid))
            if f.matched in text or text in f.matched:
                out.add(pid)
    return out


def _seed(seed: int, segment: Segment, channel: str, round_: int) -> int:
    digest = hashlib.sha256(f"{seed}/{segment.key}/{channel}/{round_}".encode()).digest()
    return int.from_bytes(digest[:8], "little")
