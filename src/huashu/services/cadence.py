"""Background work on a cadence, done by one worker of several: the holder of an exclusive
``flock`` on ``<data_dir>/<name>.lock`` runs it; the others try to take the lock each period,
so when the leader stops another takes over."""

from __future__ import annotations

import fcntl
import logging
import threading
from collections.abc import Callable

from huashu.domain import InputError
from huashu.runtime import Runtime

log = logging.getLogger("huashu.cadence")


class LeaderCadence:
    """Runs ``action(rt)`` every ``seconds`` on a background thread while this process leads
    ``name``; an :class:`InputError` (nothing to do yet) is logged at info level, any other
    failure with its traceback, and the next period tries again."""

    def __init__(
        self, rt: Runtime, seconds: float, name: str, action: Callable[[Runtime], object]
    ) -> None:
        self.rt = rt
        self.seconds = seconds
        self.name = name
        self._action = action
        rt.settings.data_dir.mkdir(parents=True, exist_ok=True)
        self._lock_file = (rt.settings.data_dir / f"{name}.lock").open("a")
        self._leader = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _lead(self) -> bool:
        if not self._leader:
            try:
                fcntl.flock(self._lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
                self._leader = True
            except BlockingIOError:
                pass
        return self._leader

    def _run(self) -> None:
        while not self._stop.wait(self.seconds):
            if not self._lead():
                continue
            try:
                self._action(self.rt)
            except InputError as err:
                log.info("%s: nothing done: %s", self.name, err)
            except Exception:
                log.exception("%s failed", self.name)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=30)
        self._lock_file.close()
