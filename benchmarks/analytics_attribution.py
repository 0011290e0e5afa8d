"""Attribution benchmark: exactness against ChannelAttribution's ``markov_model`` on its bundled
Data.csv, and speed on 10M synthetic paths x 12 channels (heuristics + order-1 Markov).

ChannelAttribution is GPL-3: it is never a huashu dependency. This script installs it into a
throwaway virtual environment (``--ca-venv``, default /tmp/ca) and runs it there in a
subprocess; its Data.csv is taken from the package's sdist (``src/cypack/data/Data.csv``).

    python benchmarks/analytics_attribution.py --paths 10000000
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from huashu.analytics import aggregate, from_strings
from huashu.analytics.heuristics import HEURISTICS, heuristic
from huashu.analytics.markov import attribute as markov
from huashu.analytics.paths import PathSet

CA_RUNNER = r"""
import json, sys, time, warnings
warnings.filterwarnings("ignore")
import pandas as pd
import ChannelAttribution as ca
path, orders, seeds = sys.argv[1], [int(o) for o in sys.argv[2].split(",")], int(sys.argv[3])
data = pd.read_csv(path, sep=";")
value = "total_conversion_value" if "total_conversion_value" in data else None
out = {"rows": len(data)}
t = time.perf_counter()
h = ca.heuristic_models(data, "path", "total_conversions", var_value=value, flg_pro=False)
out["heuristic_s"] = time.perf_counter() - t
for order in orders:
    runs = []
    for seed in range(seeds):
        t = time.perf_counter()
        m = ca.markov_model(data, "path", "total_conversions", var_value=value,
                            var_null="total_null", order=order, out_more=True, verbose=0,
                            seed=seed, flg_pro=False)
        runs.append({
            "seconds": time.perf_counter() - t,
            "channels": list(m["result"]["channel_name"]),
            "conversions": list(m["result"]["total_conversions"]),
            "value": list(m["result"]["total_conversion_value"]) if value else [],
            "removal": list(m["removal_effects"]["removal_effects_conversion"]),
        })
    out[f"order_{order}"] = runs
print("CA-JSON" + json.dumps(out))
"""


def ensure_ca(venv: Path) -> Path | None:
    """The venv's python with ChannelAttribution importable, installing it if needed."""
    python = venv / "bin" / "python"
    probe = [str(python), "-c", "import ChannelAttribution"]
    if python.exists() and subprocess.run(probe, capture_output=True).returncode == 0:
        return python
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "pip"), "install", "-q", "ChannelAttribution", "matplotlib"]
    if subprocess.run(pip).returncode != 0:
        return None
    return python if subprocess.run(probe, capture_output=True).returncode == 0 else None


def data_csv(venv: Path, given: Path | None) -> Path:
    if given is not None:
        return given
    target = Path(tempfile.gettempdir()) / "ca_data" / "Data.csv"
    if target.exists():
        return target
    sdist_dir = target.parent / "sdist"
    pip = [str(venv / "bin" / "pip"), "download", "-q", "--no-deps", "--no-binary", ":all:"]
    subprocess.run([*pip, "-d", str(sdist_dir), "ChannelAttribution"], check=False)
    for sdist in sorted(sdist_dir.glob("*.tar.gz")):
        with tarfile.open(sdist) as tar:
            member = next(m for m in tar.getmembers() if m.name.endswith("data/Data.csv"))
            target.write_bytes(tar.extractfile(member).read())  # type: ignore[union-attr]
    return target


def run_ca(python: Path, csv: Path, orders: str, seeds: int) -> dict[str, object]:
    done = subprocess.run(
        [str(python), "-c", CA_RUNNER, str(csv), orders, str(seeds)],
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(x for x in done.stdout.splitlines() if x.startswith("CA-JSON"))
    result: dict[str, object] = json.loads(line[len("CA-JSON") :])
    return result


def synthetic(n: int, channels: int, seed: int) -> PathSet:
    """``n`` paths (1-10 touches, channel popularity ~ Zipf) converting with a probability that
    grows with each channel's hidden lift."""
    rng = np.random.default_rng(seed)
    lengths = np.minimum(rng.geometric(0.4, n), 10).astype("int64")
    popularity = 1.0 / np.arange(1, channels + 1)
    codes = rng.choice(channels, int(lengths.sum()), p=popularity / popularity.sum())
    lift = np.linspace(-0.6, 0.6, channels)
    offsets = np.concatenate([[0], np.cumsum(lengths)])
    score = np.add.reduceat(lift[codes], offsets[:-1]) - 2.5
    converted = (rng.random(n) < 1 / (1 + np.exp(-score))).astype("float64")
    value = converted * np.round(rng.gamma(2.0, 50.0, n), 2)
    names = tuple(f"ch{i:02d}" for i in range(channels))
    return PathSet(names, offsets, codes.astype("int32"), converted, value, 1.0 - converted)


def ours(paths: PathSet) -> tuple[float, dict[str, np.ndarray], int]:
    start = time.perf_counter()
    unique = aggregate(paths)
    credit = {m: heuristic(unique, m) for m in HEURISTICS}
    credit.update({f"{m}_value": heuristic(unique, m, weight="value") for m in HEURISTICS})
    result = markov(unique, 1)
    credit["markov_1"] = result.conversions
    credit["markov_1_value"] = result.value
    return time.perf_counter() - start, credit, unique.n_paths


def to_ca_csv(paths: PathSet, target: Path) -> None:
    names = np.array(paths.channels)
    texts = [
        " > ".join(names[paths.codes[a:b]])
        for a, b in zip(paths.offsets[:-1], paths.offsets[1:], strict=True)
    ]
    pd.DataFrame(
        {
            "path": texts,
            "total_conversions": paths.conversions,
            "total_conversion_value": paths.value,
            "total_null": paths.nulls,
        }
    ).to_csv(target, sep=";", index=False)


def exactness(python: Path, csv: Path, seeds: int) -> None:
    data = pd.read_csv(csv, sep=";")
    paths = from_strings(
        list(data.path),
        data.total_conversions,
        data.total_null,
        data.total_conversion_value,
    )
    unique = aggregate(paths)
    ca = run_ca(python, csv, "1,2,3", seeds)
    print(
        f"\n## Data.csv: {len(data):,} rows, {len(paths.channels)} channels, "
        f"{unique.n_paths:,} unique paths"
    )
    for order in (1, 2, 3):
        t = time.perf_counter()
        mine = markov(unique, order)
        seconds = time.perf_counter() - t
        runs = ca[f"order_{order}"]
        assert isinstance(runs, list)
        index = {c: i for i, c in enumerate(paths.channels)}
        conv = np.array(
            [[r["conversions"][r["channels"].index(c)] for c in paths.channels] for r in runs]
        )
        removal = np.array(
            [[r["removal"][r["channels"].index(c)] for c in paths.channels] for r in runs]
        )
        val = np.array([[r["value"][r["channels"].index(c)] for c in paths.channels] for r in runs])
        ca_seconds = float(np.mean([r["seconds"] for r in runs]))
        print(
            f"\n### order {order}: huashu exact {seconds:.3f} s, "
            f"ChannelAttribution {ca_seconds:.3f} s per run ({len(runs)} seeds)"
        )
        print(
            "| channel | huashu removal effect | CA mean (sd over seeds) | huashu conversions "
            "| CA conversions mean (sd) | huashu value | CA value mean |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|")
        for c, i in index.items():
            print(
                f"| {c} | {mine.removal_effects[i]:.4f} | {removal[:, i].mean():.4f} "
                f"({removal[:, i].std(ddof=1):.4f}) | {mine.conversions[i]:.1f} "
                f"| {conv[:, i].mean():.1f} ({conv[:, i].std(ddof=1):.1f}) "
                f"| {mine.value[i]:.1f} | {val[:, i].mean():.1f} |"
            )
        gap = np.abs(mine.removal_effects - removal.mean(axis=0))
        p = mine.conversion_probability
        mc_se = np.sqrt(2 * p * (1 - p) / 1e5) / p
        print(
            f"\nmax |removal effect gap| {gap.max():.4f} (channel "
            f"{paths.channels[int(gap.argmax())]}); Monte-Carlo standard error of a removal "
            f"effect from 1e5 simulated paths ~ {mc_se:.4f}; gap / se = {gap.max() / mc_se:.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--paths", type=int, default=10_000_000)
    parser.add_argument("--channels", type=int, default=12)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seeds", type=int, default=5, help="CA simulation seeds on Data.csv")
    parser.add_argument("--ca-venv", type=Path, default=Path("/tmp/ca"))
    parser.add_argument("--data-csv", type=Path, default=None)
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, Python {platform.python_version()}")
    python = ensure_ca(args.ca_venv)
    if python is None:
        print("ChannelAttribution could not be installed; peer figures omitted")
    else:
        exactness(python, data_csv(args.ca_venv, args.data_csv), args.seeds)
    t = time.perf_counter()
    paths = synthetic(args.paths, args.channels, args.seed)
    print(
        f"\n## speed: {args.paths:,} paths x {args.channels} channels "
        f"(generated in {time.perf_counter() - t:.1f} s)"
    )
    seconds, credit, unique = ours(paths)
    print(
        f"huashu: aggregate {args.paths:,} -> {unique:,} unique paths + 5 heuristics "
        f"+ order-1 Markov, conversions and value: {seconds:.2f} s"
    )
    counted = aggregate(paths)
    again, _, _ = ours(counted)
    print(
        f"huashu on the same {unique:,} aggregated paths (ChannelAttribution's input): "
        f"{again:.2f} s"
    )
    if python is not None:
        with tempfile.TemporaryDirectory() as tmp:
            csv = Path(tmp) / "paths.csv"
            to_ca_csv(counted, csv)
            ca = run_ca(python, csv, "1", 1)
            runs = ca["order_1"]
            assert isinstance(runs, list)
            heuristic_s, markov_s = float(ca["heuristic_s"]), float(runs[0]["seconds"])  # type: ignore[arg-type]
            ca_seconds = heuristic_s + markov_s
            conv = np.array(
                [runs[0]["conversions"][runs[0]["channels"].index(c)] for c in paths.channels]
            )
        print(
            f"ChannelAttribution on the {unique:,} aggregated paths: heuristic_models "
            f"{heuristic_s:.2f} s + markov_model {markov_s:.2f} s = {ca_seconds:.2f} s"
        )
        print(
            f"ratio CA / huashu: {ca_seconds / seconds:.1f}x from raw paths, "
            f"{ca_seconds / again:.1f}x on the same aggregated input; max relative gap order-1 "
            f"conversions {np.max(np.abs(credit['markov_1'] / conv - 1)):.2%}"
        )


if __name__ == "__main__":
    main()
