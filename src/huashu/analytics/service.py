"""One entry point for the CLI, the JSON API and the dashboard: every metric and chart computed
on an :class:`EventStore` while holding its connection, so all three show the same numbers
(the web app keeps them per data state, serving them a bounded time after the data moved
while it recomputes: :mod:`huashu.analytics.cache`)."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Hashable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

from huashu.analytics import charts, economics, growth
from huashu.analytics.attribution import Attribution, attribute
from huashu.analytics.cache import AggregateCache, Kept, State, store_state
from huashu.analytics.engine import error
from huashu.analytics.paths import PathSet, from_events, from_strings
from huashu.analytics.tables import AnalyticsTables, ImportResult, read_csv
from huashu.constants import CHARTS as CHARTS
from huashu.constants import DEFAULT_STEPS as DEFAULT_STEPS
from huashu.domain import InputError
from huashu.events import EventStore

T = TypeVar("T")
PATH_COLUMNS = ("path", "total_conversions")


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """JSON-safe rows: NaN -> None, dates -> ISO strings, numpy scalars -> Python."""
    out = []
    for row in frame.to_dict(orient="records"):
        clean: dict[str, Any] = {}
        for key, value in row.items():
            if hasattr(value, "item"):
                value = value.item()
            if isinstance(value, float) and math.isnan(value):
                value = None
            elif hasattr(value, "isoformat"):
                value = value.isoformat()
            clean[str(key)] = value
        out.append(clean)
    return out


def read_paths(path: Path, channels: Sequence[str] | None = None) -> PathSet:
    """Paths from a CSV in ChannelAttribution's layout: path ("a > b"), total_conversions and
    optional total_conversion_value, total_null."""
    frame = read_csv(path)
    missing = [c for c in PATH_COLUMNS if c not in frame.columns]
    if missing:
        raise error(
            f"{path} is missing column(s): {', '.join(missing)}",
            f"{path} 缺少列：{'、'.join(missing)}",
            "missing_column",
            columns=missing,
        )

    def numbers(column: str) -> list[float] | None:
        if column not in frame.columns:
            return None
        return list(pd.to_numeric(frame[column].replace("", "0"), errors="coerce").fillna(-1.0))

    return from_strings(
        list(frame["path"]),
        numbers("total_conversions") or [],
        numbers("total_null"),
        numbers("total_conversion_value"),
        channels=channels,
    )


class Metrics:
    """Growth metrics, attribution and charts over one event store.

    With ``cache`` on (the web app keeps one instance), results are kept in an
    :class:`AggregateCache` per state of the store's data; with ``max_stale_seconds`` > 0
    a result up to that old is answered after the data moved while the new one is computed in
    the background (without a cache, or with 0, every figure is of the current data: the CLI).
    Callers must not modify the frames they get (they are copies of the kept ones).
    """

    def __init__(
        self, store: EventStore, *, cache: bool = False, max_stale_seconds: float = 0.0
    ) -> None:
        self.store = store
        self.tables = AnalyticsTables(store)
        self.con = store.backend
        self.cache = AggregateCache(store, max_stale_seconds=max_stale_seconds) if cache else None

    def _kept(self, key: Hashable, compute: Callable[[], T]) -> Kept[T]:
        if self.cache is not None:
            return self.cache.lookup(key, compute)
        state, at = store_state(self.store), datetime.now(UTC)
        try:
            return Kept(compute(), None, state, at)
        except InputError as err:
            return Kept(None, err, state, at)

    def _memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        return compute() if self.cache is None else self.cache.get(key, compute)

    def state(self) -> State:
        """The store's state: (table, rows, newest timestamp) per table analytics reads."""
        return self.cache.state() if self.cache is not None else store_state(self.store)

    def version(self) -> str:
        """A short hash of :meth:`state`: it changes whenever the data does."""
        return version_of(self.state())

    def as_of(self) -> str:
        """The time of the newest event or action (minutes), "" when there is none."""
        return newest_of(self.state())

    def close(self) -> None:
        """Stop background recomputes (waiting a little for running ones)."""
        if self.cache is not None:
            self.cache.close()

    def import_frame(self, table: str, frame: pd.DataFrame) -> ImportResult:
        """Import rows (strings as read from a CSV) into signups, actions or costs."""
        if table not in ("signups", "actions", "costs"):
            raise error(
                f"unknown analytics table '{table}'; expected signups, actions or costs",
                f"未知分析表 '{table}'，应为 signups、actions 或 costs",
                "unknown_table",
                table=table,
            )
        result = self.tables.import_frame(table, frame)
        if self.cache is not None and result.inserted:
            self.cache.forget()  # whoever imported sees the new figures on the next page
        return result

    def import_csv(self, table: str, path: Path) -> ImportResult:
        return self.import_frame(table, read_csv(path))

    def new_users(self, *, by: str | None = None, period: growth.Period = "day") -> pd.DataFrame:
        def compute() -> pd.DataFrame:
            with self.store.exclusive():
                return growth.new_users(self.con, by=by, period=period)

        return self._memo(("new_users", by, period), compute)

    def retention(
        self, *, days: Sequence[int] = (1, 7, 30), by: str | None = None, as_of: str | None = None
    ) -> pd.DataFrame:
        def compute() -> pd.DataFrame:
            with self.store.exclusive():
                return growth.retention(self.con, days=days, by=by, as_of=as_of)

        return self._memo(("retention", tuple(days), by, as_of), compute)

    def cohorts(
        self, *, period: growth.Period = "week", max_offset: int = 8, as_of: str | None = None
    ) -> pd.DataFrame:
        def compute() -> pd.DataFrame:
            with self.store.exclusive():
                return growth.cohorts(self.con, period=period, max_offset=max_offset, as_of=as_of)

        return self._memo(("cohorts", period, max_offset, as_of), compute)

    def funnel(
        self,
        steps: Sequence[str] = DEFAULT_STEPS,
        *,
        by: str | None = None,
        within_days: float | None = None,
    ) -> pd.DataFrame:
        def compute() -> pd.DataFrame:
            with self.store.exclusive():
                return growth.funnel(self.con, steps, by=by, within_days=within_days)

        return self._memo(("funnel", tuple(steps), by, within_days), compute)

    def economics(self, *, by: str | None = "channel") -> pd.DataFrame:
        return self._memo(*self._economics(by))

    def economics_kept(self, *, by: str | None = "channel") -> Kept[pd.DataFrame]:
        """:meth:`economics` with the state and time it was computed on (maybe stale)."""
        return self._kept(*self._economics(by))

    def _economics(self, by: str | None) -> tuple[Hashable, Callable[[], pd.DataFrame]]:
        def compute() -> pd.DataFrame:
            with self.store.exclusive():
                return economics.unit_economics(self.con, by=by)

        return ("economics", by), compute

    def attribution(
        self,
        *,
        key: str = "channel",
        orders: Sequence[int] = (1,),
        half_life: float = 7.0,
        paths: PathSet | None = None,
    ) -> tuple[Attribution, int]:
        """Attribution of the event log's journeys (or of ``paths``); also returns how many
        conversions had no touch before them."""
        if paths is not None:
            return _attribute(paths, 0, orders, half_life)

        def compute() -> tuple[Attribution, int]:
            with self.store.exclusive():
                found, unattributed = from_events(self.con, key=key)
            return _attribute(found, unattributed, orders, half_life)

        return self._memo(("attribution", key, tuple(orders), half_life), compute)

    def chart(
        self,
        name: str,
        fmt: charts.Format = "png",
        *,
        lang: str = "zh",
        names: Mapping[str, str] | None = None,
        **params: Any,
    ) -> bytes:
        """One of :data:`CHARTS` rendered as PNG or SVG bytes, in ``lang`` (zh or en), slice
        labels shown through ``names`` (e.g. channel display names). Params: ``by`` (funnel,
        roi), ``period`` (cohorts), ``steps`` (funnel), ``key`` (attribution)."""
        return self._memo(*self._chart(name, fmt, lang, names, params))

    def chart_kept(
        self,
        name: str,
        fmt: charts.Format = "png",
        *,
        lang: str = "zh",
        names: Mapping[str, str] | None = None,
        **params: Any,
    ) -> Kept[bytes]:
        """:meth:`chart` with the state and time it was drawn on (maybe stale)."""
        return self._kept(*self._chart(name, fmt, lang, names, params))

    def _chart(
        self,
        name: str,
        fmt: charts.Format,
        lang: str,
        names: Mapping[str, str] | None,
        params: dict[str, Any],
    ) -> tuple[Hashable, Callable[[], bytes]]:
        if name not in CHARTS:
            raise error(
                f"unknown chart '{name}'; expected one of {', '.join(CHARTS)}",
                f"未知图表 '{name}'，应为 {', '.join(CHARTS)} 之一",
                "unknown_chart",
                chart=name,
            )
        shown = dict(names or {})
        key = (
            "chart",
            name,
            fmt,
            lang,
            tuple(sorted(shown.items())),
            tuple(sorted((k, str(v)) for k, v in params.items())),
        )
        return key, lambda: self._draw(name, fmt, lang, shown, params)

    def _draw(
        self, name: str, fmt: charts.Format, lang: str, names: dict[str, str], params: Any
    ) -> bytes:
        if name == "cohorts":
            period: growth.Period = "day" if params.get("period") == "day" else "week"
            figure = charts.cohort_heatmap(self.cohorts(period=period), lang=lang, period=period)
        elif name == "funnel":
            steps = tuple(params.get("steps") or DEFAULT_STEPS)
            figure = charts.funnel_chart(
                self.funnel(steps, by=params.get("by")), lang=lang, names=names, steps=steps
            )
        elif name == "roi":
            by = params.get("by") or "channel"
            figure = charts.roi_chart(self.economics(by=by), lang=lang, by=by, names=names)
        else:
            try:
                table = self.attribution(key=params.get("key") or "channel")[0].conversions
            except InputError as err:
                if err.code != "no_paths":
                    raise
                table = pd.DataFrame()
            figure = charts.attribution_chart(table, lang=lang, names=names)
        return charts.render(figure, fmt)


def version_of(state: State) -> str:
    """A short hash of a store state: it changes whenever the data does."""
    return hashlib.sha256(repr(state).encode()).hexdigest()[:16]


def newest_of(state: State) -> str:
    """The time of the newest event or action in ``state`` (minutes), "" when there is none."""
    newest = [last for name, _, last in state if name in ("events", "actions") and last]
    return max(newest)[:16] if newest else ""


def _attribute(
    paths: PathSet, unattributed: int, orders: Sequence[int], half_life: float
) -> tuple[Attribution, int]:
    if paths.n_paths == 0 or paths.conversions.sum() <= 0:
        raise error("no converting journeys to attribute", "没有可归因的转化路径", "no_paths")
    shapley = len(paths.channels) <= 20
    return attribute(paths, orders=orders, half_life=half_life, with_shapley=shapley), unattributed
