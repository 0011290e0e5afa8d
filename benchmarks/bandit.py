"""Delivery benchmarks: starvation, flooding and regret vs. the baselines; cold starts with 31
and 100 creatives; decide throughput vs. MABWiser, static and with learning in the loop; list
allocation of 1M users; POST /decide latency under 200 concurrent clients.

    .venv/bin/pip install mabwiser        # the throughput peer (Apache-2.0), benchmark only
    .venv/bin/python benchmarks/bandit.py --write
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
import numpy as np
import pandas as pd
from bandit_learning import cold_start_tables, learning_rows
from docs_section import replace_section

from huashu.config import Settings
from huashu.delivery import DecideService, ThompsonAllocator, allocate_list, build_snapshot
from huashu.delivery.simulate import Scenario, compare
from huashu.runtime import Runtime
from huashu.store import credentials, repos

DOCS = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
START, END = "<!-- bandit:start -->", "<!-- bandit:end -->"
LATENCY_START, LATENCY_END = "<!-- decide-latency:start -->", "<!-- decide-latency:end -->"
SCENARIOS = {
    "better new creative": Scenario(),
    "worse new creatives": Scenario(new_ctrs=(0.022, 0.018, 0.015)),
}


def policy_table(seeds: int) -> list[str]:
    lines = []
    for title, scenario in SCENARIOS.items():
        lines += [
            "",
            f"**{title}** (incumbent CTRs {', '.join(f'{c:.1%}' for c in scenario.incumbent_ctrs)}"
            f" with {scenario.history:,} impressions each; new CTRs "
            f"{', '.join(f'{c:.1%}' for c in scenario.new_ctrs)} join after "
            f"{scenario.add_at:,} of {scenario.horizon:,} impressions; snapshot every "
            f"{scenario.batch}; n_min {scenario.n_min}; burn-in window {scenario.window:,}; "
            f"{seeds} seeds)",
            "",
            "| policy | new creatives reaching n_min | burn-in share mean | burn-in share max "
            "| cumulative regret (clicks) | final fraction of oracle |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for s in compare(scenario, seeds=range(seeds)):
            lines.append(
                f"| {s.policy} | {s.starvation_free:.0%} | {s.burn_in_share_mean:.1%} | "
                f"{s.burn_in_share_max:.1%} | {s.regret_mean:.1f} | {s.final_fraction_mean:.1%} |"
            )
    return lines


def snapshot_100x20() -> tuple[object, list[str]]:
    rng = np.random.default_rng(0)
    rows, arms = [], {}
    for s in range(100):
        ids = [f"c{s}-{k}" for k in range(20)]
        arms[(f"s{s}", "home_card")] = ids
        rows += [(f"s{s}", "home_card", c, 1_000, int(rng.integers(10, 40))) for c in ids]
    stats = pd.DataFrame(
        rows, columns=["segment_key", "channel", "creative_id", "impressions", "clicks"]
    )
    return build_snapshot(stats, arms, ThompsonAllocator(), 1), [f"s{s}" for s in range(100)]


def throughput() -> list[str]:
    snap, keys = snapshot_100x20()
    service = DecideService(snap, random_state=1)  # type: ignore[arg-type]
    n = 200_000
    start = time.perf_counter()
    for i in range(n):
        service.decide(i, keys[i % 100], "home_card")
    single = n / (time.perf_counter() - start)
    m = 1_000_000
    segs = np.array([keys[i % 100] for i in range(m)], dtype=object)
    start = time.perf_counter()
    service.decide_batch(np.arange(m), segs, "home_card")
    batch = m / (time.perf_counter() - start)
    members = pd.DataFrame({"user_id": np.arange(m), "segment_key": segs})
    start = time.perf_counter()
    allocate_list(snap, "home_card", members, np.random.default_rng(0))  # type: ignore[arg-type]
    list_seconds = time.perf_counter() - start
    lines = [
        "",
        "**Throughput, static snapshot** (K = 20 creatives, 100 segments, one process)",
        "",
        "| path | decisions/s | vs. MABWiser `predict` |",
        "|---|---:|---:|",
    ]
    try:
        from mabwiser.mab import MAB, LearningPolicy
    except ImportError:
        peer = None
    else:
        mab = MAB(list(range(20)), LearningPolicy.ThompsonSampling(), seed=1)
        rng = np.random.default_rng(0)
        mab.fit(rng.integers(0, 20, 20_000), (rng.random(20_000) < 0.03).astype(int))
        k = 20_000
        start = time.perf_counter()
        for _ in range(k):
            mab.predict()
        peer = k / (time.perf_counter() - start)
    for name, rate in (
        ("huashu decide (one call per decision)", single),
        ("huashu decide_batch (vectorised, 1M requests)", batch),
    ):
        ratio = f"{rate / peer:.1f}x" if peer else "MABWiser not installed"
        lines.append(f"| {name} | {rate:,.0f} | {ratio} |")
    if peer:
        lines.append(f"| MABWiser 2.x ThompsonSampling `predict()` (peer) | {peer:,.0f} | 1.0x |")
    lines += ["", f"List allocation of 1,000,000 members (100 segments): {list_seconds:.2f} s."]
    rows = learning_rows()
    loop_peer = rows[-1][1]
    lines += [
        "",
        "**Throughput with learning in the loop** (one process, one group of 31 new creatives: "
        "decide, observe the click, and every 100 decisions update the policy and serve the "
        "next decision from it; huashu: the snapshot updated and swapped into `DecideService`)",
        "",
        "| path | decisions/s | vs. MABWiser |",
        "|---|---:|---:|",
    ]
    for name, loop_rate in rows:
        if loop_rate is None:
            continue
        ratio = f"{loop_rate / loop_peer:.1f}x" if loop_peer else "MABWiser not installed"
        lines.append(f"| {name} | {loop_rate:,.0f} | {ratio} |")
    return lines


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _load(base: str, token: str, clients: int, total: int) -> tuple[list[float], int, float]:
    latencies: list[float] = []
    errors = 0
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(total):
        queue.put_nowait(i)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(
        base_url=base, limits=limits, timeout=30, headers=headers
    ) as client:

        async def worker() -> None:
            nonlocal errors
            while not queue.empty():
                i = queue.get_nowait()
                body = {
                    "requests": [
                        {"user_id": i, "segment_key": "livestock.yes", "channel": "home_card"}
                    ]
                }
                start = time.perf_counter()
                try:
                    response = await client.post("/api/v1/decide", json=body)
                    errors += response.status_code != 200
                except httpx.HTTPError:
                    errors += 1
                latencies.append(time.perf_counter() - start)

        start = time.perf_counter()
        await asyncio.wait_for(asyncio.gather(*(worker() for _ in range(clients))), 300)
        elapsed = time.perf_counter() - start
    return latencies, errors, elapsed


WRK_SCRIPT = """wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer {token}"
wrk.body = '{"requests":[{"user_id":1,"segment_key":"livestock.yes","channel":"home_card"}]}'
"""


def _wrk(base: str, token: str, clients: int, seconds: int, folder: str) -> list[str]:
    """Load from Debian's wrk (C, epoll), so the generator does not starve the server."""
    script = Path(folder) / "decide.lua"
    script.write_text(WRK_SCRIPT.replace("{token}", token))
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{clients}",
            f"-d{seconds}s",
            "--latency",
            "-s",
            str(script),
            f"{base}/api/v1/decide",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    p50 = re.search(r"50%\s+([\d.]+\w+)", out)
    p99 = re.search(r"99%\s+([\d.]+\w+)", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    timeouts = re.search(r"timeout (\d+)", out)
    return [
        "",
        f"**POST /api/v1/decide**, one uvicorn worker (httptools + uvloop), load from `wrk -t2 "
        f"-c{clients} -d{seconds}s` on loopback: {float(rps.group(1)) if rps else 0:,.0f} "
        f"requests/s, p50 {p50.group(1) if p50 else '?'}, p99 {p99.group(1) if p99 else '?'}, "
        f"{errors.group(1) if errors else 0} non-2xx responses, "
        f"{timeouts.group(1) if timeouts else 0} socket timeouts (wrk's 2 s limit). One decision "
        "per request, journaled, moved to DuckDB in the background.",
    ]


def _operator_token(data_dir: str) -> str:
    """An API token for an operator of the demo's store (the API asks for one)."""
    with Runtime.open(Settings(data_dir=Path(data_dir))) as rt, rt.store.session() as s:
        repos.ensure_user(s, "op", "operator")
        return credentials.create_token(s, "op", "bandit-bench", actor="benchmark")[1]


def decide_latency(clients: int = 200, total: int = 6_000, seconds: int = 20) -> list[str]:
    huashu = str(Path(sys.executable).with_name("huashu"))
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                huashu,
                "demo",
                "--users",
                "5000",
                "--rounds",
                "1",
                "--traffic",
                "1000",
                "--data-dir",
                tmp,
            ],
            check=True,
            capture_output=True,
            cwd=root,
        )
        token = _operator_token(tmp)
        port = _free_port()
        server = subprocess.Popen(
            [huashu, "serve", "--port", str(port), "--data-dir", tmp],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 30
            while True:
                try:
                    httpx.get(f"{base}/healthz", timeout=1)
                    break
                except httpx.HTTPError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
            auth = {"Authorization": f"Bearer {token}"}
            httpx.post(
                f"{base}/api/v1/snapshots/rebuild", headers=auth, timeout=30
            ).raise_for_status()
            if shutil.which("wrk"):
                return _wrk(base, token, clients, seconds, tmp)
            latencies, errors, elapsed = asyncio.run(_load(base, token, clients, total))
        finally:
            server.terminate()
            server.wait(timeout=30)
    ms = np.array(latencies) * 1000
    return [
        "",
        f"**POST /api/v1/decide** on loopback, one uvicorn worker, {clients} concurrent clients "
        f"(Python asyncio + httpx; install Debian's wrk for a load generator that does not "
        f"compete with the server), {total:,} requests: {total / elapsed:,.0f} requests/s, "
        f"p50 {np.percentile(ms, 50):.0f} ms, p99 {np.percentile(ms, 99):.0f} ms, "
        f"{errors} errors.",
    ]


def _write(start: str, end: str, text: str) -> None:
    replace_section(f"{start}\n{text}\n{end}", start, end)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument(
        "--cold-seeds", type=int, default=5, help="seeds per cold-start scenario (31, 100 arms)"
    )
    parser.add_argument(
        "--parts",
        default="policies,latency",
        help="comma-separated: policies (tables + throughput), latency (POST /decide)",
    )
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    if "policies" in parts:
        lines = [
            "## Delivery: starvation, flooding, regret, cold starts, throughput",
            "",
            f"- date: {datetime.now(UTC):%Y-%m-%d}; machine: {machine}",
            "- command: `python benchmarks/bandit.py --parts policies --write` (policy tables "
            "also: `huashu bench bandit`)",
            "- peers in the same run: UCB1 (textbook and CTR-scaled bonus), epsilon-greedy 0.1, "
            "uniform, plain Beta(1, 1) Thompson sampling; huashu under the floor rule before "
            "issue 19 (1% for every creative past burn-in, none retired); MABWiser for "
            "throughput.",
            '- huashu: `ThompsonAllocator(burn_in="compete")` defaults (floor 1% per creative '
            "within a 5% floor budget, retirement below a 0.1% chance of being the best after "
            "300 impressions); in the simulations the snapshot is updated incrementally every "
            "batch and rebuilt (fresh key and prior) every 50 batches.",
            *policy_table(args.seeds),
            *cold_start_tables(args.cold_seeds),
            *throughput(),
        ]
        text = "\n".join(lines)
        print(text)
        if args.write:
            _write(START, END, text)
    if "latency" in parts:
        lines = [
            "## Delivery: POST /api/v1/decide under concurrent clients",
            "",
            f"- date: {datetime.now(UTC):%Y-%m-%d}; machine: {machine}",
            "- command: `python benchmarks/bandit.py --parts latency --write` (the load comes from "
            "a second process on loopback: Debian's `wrk` when installed)",
            *decide_latency(),
        ]
        text = "\n".join(lines)
        print(text)
        if args.write:
            _write(LATENCY_START, LATENCY_END, text)


if __name__ == "__main__":
    main()
