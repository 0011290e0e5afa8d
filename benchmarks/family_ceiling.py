"""How much of a family world's truth an additive model of the phrases can hold: per cell
(segment x channel) the true log-odds of every candidate text the demo's oracle ranks, the
least-squares fit additive in the phrases, and the true CTR of that fit's best text as a
fraction of the oracle (docs/benchmarks.md, "The residual room in log-odds").

Columns per world and round (mean / lowest over cells): ``phrases`` the per-cell additive fit;
``shared`` one fit per channel over every cell (a cell intercept, phrase effects common to all
segments); ``pairs`` the per-cell fit with every phrase pair added (the family's interactions:
1.0 says the candidates are told apart); ``residual`` the sd of the truth around the per-cell
additive fit, in log-odds; ``average`` a uniformly drawn candidate. No demo is run.

    .venv/bin/python benchmarks/family_ceiling.py 1 5 9 13
"""

from __future__ import annotations

import argparse
import itertools
import tempfile
from pathlib import Path

import numpy as np
from family_audit import compositions

from huashu.brand import load_brand_pack
from huashu.config import Settings
from huashu.demo import DemoOptions
from huashu.demo.market import Market
from huashu.demo.run import _filed
from huashu.runtime import Runtime
from huashu.sim import random_world

ROOT = Path(__file__).resolve().parent.parent
Combos = dict[str, dict[str, dict[str, str]]]


def _fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Least squares with an intercept (a small ridge for the aliased columns): fitted values
    and the residual sd (degrees of freedom by the design's rank)."""
    design = np.hstack([np.ones((len(x), 1)), x])
    coef = np.linalg.solve(design.T @ design + 1e-3 * np.eye(design.shape[1]), design.T @ y)
    fitted = design @ coef
    dof = max(1, len(y) - int(np.linalg.matrix_rank(design)))
    return fitted, float(np.sqrt(np.sum(np.square(y - fitted)) / dof))


def _phrase_matrix(combos: list[dict[str, str]]) -> np.ndarray:
    vocab = sorted({p for c in combos for p in c.values()})
    index = {p: i for i, p in enumerate(vocab)}
    x = np.zeros((len(combos), len(vocab)))
    for row, combo in enumerate(combos):
        for phrase in combo.values():
            x[row, index[phrase]] = 1.0
    return x


def _with_pairs(x: np.ndarray) -> np.ndarray:
    cols = [x[:, a] * x[:, b] for a, b in itertools.combinations(range(x.shape[1]), 2)]
    cols = [c for c in cols if c.any()]
    return np.hstack([x, np.array(cols).T]) if cols else x


def world_rows(pack_path: Path, seed: int, users: int, rounds: list[int]) -> list[str]:
    pack = load_brand_pack(pack_path)
    world = random_world(pack, seed)
    population = world.population(users, seed)
    options = DemoOptions(pack=pack_path, users=users, seed=seed)
    with (
        tempfile.TemporaryDirectory() as tmp,
        Runtime.open(Settings(data_dir=Path(tmp) / "data")) as rt,
    ):
        plan = _filed(rt, options, pack, population)
        channels = plan.brief.channels
        candidates: dict[str, Combos] = {
            ch: compositions(rt, pack, ch, list(plan.segments)) for ch in channels
        }
    assert plan.segment_of_user is not None
    market = Market(world, population, plan.segment_of_user, seed)
    for ch in channels:
        market.fit_oracle(ch, {k: list(v) for k, v in candidates[ch].items()})
    out = []
    for round_ in rounds:
        market.round = round_
        got: dict[str, list[float]] = {k: [] for k in ("phrases", "shared", "pairs", "residual")}
        got["average"] = []
        for ch in channels:
            table = market.oracle_table(ch)
            cells = [(seg, texts, ctr) for seg, (texts, ctr) in table.items()]
            combos = [[candidates[ch][seg][t] for t in texts] for seg, texts, _ in cells]
            # one fit per channel: a cell intercept and phrase effects shared by every cell
            every = [c for cell in combos for c in cell]
            shared_x = np.hstack(
                [
                    np.repeat(np.eye(len(cells)), [len(c) for c in combos], axis=0),
                    _phrase_matrix(every),
                ]
            )
            y_all = np.concatenate([np.log(ctr / (1.0 - ctr)) for _, _, ctr in cells])
            shared_fit, _ = _fit(shared_x[:, 1:], y_all)
            start = 0
            for (_, _, ctr), cell in zip(cells, combos, strict=True):
                y = np.log(ctr / (1.0 - ctr))
                best = float(ctr.max())
                x = _phrase_matrix(cell)
                fitted, residual = _fit(x, y)
                got["phrases"].append(float(ctr[int(np.argmax(fitted))]) / best)
                got["residual"].append(residual)
                paired, _ = _fit(_with_pairs(x), y)
                got["pairs"].append(float(ctr[int(np.argmax(paired))]) / best)
                part = shared_fit[start : start + len(ctr)]
                got["shared"].append(float(ctr[int(np.argmax(part))]) / best)
                got["average"].append(float(ctr.mean()) / best)
                start += len(ctr)
        cols = " | ".join(
            f"{np.mean(v):.3f} / {np.min(v):.3f}" if k != "residual" else f"{np.mean(v):.3f}"
            for k, v in got.items()
        )
        out.append(f"| {seed} | {round_} | {cols} |")
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("seeds", type=int, nargs="+")
    parser.add_argument("--pack", type=Path, default=ROOT / "examples" / "rural_bank.yaml")
    parser.add_argument("--users", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, nargs="+", default=[1, 3, 6])
    args = parser.parse_args()
    print("| world | round | phrases | shared | pairs | residual sd | average |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for seed in args.seeds:
        for line in world_rows(args.pack, seed, args.users, args.rounds):
            print(line, flush=True)


if __name__ == "__main__":
    main()
