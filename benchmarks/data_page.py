"""Load times of the 数据 page: cold, warm, right after new data, and on a live campaign.

The population is made by the generator of the 数据 page tests (``tests/web/data_pages.py``:
signups, actions, costs and the touch log of ``--users`` synthetic users; 200,000 as in the
figures of docs/web.md). A real uvicorn server on
loopback serves ``create_app``; one *load* is what a browser does: GET ``/data``, then its four
chart images at once (4 connections); the figure is the client's wall time for all five.

- start: ``/healthz`` right after the server started (the warmer computing meanwhile), and
  the first visit once the warmer is done;
- warm: repeat loads, nothing changed;
- cold: loads after dropping every kept aggregate (what every load cost before, once the
  data had moved);
- stale: the first load after new data (the previous figures, recomputed in the background),
  and the load after that recompute (the new figures);
- live: one event logged a second, as the delivery path does, and a load every
  ``--every`` seconds for ``--live`` seconds, with ``analytics_max_stale_seconds`` at its
  default and, as the peer in the same run, at 0 (every load waits for current figures).
"""

from __future__ import annotations

import argparse
import html
import os
import platform
import re
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pandas as pd
from docs_section import replace_section
from ui_grid import serve

from huashu.config import Settings
from huashu.web import create_app

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.analytics.fixtures import event_frame  # noqa: E402
from tests.web.data_pages import seed_analytics  # noqa: E402
from tests.web.server import mint_token  # noqa: E402

START = "<!-- bench:data_page:start -->"
END = "<!-- bench:data_page:end -->"


def load(client: httpx.Client, pool: ThreadPoolExecutor) -> tuple[float, str]:
    """One page load with its charts: (seconds, the page's HTML)."""
    start = time.perf_counter()
    page = client.get("/data")
    page.raise_for_status()
    srcs = [html.unescape(s) for s in re.findall(r'<img[^>]*src="([^"]+)"', page.text)]
    assert len(srcs) == 4, srcs
    for answer in pool.map(client.get, srcs):
        answer.raise_for_status()
    return time.perf_counter() - start, page.text


def arrive(app: Any, n: int) -> None:
    """One click logged into the app's event store, as the delivery path logs them."""
    frame = event_frame([(1 + n % 500, "2026-03-29 12:00", "click", "sms", 0.0)])
    frame["event_id"] = f"bench-arrival-{time.time_ns()}"
    app.state.runtime.events.log_events(frame)


class Arrivals:
    """Logs one event a second into the app's event store until stopped."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        n = 0
        while not self.stop.wait(1.0):
            n += 1
            arrive(self.app, n)

    def close(self) -> None:
        self.stop.set()
        self.thread.join(10)


def live(
    client: httpx.Client, pool: ThreadPoolExecutor, app: Any, seconds: float, every: float
) -> tuple[list[float], int, int]:
    """Loads during arrivals: (load seconds, loads that waited for a computation, loads)."""
    cache = app.state.metrics.cache
    arrivals = Arrivals(app)
    times: list[float] = []
    waited = 0
    try:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            misses = cache.misses
            times.append(load(client, pool)[0])
            waited += cache.misses > misses
            time.sleep(every)
    finally:
        arrivals.close()
    cache.wait(60)
    return times, waited, len(times)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=200_000)
    parser.add_argument("--loads", type=int, default=5, help="loads per warm/cold figure")
    parser.add_argument("--live", type=float, default=20.0, help="seconds of each live phase")
    parser.add_argument("--every", type=float, default=2.0, help="seconds between live loads")
    parser.add_argument("--no-docs", action="store_true", help="do not write docs/benchmarks.md")
    args = parser.parse_args()
    load_start = os.getloadavg()[0]

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            data_dir=Path(tmp), snapshot_rebuild_seconds=0, outbox_interval_seconds=0
        )
        seed_analytics(settings, users=args.users)
        token = mint_token(settings, "operator")
        app = create_app(settings)
        started = time.perf_counter()
        server, thread, base = serve(app)
        try:
            with (
                httpx.Client(
                    base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=120
                ) as client,
                ThreadPoolExecutor(4) as pool,
            ):
                before = time.perf_counter()
                client.get("/healthz").raise_for_status()
                healthz = time.perf_counter() - before
                up = time.perf_counter() - started
                warming = not app.state.data_warmer.warmed.is_set()
                assert app.state.data_warmer.warmed.wait(300)
                warmed_after = time.perf_counter() - started
                cache = app.state.metrics.cache
                first, _ = load(client, pool)
                first_misses = cache.misses

                warm = [load(client, pool)[0] for _ in range(args.loads)]
                cold = []
                for _ in range(args.loads):
                    cache.forget()
                    cold.append(load(client, pool)[0])

                app.state.data_warmer.close()  # the live phases below are on their own
                arrive(app, 0)
                cost = pd.DataFrame(
                    [("2026-03-29", "spring", "sms", "", "p-bench", "cr1", "12345")],
                    columns=[
                        "day",
                        "campaign",
                        "channel",
                        "creator",
                        "placement",
                        "creative_id",
                        "cost",
                    ],
                )
                app.state.metrics.tables.import_frame("costs", cost)  # another writer
                misses = cache.misses
                stale, stale_page = load(client, pool)
                stale_waited = cache.misses > misses
                assert "data-updating" in stale_page
                cache.wait(120)
                fresh, fresh_page = load(client, pool)
                assert "data-updating" not in fresh_page

                swr, swr_waited, swr_loads = live(client, pool, app, args.live, args.every)
                cache.max_stale_seconds = 0.0  # the peer: every load waits for current figures
                exact, exact_waited, exact_loads = live(client, pool, app, args.live, args.every)
        finally:
            server.should_exit = True
            thread.join(timeout=30)
    load_end = os.getloadavg()[0]
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {sys.version.split()[0]}"
    rows = [
        (
            "`/healthz` right after start (warmer running: " + ("yes" if warming else "no") + ")",
            ms(healthz),
            f"server up in {up:.2f} s; default views warmed {warmed_after:.1f} s after start",
        ),
        (
            "first visit, views warmed at start",
            ms(first),
            f"{first_misses} computations waited for",
        ),
        (
            f"warm: repeat loads (median of {args.loads})",
            ms(statistics.median(warm)),
            f"{ms(min(warm))}-{ms(max(warm))}",
        ),
        (
            f"cold: every aggregate dropped (median of {args.loads})",
            ms(statistics.median(cold)),
            f"{ms(min(cold))}-{ms(max(cold))}",
        ),
        (
            "first load after new data (previous figures)",
            ms(stale),
            "waited for a computation" if stale_waited else "nothing computed in the request",
        ),
        ("next load, after the background recompute (new figures)", ms(fresh), ""),
        (
            f"live, 1 event/s, bound 60 s: {swr_loads} loads every {args.every:g} s",
            ms(statistics.median(swr)),
            f"max {ms(max(swr))}; {swr_waited} loads waited",
        ),
        (
            f"peer: live, bound 0 (every load current): {exact_loads} loads",
            ms(statistics.median(exact)),
            f"max {ms(max(exact))}; {exact_waited} loads waited",
        ),
    ]
    verdict = "meets" if max(swr) < 1.0 and first < 1.0 and stale < 1.0 else "MISSES"
    print(f"machine: {machine}; load average {load_start:.1f} -> {load_end:.1f}")
    for what, figure, note in rows:
        print(f"{what}: {figure}  {note}")
    print(f"target: every live load under 1 s with the default bound: {verdict}")
    if args.no_docs:
        return
    command = (
        f".venv/bin/python benchmarks/data_page.py --users {args.users} --loads {args.loads} "
        f"--live {args.live:g} --every {args.every:g}"
    )
    block = "\n".join(
        [
            START,
            "## Web UI: 数据 page load (cached aggregates, stale-while-revalidate)",
            "",
            f"Date: {date.today().isoformat()}. Machine: {machine}, load average "
            f"{load_start:.1f} at the start, {load_end:.1f} at the end.",
            f"Command: `{command}`",
            "",
            "One load = `GET /data` and then its four chart images at once, the client's wall "
            "time for all five on loopback (uvicorn, one process), over a synthetic population "
            f"(the 数据 tests' generator: {args.users:,} users with their touches, actions and "
            "costs). "
            "Cold is what every load cost before, once new events had arrived; now a load "
            "after new data answers the figures last computed (at most "
            "`analytics_max_stale_seconds` old, the page says when they were computed) while "
            "one background thread per figure recomputes. The live rows log one event a "
            "second, as the delivery path does; the peer sets the bound to 0 in the same run.",
            "",
            "| what | time | note |",
            "|---|---:|---|",
            *[f"| {what} | {figure} | {note} |" for what, figure, note in rows],
            "",
            f"Target under 1 s on a live campaign: {verdict}.",
            END,
        ]
    )
    replace_section(block, START, END)


if __name__ == "__main__":
    main()
