"""The event store on real DuckDB files: idempotent logging, persistence, validation, arm stats."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from huashu.domain import DECISION_COLUMNS, EVENT_COLUMNS, InputError
from huashu.events import EventStore, open_event_store
from tests.backends import EVENT_BACKENDS, event_store_url

T0 = pd.Timestamp("2024-03-01 08:00:00")


def decisions(ids: list[str], *, round_: int = 0, creative: str = "c1") -> pd.DataFrame:
    n = len(ids)
    return pd.DataFrame(
        {
            "decision_id": ids,
            "ts": [T0 + pd.Timedelta(seconds=i) for i in range(n)],
            "round": np.full(n, round_, dtype=np.int64),
            "user_id": np.arange(n, dtype=np.int64),
            "segment_key": ["farm.yes"] * n,
            "channel": ["sms"] * n,
            "slot": ["sms"] * n,
            "creative_id": [creative] * n,
            "propensity": np.full(n, 0.25),
            "policy": ["thompson"] * n,
            "snapshot_id": ["ps-1"] * n,
        }
    )


def events(rows: list[tuple[str, str, str, str, str]]) -> pd.DataFrame:
    """rows of (event_id, decision_id, kind, segment_key, creative_id); channel is sms."""
    n = len(rows)
    return pd.DataFrame(
        {
            "event_id": [r[0] for r in rows],
            "decision_id": [r[1] for r in rows],
            "ts": [T0 + pd.Timedelta(minutes=i) for i in range(n)],
            "kind": [r[2] for r in rows],
            "user_id": np.arange(n, dtype=np.int64),
            "creative_id": [r[4] for r in rows],
            "segment_key": [r[3] for r in rows],
            "channel": ["sms"] * n,
            "value": np.zeros(n),
        }
    )


@pytest.fixture(
    params=[
        *EVENT_BACKENDS,
        pytest.param(("duckdb", False), id="duckdb-ibis"),
        pytest.param(("postgres", False), id="postgres-ibis", marks=pytest.mark.postgres),
    ]
)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[EventStore]:
    """A DuckDB file, and a PostgreSQL schema when HUASHU_TEST_DATABASE_URL is set; each also
    with the native write paths off (``-ibis``), so the generic Ibis path every other backend
    takes runs the same suite."""
    backend, native = request.param if isinstance(request.param, tuple) else (request.param, True)
    with event_store_url(backend, tmp_path) as url:
        opened = open_event_store(url, native=native)
        yield opened
        opened.close()


def test_the_generic_path_is_not_the_native_one(tmp_path: Path) -> None:
    """With ``native=False`` a DuckDB store writes through Ibis alone: the native path's own
    batch view (``_hs_batch_<table>``) is never registered on the raw connection."""

    class NoRawWrites:
        def __init__(self, raw: Any) -> None:
            self._raw = raw

        def register(self, name: str, *args: object) -> object:
            assert not name.startswith("_hs_batch_"), "the native DuckDB path ran"
            return self._raw.register(name, *args)

        def __getattr__(self, name: str) -> object:
            return getattr(self._raw, name)

    store = open_event_store(f"duckdb://{tmp_path}/events.duckdb", native=False)
    try:
        store.backend.con = NoRawWrites(store.backend.con)
        assert store.log_decisions(decisions(["a", "b"])) == 2
        assert store.log_decisions(decisions(["b", "c"])) == 1
        assert store.decisions_by_id(["c", "x"])["decision_id"].tolist() == ["c"]
    finally:
        store.backend.con = store.backend.con._raw
        store.close()


def test_columns_follow_the_domain(store: EventStore) -> None:
    assert list(store.decisions().columns) == list(DECISION_COLUMNS)
    assert list(store.events().columns) == list(EVENT_COLUMNS)
    assert store.counts() == {"decisions": 0, "events": 0}


def test_same_batch_twice_inserts_nothing_the_second_time(store: EventStore) -> None:
    batch = decisions([f"d{i}" for i in range(10)])
    assert store.log_decisions(batch) == 10
    assert store.log_decisions(batch) == 0
    assert store.counts()["decisions"] == 10


def test_overlapping_batch_inserts_only_new_ids(store: EventStore) -> None:
    assert store.log_decisions(decisions([f"d{i}" for i in range(10)])) == 10
    assert store.log_decisions(decisions([f"d{i}" for i in range(5, 15)])) == 5
    stored = store.decisions().to_pyarrow().column("decision_id").to_pylist()
    assert sorted(stored) == sorted(f"d{i}" for i in range(15))


def test_duplicates_inside_a_batch_keep_the_first(store: EventStore) -> None:
    batch = pd.concat([decisions(["a", "b"], creative="first"), decisions(["a"], creative="x")])
    assert store.log_decisions(batch) == 2
    rows = store.decisions().to_pyarrow().to_pylist()
    assert {r["decision_id"]: r["creative_id"] for r in rows} == {"a": "first", "b": "first"}


def test_event_ids_are_idempotent_too(store: EventStore) -> None:
    batch = events([("e1", "d1", "impression", "s", "c"), ("e2", "d1", "click", "s", "c")])
    assert store.log_events(batch) == 2
    assert store.log_events(batch) == 0
    assert store.log_events(events([("e2", "d1", "click", "s", "c")] * 2)) == 0


def test_rows_survive_closing_and_reopening(tmp_path: Path) -> None:
    url = f"duckdb://{tmp_path}/nested/dir/events.duckdb"
    with open_event_store(url) as first:
        first.log_decisions(decisions(["d1", "d2"]))
        first.log_events(events([("e1", "d1", "impression", "s", "c")]))
    assert (tmp_path / "nested" / "dir" / "events.duckdb").is_file()
    with open_event_store(url) as again:
        assert again.counts() == {"decisions": 2, "events": 1}
        assert again.log_decisions(decisions(["d2", "d3"])) == 1
        row = again.decisions().filter(again.decisions()["decision_id"] == "d1")
        assert row.to_pyarrow().to_pylist()[0]["ts"] == T0.to_pydatetime()


def test_relative_and_memory_urls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with open_event_store("duckdb://rel/events.duckdb") as rel:
        assert rel.log_decisions(decisions(["d1"])) == 1
    assert (tmp_path / "rel" / "events.duckdb").is_file()
    with open_event_store("duckdb://:memory:") as mem:
        assert mem.log_decisions(decisions(["d1"])) == 1


def test_missing_optional_values_are_stored_as_null(store: EventStore) -> None:
    batch = decisions(["d1", "d2"]).assign(slot=pd.Series(["home", None], dtype=object))
    assert store.log_decisions(batch) == 2
    rows = store.decisions().order_by("decision_id").to_pyarrow().to_pylist()
    assert [r["slot"] for r in rows] == ["home", None]


def test_timezone_aware_timestamps_are_stored_as_utc(store: EventStore) -> None:
    batch = decisions(["d1"]).assign(ts=pd.Timestamp("2024-03-01 16:00", tz="Asia/Shanghai"))
    store.log_decisions(batch)
    assert store.decisions().to_pyarrow().to_pylist()[0]["ts"] == T0.to_pydatetime()


def test_hundred_thousand_rows_with_half_already_stored(store: EventStore) -> None:
    batch = decisions([f"d{i}" for i in range(100_000)])
    assert store.log_decisions(batch) == 100_000
    shifted = decisions([f"d{i}" for i in range(50_000, 150_000)])
    assert store.log_decisions(shifted) == 50_000
    assert store.counts()["decisions"] == 150_000


BAD_BATCHES = [
    (
        decisions(["d1"]).drop(columns=["propensity"]),
        "decisions batch is missing column 'propensity'",
        "决策数据缺少列 'propensity'",
    ),
    (
        decisions(["d1"]).assign(extra=1),
        "decisions batch has unknown column 'extra'",
        "决策数据包含未知列 'extra'",
    ),
    (
        decisions(["d1"]).assign(round=1.5),
        "decisions column 'round' must be int64, got float64",
        "决策列 'round' 的类型应为 int64，实际为 float64",
    ),
    (
        decisions(["d1"]).assign(propensity="0.5"),
        "decisions column 'propensity' must be float64, got str",
        "决策列 'propensity' 的类型应为 float64，实际为 str",
    ),
    (
        decisions(["d1"]).assign(ts="2024-03-01"),
        "decisions column 'ts' must be timestamp, got str",
        "决策列 'ts' 的类型应为 timestamp，实际为 str",
    ),
    (
        decisions(["d1"]).assign(user_id=True),
        "decisions column 'user_id' must be int64, got bool",
        "决策列 'user_id' 的类型应为 int64，实际为 bool",
    ),
    (
        decisions(["d1"]).assign(creative_id=7),
        "decisions column 'creative_id' must be string, got int64",
        "决策列 'creative_id' 的类型应为 string，实际为 int64",
    ),
    (
        decisions(["d1", "d2"]).assign(decision_id=["d1", None]),
        "decisions column 'decision_id' has 1 null values",
        "决策列 'decision_id' 有 1 个空值",
    ),
    (
        [{"decision_id": "d1"}],
        "decisions batch must be a pandas DataFrame, got list",
        "决策数据必须是 pandas DataFrame，收到 list",
    ),
]


@pytest.mark.parametrize(("batch", "message", "message_zh"), BAD_BATCHES)
def test_bad_decision_batches_are_rejected(
    store: EventStore, batch: object, message: str, message_zh: str
) -> None:
    with pytest.raises(InputError) as caught:
        store.log_decisions(batch)
    assert str(caught.value) == message
    assert caught.value.message_zh == message_zh
    assert store.counts()["decisions"] == 0


BAD_EVENTS = [
    (
        events([("e1", "d1", "impression", "s", "c")]).drop(columns=["kind"]),
        "events batch is missing column 'kind'",
    ),
    (
        events([("e1", "d1", "view", "s", "c")]),
        "events column 'kind' has unknown value 'view'; "
        "expected one of impression, click, conversion",
    ),
    (
        events([("e1", "d1", "click", "s", "c")]).assign(value=[None]),
        "events column 'value' must be float64, got object",
    ),
]


@pytest.mark.parametrize(("batch", "message"), BAD_EVENTS)
def test_bad_event_batches_are_rejected(store: EventStore, batch: object, message: str) -> None:
    with pytest.raises(InputError, match="^" + message.replace("(", r"\(") + "$"):
        store.log_events(batch)


@pytest.mark.parametrize(
    ("url", "code"),
    [("events.duckdb", "bad_events_url"), ("nosuchbackend://x", "bad_events_url")],
)
def test_bad_urls_are_rejected(url: str, code: str) -> None:
    with pytest.raises(InputError) as caught:
        open_event_store(url)
    assert caught.value.code == code


def test_arm_stats_on_a_hand_made_fixture(store: EventStore) -> None:
    store.log_decisions(
        pd.concat(
            [
                decisions(["d1", "d2", "d3"], round_=0),
                decisions(["d4", "d5"], round_=1),
            ]
        )
    )
    store.log_events(
        events(
            [
                ("e1", "d1", "impression", "farm.yes", "c1"),
                ("e2", "d1", "click", "farm.yes", "c1"),
                ("e3", "d1", "conversion", "farm.yes", "c1"),
                ("e4", "d2", "impression", "farm.yes", "c1"),
                ("e5", "d3", "impression", "farm.yes", "c2"),
                ("e6", "d3", "click", "farm.yes", "c2"),
                ("e7", "d4", "impression", "farm.yes", "c1"),
                ("e8", "d4", "click", "farm.yes", "c1"),
                ("e9", "d5", "impression", "shop.no", "c1"),
            ]
        )
    )
    every = store.arm_stats()
    assert every.to_dict("records") == [
        {
            "segment_key": "farm.yes",
            "channel": "sms",
            "creative_id": "c1",
            "impressions": 3,
            "clicks": 2,
            "conversions": 1,
        },
        {
            "segment_key": "farm.yes",
            "channel": "sms",
            "creative_id": "c2",
            "impressions": 1,
            "clicks": 1,
            "conversions": 0,
        },
        {
            "segment_key": "shop.no",
            "channel": "sms",
            "creative_id": "c1",
            "impressions": 1,
            "clicks": 0,
            "conversions": 0,
        },
    ]
    first_round = store.arm_stats(round_max=0)
    assert first_round[["creative_id", "impressions", "clicks", "conversions"]].to_dict(
        "records"
    ) == [
        {"creative_id": "c1", "impressions": 2, "clicks": 1, "conversions": 1},
        {"creative_id": "c2", "impressions": 1, "clicks": 1, "conversions": 0},
    ]
    assert list(first_round.dtypes.astype(str))[3:] == ["int64", "int64", "int64"]


def test_arm_stats_of_an_empty_store(store: EventStore) -> None:
    empty = store.arm_stats()
    assert empty.empty
    assert list(empty.columns) == [
        "segment_key",
        "channel",
        "creative_id",
        "impressions",
        "clicks",
        "conversions",
    ]


def test_discounted_arm_stats_halve_per_half_life(store: EventStore) -> None:
    """Events one and two half-lives old count 1/2 and 1/4 (rounded to whole counts)."""
    rows = [(f"e{i}", "d0", "impression", "s", "c1") for i in range(400)]
    frame = events(rows)
    frame["ts"] = (
        [T0] * 200 + [T0 + pd.Timedelta(days=7)] * 100 + [T0 + pd.Timedelta(days=14)] * 100
    )
    store.log_events(frame)
    plain = store.arm_stats()
    assert int(plain["impressions"].iloc[0]) == 400
    decayed = store.arm_stats(half_life=pd.Timedelta(days=7).to_pytimedelta())
    # 200 x 1/4 + 100 x 1/2 + 100 x 1 = 200
    assert int(decayed["impressions"].iloc[0]) == 200
    with pytest.raises(InputError, match="half_life must be positive"):
        store.arm_stats(half_life=pd.Timedelta(0).to_pytimedelta())


@pytest.mark.postgres
def test_concurrent_writers_on_postgres_store_each_id_once(tmp_path: Path) -> None:
    """Several workers (one connection each) log overlapping batches at the same moment:
    the unique index + ON CONFLICT keeps exactly one row per id."""
    from concurrent.futures import ThreadPoolExecutor

    with event_store_url("postgres", tmp_path) as url:
        stores = [open_event_store(url) for _ in range(4)]
        ids = [f"d-{i}" for i in range(3000)]

        def write(k: int) -> int:
            chunk = ids[k * 500 : k * 500 + 1500]
            return stores[k % 4].log_decisions(decisions(chunk))

        with ThreadPoolExecutor(4) as pool:
            inserted = sum(pool.map(write, range(4)))
        assert inserted == 3000
        assert stores[0].counts()["decisions"] == 3000
        for store in stores:
            store.close()
