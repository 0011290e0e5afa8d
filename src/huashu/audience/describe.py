"""Profiles for a campaign's pack segments: the zh description the generator reads per segment."""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import Any

import pandas as pd

from huashu.audience.engine import drop_table, write_table
from huashu.audience.plan import compile_spec, size_plan
from huashu.audience.profiles import profile_plan
from huashu.audience.spec import spec_from_pack
from huashu.domain import BrandPack, Segment


def describe_segments(
    con: Any, pack: BrandPack, segments: list[Segment], users: pd.DataFrame
) -> list[Segment]:
    """``segments`` (from :func:`cross_segments`) with ``description`` set from their profile
    over ``users``, computed in a temporary table of backend ``con``."""
    name = f"__huashu_users_{uuid.uuid4().hex[:12]}"
    population = write_table(con, name, users, temp=True)
    try:
        spec = replace(spec_from_pack(pack, users=name, min_size=0), small="mark")
        compiled = compile_spec(population, spec)
        plan = profile_plan(compiled, size_plan(compiled))
    finally:
        drop_table(con, name)
    described = {s.key: s.description for s in plan.segments}
    return [s.model_copy(update={"description": described.get(s.key, "")}) for s in segments]
