"""Benchmark: importing a 10M-row users CSV into the events engine (DuckDB file through Ibis),
checks included (type inference, wrong types, empty and duplicate ids), in a child process
(wall time and peak RSS), against ``pandas.read_csv`` of the same file in the same run.

Run: python benchmarks/audience_import.py --users 10000000
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
from child import run_in_child

OCCUPATIONS = np.array(["livestock", "crop", "smb", "merchant", "salaried"])
REGIONS = np.array(["north", "south", "east", "west", "central"])


def write_csv(path: Path, n: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    chunk = 1_000_000
    with pacsv.CSVWriter(
        path,
        pa.schema(
            [
                ("user_id", pa.int64()),
                ("occupation", pa.string()),
                ("rate_discount_eligible", pa.bool_()),
                ("region", pa.string()),
                ("age", pa.int64()),
                ("balance", pa.float64()),
            ]
        ),
    ) as writer:
        for lo in range(0, n, chunk):
            m = min(chunk, n - lo)
            writer.write_table(
                pa.table(
                    {
                        "user_id": np.arange(lo, lo + m, dtype=np.int64),
                        "occupation": OCCUPATIONS[rng.integers(0, 5, m)],
                        "rate_discount_eligible": rng.random(m) < 0.4,
                        "region": REGIONS[rng.integers(0, 5, m)],
                        "age": rng.integers(20, 66, m),
                        "balance": np.round(rng.lognormal(8, 1, m), 2),
                    }
                )
            )


def _peak_gib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024**2
    return 0.0


def run_import(arg: str, queue: Any) -> None:
    import ibis

    from huashu.audience import import_users

    csv_path, db = arg.split("|")
    con = ibis.duckdb.connect(db)
    started = time.perf_counter()
    report = import_users(con, csv_path)
    queue.put(
        {
            "seconds": time.perf_counter() - started,
            "rss_gib": _peak_gib(),
            "rows": report.rows,
            "columns": dict(report.columns),
        }
    )


def run_pandas(arg: str, queue: Any) -> None:
    import pandas as pd

    started = time.perf_counter()
    frame = pd.read_csv(arg)
    ok = bool(frame["user_id"].is_unique) and not frame["user_id"].isna().any()
    queue.put({"seconds": time.perf_counter() - started, "rss_gib": _peak_gib(), "ok": ok})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=10_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dir", type=Path, default=None, help="Work directory (default: temp).")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        csv_path = Path(tmp) / "users.csv"
        write_csv(csv_path, args.users, args.seed)
        size_mib = csv_path.stat().st_size / 1024**2
        huashu = run_in_child(run_import, f"{csv_path}|{Path(tmp) / 'events.duckdb'}")
        peer = run_in_child(run_pandas, str(csv_path))
    assert huashu["rows"] == args.users and peer["ok"]
    print(
        json.dumps(
            {
                "date": time.strftime("%Y-%m-%d"),
                "machine": f"{platform.machine()}, {mp.cpu_count()} cores, "
                f"Python {sys.version.split()[0]}",
                "users": args.users,
                "csv_mib": round(size_mib, 1),
                "huashu_s": round(huashu["seconds"], 2),
                "huashu_rss_gib": round(huashu["rss_gib"], 2),
                "columns": huashu["columns"],
                "pandas_read_csv_s": round(peer["seconds"], 2),
                "pandas_rss_gib": round(peer["rss_gib"], 2),
                "load_average_1m": round(os.getloadavg()[0], 2),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
