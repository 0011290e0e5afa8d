"""Drafting as a server-side job: one background thread per campaign runs every cell of its
plan (generate + check, :func:`huashu.services.drafting.draft_pending`), whether or not anyone
watches. The chat's event stream only reports progress read from the store, so closing the
page stops nothing, and a page opened later shows the progress and then the finished grid.

The registry belongs to the app (``app.state.draft_jobs``, made by ``create_app``); a lock
makes sure two requests for one campaign never start it twice. What a job did is in the store
(its creatives, an audit entry for a cell with no draft); the registry holds only whether a
job runs and how it ended, which a restart forgets: the next stream request resumes the cells
left.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.exc import OperationalError

from huashu.domain import InputError
from huashu.runtime import Runtime
from huashu.services import drafting

log = logging.getLogger("huashu.web.jobs")
#: a cell whose store write met a locked SQLite database is tried this many times in all.
TRIES = 3


@dataclass
class DraftJob:
    campaign_id: str
    n: int
    seed: int
    actor: str
    cells: int = 0
    done: int = 0
    #: "running", "done", "failed" or "stopped" (the app shut down first)
    state: str = "running"
    error: InputError | None = None
    started: float = field(default_factory=time.time)
    finished: float | None = None
    thread: threading.Thread | None = field(default=None, repr=False)

    def status(self) -> tuple[str, InputError | None]:
        return self.state, self.error

    def as_dict(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "state": self.state,
            "n": self.n,
            "message": self.error.localized(lang) if self.error else None,
        }


class DraftJobs:
    """The app's drafting jobs by campaign id (the latest job of each)."""

    def __init__(self) -> None:
        self._jobs: dict[str, DraftJob] = {}
        self._lock = threading.Lock()
        self._closing = threading.Event()

    def get(self, campaign_id: str) -> DraftJob | None:
        with self._lock:
            return self._jobs.get(campaign_id)

    def ensure(self, rt: Runtime, campaign_id: str, n: int, actor: str, seed: int = 0) -> DraftJob:
        """The campaign's running job, or a new one when cells are left to draft (a finished
        campaign gets a job record in state "done" and no thread)."""
        with self._lock:
            job = self._jobs.get(campaign_id)
            if job is not None and job.state == "running":
                return job
            done, cells = drafting.drafting_progress(rt, campaign_id)
            job = DraftJob(campaign_id, n, seed, actor, cells=cells, done=done)
            if done >= cells:
                job.state, job.finished = "done", time.time()
            elif self._closing.is_set():
                job.state, job.finished = "stopped", time.time()
            else:
                job.thread = threading.Thread(
                    target=self._run, args=(rt, job), name=f"drafts-{campaign_id}", daemon=True
                )
                job.thread.start()
            self._jobs[campaign_id] = job
            return job

    def _run(self, rt: Runtime, job: DraftJob) -> None:
        for attempt in range(1, TRIES + 1):
            try:
                for done, cells in drafting.draft_pending(
                    rt, job.campaign_id, job.n, job.actor, job.seed, stop=self._closing.is_set
                ):
                    job.done, job.cells = done, cells
                break
            except OperationalError as err:  # SQLite "database is locked": try the rest again
                if attempt == TRIES:
                    log.exception("drafting %s failed", job.campaign_id)
                    job.error = _failed(err)
                else:
                    log.warning("drafting %s: %s; trying again", job.campaign_id, err)
                    time.sleep(0.5 * attempt)
            except InputError as err:
                log.info("drafting %s refused: %s", job.campaign_id, err)
                job.error = err
                break
            except Exception as err:  # the thread must end with a state
                log.exception("drafting %s failed", job.campaign_id)
                job.error = _failed(err)
                break
        with self._lock:
            job.finished = time.time()
            if job.error is not None:
                job.state = "failed"
            elif job.done >= job.cells:
                job.state = "done"
            else:
                job.state = "stopped"

    def close(self, timeout: float = 10.0) -> None:
        """Ask every job to stop after its current cell and wait for them (up to ``timeout``
        seconds in all): what they drafted is stored, the rest resumes on the next start."""
        self._closing.set()
        deadline = time.monotonic() + timeout
        with self._lock:
            threads = [j.thread for j in self._jobs.values() if j.thread is not None]
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))


def _failed(err: Exception) -> InputError:
    return InputError(
        f"drafting failed: {type(err).__name__}",
        message_zh="生成失败：服务器内部错误，请稍后重新打开本活动继续生成",
        code="drafting_failed",
    )
