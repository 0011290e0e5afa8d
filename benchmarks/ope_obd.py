"""Off-policy evaluation on the Open Bandit Dataset sample shipped inside the `obp` 0.5.7
source distribution: campaigns all, men and women, in both directions (the Bernoulli-TS
policy's CTR from the uniform-random policy's logs, and the random policy's CTR from the BTS
policy's logs), with and without weight clipping, each estimate with its weight diagnostics;
the truth is the CTR observed in the target policy's own logs.

The sdist is downloaded from PyPI into a temporary folder at run time (never committed):

    .venv/bin/python benchmarks/ope_obd.py --write
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from docs_section import replace_section

from huashu.learn.ope import (
    MAX_WEIGHT_SHARE,
    MIN_ESS,
    MIN_ESS_FRACTION,
    Estimate,
    attach_target,
    evaluate,
    segment_reward_model,
    weight_diagnostics,
)

START, END = "<!-- ope:start -->", "<!-- ope:end -->"
ROOT = "obp-0.5.7/obp"
CAMPAIGNS = ("all", "men", "women")
POLICIES = ("random", "bts")
LEVEL = 0.95


@dataclass(frozen=True)
class Case:
    campaign: str
    logging_policy: str
    target_policy: str
    data: pd.DataFrame
    truth: float
    truth_rows: int

    @property
    def label(self) -> str:
        return f"{self.logging_policy} → {self.target_policy}"


def fetch(folder: Path) -> dict[str, Path]:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--ignore-requires-python",
            "obp==0.5.7",
            "-d",
            str(folder),
            "-q",
        ],
        check=True,
    )
    members = {
        f"{policy}/{c}": f"{ROOT}/dataset/obd/{policy}/{c}/{c}.csv"
        for policy in POLICIES
        for c in CAMPAIGNS
    }
    members["prior"] = f"{ROOT}/policy/conf/prior_bts.yaml"
    with tarfile.open(folder / "obp-0.5.7.tar.gz") as archive:
        for member in members.values():
            archive.extract(member, folder, filter="data")
    return {k: folder / v for k, v in members.items()}


def bts_action_dist(alpha: np.ndarray, beta: np.ndarray, slots: int, n_sim: int) -> np.ndarray:
    """P(item a shown at position k) for Bernoulli TS ranking items by posterior draws."""
    rng = np.random.default_rng(12345)
    counts = np.zeros((alpha.size, slots))
    for start in range(0, n_sim, 10_000):
        draws = rng.beta(alpha, beta, size=(min(10_000, n_sim - start), alpha.size))
        top = np.argsort(-draws, axis=1)[:, :slots]
        for k in range(slots):
            counts[:, k] += np.bincount(top[:, k], minlength=alpha.size)
    dist: np.ndarray = counts / n_sim
    return dist


def build_case(
    campaign: str,
    logging_policy: str,
    frames: dict[str, pd.DataFrame],
    prior: dict[str, dict[str, list[float]]],
) -> Case:
    target_policy = "bts" if logging_policy == "random" else "random"
    source, on_policy = (
        frames[f"{logging_policy}/{campaign}"],
        frames[f"{target_policy}/{campaign}"],
    )
    alpha = np.array(prior[campaign]["alpha"], float)
    beta = np.array(prior[campaign]["beta"], float)
    items = [str(a) for a in range(alpha.size)]
    positions = sorted(source["position"].unique())
    if target_policy == "bts":
        dist = bts_action_dist(alpha, beta, len(positions), n_sim=100_000)
        target = {str(p): pd.Series(dist[:, k], index=items) for k, p in enumerate(positions)}
    else:  # the random policy shows each item at each position with probability 1 / items
        target = {str(p): pd.Series(1.0 / alpha.size, index=items) for p in positions}
    logs = pd.DataFrame(
        {
            "segment_key": source["position"].astype(str),
            "creative_id": source["item_id"].astype(str),
            "reward": source["click"].astype(float),
            "propensity": source["propensity_score"].astype(float),
        }
    )
    policy: Callable[[str], pd.Series] = target.__getitem__
    data = attach_target(logs, policy, segment_reward_model(logs, 20.0))
    return Case(
        campaign,
        logging_policy,
        target_policy,
        data,
        truth=float(on_policy["click"].mean()),
        truth_rows=len(on_policy),
    )


def estimate_rows(case: Case, estimates: dict[str, Estimate]) -> list[str]:
    rows = []
    for name, est in estimates.items():
        diag = est.diagnostics
        inside = "yes" if est.low <= case.truth <= est.high else "no"
        interval = f"[{est.low:.4f}, {est.high:.4f}]" + ("†" if name == "dm" else "")
        rows.append(
            f"| {case.campaign} | {case.label} | {case.truth:.4f} | {name} | {est.value:.4f} | "
            f"{interval} | {(est.value - case.truth) / case.truth:+.1%} | {inside} | "
            f"{diag.ess:,.1f} | {diag.max_weight_share:.3f} | {diag.clipped} | "
            f"{', '.join(est.warnings) or '-'} |"
        )
    return rows


def coverage_line(results: list[tuple[Case, dict[str, Estimate]]]) -> str:
    hits: dict[str, int] = {}
    for case, estimates in results:
        for name, est in estimates.items():
            hits[name] = hits.get(name, 0) + (est.low <= case.truth <= est.high)
    listed = ", ".join(f"{name} {count}/{len(results)}" for name, count in hits.items())
    return f"Truth inside the interval: {listed}."


def report(cases: list[Case], clip: float, n_boot: int) -> list[str]:
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    n_logs = ", ".join(
        f"{c.campaign} {len(c.data):,}" for c in cases if c.logging_policy == "random"
    )
    lines = [
        START,
        "## Off-policy evaluation on the Open Bandit Dataset sample",
        "",
        f"- date: {datetime.now(UTC):%Y-%m-%d}; machine: {machine}",
        f"- command: `python benchmarks/ope_obd.py --clip {clip:g} --write` (downloads the "
        "`obp==0.5.7` sdist from PyPI into a temporary folder; nothing is committed)",
        f"- data: campaigns all, men and women ({n_logs} logs per policy), logged by the "
        "uniform-random policy and by Bernoulli TS (BTS). Random → BTS estimates BTS's CTR from "
        "the random logs (BTS's action distribution by 100,000 posterior draws from the "
        "dataset's ZOZOTOWN priors); BTS → random estimates the random policy's CTR from the BTS "
        "logs and their logged propensities. Truth: the CTR in the target policy's own logs.",
        f"- estimators: `huashu.learn.ope.evaluate`, {n_boot:,} Poisson-bootstrap replicates, "
        f"{LEVEL:.0%} level; the same logs with no weight cap and with `clip={clip:g}`.",
        "",
        "**Cases** (importance weights of the target vs. logging policy, before clipping; the "
        "truth's ± is its own 95% binomial margin):",
        "",
        "| campaign | logs → target | rows | truth (on-policy CTR) | ESS | max weight share | "
        "max weight | min logged propensity |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for case in cases:
        w = case.data["target_propensity"] / case.data["propensity"]
        diag = weight_diagnostics(w.to_numpy())
        margin = 1.96 * np.sqrt(case.truth * (1 - case.truth) / case.truth_rows)
        lines.append(
            f"| {case.campaign} | {case.label} | {diag.n:,} | {case.truth:.4f} ± {margin:.4f} | "
            f"{diag.ess:,.1f} | {diag.max_weight_share:.3f} | {diag.max_weight:,.1f} | "
            f"{case.data['propensity'].min():.2g} |"
        )
    header = (
        "| campaign | logs → target | truth | estimator | estimate | 95% interval "
        "(DM†: fixed-model) | rel. error | truth inside | ESS | max weight share | "
        "clipped rows | warnings |"
    )
    for title, cap in (("no weight clipping", None), (f"weights clipped at {clip:g}", clip)):
        results = [
            (c, evaluate(c.data, n_boot=n_boot, level=LEVEL, random_state=0, clip=cap))
            for c in cases
        ]
        lines += [
            "",
            f"**Estimates, {title}:**",
            "",
            header,
            "|---|---|---:|---|---:|---:|---:|---|---:|---:|---:|---|",
        ]
        for case, estimates in results:
            lines += estimate_rows(case, estimates)
        lines += ["", coverage_line(results)]
    lines += [
        "",
        "Notes:",
        "",
        "- ESS is Kish's effective sample size of the weights the estimator uses, "
        "`(sum w)^2 / sum w^2`; max weight share is `max w / sum w`. Warnings (`low_ess`: ESS "
        f"under {MIN_ESS:g} or under {MIN_ESS_FRACTION:.0%} of the rows; `dominant_weight`: "
        f"one row over {MAX_WEIGHT_SHARE:.0%} of the weight; `out_of_range`: the point "
        "estimate left [0, 1] and was clamped) are fields of each estimate and are logged.",
        "- † DM's interval is a fixed-model interval: rows are resampled with the reward model "
        "held fixed, so it shows only row-sampling noise, not the model's error; it is not a "
        "95% confidence interval of DM's estimate. DM uses no weights: its ESS and share are "
        "those of the target vs. logging policy (where they are poor, the model extrapolates), "
        "and clipping does not change it.",
        "- The reward model for DM and DR is the per position x item CTR of the logs, shrunk "
        "toward the position's CTR (20 pseudo-impressions). Intervals and estimates are "
        "clamped to [0, 1].",
        f"- Clipping caps each weight at {clip:g} (a round number, not tuned to these "
        "results): it trades variance for bias (downwards, for clicks). A capped row "
        "with no click leaves IPW unchanged but moves SNIPW's denominator. The truth is itself "
        'a sample of the target policy\'s logs (see its margin), so "truth inside" is a '
        "rough check.",
        END,
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    parser.add_argument("--clip", type=float, default=100.0, help="max importance weight")
    parser.add_argument("--n-boot", type=int, default=1000, help="bootstrap replicates")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    with tempfile.TemporaryDirectory() as tmp:
        paths = fetch(Path(tmp))
        frames = {k: pd.read_csv(v, index_col=0) for k, v in paths.items() if k != "prior"}
        prior = yaml.safe_load(paths["prior"].read_text("utf-8"))
    cases = [build_case(c, p, frames, prior) for c in CAMPAIGNS for p in POLICIES]
    text = "\n".join(report(cases, args.clip, args.n_boot))
    print(text)
    if args.write:
        replace_section(text, START, END)


if __name__ == "__main__":
    main()
