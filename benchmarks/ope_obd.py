"""Off-policy evaluation on the Open Bandit Dataset sample ("all" campaign) shipped inside the
`obp` 0.5.7 source distribution: estimate the Bernoulli-TS policy's CTR from the uniform-random
policy's logs and compare with the CTR observed in the BTS policy's own logs.

The sdist is downloaded from PyPI into a temporary folder at run time (never committed):

    .venv/bin/python benchmarks/ope_obd.py --write
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from docs_section import replace_section

from huashu.learn.ope import attach_target, evaluate, segment_reward_model

DOCS = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
START, END = "<!-- ope:start -->", "<!-- ope:end -->"
ROOT = "obp-0.5.7/obp"


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
        "random": f"{ROOT}/dataset/obd/random/all/all.csv",
        "bts": f"{ROOT}/dataset/obd/bts/all/all.csv",
        "prior": f"{ROOT}/policy/conf/prior_bts.yaml",
    }
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = fetch(Path(tmp))
        random_logs = pd.read_csv(paths["random"], index_col=0)
        bts_logs = pd.read_csv(paths["bts"], index_col=0)
        prior = yaml.safe_load(paths["prior"].read_text("utf-8"))["all"]
    alpha, beta = np.array(prior["alpha"], float), np.array(prior["beta"], float)
    slots = int(random_logs["position"].nunique())
    dist = bts_action_dist(alpha, beta, slots, n_sim=100_000)
    logs = pd.DataFrame(
        {
            "segment_key": random_logs["position"].astype(str),
            "creative_id": random_logs["item_id"].astype(str),
            "reward": random_logs["click"].astype(float),
            "propensity": random_logs["propensity_score"].astype(float),
        }
    )
    positions = sorted(random_logs["position"].unique())
    target = {
        str(p): pd.Series(dist[:, k], index=[str(a) for a in range(alpha.size)])
        for k, p in enumerate(positions)
    }
    data = attach_target(logs, lambda s: target[s], segment_reward_model(logs, 20.0))
    estimates = evaluate(data, n_boot=1000, level=0.95, random_state=0)
    truth = float(bts_logs["click"].mean())
    n_bts = len(bts_logs)
    se = float(np.sqrt(truth * (1 - truth) / n_bts))
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    lines = [
        START,
        "## Off-policy evaluation on the Open Bandit Dataset sample",
        "",
        f"- date: {datetime.now(UTC):%Y-%m-%d}; machine: {machine}",
        "- command: `python benchmarks/ope_obd.py --write` (downloads the `obp==0.5.7` sdist "
        "from PyPI into a temporary folder; nothing is committed)",
        f"- data: campaign `all`, {len(random_logs):,} uniform-random logs (target: Bernoulli TS "
        f"with the dataset's ZOZOTOWN priors, ranking {alpha.size} items into {slots} positions; "
        "its action distribution by 100,000 posterior draws), and the BTS policy's own "
        f"{n_bts:,} logs as the on-policy ground truth.",
        f"- peer / ground truth: BTS on-policy CTR **{truth:.4f}** (± {1.96 * se:.4f}, 95%); the "
        f"random policy's own CTR is {logs['reward'].mean():.4f}.",
        "",
        "| estimator | estimated BTS CTR | 95% bootstrap interval | relative error vs. on-policy |",
        "|---|---:|---:|---:|",
    ]
    for name, est in estimates.items():
        lines.append(
            f"| {name} | {est.value:.4f} | [{est.low:.4f}, {est.high:.4f}] | "
            f"{(est.value - truth) / truth:+.1%} |"
        )
    lines += [
        "",
        "The reward model for DM and DR is the per position x item CTR of the random logs, shrunk "
        "toward the position's CTR (20 pseudo-impressions); DM's interval holds that model fixed "
        "(see `huashu.learn.ope`).",
        END,
    ]
    text = "\n".join(lines)
    print(text)
    if args.write:
        replace_section(text, START, END)


if __name__ == "__main__":
    main()
