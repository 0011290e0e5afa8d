"""Benchmark: sizing + overlap of a 100-cell cross product (+ named rule segments) over 10M
synthetic users on the events engine (DuckDB through Ibis), against the same computation written
directly in pandas, each in its own child process (wall time and peak RSS).

Run: python benchmarks/audience_segments.py --users 10000000
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
from child import run_in_child

OCCUPATIONS = ["livestock", "crop", "smb", "merchant", "salaried"]
REGIONS = ["north", "south", "east", "west", "central"]

SPEC: dict[str, Any] = {
    "name": "bench",
    "min_size": 200,
    "value_tiers": {"table": "user_value"},
    "segments": [
        {
            "key": "farmers",
            "rule": {"field": "occupation", "op": "in", "value": ["livestock", "crop"]},
        },
        {"key": "young", "rule": {"field": "age", "op": "<", "value": 30}},
        {"key": "high_value", "rule": {"field": "value_tier", "op": "==", "value": "high"}},
        {
            "key": "east_eligible",
            "rule": {
                "all": [
                    {"field": "region", "value": "east"},
                    {"field": "rate_discount_eligible", "value": True},
                ]
            },
        },
        {"key": "young_farmers", "rule": {"all": [{"segment": "farmers"}, {"segment": "young"}]}},
        {
            "key": "mid_age_not_smb",
            "rule": {
                "all": [
                    {"field": "age", "op": "between", "value": [35, 50]},
                    {"not": {"field": "occupation", "value": "smb"}},
                ]
            },
        },
    ],
    "cross": {
        "dimensions": [
            {
                "name": "occupation",
                "field": "occupation",
                "values": [{"label": o, "value": o} for o in OCCUPATIONS],
            },
            {
                "name": "eligible",
                "field": "rate_discount_eligible",
                "values": [{"label": "有优惠", "value": True}, {"label": "无优惠", "value": False}],
            },
            {
                "name": "region",
                "field": "region",
                "values": [{"label": r, "value": r} for r in REGIONS],
            },
            {
                "name": "tier",
                "field": "value_tier",
                "values": [
                    {"label": "高价值", "key": "high", "value": "high"},
                    {
                        "label": "其他",
                        "key": "rest",
                        "rule": {
                            "field": "value_tier",
                            "op": "in",
                            "value": ["mid", "low", "inactive"],
                        },
                    },
                ],
            },
        ]
    },
}


def run_generate(arg: str, queue: Any) -> None:
    db, n, seed = arg.split("|")
    queue.put(generate(Path(db), int(n), int(seed)))


def generate(db: Path, n: int, seed: int) -> dict[str, float]:
    """Users (and their RFM tiers from a transactions table) in a DuckDB file, chunk by chunk."""
    import ibis

    from huashu.audience.engine import quiet, write_table
    from huashu.audience.tiers import materialize_tiers

    con = ibis.duckdb.connect(db)
    rng = np.random.default_rng(seed)
    chunk = 1_000_000
    started = time.perf_counter()
    first = True
    tx_first = True
    for lo in range(0, n, chunk):
        m = min(chunk, n - lo)
        occ = rng.choice(5, m, p=[0.25, 0.30, 0.15, 0.15, 0.15])
        users = pa.table(
            {
                "user_id": np.arange(lo, lo + m, dtype=np.int64),
                "occupation": pa.array(np.array(OCCUPATIONS)[occ]),
                "rate_discount_eligible": rng.random(m)
                < np.array([0.55, 0.6, 0.3, 0.25, 0.15])[occ],
                "region": pa.array(np.array(REGIONS)[rng.integers(0, 5, m)]),
                "age": rng.integers(20, 66, m),
            }
        )
        k = rng.poisson(1.5, m)
        owner = np.repeat(users["user_id"].to_numpy(), k)
        tx = pa.table(
            {
                "user_id": owner,
                "ts": pa.array(
                    np.datetime64("2026-01-01")
                    + rng.integers(0, 365 * 86400, len(owner)).astype("timedelta64[s]"),
                    type=pa.timestamp("s"),
                ),
                "amount": np.round(rng.lognormal(5.0, 1.0, len(owner)), 2),
            }
        )
        if first:
            write_table(con, "users", users)
            first = False
        else:
            with quiet():
                con.insert("users", users)
        if tx_first:
            write_table(con, "transactions", tx)
            tx_first = False
        else:
            with quiet():
                con.insert("transactions", tx)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    materialize_tiers(con, "transactions", "users", "user_value", as_of="2026-12-31")
    tiers = time.perf_counter() - started
    started = time.perf_counter()
    materialize_tiers(
        con, "transactions", "users", "user_value", as_of="2026-12-31", users_into="users_valued"
    )
    joined = time.perf_counter() - started
    with quiet():
        con.disconnect()
    return {"generate_s": generated, "tiers_s": tiers, "tiers_with_users_s": joined}


def _rss_gib() -> float:
    """Peak RSS of this process (VmHWM: reset by exec, unlike ru_maxrss, which a spawned child
    inherits from its parent's high-water mark)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024**2
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2


def run_huashu(arg: str, queue: Any) -> None:
    """Size the spec; ``arg`` is ``db|joined`` (tiers joined from user_value at query time) or
    ``db|column`` (users_valued, whose value_tier column was written by the tiers step)."""
    import ibis

    from huashu.audience import parse_spec
    from huashu.audience.plan import compile_spec, population_table, size_plan
    from huashu.audience.profiles import profile_plan

    db, mode = arg.split("|")
    con = ibis.duckdb.connect(db, read_only=True)
    data = dict(SPEC)
    if mode == "column":
        data.pop("value_tiers")
        data["users"] = "users_valued"
    spec = parse_spec(data, "bench")
    started = time.perf_counter()
    compiled = compile_spec(population_table(con, spec), spec)
    plan = size_plan(compiled)
    sizing = time.perf_counter() - started
    started = time.perf_counter()
    profile_plan(compiled, plan)
    profiles = time.perf_counter() - started
    queue.put(
        {
            "seconds": sizing,
            "profiles_s": profiles,
            "rss_gib": _rss_gib(),
            "sizes": plan.sizes(),
            "overlap_sum": int(plan.overlap.sum()),
            "segments": len(plan.segments),
            "cells": len(compiled.cells),
        }
    )


def run_pandas(parquet: str, queue: Any) -> None:
    started = time.perf_counter()
    u = pd.read_parquet(parquet)
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    occ, reg, tier = u["occupation"], u["region"], u["value_tier"]
    rules = [
        occ.isin(["livestock", "crop"]),
        u["age"] < 30,
        tier == "high",
        (reg == "east") & u["rate_discount_eligible"],
    ]
    rules.append(rules[0] & rules[1])
    rules.append(u["age"].between(35, 50) & (occ != "smb"))
    word = np.zeros(len(u), dtype=np.int64)
    for b, mask in enumerate(rules):
        word |= mask.to_numpy(dtype=bool).astype(np.int64) << b
    occ_i = pd.Categorical(occ, categories=OCCUPATIONS).codes.astype(np.int64)
    reg_i = pd.Categorical(reg, categories=REGIONS).codes.astype(np.int64)
    elig_i = np.where(u["rate_discount_eligible"].to_numpy(dtype=bool), 0, 1)
    tier_i = np.where(tier.to_numpy() == "high", 0, 1)
    cell = ((occ_i * 2 + elig_i) * 5 + reg_i) * 2 + tier_i
    groups = (
        pd.DataFrame({"cell": cell, "w": word}).groupby(["cell", "w"]).size().reset_index(name="n")
    )
    n = groups["n"].to_numpy(dtype=np.int64)
    member = np.zeros((len(groups), len(rules) + 100), dtype=np.int64)
    for b in range(len(rules)):
        member[:, b] = (groups["w"].to_numpy() >> b) & 1
    member[np.arange(len(groups)), len(rules) + groups["cell"].to_numpy()] = 1
    overlap = member.T @ (member * n[:, None])
    seconds = time.perf_counter() - started
    queue.put(
        {
            "seconds": seconds,
            "load_s": loaded,
            "rss_gib": _rss_gib(),
            "rule_sizes": [int(x) for x in np.diag(overlap)[: len(rules)]],
            "cell_sizes": [int(x) for x in np.diag(overlap)[len(rules) :]],
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=10_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dir", type=Path, default=None, help="Work directory (default: temp).")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        db = Path(tmp) / "bench.duckdb"
        prep = run_in_child(run_generate, f"{db}|{args.users}|{args.seed}")
        import ibis

        from huashu.audience.engine import quiet, table

        con = ibis.duckdb.connect(db)
        parquet = Path(tmp) / "users.parquet"
        users = table(con, "users")
        tiers = table(con, "user_value")
        joined = users.left_join(tiers, "user_id").select(users, tiers.value_tier)
        with quiet():
            joined.to_parquet(parquet)
            con.disconnect()
        huashu = run_in_child(run_huashu, f"{db}|joined")
        column = run_in_child(run_huashu, f"{db}|column")
        peer = run_in_child(run_pandas, str(parquet))
    assert column["sizes"] == huashu["sizes"]
    sizes = huashu["sizes"]
    rule_keys = [s["key"] for s in SPEC["segments"]]
    assert [sizes[k] for k in rule_keys] == peer["rule_sizes"], "rule segment sizes differ"
    cell_keys = [
        f"{o}.{e}.{r}.{t}"
        for o in OCCUPATIONS
        for e in ("yes", "no")
        for r in REGIONS
        for t in ("high", "rest")
    ]
    assert [sizes[k] for k in cell_keys] == peer["cell_sizes"], "cross cell sizes differ"
    result = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {mp.cpu_count()} cores, Python {sys.version.split()[0]}",
        "users": args.users,
        "cells": huashu["cells"],
        "segments": huashu["segments"],
        **prep,
        "huashu_s": round(huashu["seconds"], 2),
        "huashu_profiles_s": round(huashu["profiles_s"], 2),
        "huashu_rss_gib": round(huashu["rss_gib"], 2),
        "huashu_tier_column_s": round(column["seconds"], 2),
        "huashu_tier_column_profiles_s": round(column["profiles_s"], 2),
        "huashu_tier_column_rss_gib": round(column["rss_gib"], 2),
        "pandas_s": round(peer["seconds"], 2),
        "pandas_load_s": round(peer["load_s"], 2),
        "pandas_rss_gib": round(peer["rss_gib"], 2),
        "ratio": round(peer["seconds"] / huashu["seconds"], 2),
        "ratio_tier_column": round(peer["seconds"] / column["seconds"], 2),
        "load_average_1m": round(os.getloadavg()[0], 2),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
