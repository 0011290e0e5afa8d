"""The 数据 page's default views computed in the background while ``serve`` runs.

When the app starts, a daemon thread computes what the first visit of 数据 asks for: the unit
economics by channel and the four charts by channel in each language (the default language
first), under exactly the cache keys the page and the chart endpoint use. With a staleness
bound above 0 it looks them up again every half of the bound: computed anew when the event
store moved, confirmed current otherwise, so a visit at any time finds them within the bound
(answered at once) instead of computing them while it waits.
Nothing waits for it: ``/healthz`` and every page answer while it runs; a visit asking for a
view it is computing waits for that one computation instead of starting another.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence

from huashu.analytics.cache import State
from huashu.analytics.service import CHARTS, Metrics
from huashu.web.data_view import slice_names

log = logging.getLogger("huashu.web")

#: the slice the page opens with
DEFAULT_BY = "channel"


def has_data(state: State) -> bool:
    """Whether the store holds anything to show (no journeys and no signups: nothing)."""
    return any(rows for name, rows, _ in state if name in ("events", "signups"))


def warm_views(metrics: Metrics, langs: Sequence[str], stop: threading.Event) -> int:
    """Compute the default views of the current data (kept errors included); returns how
    many it looked up before ``stop`` was set."""
    cache = metrics.cache
    if cache is None:
        return 0
    done = 0
    with cache.warming():
        metrics.economics_kept(by=DEFAULT_BY)
        done += 1
        for lang in langs:
            names = slice_names(lang)
            for name in CHARTS:
                if stop.is_set():
                    return done
                # the keys of GET /api/v1/metrics/charts/<name>.svg?by=channel&lang=<lang>
                metrics.chart_kept(name, "svg", lang=lang, names=names, by=DEFAULT_BY)
                done += 1
    return done


class DataWarmer:
    """A daemon thread warming the default views now and, with ``interval`` > 0, again every
    ``interval`` seconds (lookups of current values cost a state read each)."""

    def __init__(self, metrics: Metrics, langs: Sequence[str], interval: float) -> None:
        self.metrics = metrics
        self.langs = tuple(langs)
        self.interval = interval
        self.rounds = 0  # rounds that looked the views up
        self.warmed = threading.Event()  # set once the first round is over (done or skipped)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="huashu-data-warmer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                if has_data(self.metrics.state()):
                    warm_views(self.metrics, self.langs, self._stop)
                    self.rounds += 1
            except Exception:
                if self._stop.is_set():  # the store closed under it at shutdown
                    return
                log.exception("warming the 数据 page's figures failed")
            self.warmed.set()
            if self.interval <= 0:
                return
            self._stop.wait(self.interval)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def close(self, timeout: float = 10.0) -> None:
        """Stop after the computation running now (waiting up to ``timeout`` seconds)."""
        self._stop.set()
        self._thread.join(timeout)
