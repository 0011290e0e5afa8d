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
COMMANDS = (("huashu --help", ["--help"]), ("huashu check 测试", ["check", "测试"]))


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
        if done.returncode != 0:
            raise SystemExit(
                f"{' '.join(command)} exited {done.returncode}: {done.stderr.decode()[-2000:]}"
            )
        if i:
            times.append(elapsed)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="Timed runs per command.")
    args = parser.parse_args()
    exe = huashu_executable()
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    lines = [
        "## Command-line start-up",
        "",
        f"- date: {datetime.datetime.now(datetime.UTC):%Y-%m-%d}; machine: {machine}",
        "- command: `.venv/bin/python benchmarks/cli_startup.py`",
        f"- figure: wall time of a fresh process, median of {args.runs} runs after one "
        "warm-up run, and the fastest and slowest run",
        "",
        "| command | median (s) | min-max (s) |",
        "|---|---:|---:|",
    ]
    for label, argv in COMMANDS:
        times = wall_times([exe, *argv], args.runs)
        lines.append(
            f"| `{label}` | {statistics.median(times):.2f} | {min(times):.2f}-{max(times):.2f} |"
        )
    print("\n".join(lines))


if __name__ == "__main__":
    main()
