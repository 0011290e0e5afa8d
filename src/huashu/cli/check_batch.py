"""``huashu check --file F --jsonl``: many texts checked in one process, one JSON result per
input line. A bad line gets an error result of its own and the batch goes on."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from huashu.domain import InputError, NotFound

if TYPE_CHECKING:
    from huashu.compliance.precedents import PrecedentMode

#: Worst first: the exit code of a batch is the worst of its lines.
_FAIL_ON = {"block": ("block",), "review": ("block", "review"), "never": ()}


def _error(line: int, item_id: object, err: InputError, lang: str) -> dict[str, Any]:
    return {
        "line": line,
        "id": item_id,
        "ok": False,
        "error": {"code": err.code, "message": err.localized(lang), "details": err.details},
    }


def _item(raw: str, line: int) -> dict[str, Any]:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as err:
        raise InputError(
            f"line {line} is not valid JSON: {err.msg}",
            message_zh=f"第 {line} 行不是有效的 JSON：{err.msg}",
            code="invalid_json",
            details={"line": line},
        ) from err
    if isinstance(data, str):
        data = {"text": data}
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise InputError(
            f'line {line} must be a JSON string or an object with a "text" string',
            message_zh=f"第 {line} 行应为 JSON 字符串，或含 text 字符串的对象",
            code="invalid_line",
            details={"line": line},
        )
    return data


def run_batch(
    file: Path | None,
    text: str | None,
    channel: str,
    brand: Path | None,
    industry: str | None,
    sms_route: str | None,
    rules: list[Path],
    fail_on: str,
    lang: str,
    precedents: PrecedentMode = "review",
) -> int:
    """Check every line of ``file``; print results to stdout; the exit code (0, 1 for a verdict
    at ``fail_on``, 2 when the file or any line is bad input)."""
    from huashu.cli.check import _brand, _channel, finding_json
    from huashu.compliance import Checker
    from huashu.compliance.industry import choose_industries, parse_industries
    from huashu.compliance.inputs import check_text_size, decode_utf8
    from huashu.domain import ComplianceReport

    try:
        if file is None or text is not None:
            raise InputError(
                "--jsonl needs --file and no text argument",
                message_zh="--jsonl 需要 --file，且不能同时给出文案",
                code="jsonl_needs_file",
            )
        if not file.is_file():
            raise NotFound(
                f"file {file} does not exist",
                message_zh=f"文件 {file} 不存在",
                code="file_not_found",
                details={"file": str(file)},
            )
        lines = decode_utf8(file.read_bytes(), what=f"file {file}").splitlines()
        default_industries = parse_industries(industry)
        given, pack, options = _brand(brand)
        checker = Checker.from_packs(rules, precedents=precedents)
        _channel(channel)
    except InputError as err:
        print(json.dumps(_error(0, None, err, lang), ensure_ascii=False))
        return 2
    worst = 0
    failing = _FAIL_ON[fail_on]
    out = sys.stdout
    for n, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        item_id: object = None
        try:
            item = _item(raw, n)
            item_id = item.get("id")
            copy = check_text_size(item["text"])
            item_channel = _channel(str(item.get("channel") or channel))
            asked = parse_industries(item.get("industry")) or default_industries
            chosen = choose_industries(asked, given, [copy], checker.normalizer)
            findings = checker.check_text(
                copy,
                item_channel,
                pack,
                sms_route=item.get("sms_route") or sms_route,
                options=options,
                industries=chosen.industries,
            )
        except InputError as err:
            out.write(json.dumps(_error(n, item_id, err, lang), ensure_ascii=False) + "\n")
            worst = 2
            continue
        verdict = ComplianceReport.verdict_of(findings).value
        result = {
            "line": n,
            "id": item_id,
            "ok": True,
            "channel": item_channel,
            "industry": chosen.as_json(),
            "verdict": verdict,
            "findings": [finding_json(f) for f in findings],
        }
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        if verdict in failing and worst == 0:
            worst = 1
    out.flush()
    return worst
