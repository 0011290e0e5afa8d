"""Command-line start-up: wall time of ``huashu --help``, of ``--help`` for every command and
command group, of two light commands, and of ``huashu check`` on a short copy (the compliance
engine with the generic brand), each run ``--runs`` times in a fresh process after one untimed
warm-up run (so byte-code and the file cache are warm); the median and the range are printed as
markdown tables, with the load average before and after (the machine may be shared) and the
biggest imports of ``huashu --help`` as ``python -X importtime`` reports them.

Nearly all of ``huashu --help`` is imports; the command modules import the heavy libraries
(pandas, numpy, matplotlib, ibis, sqlalchemy, the domain models, the store) inside the
commands, which tests/cli/test_startup.py keeps so.

Run: ``.venv/bin/python benchmarks/cli_startup.py [--runs 5] [--write]``
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = (
    ("huashu --help", ["--help"]),
    # light commands: a brand pack read and validated; the banner preset table
    (
        "huashu brand validate examples/rural_bank.yaml",
        ["brand", "validate", "examples/rural_bank.yaml"],
    ),
    ("huashu banner presets", ["banner", "presets"]),
    ("huashu check 测试", ["check", "测试"]),
    # a short-term hit: word boundaries load jieba's dictionary (once per process)
    ("huashu check 我们确保本金安全", ["check", "我们确保本金安全"]),
)
START, END = "<!-- cli-startup:start -->", "<!-- cli-startup:end -->"
#: Texts in the batch row: the law-written development set, one JSON line each.
BATCH = ROOT / "tests" / "data" / "compliance_law_dev.yaml"
#: ``huashu --help`` as ``python -X importtime`` runs it (the console script does the same).
HELP_CODE = "import sys; from huashu.cli import main; sys.argv = ['huashu', '--help']; main()"


def huashu_executable() -> str:
    """The ``huashu`` script beside this interpreter (the venv's), else the one on PATH."""
    beside = Path(sys.executable).parent / "huashu"
    if beside.is_file():
        return str(beside)
    found = shutil.which("huashu")
    if found is None:
        raise SystemExit("no huashu executable found; install the project (pip install -e .)")
    return found


def command_paths() -> list[tuple[str, ...]]:
    """Every command and command group of ``huashu`` (``("metrics",)``, ``("metrics", "roi")``,
    ...), read from the Typer app."""
    import typer

    from huashu.cli import app

    paths: list[tuple[str, ...]] = []

    def walk(command: object, path: tuple[str, ...]) -> None:
        for name, sub in (getattr(command, "commands", None) or {}).items():
            paths.append((*path, name))
            walk(sub, (*path, name))

    walk(typer.main.get_command(app), ())
    return paths


def timings(command: list[str], runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU (user + system) seconds per run of ``command`` (stdout and stderr
    discarded), after one warm-up run. On a shared machine the wall time grows with the load;
    the CPU time much less."""
    walls: list[float] = []
    cpus: list[float] = []
    for i in range(runs + 1):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode not in (0, 1):  # 1: a verdict of block
            raise SystemExit(
                f"{' '.join(command)} exited {done.returncode}: {done.stderr.decode()[-2000:]}"
            )
        if i:
            walls.append(elapsed)
            cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return walls, cpus


def row(label: str, walls: list[float], cpus: list[float], note: str = "") -> str:
    """A table row: median wall time, its range, median CPU time."""
    return (
        f"| {label} | {statistics.median(walls):.2f} | {min(walls):.2f}-{max(walls):.2f}{note} | "
        f"{statistics.median(cpus):.2f} |"
    )


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
        walls, cpus = timings([exe, "check", "--file", str(path), "--jsonl"], runs)
    a_text = statistics.median(walls) / len(cases) * 1000
    return row(
        f"`huashu check --file F --jsonl` ({len(cases)} texts)",
        walls,
        cpus,
        f" ({a_text:.1f} ms a text)",
    )


def help_rows(exe: str, runs: int) -> list[str]:
    """One row per top-level command or group: its own ``--help``, and the slowest ``--help``
    among the commands under it (by median wall time)."""
    measured = {path: timings([exe, *path, "--help"], runs) for path in command_paths()}
    wall = {path: statistics.median(w) for path, (w, _) in measured.items()}
    cpu = {path: statistics.median(c) for path, (_, c) in measured.items()}
    rows = [
        "| command | `--help` median (s) | CPU (s) | commands under it "
        "| slowest of them: median, CPU (s) |",
        "|---|---:|---:|---:|---|",
    ]
    for path in measured:
        if len(path) > 1:
            continue
        under = [p for p in measured if len(p) > 1 and p[0] == path[0]]
        slowest = max(under, key=lambda p: wall[p]) if under else None
        rows.append(
            f"| `huashu {path[0]}` | {wall[path]:.2f} | {cpu[path]:.2f} | {len(under) or '-'} | "
            + (
                f"`{' '.join(slowest)}` {wall[slowest]:.2f}, {cpu[slowest]:.2f} |"
                if slowest
                else "- |"
            )
        )
    slowest = max(wall, key=lambda p: wall[p])
    rows.append(
        f"| all {len(wall)}, median of medians | {statistics.median(wall.values()):.2f} | "
        f"{statistics.median(cpu.values()):.2f} | | slowest: `{' '.join(slowest)}` "
        f"{wall[slowest]:.2f}, {cpu[slowest]:.2f} |"
    )
    return rows


def top_imports(count: int = 8) -> str:
    """The ``count`` distributions whose modules take longest to import in ``huashu --help``:
    the self time of each module in one run of ``python -X importtime`` (which adds its own
    overhead), summed by top-level package."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", HELP_CODE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    by_package: dict[str, int] = {}
    for line in done.stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) != 3 or not parts[0].strip().isdigit():
            continue
        package = parts[2].strip().split(".")[0]
        by_package[package] = by_package.get(package, 0) + int(parts[0])
    ranked = sorted(by_package.items(), key=lambda kv: -kv[1])[:count]
    listed = ", ".join(f"{name} {us / 1000:.0f}" for name, us in ranked)
    return f"{sum(by_package.values()) / 1000:.0f} ms of imports in all; by package (ms): {listed}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="Timed runs per command.")
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args()
    exe = huashu_executable()
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    load_before = os.getloadavg()[0]
    rows = []
    for label, argv in COMMANDS:
        rows.append(row(f"`{label}`", *timings([exe, *argv], args.runs)))
    rows.append(batch_row(exe, args.runs))
    helps = help_rows(exe, args.runs)
    imports = top_imports()
    load_after = os.getloadavg()[0]
    lines = [
        START,
        "## Command-line start-up",
        "",
        f"- date: {datetime.datetime.now(datetime.UTC):%Y-%m-%d}; machine: {machine}; "
        f"load average {load_before:.1f} at the start, {load_after:.1f} at the end",
        "- command: `.venv/bin/python benchmarks/cli_startup.py --write`",
        f"- figure: wall time of a fresh process, median of {args.runs} runs after one "
        "warm-up run, and the fastest and slowest run; CPU: its user + system time (less "
        "sensitive to the load of a shared machine). Before issue 18 `huashu --help` took "
        "2.21 s and `huashu check 测试` 2.27 s (every command module imported pandas, "
        "matplotlib, ibis and the store). Before issue 22 (item 8), by this script on the same "
        "machine just before (load 7.3 falling to 4.5), `huashu --help` took 0.98 s (CPU "
        "0.37 s), a command's `--help` 0.44 s (CPU 0.32 s; median of the 54 medians) and "
        "`huashu banner presets` 0.83 s (CPU 0.50 s): the command modules imported pydantic "
        "and every domain model, `banner presets` Pillow, numpy and httpx; now "
        "`huashu.domain` and `huashu.images` load their names on first use. Typer itself "
        "imports pydantic to parse a command's options, so a command's `--help` gains less.",
        f"- `python -X importtime` of `huashu --help`: {imports}.",
        "",
        "| command | median (s) | min-max (s) | CPU median (s) |",
        "|---|---:|---:|---:|",
        *rows,
        "",
        "`--help` of every command and command group:",
        "",
        *helps,
        END,
    ]
    block = "\n".join(lines)
    print(block)
    if args.write:
        sys.path.insert(0, str(Path(__file__).parent))
        from docs_section import replace_section

        replace_section(block, START, END)


if __name__ == "__main__":
    main()
