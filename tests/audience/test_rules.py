"""The rule language: every operator against pandas, injection-safe values, and bad rules with
their exact errors."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from huashu.audience import parse_spec, preview
from huashu.audience.engine import table, to_pandas, write_table
from huashu.audience.plan import compile_spec
from huashu.audience.rules import RuleCompiler, show_rule
from huashu.domain import InputError


def _count(con: Any, rule: dict[str, Any]) -> int:
    users = table(con, "users")
    expr = RuleCompiler(users).compile(rule, "t")
    return int(to_pandas(users.aggregate(n=expr.ifelse(1, 0).sum()))["n"].iloc[0])


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ({"field": "occupation", "op": "==", "value": "crop"}, lambda u: u.occupation == "crop"),
        ({"field": "occupation", "op": "!=", "value": "crop"}, lambda u: u.occupation != "crop"),
        ({"field": "age", "op": "<", "value": 30}, lambda u: u.age < 30),
        ({"field": "age", "op": "<=", "value": 30}, lambda u: u.age <= 30),
        ({"field": "age", "op": ">", "value": 50.5}, lambda u: u.age > 50.5),
        ({"field": "age", "op": ">=", "value": 50}, lambda u: u.age >= 50),
        ({"field": "age", "op": "between", "value": [30, 40]}, lambda u: u.age.between(30, 40)),
        (
            {"field": "region", "op": "in", "value": ["east", "west"]},
            lambda u: u.region.isin(["east", "west"]),
        ),
        (
            {"field": "region", "op": "not in", "value": ["east", "west"]},
            lambda u: ~u.region.isin(["east", "west"]),
        ),
        (
            {"field": "occupation", "op": "contains", "value": "ock"},
            lambda u: u.occupation == "livestock",
        ),
        ({"field": "rate_discount_eligible", "value": True}, lambda u: u.rate_discount_eligible),
        ({"field": "age", "op": "is null"}, lambda u: u.age.isna()),
        ({"field": "age", "op": "is not null"}, lambda u: u.age.notna()),
        (
            {
                "any": [
                    {
                        "all": [
                            {"field": "age", "op": "<", "value": 25},
                            {"field": "region", "value": "east"},
                        ]
                    },
                    {
                        "not": {
                            "field": "occupation",
                            "op": "in",
                            "value": ["crop", "livestock", "smb"],
                        }
                    },
                ]
            },
            lambda u: (
                ((u.age < 25) & (u.region == "east"))
                | ~u.occupation.isin(["crop", "livestock", "smb"])
            ),
        ),
    ],
)
def test_operators_match_pandas(
    con: Any, bank_users: pd.DataFrame, rule: dict[str, Any], expected: Any
) -> None:
    assert _count(con, rule) == int(expected(bank_users).sum())


def test_null_fields_match_no_comparison(con: Any) -> None:
    write_table(con, "users", pd.DataFrame({"user_id": [1, 2, 3], "age": [20.0, None, 40.0]}))
    assert _count(con, {"field": "age", "op": "!=", "value": 20}) == 1
    assert _count(con, {"not": {"field": "age", "op": "==", "value": 20}}) == 2
    assert _count(con, {"field": "age", "op": "is null"}) == 1


def test_injection_value_is_just_a_value(con: Any) -> None:
    evil = "'; DROP TABLE users; --"
    write_table(con, "users", pd.DataFrame({"user_id": [1, 2], "name": [evil, "ok"]}))
    assert _count(con, {"field": "name", "op": "==", "value": evil}) == 1
    assert _count(con, {"field": "name", "op": "in", "value": [evil, '" OR 1=1 --']}) == 1
    assert _count(con, {"field": "name", "op": "contains", "value": "DROP TABLE"}) == 1
    assert int(to_pandas(table(con, "users").count().as_table())["CountStar(users)"].iloc[0]) == 2


def test_show_rule_renders_nested_rules() -> None:
    rule = {
        "all": [
            {"segment": "farmers"},
            {"any": [{"field": "age", "op": "<", "value": 35}, {"field": "x", "op": "is null"}]},
            {"not": {"field": "region", "value": "east"}},
        ]
    }
    assert (
        show_rule(rule) == "segment farmers and (age < 35 or x is null) and not (region == 'east')"
    )


def _spec(*segments: dict[str, Any]) -> Any:
    return parse_spec({"segments": list(segments)}, "t.yaml")


BAD_RULES = [
    (
        [{"key": "a", "rule": {"field": "agee", "op": ">", "value": 3}}],
        "unknown_field",
        "segment 'a': rule: unknown field 'agee'; fields: user_id, occupation, "
        "rate_discount_eligible, region, age, value_tier",
    ),
    (
        [{"key": "a", "rule": {"field": "age", "op": ">", "value": "abc"}}],
        "wrong_type",
        "segment 'a': rule: field 'age' is number, value 'abc' is string",
    ),
    (
        [{"key": "a", "rule": {"all": [{"field": "region", "value": 3}]}}],
        "wrong_type",
        "segment 'a': rule.all[0]: field 'region' is string, value 3 is number",
    ),
    (
        [{"key": "a", "rule": {"field": "rate_discount_eligible", "op": "<", "value": True}}],
        "wrong_type",
        "segment 'a': rule: operator '<' does not apply to boolean field 'rate_discount_eligible'",
    ),
    (
        [{"key": "a", "rule": {"field": "age", "op": "contains", "value": "3"}}],
        "wrong_type",
        "segment 'a': rule: operator 'contains' does not apply to number field 'age'",
    ),
    (
        [{"key": "a", "rule": {"field": "age", "op": "~=", "value": 3}}],
        "unknown_operator",
        "segment 'a': rule: unknown operator '~='; operators: ==, !=, <, <=, >, >=, in, not in, "
        "between, is null, is not null, contains",
    ),
    (
        [{"key": "a", "rule": {"field": "age", "op": "in", "value": []}}],
        "bad_rule",
        "segment 'a': rule: 'in' needs a non-empty list",
    ),
    (
        [{"key": "a", "rule": {"field": "age", "op": "between", "value": [1]}}],
        "bad_rule",
        "segment 'a': rule: 'between' needs [low, high]",
    ),
    (
        [{"key": "a", "rule": {"field": "age", "op": "is null", "value": 1}}],
        "bad_rule",
        "segment 'a': rule: 'is null' takes no value",
    ),
    (
        [{"key": "a", "rule": {"field": "age", "op": ">"}}],
        "bad_rule",
        "segment 'a': rule: '>' needs a value",
    ),
    (
        [{"key": "a", "rule": {"any": []}}],
        "bad_rule",
        "segment 'a': rule.any: must be a non-empty list",
    ),
    (
        [{"key": "a", "rule": {"either": []}}],
        "bad_rule",
        "segment 'a': rule: unknown condition 'either'; "
        "use field/op/value, all, any, not or segment",
    ),
    (
        [{"key": "a", "rule": {"not": {"segment": "b"}}}],
        "unknown_segment",
        "segment 'a': unknown segment reference 'b'",
    ),
    (
        [
            {"key": "a", "rule": {"segment": "b"}},
            {
                "key": "b",
                "rule": {"all": [{"field": "age", "op": ">", "value": 1}, {"segment": "c"}]},
            },
            {"key": "c", "rule": {"not": {"segment": "a"}}},
        ],
        "segment_cycle",
        "segment reference cycle: a -> b -> c -> a",
    ),
    (
        [{"key": "a", "rule": {"segment": "a"}}],
        "segment_cycle",
        "segment reference cycle: a -> a",
    ),
]


@pytest.mark.parametrize(("segments", "code", "message"), BAD_RULES)
def test_bad_rules(
    con: Any, bank_users: pd.DataFrame, segments: list[dict[str, Any]], code: str, message: str
) -> None:
    with pytest.raises(InputError) as info:
        compile_spec(table(con, "users"), _spec(*segments))
    assert info.value.code == code
    assert str(info.value) == message


def test_bad_rule_message_in_chinese(con: Any, bank_users: pd.DataFrame) -> None:
    with pytest.raises(InputError) as info:
        preview(
            con,
            _spec({"key": "a", "name": "甲", "rule": {"field": "age", "op": ">", "value": "abc"}}),
        )
    assert info.value.message_zh == "人群 'a'：rule：字段 'age' 是数值类型，取值 'abc' 类型不符"


BAD_FILES = [
    ({"segments": [], "bogus": 1}, "t.yaml: unknown key(s): bogus"),
    (
        {"version": 2, "segments": [{"key": "a", "rule": {"field": "age"}}]},
        "version: only version 1 is supported",
    ),
    ({}, "t.yaml: define 'segments', 'cross' or both"),
    (
        {"segments": [{"key": "a b", "rule": {}}]},
        "segments[0].key: 'a b' must be ASCII letters, digits, '_' or '-'",
    ),
    ({"segments": [{"key": "a"}]}, "segments[0].rule: must be a mapping"),
    (
        {
            "segments": [
                {"key": "a", "rule": {"field": "age"}},
                {"key": "a", "rule": {"field": "age"}},
            ]
        },
        "segments: duplicate segment key(s): a",
    ),
    ({"small": "drop", "segments": []}, "small: must be 'merge' or 'mark', got 'drop'"),
    (
        {"min_size": -1, "segments": [{"key": "a", "rule": {"field": "age"}}]},
        "min_size: must be an integer >= 0",
    ),
    ({"cross": {"dimensions": []}}, "cross.dimensions: must not be empty"),
    (
        {"cross": {"dimensions": [{"name": "d", "values": [{"label": "x", "value": 1}]}]}},
        "cross.dimensions[0].values[0]: a 'value' needs the dimension's 'field'",
    ),
    (
        {"cross": {"dimensions": [{"name": "d", "field": "f", "values": [{"label": "x"}]}]}},
        "cross.dimensions[0].values[0]: give exactly one of 'value' or 'rule'",
    ),
    (
        {
            "cross": {
                "dimensions": [
                    {
                        "name": "d",
                        "field": "f",
                        "values": [{"label": "x", "value": 1}, {"label": "x", "value": 2}],
                    }
                ]
            }
        },
        "cross.dimensions[0].values: duplicate value labels: x",
    ),
    (
        {
            "cross": {
                "within": "nope",
                "dimensions": [{"name": "d", "field": "f", "values": [{"label": "x", "value": 1}]}],
            }
        },
        "cross.within: unknown segment 'nope'",
    ),
    (
        {"value_tiers": {"bins": 5}, "segments": [{"key": "a", "rule": {"field": "age"}}]},
        "value_tiers: give exactly one of 'transactions' or 'table'",
    ),
]


@pytest.mark.parametrize(("data", "message"), BAD_FILES)
def test_bad_segment_files(data: dict[str, Any], message: str) -> None:
    with pytest.raises(InputError) as info:
        parse_spec(data, "t.yaml")
    assert info.value.code == "bad_segment_file"
    assert str(info.value) == message
