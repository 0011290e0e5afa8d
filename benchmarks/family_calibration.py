"""Calibration of the knowledge base's phrase effects against a world's truth (issue 19, item 4).

A phrase's effect, for one segment x channel: over every compliant composition the composer can
write (the oracle's candidates), the mean click log-odds of the compositions carrying the phrase
minus the average of that mean over the slot's phrases. The world's side takes the true CTRs
(in the round the KB was distilled after); the KB's side takes its predictive model (phrases,
channel, words and structure read together, as the bandit's priors read them), with the
interval from the segment's joint posterior covariance at the KB's own level. The same linear
functional of the same candidates on both sides, so the comparison is exact.

The truth averages over the other slots as the candidates mix them; with phrase-pair interactions
in a world the contrast the additive KB estimates (averaged over what was delivered) can differ
from it a little, which counts against the KB here, as it should: the interval is what an
operator reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from statistics import NormalDist
from typing import Any

import numpy as np
import pandas as pd

from huashu.learn import KnowledgeBase
from huashu.learn.features import WordTokenizer, structure_features


def _logit(p: np.ndarray) -> np.ndarray:
    q = np.clip(p, 1e-9, 1 - 1e-9)
    return np.asarray(np.log(q / (1 - q)), dtype=np.float64)


def candidate_features(
    tokenizer: WordTokenizer, text: str, combo: Mapping[str, str], channel: str
) -> list[str]:
    """The features a creative with this composition and text would carry: what the
    knowledge base's predictive model reads (:func:`huashu.learn.features.creative_features`)."""
    out = [f"phrase:{pid}" for pid in combo.values()]
    out.append(f"channel:{channel}")
    out += [f"word:{w}" for w in tokenizer.words(text)]
    out += structure_features(text)
    return list(dict.fromkeys(out))


def contrast_rows(
    kb: KnowledgeBase,
    segment: str,
    channel: str,
    combos: list[Mapping[str, str]],
    designs: np.ndarray,
    ctr: np.ndarray,
) -> list[dict[str, Any]]:
    """One row per (slot, phrase) among the candidates: the KB's contrast (predicted log-odds
    of the candidates carrying the phrase, averaged, minus the slot's average of that), its
    interval at the KB's level, and the same contrast of the true log-odds; ``combos[i]``
    (slot -> phrase id) has the model row ``designs[i]`` (:meth:`KnowledgeBase.design`) and
    true CTR ``ctr[i]``."""
    model = kb.model.get(segment)
    if model is None or not combos:
        return []
    coef = np.asarray(model.coef)
    cov = np.asarray(model.cov)
    z = NormalDist().inv_cdf(0.5 + kb.level / 2)
    support = {
        e.feature: (e.support, e.low_support) for e in kb.entries if e.segment_key == segment
    }
    logits = _logit(np.asarray(ctr, dtype=np.float64))
    rows: list[dict[str, Any]] = []
    for slot in sorted({s for c in combos for s in c}):
        by_phrase: dict[str, list[int]] = {}
        for i, c in enumerate(combos):
            if slot in c:
                by_phrase.setdefault(c[slot], []).append(i)
        if len(by_phrase) < 2:
            continue
        means = {}
        for p, idx in by_phrase.items():
            w = np.zeros(len(combos))
            w[idx] = 1.0 / len(idx)
            means[p] = w
        reference = np.mean(list(means.values()), axis=0)
        for p in sorted(by_phrase):
            c = means[p] - reference
            loading = c @ designs
            est = float(loading @ coef)
            sd = float(np.sqrt(max(float(loading @ cov @ loading), 0.0)))
            n, low = support.get(f"phrase:{p}", (0, True))
            rows.append(
                {
                    "segment": segment,
                    "channel": channel,
                    "slot": slot,
                    "phrase": p,
                    "estimate": est,
                    "sd": sd,
                    "low": est - z * sd,
                    "high": est + z * sd,
                    "truth": float(c @ logits),
                    "support": int(n),
                    "low_support": bool(low),
                    "level": float(kb.level),
                }
            )
    return rows


def summary(rows: pd.DataFrame) -> dict[str, float]:
    """Coverage and claim quality of a set of contrast rows (supported entries only).

    coverage: share of intervals holding the truth (the nominal level is the KB's);
    z_rms: root mean square of (estimate - truth) / sd (1 when the sds are honest);
    claims: share of intervals that exclude zero (what the KB page calls preferred/avoid);
    wrong_claims: share of those claims whose truth has the other sign;
    mae: mean absolute error of the estimate (log-odds); corr: correlation with the truth.
    """
    ok = rows[~rows["low_support"]]
    if ok.empty:
        return {"n": 0.0}
    inside = (ok["low"] <= ok["truth"]) & (ok["truth"] <= ok["high"])
    zscores = (ok["estimate"] - ok["truth"]) / ok["sd"].clip(lower=1e-12)
    claim = (ok["low"] > 0) | (ok["high"] < 0)
    wrong = claim & (np.sign(ok["estimate"]) != np.sign(ok["truth"]))
    corr = float(np.corrcoef(ok["estimate"], ok["truth"])[0, 1]) if len(ok) > 2 else float("nan")
    return {
        "n": float(len(ok)),
        "level": float(ok["level"].iloc[0]),
        "coverage": float(inside.mean()),
        "z_rms": float(np.sqrt(np.mean(np.square(zscores)))),
        "claims": float(claim.mean()),
        "wrong_claims": float(wrong.sum() / claim.sum()) if claim.any() else float("nan"),
        "mae": float((ok["estimate"] - ok["truth"]).abs().mean()),
        "truth_sd": float(ok["truth"].std()),
        "corr": corr,
    }


def per_round(rows: pd.DataFrame) -> pd.DataFrame:
    """Per round: the pooled summary over worlds plus the worst decile (10th percentile over
    worlds) of each world's coverage. ``rows`` carry a ``seed`` and a ``round`` column."""
    out = []
    for r, group in rows.groupby("round"):
        by_world = [summary(g).get("coverage", np.nan) for _, g in group.groupby("seed")]
        pooled = summary(group)
        pooled["worst_coverage"] = float(np.nanpercentile(by_world, 10))
        out.append({"round": r, **pooled})
    return pd.DataFrame(out).set_index("round")


def lines(rows: pd.DataFrame) -> list[str]:
    """The calibration table of the world-family section (docs/benchmarks.md)."""
    if rows.empty:
        return []
    table = per_round(rows)
    level = float(table["level"].iloc[0])
    out = [
        "",
        f"Calibration of the knowledge base (issue 19, item 4): per round, the KB distilled after "
        "it against the world's truth in that round, over every (segment x channel x slot x "
        "phrase) of the oracle's candidates with support (benchmarks/family_calibration.py: the "
        "mean log-odds of the candidates carrying a phrase minus its slot's average, the KB's "
        f"predictive model against the true CTRs). Nominal level {level:.0%}; coverage = share "
        "of intervals holding the truth (worst decile over worlds beside it); z rms = root mean "
        "square of (estimate - truth) / sd, 1 when the sds are honest, below 1 when they are "
        "wide; claims = intervals excluding zero, wrong = claims whose truth has the other sign; "
        "MAE and the truth's own spread in log-odds; corr = correlation of estimate and truth.",
        "",
        "| round | contrasts | coverage | worst decile | z rms | claims | wrong claims | MAE | "
        "truth sd | corr |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r, row in table.iterrows():
        wrong = "n/a" if np.isnan(row["wrong_claims"]) else f"{row['wrong_claims']:.1%}"
        out.append(
            f"| {r} | {row['n']:.0f} | {row['coverage']:.1%} | {row['worst_coverage']:.1%} "
            f"| {row['z_rms']:.2f} | {row['claims']:.1%} | {wrong} | {row['mae']:.3f} "
            f"| {row['truth_sd']:.3f} | {row['corr']:.2f} |"
        )
    return out
