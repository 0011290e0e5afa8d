"""Server time to render the chat page's creative grid for a campaign of 1,000 creatives.

A fresh store gets the rural bank's pack and one campaign of N checked creatives (composed
drafts, varied so each is distinct, every one checked by the real compliance engine). A real
uvicorn server on loopback serves ``create_app``; an ASGI wrapper times each request inside the
server (first byte in to last byte out). Figure: the median of ``--requests`` GETs of
``/chat/<campaign>``; peer in the same run: the JSON listing of the same creatives
(``GET /api/v1/briefs/<campaign>``). Target: under 1 s.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from docs_section import replace_section

from huashu.brand.loader import load_brand_pack
from huashu.config import Settings
from huashu.runtime import Runtime
from huashu.services.campaigns import draft_creatives
from huashu.store import credentials, repos
from huashu.web import create_app

ROOT = Path(__file__).resolve().parent.parent
START = "<!-- bench:ui_grid:start -->"
END = "<!-- bench:ui_grid:end -->"
Scope = MutableMapping[str, Any]
ASGI = Callable[
    [Scope, Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]], Awaitable[None]
]


class Timed:
    """ASGI wrapper recording server seconds per path."""

    def __init__(self, app: ASGI) -> None:
        self.app = app
        self.times: dict[str, list[float]] = {}

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        await self.app(scope, receive, send)
        self.times.setdefault(scope["path"], []).append(time.perf_counter() - start)


def seed(settings: Settings, count: int) -> tuple[str, str]:
    """A campaign of ``count`` checked creatives; returns (campaign id, operator token)."""
    path = ROOT / "examples" / "rural_bank.yaml"
    pack = load_brand_pack(path)
    with Runtime.open(settings) as rt:
        with rt.store.session() as s:
            repos.save_brand(s, pack, path.read_text("utf-8"))
            repos.ensure_user(s, "bench-op", "operator")
            token = credentials.create_token(s, "bench-op", "bench", actor="bench")[1]
        from huashu.audience import cross_segments

        segments = cross_segments(pack, ())
        with rt.store.session() as s:
            repos.save_segments(s, pack.id, segments)
            campaign_id = repos.create_campaign(s, pack.id, None, "春耕贷（基准）")
        base = draft_creatives(
            rt, pack, campaign_id, segments, pack.channels, n=3, seed=1, round_=0
        )
        with rt.store.session() as s:
            for i in range(count):
                draft = base[i % len(base)]
                fields = {k: (f"{v}{i}" if k != "cta" else v) for k, v in draft.fields.items()}
                made = draft.model_copy(update={"id": f"bench-{i:05d}", "fields": fields})
                report = rt.checker.check(made, pack)
                provenance = made.provenance.model_copy(update={"compliance_report_id": report.id})
                repos.save_creative(
                    s, campaign_id, made.model_copy(update={"provenance": provenance})
                )
                repos.save_report(s, report)
    return campaign_id, token


def serve(app: ASGI) -> tuple[uvicorn.Server, threading.Thread, str]:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    return server, thread, f"http://127.0.0.1:{port}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--creatives", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=15)
    parser.add_argument("--no-docs", action="store_true", help="do not write docs/benchmarks.md")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            data_dir=Path(tmp), snapshot_rebuild_seconds=0, outbox_interval_seconds=0
        )
        campaign_id, token = seed(settings, args.creatives)
        timed = Timed(create_app(settings))
        server, thread, base = serve(timed)
        page, listing = f"/chat/{campaign_id}", f"/api/v1/briefs/{campaign_id}"
        try:
            with httpx.Client(
                base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=60
            ) as client:
                for path in (page, listing):  # warm-up, and check what is served
                    response = client.get(path)
                    response.raise_for_status()
                html = client.get(page).text
                shown = html.count("data-creative=")
                listed = len(client.get(listing).json()["creatives"])
                timed.times.clear()
                for _ in range(args.requests):
                    client.get(page).raise_for_status()
                    client.get(listing).raise_for_status()
        finally:
            server.should_exit = True
            thread.join(timeout=10)
    assert shown == listed == args.creatives, (shown, listed)
    page_s = statistics.median(timed.times[page])
    list_s = statistics.median(timed.times[listing])
    load = os.getloadavg()[0]
    machine = (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
        f"load average {load:.1f}"
    )
    verdict = "meets" if page_s < 1.0 else "MISSES"
    lines = [
        f"machine: {machine}",
        f"grid page /chat/<campaign>, {shown:,} creatives ({len(html) / 1e6:.2f} MB HTML): "
        f"median {page_s * 1000:.0f} ms server time over {args.requests} requests "
        f"(min {min(timed.times[page]) * 1000:.0f}, max {max(timed.times[page]) * 1000:.0f}); "
        f"{verdict} the 1 s target",
        f"peer, JSON listing /api/v1/briefs/<campaign> of the same creatives: "
        f"median {list_s * 1000:.0f} ms",
    ]
    print("\n".join(lines))
    if args.no_docs:
        return
    block = "\n".join(
        [
            START,
            "## Web UI: creative grid page",
            "",
            f"Date: {date.today().isoformat()}. Machine: {machine}.",
            f"Command: `.venv/bin/python benchmarks/ui_grid.py --creatives {args.creatives} "
            f"--requests {args.requests}`",
            "",
            "Server time (an ASGI wrapper inside uvicorn, first byte in to last byte out) to "
            "render the chat page's segment x channel grid: every creative with its compliance "
            "badge, findings highlighted on the text, facts used and a lazy banner preview.",
            "",
            "| what | creatives | median server time |",
            "|---|---:|---:|",
            f"| grid page `/chat/<campaign>` | {shown:,} | {page_s * 1000:.0f} ms |",
            f"| peer: JSON `/api/v1/briefs/<campaign>` | {listed:,} | {list_s * 1000:.0f} ms |",
            "",
            f"Target under 1 s: {verdict}.",
            END,
        ]
    )
    replace_section(block, START, END)


if __name__ == "__main__":
    main()
