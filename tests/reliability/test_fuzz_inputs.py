"""Hostile input, generated: the rule language, segment files and brand packs answer arbitrary
structures and text with an :class:`InputError` (or a working result), never another
exception. (The compliance normaliser's offset map and the checker's spans on any Unicode are
property-tested in tests/compliance/test_property.py; the API bodies against the OpenAPI spec
in tests/web/test_api_contract.py.)"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ibis
import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from huashu.audience import parse_spec
from huashu.audience.engine import quiet, table, to_pandas, write_table
from huashu.audience.plan import compile_spec, population_table
from huashu.audience.rules import OPERATORS, RuleCompiler
from huashu.brand import load_brand_pack, validate_brand_pack
from huashu.domain import InputError

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FIELDS = ["user_id", "age", "region", "vip", "joined", "nope", "", "age; DROP TABLE users"]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.dates(),
    st.datetimes(),
    st.sampled_from(["2026-01-01", "2026-13-45", "east", "'; DROP TABLE users; --"]),
)
JSONISH = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.one_of(st.text(max_size=6), st.integers(), st.none()), inner, max_size=4
        )
    ),
    max_leaves=12,
)
NUMBER = st.one_of(st.integers(), st.floats(allow_nan=True, allow_infinity=True))
#: Well-typed comparisons (so many rules compile), then the same keys with anything in them.
VALID = st.one_of(
    st.builds(
        lambda op, v: {"field": "age", "op": op, "value": v},
        st.sampled_from(["==", "!=", "<", "<=", ">", ">="]),
        NUMBER,
    ),
    st.builds(
        lambda op, v: {"field": "region", "op": op, "value": v},
        st.sampled_from(["==", "!=", "contains", "<"]),
        st.text(max_size=8),
    ),
    st.builds(
        lambda op, v: {"field": "region", "op": op, "value": v},
        st.sampled_from(["in", "not in"]),
        st.lists(st.text(max_size=5), min_size=1, max_size=3),
    ),
    st.builds(
        lambda v: {"field": "age", "op": "between", "value": v},
        st.lists(NUMBER, min_size=2, max_size=2),
    ),
    st.builds(lambda v: {"field": "vip", "value": v}, st.booleans()),
    st.builds(
        lambda op, v: {"field": "joined", "op": op, "value": v},
        st.sampled_from(["<", ">=", "=="]),
        st.one_of(st.dates().map(str), st.datetimes().map(str), st.text(max_size=10)),
    ),
    st.builds(
        lambda f, op: {"field": f, "op": op},
        st.sampled_from(FIELDS[:5]),
        st.sampled_from(["is null", "is not null"]),
    ),
)
NOISY = st.fixed_dictionaries(
    {"field": st.sampled_from(FIELDS)},
    optional={
        "op": st.one_of(st.sampled_from(OPERATORS), JSONISH),
        "value": st.one_of(SCALARS, st.lists(SCALARS, max_size=3), JSONISH),
    },
)
COMPARISON = st.one_of(VALID, VALID, VALID, NOISY, JSONISH)
RULES = st.recursive(
    COMPARISON,
    lambda inner: st.one_of(
        st.fixed_dictionaries({"all": st.lists(inner, min_size=1, max_size=3)}),
        st.fixed_dictionaries({"any": st.lists(inner, min_size=1, max_size=3)}),
        st.fixed_dictionaries({"all": st.lists(inner, max_size=3)}),
        st.fixed_dictionaries({"not": inner}),
        st.fixed_dictionaries({"segment": st.one_of(st.sampled_from(["a", "b", "zz"]), JSONISH)}),
        st.dictionaries(st.sampled_from(["all", "any", "not", "field", "op"]), inner, max_size=3),
    ),
    max_leaves=10,
)
FUZZ = settings(
    max_examples=100,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def users(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    con = ibis.duckdb.connect(tmp_path_factory.mktemp("fuzz") / "events.duckdb")
    frame = pd.DataFrame(
        {
            "user_id": [1, 2, 3],
            "age": [20.0, None, 61.0],
            "region": ["east", None, "west"],
            "vip": [True, False, None],
            "joined": pd.to_datetime(["2026-01-01", None, "2025-06-30"]),
        }
    )
    write_table(con, "users", frame)
    yield con
    with quiet():
        con.disconnect()


@FUZZ
@given(rule=RULES)
def test_rule_compiles_or_is_an_input_error(users: Any, rule: object) -> None:
    population = table(users, "users")
    try:
        expr = RuleCompiler(population).compile(rule, "fuzz")
    except InputError as err:
        assert err.code in {"bad_rule", "unknown_field", "unknown_operator", "wrong_type"}
        assert err.message_zh and err.details["segment"] == "fuzz"
        return
    # a rule that compiles is a boolean over the population that the engine can run
    counted = to_pandas(population.aggregate(n=expr.ifelse(1, 0).sum()))
    assert 0 <= int(counted["n"].fillna(0).iloc[0]) <= 3


@FUZZ
@given(
    segments=st.lists(
        st.fixed_dictionaries(
            {"key": st.one_of(st.sampled_from(["a", "b", "zz"]), JSONISH), "rule": RULES},
            optional={"name": JSONISH},
        ),
        max_size=3,
    ),
    top=st.one_of(
        st.just({}),
        st.dictionaries(st.sampled_from(["version", "small", "users", "id", "bogus"]), JSONISH),
    ),
)
def test_segment_file_parses_and_compiles_or_is_an_input_error(
    users: Any, segments: list[Any], top: dict[str, Any]
) -> None:
    try:
        spec = parse_spec({**top, "segments": segments}, "fuzz.yaml")
        compiled = compile_spec(population_table(users, spec), spec)
    except InputError as err:
        assert err.code and err.message_zh
        return
    assert set(compiled.rule_exprs) == {s.key for s in spec.segments}


HOSTILE_VALUES = ["", "[]", "{}", "-1", "null", "&a *a", "!!python/object:os.system ls"]
HOSTILE_VALUES += ["1e999", "保本"]


def _mutations() -> st.SearchStrategy[str]:
    """The example packs' text with lines dropped, duplicated, swapped or retyped."""
    texts = [
        p.read_text("utf-8") for p in sorted(EXAMPLES.glob("*.yaml")) if ".world." not in p.name
    ]

    @st.composite
    def mutate(draw: st.DrawFn) -> str:
        lines = draw(st.sampled_from(texts)).splitlines()
        for _ in range(draw(st.integers(1, 6))):
            if not lines:
                break
            i = draw(st.integers(0, len(lines) - 1))
            how = draw(st.sampled_from(["drop", "dup", "swap", "text", "indent", "value"]))
            if how == "drop":
                del lines[i]
            elif how == "dup":
                lines.insert(i, lines[i])
            elif how == "swap":
                j = draw(st.integers(0, len(lines) - 1))
                lines[i], lines[j] = lines[j], lines[i]
            elif how == "text":
                lines[i] = draw(st.text(max_size=30))
            elif how == "indent":
                lines[i] = " " * draw(st.integers(0, 5)) + lines[i].lstrip()
            else:
                key = lines[i].split(":", 1)[0]
                lines[i] = f"{key}: {draw(st.sampled_from(HOSTILE_VALUES))}"
        return "\n".join(lines)

    return mutate()


@FUZZ
@given(
    text=st.one_of(
        _mutations(),
        st.text(max_size=200),
        st.builds(yaml.safe_dump, JSONISH, allow_unicode=st.booleans()),
    )
)
def test_brand_pack_loads_or_lists_problems(tmp_path: Path, text: str) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    problems = validate_brand_pack(path)
    try:
        pack = load_brand_pack(path)
    except InputError as err:
        assert err.code == "invalid_brand_pack"
        listed: list[dict[str, Any]] = err.details["problems"]  # type: ignore[assignment]
        assert problems and [(d["line"], d["field"]) for d in listed] == [
            (p.line, p.field) for p in problems
        ]
        for p in problems:
            assert p.line >= 1 and p.message_en and p.message_zh
        return
    assert problems == [] and pack.id
