"""Helpers for the reliability tests: a real ``huashu serve`` in a subprocess (one or several
uvicorn workers) that can be killed with SIGKILL and restarted, a seeded campaign, and the
storage backends (embedded SQLite + DuckDB, or fresh PostgreSQL schemas)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from huashu.config import Settings
from huashu.domain import BrandPack, Verdict
from huashu.events.store import open_event_store
from huashu.runtime import Runtime
from huashu.services import check_drafts, draft_creatives, plan_campaign
from huashu.services.delivery import rebuild_snapshot
from huashu.store import credentials, open_store, repos
from huashu.workflow import decide_approval, submit_for_approval
from tests.backends import PG_ENV, pg_schema_url
from tests.loopback import free_port
from tests.web.server import start_campaign

HUASHU = str(Path(sys.executable).with_name("huashu"))
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
BRIEF = "给养殖户推春耕贷款，首页卡片+短信"


@contextmanager
def backend_settings(backend: str, tmp_path: Path, **extra: object) -> Iterator[Settings]:
    """Settings for ``embedded`` (SQLite + DuckDB files in tmp_path) or ``postgres`` (the
    operational store and the event store in one fresh PostgreSQL schema; skipped without
    HUASHU_TEST_DATABASE_URL)."""
    data_dir = tmp_path / "data"
    if backend == "embedded":
        yield Settings(data_dir=data_dir, **extra)  # type: ignore[arg-type]
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"PostgreSQL: set {PG_ENV}, e.g. postgresql://postgres@127.0.0.1:5432/test")
    with pg_schema_url(base) as events_url:
        database_url = "postgresql" + events_url[len("postgres") :]
        yield Settings(
            data_dir=data_dir,
            database_url=database_url,
            events_url=events_url,
            **extra,  # type: ignore[arg-type]
        )


def env_for(settings: Settings) -> dict[str, str]:
    """The ``HUASHU_*`` environment a ``huashu serve`` subprocess reads ``settings`` from."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("HUASHU_")}
    env["HUASHU_DATA_DIR"] = str(settings.data_dir)
    env["HUASHU_DATABASE_URL"] = settings.resolved_database_url
    env["HUASHU_EVENTS_URL"] = settings.resolved_events_url
    env["HUASHU_SNAPSHOT_REBUILD_SECONDS"] = str(settings.snapshot_rebuild_seconds)
    env["HUASHU_OUTBOX_INTERVAL_SECONDS"] = str(settings.outbox_interval_seconds)
    env["HUASHU_LOGIN_MAX_FAILURES"] = str(settings.login_max_failures)
    if settings.llm_api_key is not None:
        env["HUASHU_LLM_API_KEY"] = settings.llm_api_key.get_secret_value()
    for name in ("generator", "llm_base_url", "llm_model"):
        value = getattr(settings, name)
        if value is not None:
            env[f"HUASHU_{name.upper()}"] = str(value)
    return env


@dataclass
class Server:
    """``huashu serve`` as a child process on a fixed loopback port (kept across restarts)."""

    settings: Settings
    workers: int = 1
    log_path: Path | None = None
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 180.0) -> None:
        log = (self.log_path or Path(os.devnull)).open("ab")
        command = [HUASHU, "serve", "--port", str(self.port), "--workers", str(self.workers)]
        self.process = subprocess.Popen(
            command, env=env_for(self.settings), stdout=log, stderr=subprocess.STDOUT
        )
        log.close()
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"huashu serve exited with {self.process.returncode}")
            try:
                if httpx.get(f"{self.base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                self.kill9()
                raise RuntimeError("huashu serve did not come up")
            time.sleep(0.1)
        if self.workers > 1:
            self._wait_for_workers(deadline)

    def _wait_for_workers(self, deadline: float) -> None:
        """Until every worker has finished its start-up (each holds a journal directory)."""
        journal = self.settings.data_dir / "journal"
        while time.monotonic() < deadline:
            if journal.is_dir() and len(_journals(journal)) >= self.workers:
                return
            time.sleep(0.1)
        self.kill9()
        raise RuntimeError("not every worker came up")

    def kill9(self) -> None:
        """SIGKILL the server and, with several workers, every worker process too."""
        assert self.process is not None
        children = _children(self.process.pid)
        os.kill(self.process.pid, signal.SIGKILL)
        for pid in children:
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill9()
        self.process = None


def _journals(root: Path) -> list[Path]:
    """The workers' journal directories (not one still being created)."""
    return [p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")]


def _children(pid: int) -> list[int]:
    """Direct child process ids of ``pid`` (the uvicorn workers), from /proc."""
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            out.append(int(entry.name))
    return out


@contextmanager
def running(settings: Settings, workers: int = 1, log_path: Path | None = None) -> Iterator[Server]:
    server = Server(settings, workers, log_path)
    try:
        server.start()
        yield server
    finally:
        server.stop()


def token_for(settings: Settings, role: str) -> str:
    """A new API token of the user ``<role>-user`` (no password: hashing one is slow)."""
    store = open_store(settings.resolved_database_url)
    try:
        store.upgrade()
        with store.session() as s:
            repos.ensure_user(s, f"{role}-user", role)
            _, token = credentials.create_token(s, f"{role}-user", "tests", actor="test")
    finally:
        store.close()
    return token


def load_pack() -> tuple[BrandPack, str]:
    import yaml

    text = (EXAMPLES / "rural_bank.yaml").read_text("utf-8")
    return BrandPack.model_validate(yaml.safe_load(text)), text


def seed_drafts(rt: Runtime, operator: str = "op") -> str:
    """Plan the 养殖户 brief and store checked drafts (2 segments x 2 channels x 3); returns the
    campaign id."""
    pack, text = load_pack()
    plan = plan_campaign(rt, pack, text, BRIEF, operator)
    drafts = draft_creatives(
        rt, pack, plan.campaign_id, plan.segments, plan.brief.channels, n=3, seed=1, round_=0
    )
    check_drafts(rt, pack, plan.campaign_id, drafts, operator)
    with rt.store.session() as s:
        repos.ensure_user(s, operator, "operator")
    return plan.campaign_id


def seed_approved(settings: Settings) -> str:
    """An approved campaign (every passing draft approved) started by the operator through the
    API (开始投放, confirming that no delivery target is configured), and a rebuilt policy
    snapshot."""
    with Runtime.open(settings) as rt:
        campaign_id = seed_drafts(rt)
        with rt.store.session() as s:
            repos.ensure_user(s, "rev", "reviewer")
            approval = submit_for_approval(s, campaign_id, "op")
            items = {
                c.id: repos.report_for_creative(s, c.id)
                for c in repos.list_creatives(s, campaign_id=campaign_id)
            }
            decide_approval(
                s,
                approval,
                "rev",
                {
                    cid: "approved" if r is not None and r.verdict == Verdict.PASS else "rejected"
                    for cid, r in items.items()
                    if r is not None and r.verdict != Verdict.BLOCK
                },
            )
    start_campaign(settings, campaign_id)
    with Runtime.open(settings) as rt:
        rebuild_snapshot(rt)
    return campaign_id


def stored_events(settings: Settings) -> tuple[int, int]:
    """(rows, distinct event ids) in the event store."""
    store = open_event_store(settings.resolved_events_url)
    try:
        with store.exclusive():
            events = store.events()
            frame = events.aggregate(
                rows=events.count(), distinct=events.event_id.nunique()
            ).to_pyarrow()
    finally:
        store.close()
    return int(frame["rows"][0].as_py()), int(frame["distinct"][0].as_py())
