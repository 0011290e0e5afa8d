"""Apply (members + catalog tables in the engine) and member-list export to Parquet / CSV."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq
import pytest
from tests.audience.conftest import EXAMPLES

from huashu.audience import apply, export_members, load_spec
from huashu.audience.engine import table, to_pandas
from huashu.domain import InputError


def _spec() -> Any:
    return load_spec(EXAMPLES / "segments" / "rural_bank.yaml")


def test_apply_writes_members_and_catalog(con: Any, bank_users: pd.DataFrame) -> None:
    plan = apply(con, _spec())
    members = to_pandas(table(con, "segment_members"))
    catalog = to_pandas(table(con, "segment_members_catalog")).set_index("segment_key")
    ok = [s for s in plan.segments if s.status == "ok"]
    assert members.groupby("segment_key").size().to_dict() == {s.key: s.size for s in ok}
    crop_yes = set(
        bank_users.user_id[(bank_users.occupation == "crop") & bank_users.rate_discount_eligible]
    )
    assert set(members.user_id[members.segment_key == "crop.yes"]) == crop_yes
    assert catalog.loc["crop.yes", "size"] == len(crop_yes)
    assert catalog.loc["crop.yes", "name"] == "种植户·有优惠"
    assert json.loads(catalog.loc["farmers", "rule"]) == {
        "field": "occupation",
        "op": "in",
        "value": ["livestock", "crop"],
    }
    assert catalog.loc["farmers", "rule_text"] == "occupation in ['livestock', 'crop']"
    small = [s for s in plan.segments if s.status == "too_small"]
    for s in small:
        assert s.key not in set(members.segment_key)
        assert catalog.loc[s.key, "status"] == "too_small"


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_export_one_file_per_segment(
    con: Any, bank_users: pd.DataFrame, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / "lists"
    files = export_members(
        con, _spec(), out, fmt=fmt, keys=["farmers", "smb.no"], columns=["region"]
    )  # type: ignore[arg-type]
    assert [(f.key, f.path.name) for f in files] == [
        ("farmers", f"farmers.{fmt}"),
        ("smb.no", f"smb.no.{fmt}"),
    ]
    frame = (
        pq.read_table(out / f"farmers.{fmt}").to_pandas()
        if fmt == "parquet"
        else pd.read_csv(out / f"farmers.{fmt}")
    )
    farmers = bank_users[bank_users.occupation.isin(["livestock", "crop"])].sort_values("user_id")
    assert list(frame.columns) == ["user_id", "region"]
    assert frame.user_id.tolist() == farmers.user_id.tolist()
    assert frame.region.tolist() == farmers.region.tolist()
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert manifest[0] == {
        "key": "farmers",
        "name": "农户",
        "file": f"farmers.{fmt}",
        "rows": len(farmers),
    }


def test_export_skips_too_small_unless_asked(
    con: Any, bank_users: pd.DataFrame, tmp_path: Path
) -> None:
    spec = replace(_spec(), min_size=1_000, small="mark")
    files = export_members(con, spec, tmp_path / "a")
    sizes = {f.key: f.rows for f in files}
    assert all(n >= 1_000 for n in sizes.values())
    everything = export_members(con, spec, tmp_path / "b", include_small=True)
    assert len(everything) > len(files)


@pytest.mark.parametrize(
    ("kwargs", "code", "message"),
    [
        ({"fmt": "xlsx"}, "bad_format", "export format must be parquet or csv, got 'xlsx'"),
        ({"keys": ["nope"]}, "unknown_segment", "no segment 'nope' in rural_bank"),
        (
            {"columns": ["phone"]},
            "unknown_field",
            "unknown export column 'phone'; fields: user_id, occupation, "
            "rate_discount_eligible, region, age, value_tier",
        ),
    ],
)
def test_bad_exports(
    con: Any,
    bank_users: pd.DataFrame,
    tmp_path: Path,
    kwargs: dict[str, Any],
    code: str,
    message: str,
) -> None:
    with pytest.raises(InputError) as info:
        export_members(con, _spec(), tmp_path, **kwargs)
    assert (info.value.code, str(info.value)) == (code, message)


def test_missing_users_table_says_import_first(con: Any) -> None:
    with pytest.raises(InputError) as info:
        apply(con, _spec())
    assert info.value.code == "unknown_table"
    assert (
        info.value.message_zh
        == "事件引擎中没有表 'users'，请先导入用户（huashu segments import 文件）"
    )
