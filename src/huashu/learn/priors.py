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
#: pseudo-counts of the Beta a creative's CTR is drawn from around its knowledge-base draw: the
#: room it gets to differ from the additive prediction (about 0.14 log-odds at a 5% CTR), at
#: most the prediction's own information (``prior_strength`` of its predictive sd), less its
#: own impressions, at least MIN_PRIOR_STRENGTH
RESIDUAL_STRENGTH = 1000.0
MIN_PRIOR_STRENGTH = 2.0
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
            # no more room than the prediction's own information: a prediction from a few
            # dozen impressions stays below burn-in (n_min), so the creative keeps its burn-in
            # share instead of being starved on the knowledge base's first guess
            informed = prior_strength(mean, float(np.linalg.norm(got[1])))
            room = min(RESIDUAL_STRENGTH, informed)
            out.strengths[cid] = max(room - float(shown.get(cid, 0)), MIN_PRIOR_STRENGTH)
    return out
