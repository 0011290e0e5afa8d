"""Sustained load on POST /api/v1/decide and POST /api/v1/events from a second process.

For each configuration a fresh data directory is seeded through the services (an approved
campaign: 2 segments x 2 channels, snapshot rebuilt), ``huashu serve --workers N`` starts as a
subprocess (real uvicorn), decisions are served for the events to reference, and Debian's
``wrk`` (C, epoll, Lua scripts) drives three loads in turn, each bounded by time:

- decide, one request per call; decide, batches of 50; events, batches of 100 with unique
  event ids referencing served decision ids (a Lua counter per wrk thread).

Configurations: 1 worker on the embedded default (SQLite + DuckDB); 1, 2 and 4 workers with
PostgreSQL as the operational store and the event store (a fresh schema, dropped afterwards;
the URL from --pg or HUASHU_TEST_DATABASE_URL). Errors are non-2xx answers, socket errors
and, for events, answers that rejected any event.

    python benchmarks/api_load.py            # ~3 minutes; --write puts the table in
                                             # docs/reliability.md
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import httpx
import yaml
from docs_section import replace_section
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from huashu.config import Settings
from huashu.domain import BrandPack, Verdict
from huashu.runtime import Runtime
from huashu.services import check_drafts, draft_creatives, plan_campaign
from huashu.services.delivery import rebuild_snapshot
from huashu.store import credentials, normalize_url, repos
from huashu.workflow import decide_approval, submit_for_approval

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "reliability.md"
START, END = "<!-- api-load:start -->", "<!-- api-load:end -->"
HUASHU = str(Path(sys.executable).with_name("huashu"))
GROUPS = [(s, c) for s in ("livestock.yes", "livestock.no") for c in ("home_card", "sms")]

DECIDE_LUA = """wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer {token}"
wrk.body = '{body}'
"""

EVENTS_LUA = """local ids = {{{ids}}}
local threads = {{}}
local n = 0
function setup(thread)
  n = n + 1
  thread:set("tid", n)
  table.insert(threads, thread)
end
function init(args)
  counter = 0
  rejected = 0
end
function request()
  counter = counter + 1
  local parts = {{}}
  for k = 1, {batch} do
    local d = ids[((counter * {batch} + k) % #ids) + 1]
    parts[k] = string.format('{{"event_id":"%s-%d-%d","decision_id":"%s","kind":"impression"}}',
      tid, counter, k, d)
  end
  local body = '{{"events":[' .. table.concat(parts, ",") .. ']}}'
  return wrk.format("POST", nil, {{["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer {token}"}}, body)
end
function response(status, headers, body)
  if status == 200 and not string.find(body, '"rejected":[]', 1, true) then
    rejected = rejected + 1
  end
end
function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + t:get("rejected") end
  io.write(string.format("REJECTED %d\\n", total))
end
"""


@dataclass
class Result:
    config: str
    load: str
    rps: float
    items: int
    p50: str
    p99: str
    errors: int


@contextmanager
def pg_urls(base: str) -> Iterator[tuple[str, str]]:
    """(SQLAlchemy URL, Ibis URL) of a fresh schema, dropped afterwards."""
    url = make_url(normalize_url(base))
    schema = f"huashu_load_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    plain = url.set(drivername="postgres").render_as_string(hide_password=False)
    ibis_url = f"{plain}?options=-csearch_path%3D{schema}"
    try:
        yield "postgresql" + ibis_url[len("postgres") :], ibis_url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def seed(settings: Settings) -> str:
    """An approved campaign with a rebuilt snapshot; returns an operator's API token."""
    pack_text = (ROOT / "examples" / "rural_bank.yaml").read_text("utf-8")
    pack = BrandPack.model_validate(yaml.safe_load(pack_text))
    with Runtime.open(settings) as rt:
        plan = plan_campaign(rt, pack, pack_text, "给养殖户推春耕贷款，首页卡片+短信", "op")
        drafts = draft_creatives(
            rt, pack, plan.campaign_id, plan.segments, plan.brief.channels, n=3, seed=1, round_=0
        )
        batch = check_drafts(rt, pack, plan.campaign_id, drafts, "op")
        with rt.store.session() as s:
            repos.ensure_user(s, "op", "operator")
            repos.ensure_user(s, "rev", "reviewer")
            approval = submit_for_approval(s, plan.campaign_id, "op")
            decide_approval(
                s,
                approval,
                "rev",
                {
                    c.id: "approved" if batch.reports[c.id].verdict == Verdict.PASS else "rejected"
                    for c in batch.creatives
                    if batch.reports[c.id].verdict != Verdict.BLOCK
                },
            )
            _, token = credentials.create_token(s, "op", "load", actor="benchmark")
        rebuild_snapshot(rt)
    return token


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve(settings: Settings, workers: int, log: Path) -> Iterator[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HUASHU_")}
    env.update(
        HUASHU_DATA_DIR=str(settings.data_dir),
        HUASHU_DATABASE_URL=settings.resolved_database_url,
        HUASHU_EVENTS_URL=settings.resolved_events_url,
        HUASHU_SNAPSHOT_REBUILD_SECONDS="0",
        HUASHU_OUTBOX_INTERVAL_SECONDS="0",
    )
    port = _free_port()
    with log.open("ab") as out:
        server = subprocess.Popen(
            [HUASHU, "serve", "--port", str(port), "--workers", str(workers)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        journal = settings.data_dir / "journal"
        while True:
            try:
                up = httpx.get(f"{base}/healthz", timeout=1).status_code == 200
            except httpx.HTTPError:
                up = False
            ready = journal.is_dir() and sum(p.is_dir() for p in journal.iterdir()) >= workers
            if up and ready:
                break
            if server.poll() is not None or time.monotonic() > deadline:
                tail = log.read_text("utf-8", errors="replace")[-3000:]
                raise RuntimeError(f"huashu serve did not come up:\n{tail}")
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=60)


def served(base: str, token: str, n: int) -> list[str]:
    """Decision ids of ``n`` decisions (batches of 500), for the events to reference."""
    ids: list[str] = []
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}) as client:
        while len(ids) < n:
            body = {
                "requests": [
                    {"user_id": len(ids) + i, "segment_key": s, "channel": c}
                    for i, (s, c) in enumerate(GROUPS * 125)
                ]
            }
            response = client.post("/api/v1/decide", json=body, timeout=60)
            response.raise_for_status()
            ids += [d["decision_id"] for d in response.json()["decisions"]]
    time.sleep(1.5)  # the journals reach the event store (every 0.5 s)
    return ids


def wrk(url: str, script: str, folder: Path, connections: int, seconds: int) -> dict[str, str]:
    path = folder / f"load-{uuid.uuid4().hex[:6]}.lua"
    path.write_text(script, "utf-8")
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "--latency",
            "-s",
            str(path),
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout

    def find(pattern: str, default: str = "0") -> str:
        match = re.search(pattern, out)
        return match.group(1) if match else default

    socket_errors = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    errors = int(find(r"Non-2xx or 3xx responses: (\d+)")) + socket_errors
    errors += int(find(r"REJECTED (\d+)"))
    return {
        "rps": find(r"Requests/sec:\s+([\d.]+)"),
        "p50": find(r"50%\s+([\d.]+\w+)", "?"),
        "p99": find(r"99%\s+([\d.]+\w+)", "?"),
        "errors": str(errors),
    }


def run_config(
    name: str, settings: Settings, workers: int, args: argparse.Namespace, folder: Path
) -> list[Result]:
    token = seed(settings)
    results = []
    with serve(settings, workers, folder / f"serve-{workers}.log") as base:
        ids = served(base, token, 2_000)
        single = '{"requests":[{"user_id":1,"segment_key":"livestock.yes","channel":"home_card"}]}'
        batch = (
            '{"requests":['
            + ",".join(
                f'{{"user_id":{i},"segment_key":"{s}","channel":"{c}"}}'
                for i, (s, c) in enumerate((GROUPS * 13)[:50])
            )
            + "]}"
        )
        loads = [
            ("decide x1", "/api/v1/decide", DECIDE_LUA.format(token=token, body=single), 1),
            ("decide x50", "/api/v1/decide", DECIDE_LUA.format(token=token, body=batch), 50),
            (
                "events x100",
                "/api/v1/events",
                EVENTS_LUA.format(ids=",".join(f'"{i}"' for i in ids), batch=100, token=token),
                100,
            ),
        ]
        for load, path, script, per_call in loads:
            got = wrk(base + path, script, folder, args.connections, args.seconds)
            rps = float(got["rps"])
            results.append(
                Result(
                    name, load, rps, int(rps * per_call), got["p50"], got["p99"], int(got["errors"])
                )
            )
            print(
                f"{name:<28} {load:<12} {rps:>8,.0f} req/s  p50 {got['p50']:>8}  "
                f"p99 {got['p99']:>8}  errors {got['errors']}",
                flush=True,
            )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", default=os.environ.get("HUASHU_TEST_DATABASE_URL"))
    parser.add_argument("--workers", default="1,2,4", help="worker counts on PostgreSQL")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections")
    parser.add_argument("--seconds", type=int, default=8, help="length of each load")
    parser.add_argument("--write", action="store_true", help="update docs/reliability.md")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("needs wrk (Debian: apt-get install wrk)")
    started = time.monotonic()
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        embedded = Settings(data_dir=folder / "embedded")
        results += run_config("1 worker, SQLite + DuckDB", embedded, 1, args, folder)
        if args.pg:
            for workers in (int(w) for w in args.workers.split(",")):
                with pg_urls(args.pg) as (database_url, events_url):
                    settings = Settings(
                        data_dir=folder / f"pg-{workers}",
                        database_url=database_url,
                        events_url=events_url,
                    )
                    label = f"{workers} worker{'s' if workers > 1 else ''}, PostgreSQL"
                    results += run_config(label, settings, workers, args, folder)
        else:
            print("no PostgreSQL URL (--pg / HUASHU_TEST_DATABASE_URL): embedded only")
    elapsed = time.monotonic() - started
    if args.write:
        write(results, args, elapsed)


def write(results: list[Result], args: argparse.Namespace, elapsed: float) -> None:
    lines = [
        START,
        "## Load: POST /api/v1/decide and POST /api/v1/events",
        "",
        f"- date: {date.today().isoformat()}; machine: {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()} (the same 2 cores run "
        "the server, PostgreSQL and the load generator, and were shared with other work)",
        f"- command: `python benchmarks/api_load.py --connections {args.connections} "
        f"--seconds {args.seconds} --write` ({elapsed:.0f} s in all)",
        f"- load: `wrk -t2 -c{args.connections} -d{args.seconds}s --timeout 10s` from a second "
        "process on loopback, one load at a time; errors = non-2xx + socket errors + event "
        "batches with any rejected event",
        "",
        "| server | load | requests/s | decisions or events/s | p50 | p99 | errors |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.config} | {r.load} | {r.rps:,.0f} | {r.items:,} | {r.p50} | {r.p99} | "
            f"{r.errors} |"
        )
    lines.append(END)
    replace_section("\n".join(lines), START, END, DOCS)


if __name__ == "__main__":
    main()
