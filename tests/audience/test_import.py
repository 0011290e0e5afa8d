"""User import from CSV, Parquet, SQLite and PostgreSQL into the events engine, and bad files
with the row number and column of each problem."""

from __future__ import annotations

import os
import sqlite3
import uuid
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from tests.audience.conftest import population

from huashu.audience import import_users
from huashu.audience.engine import table, to_pandas
from huashu.domain import InputError

PG_ENV = "HUASHU_TEST_DATABASE_URL"


def _stored(con: Any, name: str = "users") -> pd.DataFrame:
    return to_pandas(table(con, name)).sort_values("user_id").reset_index(drop=True)


def test_csv_import_infers_types(con: Any, tmp_path: Path) -> None:
    path = tmp_path / "users.csv"
    path.write_text(
        "user_id,age,score,vip,city,joined\n"
        '1,30,1.5,true,北京,2024-01-02\n2,31,2,false,"上海, 浦东",2024-02-03 10:00:00\n3,,,,,\n',
        "utf-8",
    )
    report = import_users(con, path)
    assert report.rows == 3 and report.table == "users" and report.source == "users.csv"
    assert dict(report.columns) == {
        "user_id": "int64",
        "age": "int64",
        "score": "float64",
        "vip": "boolean",
        "city": "string",
        "joined": "timestamp(6)",
    }
    got = _stored(con)
    assert got.city.tolist()[:2] == ["北京", "上海, 浦东"]
    assert got.score.tolist()[:2] == [1.5, 2.0]
    assert pd.isna(got.age[2])


def test_declared_type_keeps_codes_as_text(con: Any, tmp_path: Path) -> None:
    path = tmp_path / "u.csv"
    path.write_text("user_id,zip\nA1,007\nA2,010\n", "utf-8")
    report = import_users(con, path, types={"zip": "string"})
    assert dict(report.columns) == {"user_id": "string", "zip": "string"}
    assert _stored(con).zip.tolist() == ["007", "010"]


def test_parquet_import_keeps_file_types(con: Any, tmp_path: Path) -> None:
    users = population("rural_bank", 3_000)
    pq.write_table(pa.Table.from_pandas(users, preserve_index=False), tmp_path / "u.parquet")
    report = import_users(con, tmp_path / "u.parquet", table="bank_users")
    assert report.rows == 3_000
    assert dict(report.columns)["rate_discount_eligible"] == "boolean"
    got = _stored(con, "bank_users")
    pd.testing.assert_frame_equal(got, users, check_dtype=False)


def test_sqlite_table_import(con: Any, tmp_path: Path) -> None:
    db = tmp_path / "crm.sqlite"
    with sqlite3.connect(db) as sq:
        sq.execute("create table customers (user_id integer, occupation text, age integer)")
        sq.executemany(
            "insert into customers values (?, ?, ?)",
            [(i, "crop" if i % 2 else "smb", 20 + i) for i in range(1, 601)],
        )
    report = import_users(con, f"sqlite:///{db}", source_table="customers")
    assert report.rows == 600
    assert report.source == f"sqlite:///{db}#customers"
    got = _stored(con)
    assert got.occupation.value_counts().to_dict() == {"crop": 300, "smb": 300}
    assert got.age.sum() == sum(20 + i for i in range(1, 601))


@pytest.mark.postgres
def test_postgres_table_import(con: Any) -> None:
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"PostgreSQL source: set {PG_ENV}")
    import psycopg

    name = f"huashu_users_{uuid.uuid4().hex[:10]}"
    url = base.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url, autocommit=True) as pg:
        pg.execute(f'create table "{name}" (user_id bigint, region text, vip boolean)')
        with pg.cursor() as cur:
            cur.executemany(
                f'insert into "{name}" values (%s, %s, %s)',
                [(i, "east" if i % 3 == 0 else "west", i % 5 == 0) for i in range(1, 301)],
            )
        try:
            report = import_users(
                con, url.replace("postgresql://", "postgres://"), source_table=name
            )
        finally:
            pg.execute(f'drop table "{name}"')
    assert report.rows == 300
    assert dict(report.columns) == {"user_id": "int64", "region": "string", "vip": "boolean"}
    got = _stored(con)
    assert int((got.region == "east").sum()) == 100 and int(got.vip.sum()) == 60


def test_database_errors_are_input_errors(con: Any, tmp_path: Path) -> None:
    db = tmp_path / "empty.sqlite"
    sqlite3.connect(db).close()
    with pytest.raises(InputError) as info:
        import_users(con, f"sqlite:///{db}", source_table="nope")
    assert info.value.code == "unreadable_source"
    assert str(info.value) == f"cannot read table 'nope' from sqlite:///{db} (TableNotFound)"
    with pytest.raises(InputError) as info:
        import_users(con, f"sqlite:///{db}", source_table="nope", label="crm")
    assert str(info.value) == "cannot read table 'nope' from crm (TableNotFound)"
    with pytest.raises(InputError) as info:
        import_users(con, f"sqlite:///{db}")
    assert info.value.code == "missing_source_table"


def test_a_failed_import_leaves_the_old_table(con: Any, tmp_path: Path) -> None:
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text("user_id,age\n1,30\n", "utf-8")
    bad.write_text("user_id,age\n1,30\n1,31\n", "utf-8")
    import_users(con, good)
    with pytest.raises(InputError):
        import_users(con, bad)
    assert _stored(con).age.tolist() == [30]


AGES = "".join(f"{i},{20 + i}\n" for i in range(3, 13))

BAD_FILES = [
    (
        "wrong_type.csv",
        "user_id,age\n1,30\n2,abc\n" + AGES,
        "wrong_type",
        "wrong_type.csv row 2 (line 3), column 'age': the value is not int64 (1 row(s) in all)",
        "wrong_type.csv 第 2 条记录（第 3 行），列 'age'：取值不是 int64 类型（共 1 条）",
    ),
    (
        "missing_id.csv",
        "user_id,age\n1,30\n,31\n3,\n",
        "missing_id",
        "missing_id.csv row 2 (line 3): id column 'user_id' is empty (1 row(s) in all)",
        "missing_id.csv 第 2 条记录（第 3 行）：ID 列 'user_id' 为空（共 1 条）",
    ),
    (
        "dup_id.csv",
        "user_id,age\n7,30\n8,31\n7,32\n",
        "duplicate_id",
        "dup_id.csv row 1 (line 2) and row 3 (line 4): duplicate id in column 'user_id' "
        "(1 duplicated id(s))",
        "dup_id.csv 第 1 条记录（第 2 行）与第 3 条记录（第 4 行）："
        "列 'user_id' 的 ID 重复（共 1 个重复 ID）",
    ),
    (
        "no_id.csv",
        "id,age\n1,30\n",
        "missing_id_column",
        "no_id.csv: no id column 'user_id'; columns: id, age",
        "no_id.csv：缺少 ID 列 'user_id'；现有列：id、age",
    ),
    (
        "short_row.csv",
        "user_id,age,city\n1,30,a\n2,31\n",
        "malformed_file",
        "short_row.csv line 3: expected 3 columns, found 2",
        "short_row.csv 第 3 行：应有 3 列，实际 2 列",
    ),
    (
        "long_row.csv",
        "user_id,age\n1,30\n2,31,x\n",
        "malformed_file",
        "long_row.csv line 3: expected 2 columns, found 3",
        "long_row.csv 第 3 行：应有 2 列，实际 3 列",
    ),
    (
        "quote.csv",
        'user_id,city\n1,a\n2,"b\n',
        "malformed_file",
        "quote.csv line 3: unterminated quote",
        "quote.csv 第 3 行：引号未闭合",
    ),
    ("empty.csv", "", "empty_file", "empty.csv: the file is empty", "empty.csv：文件为空"),
    (
        "blank_header.csv",
        "user_id,,age\n1,2,3\n",
        "bad_header",
        "blank_header.csv: header column 2 has no name",
        "blank_header.csv：表头第 2 列没有列名",
    ),
    (
        "dup_header.csv",
        "user_id,age,age\n1,2,3\n",
        "bad_header",
        "dup_header.csv: header repeats column 'age'",
        "dup_header.csv：表头列名 'age' 重复",
    ),
    (
        "users.xlsx",
        "x",
        "unsupported_format",
        "users.xlsx: unsupported format 'xlsx' (use csv or parquet)",
        "users.xlsx：不支持的格式 'xlsx'（请用 csv 或 parquet）",
    ),
]


@pytest.mark.parametrize(("name", "text", "code", "message", "message_zh"), BAD_FILES)
def test_bad_files(
    con: Any, tmp_path: Path, name: str, text: str, code: str, message: str, message_zh: str
) -> None:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    with pytest.raises(InputError) as info:
        import_users(con, path)
    assert (info.value.code, str(info.value), info.value.message_zh) == (code, message, message_zh)


def test_bad_row_details_list_every_problem(con: Any, tmp_path: Path) -> None:
    path = tmp_path / "u.csv"
    path.write_text(
        "user_id,age\n" + "".join(f"{i},{'x' if i in (4, 9) else i}\n" for i in range(1, 41)),
        "utf-8",
    )
    with pytest.raises(InputError) as info:
        import_users(con, path)
    assert info.value.details["problems"] == [
        {"row": 4, "column": "age"},
        {"row": 9, "column": "age"},
    ]


@pytest.mark.parametrize(
    ("kwargs", "code", "message"),
    [
        (
            {"types": {"age": "integer"}},
            "bad_type_name",
            "unknown type 'integer' for column 'age'; "
            "types: int64, float64, boolean, timestamp, string",
        ),
        (
            {"types": {"agee": "int64"}},
            "unknown_field",
            "u.csv: declared type for unknown column 'agee'",
        ),
        (
            {"types": {"city": "int64"}},
            "wrong_type",
            "u.csv row 1 (line 2), column 'city': the value is not int64 (2 row(s) in all)",
        ),
        (
            {"id_column": "uid"},
            "missing_id_column",
            "u.csv: no id column 'uid'; columns: user_id, age, city",
        ),
    ],
)
def test_bad_import_options(
    con: Any, tmp_path: Path, kwargs: dict[str, Any], code: str, message: str
) -> None:
    path = tmp_path / "u.csv"
    path.write_text("user_id,age,city\n1,30,a\n2,31,b\n", "utf-8")
    with pytest.raises(InputError) as info:
        import_users(con, path, **kwargs)
    assert (info.value.code, str(info.value)) == (code, message)


def test_bad_parquet(con: Any, tmp_path: Path) -> None:
    path = tmp_path / "u.parquet"
    path.write_bytes(b"PAR1 not really")
    with pytest.raises(InputError) as info:
        import_users(con, path)
    assert info.value.code == "unreadable_file"
    assert str(info.value) == "u.parquet: not a readable Parquet file"
    dup = tmp_path / "dup.parquet"
    pq.write_table(pa.table({"user_id": [5, 6, 5], "x": [1, 2, 3]}), dup)
    with pytest.raises(InputError) as info:
        import_users(con, dup)
    assert (
        str(info.value)
        == "dup.parquet row 1 and row 3: duplicate id in column 'user_id' (1 duplicated id(s))"
    )
