"""Load and validate brand-pack YAML files, reporting every problem with its file, line and field.

Format reference: docs/brand-pack.md.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from huashu.brand.problems import PackProblem, describe, dotted
from huashu.brand.references import cross_reference_issues
from huashu.brand.yaml_tree import Loc, compose, duplicate_keys, locate
from huashu.domain import BrandPack, InputError, NotFound


def _read(path: Path) -> bytes:
    if not path.is_file():
        what_en, what_zh = (
            ("is not a file", "不是文件")
            if path.exists()
            else (
                "does not exist",
                "不存在",
            )
        )
        raise NotFound(
            f"brand pack {path} {what_en}",
            message_zh=f"品牌包文件 {path} {what_zh}",
            code="brand_pack_not_found",
            details={"file": str(path)},
        )
    return path.read_bytes()


def _syntax_problem(name: str, err: yaml.YAMLError) -> PackProblem:
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    line = mark.line + 1 if mark is not None else 1
    column = mark.column + 1 if mark is not None else 1
    problem = getattr(err, "problem", None) or str(err)
    context = getattr(err, "context", None)
    detail = f"{context}, {problem}" if context else str(problem)
    return PackProblem(
        name, line, column, "", f"YAML syntax error: {detail}", f"YAML 语法错误：{detail}"
    )


def _check(path: Path) -> tuple[BrandPack | None, list[PackProblem]]:
    name = str(path)
    raw = _read(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [
            PackProblem(
                name, line, 1, "", "the file is not UTF-8 text", "文件不是 UTF-8 编码的文本"
            )
        ]
    try:
        root, data = compose(text)
    except yaml.YAMLError as err:
        return None, [_syntax_problem(name, err)]
    if root is None:
        return None, [PackProblem(name, 1, 1, "", "the file is empty", "文件为空")]

    def at(loc: Loc, message_en: str, message_zh: str) -> PackProblem:
        spot = locate(root, loc)
        return PackProblem(name, spot.line, spot.column, dotted(spot.loc), message_en, message_zh)

    problems = [
        PackProblem(
            name,
            dup.line,
            dup.column,
            dotted(dup.loc),
            f"duplicate key '{dup.loc[-1]}' (first at line {dup.first_line}); "
            "the later value would silently replace the earlier one",
            f"键 {dup.loc[-1]} 重复（第 {dup.first_line} 行已出现），后者会覆盖前者",
        )
        for dup in duplicate_keys(root)
    ]
    issues = cross_reference_issues(data)
    problems += [at(issue.loc, issue.message_en, issue.message_zh) for issue in issues]
    pack: BrandPack | None = None
    try:
        pack = BrandPack.model_validate(data)
    except ValidationError as err:
        found: list[PackProblem] = []
        errors = err.errors()
        locs = [tuple(e["loc"]) for e in errors]
        for error, loc in zip(errors, locs, strict=True):
            covered = (error["type"] == "value_error" and _under(loc, [i.loc for i in issues])) or (
                error["type"] == "too_short" and _under(loc, [x for x in locs if x != loc])
            )
            if not covered:
                found.append(at(loc, *describe(error)))
        problems += _merge(found)
    return pack, sorted(problems, key=lambda p: (p.line, p.column, p.field))


def _under(loc: Loc, others: list[Loc]) -> bool:
    """Whether some path in ``others`` lies at or below ``loc`` (an error there explains it)."""
    return any(other[: len(loc)] == loc for other in others)


def _merge(problems: list[PackProblem]) -> list[PackProblem]:
    """Validation errors at the same spot (one per member of a union type) become one."""
    merged: dict[tuple[int, str], PackProblem] = {}
    for p in problems:
        key = (p.line, p.field)
        old = merged.get(key)
        merged[key] = (
            p
            if old is None
            else PackProblem(
                p.file,
                old.line,
                old.column,
                p.field,
                f"{old.message_en}; or {p.message_en.removeprefix('must be ')}",
                f"{old.message_zh}；或{p.message_zh.removeprefix('应为')}",
            )
        )
    return list(merged.values())


def validate_brand_pack(path: str | Path) -> list[PackProblem]:
    """Every problem of a brand-pack file (empty when it loads). A missing file raises."""
    return _check(Path(path))[1]


def load_brand_pack(path: str | Path) -> BrandPack:
    """Parse and validate a brand-pack YAML file.

    Raises :class:`InputError` ``invalid_brand_pack`` listing every problem as
    ``file:line: field: message`` (``details["problems"]`` holds them as dicts), or
    ``brand_pack_not_found``.
    """
    path = Path(path)
    pack, problems = _check(path)
    if pack is not None and not problems:
        return pack
    n = len(problems)
    lines_en = "\n".join(f"  {p.format('en')}" for p in problems)
    raise InputError(
        f"brand pack {path} has {n} problem{'s' if n != 1 else ''}:\n{lines_en}",
        message_zh=f"品牌包 {path} 有 {n} 处错误：" + "；".join(p.format("zh") for p in problems),
        code="invalid_brand_pack",
        details={
            "file": str(path),
            "problems": [
                {
                    "file": p.file,
                    "line": p.line,
                    "column": p.column,
                    "field": p.field,
                    "message_en": p.message_en,
                    "message_zh": p.message_zh,
                }
                for p in problems
            ],
        },
    )
