"""What the knowledge base gives the bandit: per live creative a prior CTR predicted from its
features, how strongly the bandit should hold it, and the loading that draws a group's
predictions jointly. Used by the demo loop and by ``serve``'s snapshot rebuild alike."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from huashu.delivery import prior_strength
from huashu.learn.kb import KnowledgeBase

#: impressions' worth of weight the bandit gives a prior mean that comes without its own
#: strength (the policy's ``arm_prior_strength``)
ARM_PRIOR_STRENGTH = 400.0
#: the room a creative's CTR gets to differ from its knowledge-base draw, as a log-odds sd:
#: what the additive model cannot say of one creative (a pair of phrases that clash, say).
#: Held in log-odds, not in impressions, so that it means the same at a 0.5% SMS click rate as
#: at 5%: a fixed 1,000 pseudo-counts (before 2026-12-06) was 0.14 log-odds at 5% but 0.45 at
#: 0.5%, more than the effects it was drawn around, and spread traffic almost evenly over the
#: live creatives. On the world family the truth sits 0.03-0.05 log-odds from the best
#: additive fit of each cell (benchmarks/family_ceiling.py); 0.1 leaves room for the model's
#: coarser hierarchy
#: (docs/benchmarks.md, "The residual room in log-odds")
RESIDUAL_SD = 0.1
#: a prediction carrying less information than this (pseudo-counts; ``ThompsonAllocator``'s
#: default ``n_min``, which ``serve`` runs at; the demo's policy runs at ``n_min`` 150, where a
#: prediction between 150 and 300 is past burn-in but keeps this smaller room) is still a
#: guess: the room is then the prediction's own information, so a creative whose first few
#: dozen impressions brought no click is not starved on the knowledge base's first guess
KNOWN_STRENGTH = 300.0
MIN_PRIOR_STRENGTH = 2.0
#: no cap but arithmetic: the strengths are pseudo-counts of a Beta
_MOST = 1e9
#: the knowledge base's prior sd for a parent dimension value's deviation (e.g.
#: occupation=养殖户): segments are cells of the brand's dimensions and exist because the
#: dimensions differ (by 0.5 log-odds and more for a phrase); pooling through the parents is
#: what a segment with a few hundred clicks has to learn from
KB_TAU_PARENT = 0.6
#: the candidate prior sds of a segment's own deviation, chosen per distillation by empirical
#: Bayes (:func:`huashu.learn.distill.distill`: the smallest within a Bayes factor of e of the
#: best evidence). 0.05 (a cell rarely differs beyond its dimensions) was the fixed value
#: tuned on the demo's world and stays the floor; segments whose own data contradict their
#: parents get more room when the evidence asks for it (docs/knowledge.md: on random worlds
#: 1-10 of the family it never did)
KB_TAU_SEGMENT: tuple[float, ...] = (0.05, 0.1, 0.2, 0.4)
#: the candidate scales of the effects themselves (multiplying the global sd 1.0 and
#: KB_TAU_PARENT), chosen per distillation by empirical Bayes like KB_TAU_SEGMENT: a market
#: where copy moves clicks by a few percent is read with a prior of that size, one where a
#: phrase is worth +50% keeps the wide one
KB_EFFECT_SCALE: tuple[float, ...] = (0.1, 0.25, 0.5, 1.0)
#: the candidate weights of words and structure in the predictive model (their prior sd as a
#: share of the phrases'), chosen per distillation by empirical Bayes like KB_EFFECT_SCALE:
#: where the phrases say all there is, words shared by several phrases only add noise to every
#: prediction (0); where a word moves clicks in whichever phrase carries it, it is read at
#: full weight (docs/benchmarks.md, "Knowledge base: words in the predictive model")
KB_DESCRIPTIVE_WEIGHT: tuple[float, ...] = (0.0, 0.25, 0.5, 1.0)


@dataclass(frozen=True)
class KBPriors:
    """Per creative id: prior mean CTR, its strength (pseudo-counts) and its loading."""

    means: dict[str, float] = field(default_factory=dict)
    strengths: dict[str, float] = field(default_factory=dict)
    loadings: dict[str, tuple[float, ...]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.means)


def kb_priors(
    kb: KnowledgeBase | None,
    live: Mapping[tuple[str, str], Sequence[str]],
    features: Mapping[str, Sequence[str]],
    shown: Mapping[str, float],
) -> KBPriors:
    """Priors of the live creatives (``live``: (segment key, channel) -> creative ids) whose
    segment the knowledge base knows: its predicted CTR for the creative's ``features``, the
    loading that draws the predictions of a group's creatives jointly (their shared phrases
    move together), and the pseudo-counts left for the creative's own deviation from the
    prediction, less its own impressions (``shown``: the knowledge base was fitted on them too,
    and the bandit adds them again). A creative without features or in a segment the
    knowledge base has not seen gets no prior (the bandit's flat prior and burn-in)."""
    out = KBPriors()
    if kb is None:
        return out
    for (segment_key, _), ids in live.items():
        for cid in ids:
            if cid not in features:
                continue
            got = kb.loading(segment_key, list(features[cid]))
            if got is None:
                continue
            mean = float(1.0 / (1.0 + np.exp(-got[0])))
            out.means[cid] = mean
            out.loadings[cid] = got[1]
            # the joint draw carries the prediction's uncertainty; around it, the creative's
            # own room (RESIDUAL_SD), unless the prediction is still a guess (KNOWN_STRENGTH)
            informed = prior_strength(mean, float(np.linalg.norm(got[1])), highest=_MOST)
            room = informed
            if informed >= KNOWN_STRENGTH:
                room = prior_strength(mean, RESIDUAL_SD, highest=_MOST)
            out.strengths[cid] = max(room - float(shown.get(cid, 0)), MIN_PRIOR_STRENGTH)
    return out
