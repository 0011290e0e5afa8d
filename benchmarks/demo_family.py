"""Closed-loop demo on a world family: huashu vs the seed story's baseline on many random worlds
(``huashu.sim.family``) drawn for one brand pack, plus the hand-written world it was tuned on.

Per round: the mean and the worst decile (10th percentile over worlds) of huashu's expected CTR
as a fraction of the oracle, the share of segment-runs (world x segment) where huashu trails the
global-UCB1 baseline, and the knowledge base's best composition against what was delivered
(both as fractions of the same oracle; family_audit.py). With ``--write`` the section between
the demo-family markers in docs/benchmarks.md is replaced.

    .venv/bin/python benchmarks/demo_family.py --worlds 30 --jobs 2 --write
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import platform
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from time import perf_counter

import numpy as np
import pandas as pd
from docs_section import replace_section
from family_audit import WorldJob, WorldRun, run_world
from family_calibration import lines as calibration_lines

from huashu.demo import DemoOptions
from huashu.sim import FamilyConfig

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- demo-family:start -->", "<!-- demo-family:end -->"
#: (round, statistic, target) the issue sets; checked and reported, never tuned here
TARGETS = ((3, "mean", 0.85), (3, "worst decile", 0.75), (6, "mean", 0.92))


def frame(runs: list[WorldRun]) -> pd.DataFrame:
    rows = [{"label": r.label, "seed": r.seed, **c} for r in runs for c in r.cells]
    return pd.DataFrame(rows)


def calibration_frame(runs: list[WorldRun]) -> pd.DataFrame:
    return pd.DataFrame([{"seed": r.seed, **row} for r in runs for row in r.calibration])


def per_round(runs: list[WorldRun], cells: pd.DataFrame) -> pd.DataFrame:
    """One row per round: huashu's fraction of the oracle over worlds (mean, 10th percentile,
    lowest), the baseline's mean, the share of segment-runs trailing the baseline, and the
    knowledge base's picks against what was delivered (impression-weighted within a world)."""
    rounds = len(runs[0].huashu)
    curves = np.array([r.huashu for r in runs])
    base = np.array([r.baseline for r in runs])
    cells = cells.assign(
        w=cells["impressions"],
        h_imp=cells["huashu"] * cells["impressions"],
        b_imp=cells["baseline"] * cells["impressions"],
        h_cvr=cells["huashu_cvr"] * cells["impressions"],
        b_cvr=cells["baseline_cvr"] * cells["impressions"],
    )
    sums = ["w", "h_imp", "b_imp", "h_cvr", "b_cvr"]
    segments = cells.groupby(["seed", "round", "segment"])[sums].sum()
    segments["trails"] = segments["h_imp"] < segments["b_imp"]
    segments["trails_cvr"] = segments["h_cvr"] < segments["b_cvr"]
    trails = segments.groupby("round")["trails"].mean()
    trails_cvr = segments.groupby("round")["trails_cvr"].mean()
    worlds = cells.groupby(["seed", "round"])[["h_cvr", "b_cvr"]].sum()
    cvr_ratio = (worlds["h_cvr"] / worlds["b_cvr"]).groupby("round").mean()

    def weighted(column: str) -> pd.Series:
        known = cells[cells[column].notna()]
        share = known[column].astype(float) / known["oracle"] * known["w"]
        got = share.groupby([known["seed"], known["round"]]).sum()
        weight = known["w"].groupby([known["seed"], known["round"]]).sum()
        return (got / weight).groupby("round").mean()

    delivered = weighted("huashu")
    kb_in, kb_after, average = weighted("kb_entering"), weighted("kb_after"), weighted("average")
    best, mean_shown, pick_shown = (
        weighted("best_shown"),
        weighted("mean_shown"),
        weighted("kb_pick_shown"),
    )
    out = []
    for i in range(rounds):
        r = i + 1
        out.append(
            {
                "round": r,
                "mean": curves[:, i].mean(),
                "worst decile": float(np.percentile(curves[:, i], 10)),
                "lowest": curves[:, i].min(),
                "baseline": base[:, i].mean(),
                "trailing": float(trails.get(r, np.nan)),
                "trailing_cvr": float(trails_cvr.get(r, np.nan)),
                "cvr_ratio": float(cvr_ratio.get(r, np.nan)),
                "delivered": float(delivered.get(r, np.nan)),
                "kb_entering": float(kb_in.get(r, np.nan)),
                "kb_after": float(kb_after.get(r, np.nan)),
                "average": float(average.get(r, np.nan)),
                "best_shown": float(best.get(r, np.nan)),
                "mean_shown": float(mean_shown.get(r, np.nan)),
                "kb_pick_shown": float(pick_shown.get(r, np.nan)),
            }
        )
    return pd.DataFrame(out).set_index("round")


def losses(cells: pd.DataFrame) -> list[str]:
    """Where the loop loses: by channel, by segment size, against the average text."""
    last = cells[cells["round"] == cells["round"].max()]
    lines = []
    for channel, group in last.groupby("channel"):
        gap = (
            1
            - (group["huashu"] * group["impressions"]).sum()
            / (group["oracle"] * group["impressions"]).sum()
        )
        lines.append(f"last round, {channel}: huashu {1 - gap:.1%} of the oracle")
    small = last["users"] < last["users"].median()
    for label, part in (("smaller half of segments", small), ("larger half", ~small)):
        group = last[part]
        share = (group["huashu"] / group["oracle"]).mean()
        trail = (group["huashu"] < group["baseline"]).mean()
        lines.append(
            f"last round, {label} (by users): huashu {share:.1%} of the oracle per cell; "
            f"{trail:.1%} of cells trail the baseline"
        )
    return lines


def conversion_lines(table: pd.DataFrame) -> list[str]:
    """The baseline comparison on conversions: a click from a user an offer excludes, or on
    copy written for someone else, is worth nothing to the brand, so the comparison that
    counts clicks alone can favour a segment-blind policy."""
    lines = [
        "",
        "The same comparison on conversions (expected conversions per impression: the true "
        "click probability of what was shown times the user's chance to convert on that text; "
        "an ineligible clicker of an offer never converts):",
        "",
        "| round | segment-runs trailing baseline (CTR) | segment-runs trailing baseline "
        "(conversions) | huashu's conversions / baseline's (mean over worlds) |",
        "|---:|---:|---:|---:|",
    ]
    for r, row in table.iterrows():
        lines.append(
            f"| {r} | {pct(row['trailing'])} | {pct(row['trailing_cvr'])} "
            f"| {row['cvr_ratio']:.2f} |"
        )
    return lines


def pct(x: float) -> str:
    return "n/a" if np.isnan(x) else f"{x:.1%}"


def section(
    family: list[WorldRun], tuned: WorldRun | None, args: argparse.Namespace, wall: float
) -> str:
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    cells = frame(family)
    table = per_round(family, cells)
    cfg = FamilyConfig()
    seeds = [r.seed for r in family]
    lines = [
        START,
        "## Closed-loop demo on a world family (issue 19)",
        "",
        f"- date: {datetime.now(UTC):%Y-%m-%d}; machine: {machine}; whole run {wall / 60:.1f} min",
        f"- command: `{command(args)}`",
        f"- worlds: {len(family)} random worlds of `huashu.sim.family` for "
        f"`{args.pack}`, seeds {seeds[0]}..{seeds[-1]} (the demo seed of each run = its world "
        f"seed), plus the hand-written world it was tuned on (demo seed {args.tuned_seed}), "
        "reported apart. A world draws: base CTR per channel and segment value in "
        f"{cfg.base_ctr[0]:.1%}-{cfg.base_ctr[1]:.0%} (SMS {cfg.channel_ctr['sms'][0]:.1%}-"
        f"{cfg.channel_ctr['sms'][1]:.1%}); an effect scale log-uniform in "
        f"{cfg.scale[0]}-{cfg.scale[1]} log-odds; per phrase a t({cfg.tail_df:g}) effect; "
        "segment deviations; angle effects whose sign flips between segment values; tone, "
        "digital-habit and price-sensitivity preferences of hidden attributes no segment names; "
        "offers (ineligible clickers never convert); another segment's identity words cost "
        "clicks; phrase-pair interactions; drift and fatigue over rounds (docs/simulator.md).",
        f"- scale per world: {args.users:,} simulated users, {args.rounds} rounds, "
        f"{args.traffic:,} visitors per channel per round (home card + SMS), 10 segments, "
        "other demo options at their defaults (4 snapshot refits per round)"
        + (
            "; the scale of the closed-loop section above."
            if (args.users, args.traffic) == (100_000, 15_000)
            else "; smaller than the closed-loop section above (100,000 users, 15,000 "
            "visitors), so figures are not comparable with that section."
        ),
        "- figures: huashu's expected CTR (true click probability of what was shown) as a "
        "fraction of the oracle (per segment x channel the best compliant composition); "
        "worst decile = 10th percentile over worlds; trailing = share of segment-runs "
        "(world x segment, both channels) where huashu's expected CTR is below the baseline's "
        "(one global UCB1 per channel); KB pick = true CTR of the composition the knowledge "
        "base predicts best (posterior mean over every compliant composition) for each "
        "segment x channel, as a fraction of the same oracle: *entering* = the snapshot the "
        "round started from, *after* = the one distilled after it; delivered = huashu in the "
        "same cells; average text = a uniformly drawn compliant composition.",
        "",
        "| round | mean | worst decile | lowest | baseline mean | segment-runs trailing "
        "baseline | delivered | KB pick entering | KB pick after | average text |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r, row in table.iterrows():
        lines.append(
            f"| {r} | **{pct(row['mean'])}** | {pct(row['worst decile'])} | {pct(row['lowest'])} "
            f"| {pct(row['baseline'])} | {pct(row['trailing'])} | {pct(row['delivered'])} "
            f"| {pct(row['kb_entering'])} | {pct(row['kb_after'])} | {pct(row['average'])} |"
        )
    lines += [
        "",
        "Allocation: what huashu delivered against the creatives it showed in the round "
        "(every creative with at least one impression, impression-weighted over cells): the "
        "best of them, their unweighted mean, and the one the entering knowledge base rates "
        "best. Best shown far above delivered says the loss is in allocation, not in drafting.",
        "",
        "| round | delivered | best shown | mean shown | KB's pick among shown |",
        "|---:|---:|---:|---:|---:|",
    ]
    for r, row in table.iterrows():
        lines.append(
            f"| {r} | {pct(row['delivered'])} | {pct(row['best_shown'])} "
            f"| {pct(row['mean_shown'])} | {pct(row['kb_pick_shown'])} |"
        )
    lines += ["", "Targets (not tuned here; reported as measured):", ""]
    for r, stat, target in TARGETS:
        got = float(table.loc[r, stat]) if r in table.index else float("nan")
        verdict = "met" if got >= target else "NOT met"
        lines.append(f"- round {r} {stat} >= {target:.0%}: {verdict} ({pct(got)})")
    from_two = table.loc[table.index >= 2, "trailing"]
    verdict = "met" if (from_two == 0).all() else "NOT met"
    lines.append(
        f"- huashu >= baseline in every segment-run from round 2: {verdict} "
        f"(trailing share {pct(from_two.min())}-{pct(from_two.max())})"
    )
    lines += conversion_lines(table)
    lines += ["", "Where the loop loses:", ""] + [f"- {line}" for line in losses(cells)]
    mismatch = max(r.oracle_mismatch for r in family)
    lines.append(f"- rebuilt oracle vs the demo's: largest relative difference {mismatch:.1e}")
    lines += calibration_lines(calibration_frame(family))
    if tuned is not None:
        cells_t = " | ".join(pct(x) for x in tuned.huashu)
        base_t = " | ".join(pct(x) for x in tuned.baseline)
        header = " | ".join(f"round {i + 1}" for i in range(len(tuned.huashu)))
        lines += [
            "",
            "The tuned world (`examples/rural_bank.world.yaml`) at the same scale:",
            "",
            f"| arm | {header} |",
            "|---|" + "---:|" * len(tuned.huashu),
            f"| huashu | {cells_t} |",
            f"| baseline | {base_t} |",
        ]
    lines += ["", "Per world (huashu, fraction of the oracle; wall time of the demo run):", ""]
    header = " | ".join(f"r{i + 1}" for i in range(len(family[0].huashu)))
    lines += [
        f"| seed | {header} | baseline last | wall |",
        "|---:|" + "---:|" * (len(family[0].huashu) + 2),
    ]
    for run in family:
        cells_w = " | ".join(pct(x) for x in run.huashu)
        lines.append(f"| {run.seed} | {cells_w} | {pct(run.baseline[-1])} | {run.seconds:.0f} s |")
    lines.append(END)
    return "\n".join(lines)


def command(args: argparse.Namespace) -> str:
    out = (
        f"python benchmarks/demo_family.py --worlds {args.worlds} --first-seed {args.first_seed} "
        f"--users {args.users} --traffic {args.traffic} --rounds {args.rounds} --jobs {args.jobs}"
    )
    out += f" --exploit {args.exploit:g}" if args.exploit else ""
    out += "".join(f" --option {o}" for o in args.option)
    return out + (" --no-tuned" if args.no_tuned else "")


def demo_option(text: str) -> tuple[str, int | float]:
    """``NAME=VALUE`` as a DemoOptions field and its number."""
    name, _, value = text.partition("=")
    if name not in DemoOptions.__dataclass_fields__ or not value:
        raise SystemExit(f"--option {text!r}: not NAME=VALUE with NAME a DemoOptions field")
    number = float(value)
    return name, int(number) if number.is_integer() and "." not in value else number


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pack", default="examples/rural_bank.yaml")
    parser.add_argument("--worlds", type=int, default=30, help="random worlds (seeds in a row)")
    parser.add_argument("--first-seed", type=int, default=1)
    parser.add_argument("--users", type=int, default=20_000)
    parser.add_argument("--traffic", type=int, default=4_000)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--tuned-seed", type=int, default=7)
    parser.add_argument("--no-tuned", action="store_true", help="skip the hand-written world")
    parser.add_argument("--jobs", type=int, default=2, help="worlds run at once (at most 2)")
    parser.add_argument(
        "--exploit", type=float, default=0.0, help="DemoOptions.exploit (0: the demo's default)"
    )
    parser.add_argument(
        "--option",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="another DemoOptions field for every run (e.g. max_live=6); repeatable",
    )
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    parser.add_argument("--dump", type=Path, help="write every cell's figures here (CSV)")
    args = parser.parse_args()
    pack = ROOT / args.pack
    scale = {
        "users": args.users,
        "rounds": args.rounds,
        "traffic": args.traffic,
        "exploit": args.exploit,
        "options": tuple(demo_option(o) for o in args.option),
    }
    jobs = [
        WorldJob("family", seed, seed, pack, None, **scale)
        for seed in range(args.first_seed, args.first_seed + args.worlds)
    ]
    if not args.no_tuned:
        world = pack.with_name(pack.stem + ".world.yaml")
        jobs.insert(0, WorldJob("tuned", 0, args.tuned_seed, pack, world, **scale))
    # one BLAS thread per run: the runs are the parallelism (set before the workers start)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    started = perf_counter()
    runs: list[WorldRun] = []
    context = mp.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(max(args.jobs, 1), 2), mp_context=context) as pool:
        for job, run in zip(jobs, pool.map(run_world, jobs), strict=True):
            runs.append(run)
            print(f"{job.label} {job.seed}: " + " ".join(pct(x) for x in run.huashu), flush=True)
    wall = perf_counter() - started
    if args.dump:
        curves = pd.DataFrame(
            [
                {"label": r.label, "seed": r.seed, "round": i + 1, "arm": arm, "fraction": x}
                for r in runs
                for arm, curve in (("huashu", r.huashu), ("baseline", r.baseline))
                for i, x in enumerate(curve)
            ]
        )
        frame(runs).to_csv(args.dump, index=False)
        calibration_frame(runs).to_csv(args.dump.with_suffix(".calibration.csv"), index=False)
        curves.to_csv(args.dump.with_suffix(".curves.csv"), index=False)
    tuned = next((r for r in runs if r.label == "tuned"), None)
    text = section([r for r in runs if r.label == "family"], tuned, args, wall)
    print(text)
    if args.write:
        replace_section(text, START, END)


if __name__ == "__main__":
    main()
