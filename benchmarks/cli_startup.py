"""Command-line start-up: wall time of ``huashu --help`` and ``huashu check 测试`` (a short
copy through the compliance engine with the generic brand), each run ``--runs`` times in a
fresh process after one untimed warm-up run (so byte-code and the file cache are warm); the
median and the range are printed as a markdown table.

Nearly all of ``huashu --help`` is imports; the command modules import the heavy libraries
(pandas, numpy, matplotlib, ibis, sqlalchemy, the store) inside the commands, which
tests/cli/test_startup.py keeps so.

Run: ``.venv/bin/python benchmarks/cli_startup.py [--runs 5]``
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = (
    ("huashu --help", ["--help"]),
    ("huashu check 测试", ["check", "测试"]),
    # a short-term hit: word boundaries load jieba's dictionary (once per process)
    ("huashu check 我们确保本金安全", ["check", "我们确保本金安全"]),
)
START, END = "<!-- cli-startup:start -->", "<!-- cli-startup:end -->"
#: Texts in the batch row: the law-written development set, one JSON line each.
BATCH = ROOT / "tests" / "data" / "compliance_law_dev.yaml"


def huashu_executable() -> str:
    """The ``huashu`` script beside this interpreter (the venv's), else the one on PATH."""
    beside = Path(sys.executable).parent / "huashu"
    if beside.is_file():
        return str(beside)
    found = shutil.which("huashu")
    if found is None:
        raise SystemExit("no huashu executable found; install the project (pip install -e .)")
    return found


def wall_times(command: list[str], runs: int) -> list[float]:
    """Seconds per run of ``command`` (stdout and stderr discarded), after one warm-up run."""
    times: list[float] = []
    for i in range(runs + 1):
        start = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
        elapsed = time.perf_counter() - start
        if done.returncode not in (0, 1):  # 1: a verdict of block
            raise SystemExit(
                f"{' '.join(command)} exited {done.returncode}: {done.stderr.decode()[-2000:]}"
            )
        if i:
            times.append(elapsed)
    return times


def batch_row(exe: str, runs: int) -> str:
    """``huashu check --file F --jsonl`` over the development set's texts, one process."""
    import json
    import tempfile

    import yaml

    cases = yaml.safe_load(BATCH.read_text("utf-8"))["cases"]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "batch.jsonl"
        path.write_text(
            "".join(
                json.dumps({"text": c["text"], "channel": c["channel"]}, ensure_ascii=False) + "\n"
                for c in cases
            ),
            "utf-8",
        )
        times = wall_times([exe, "check", "--file", str(path), "--jsonl"], runs)
    median = statistics.median(times)
    return (
        f"| `huashu check --file F --jsonl` ({len(cases)} texts) | {median:.2f} | "
        f"{min(times):.2f}-{max(times):.2f} ({median / len(cases) * 1000:.1f} ms a text) |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="Timed runs per command.")
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args()
    exe = huashu_executable()
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    load = os.getloadavg()[0]
    lines = [
        START,
        "## Command-line start-up",
        "",
        f"- date: {datetime.datetime.now(datetime.UTC):%Y-%m-%d}; machine: {machine}; "
        f"load average {load:.1f} at the start",
        "- command: `.venv/bin/python benchmarks/cli_startup.py --write`",
        f"- figure: wall time of a fresh process, median of {args.runs} runs after one "
        "warm-up run, and the fastest and slowest run. Before issue 18 `huashu --help` took "
        "2.21 s and `huashu check 测试` 2.27 s (every command module imported pandas, "
        "matplotlib, ibis and the store).",
        "",
        "| command | median (s) | min-max (s) |",
        "|---|---:|---:|",
    ]
    for label, argv in COMMANDS:
        times = wall_times([exe, *argv], args.runs)
        lines.append(
            f"| `{label}` | {statistics.median(times):.2f} | {min(times):.2f}-{max(times):.2f} |"
        )
    lines += [batch_row(exe, args.runs), END]
    block = "\n".join(lines)
    print(block)
    if args.write:
        sys.path.insert(0, str(Path(__file__).parent))
        from docs_section import replace_section

        replace_section(block, START, END)


if __name__ == "__main__":
    main()
