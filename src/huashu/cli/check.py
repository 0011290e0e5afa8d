"""``huashu check``: run the compliance engine over a text or a file, print the verdict and
findings (or JSON), optionally apply the mechanical fixes."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, get_args

import typer
from rich.console import Console
from rich.markup import escape

from huashu.cli.common import fail
from huashu.domain import InputError, NotFound

if TYPE_CHECKING:
    from huashu.domain import BrandPack, Finding, Verdict


class FailOn(StrEnum):
    block = "block"
    review = "review"
    never = "never"


class Precedents(StrEnum):
    off = "off"
    review = "review"
    block = "block"


def _inputs(text: str | None, file: Path | None) -> str:
    from huashu.compliance.inputs import check_text_size, decode_utf8

    if (text is None) == (file is None):
        raise InputError(
            "give the text to check or --file, not both",
            message_zh="请给出待检查的文案或 --file（二者选一）",
            code="text_or_file",
        )
    if file is not None:
        if not file.is_file():
            raise NotFound(
                f"file {file} does not exist",
                message_zh=f"文件 {file} 不存在",
                code="file_not_found",
                details={"file": str(file)},
            )
        text = decode_utf8(file.read_bytes(), what=f"file {file}")
    assert text is not None
    return check_text_size(text)


def _brand(path: Path | None) -> tuple[BrandPack | None, BrandPack, dict[str, str]]:
    """The brand pack given (or None), the pack to check with, and the check options."""
    from huashu.brand import load_brand_pack
    from huashu.compliance.inputs import ANY_SIGNATURE, generic_brand

    if path is None:
        return None, generic_brand(), dict(ANY_SIGNATURE)
    pack = load_brand_pack(path)
    return pack, pack, {}


def _channel(channel: str) -> str:
    from huashu.domain import ChannelName

    if channel not in get_args(ChannelName):
        raise InputError(
            f"unknown channel '{channel}'; known: {', '.join(get_args(ChannelName))}",
            message_zh=f"未知渠道“{channel}”，可用：{'、'.join(get_args(ChannelName))}",
            code="unknown_channel",
            details={"channel": channel},
        )
    return channel


def finding_json(f: Finding) -> dict[str, Any]:
    return f.model_dump(mode="json")


def _exit_code(verdict: Verdict, fail_on: FailOn) -> int:
    from huashu.domain import Verdict

    if fail_on == FailOn.never or verdict == Verdict.PASS:
        return 0
    if verdict == Verdict.BLOCK:
        return 1
    return 1 if fail_on == FailOn.review else 0


def check(
    text: Annotated[str | None, typer.Argument(help="Copy to check.")] = None,
    file: Annotated[
        Path | None, typer.Option("--file", "-f", help="Read the copy from a UTF-8 file.")
    ] = None,
    channel: Annotated[
        str, typer.Option(help="sms, home_card, smart_call, dsp or xiaohongshu.")
    ] = "home_card",
    brand: Annotated[
        Path | None, typer.Option("--brand", help="Brand pack YAML (facts, signature, terms).")
    ] = None,
    industry: Annotated[
        str | None,
        typer.Option(
            help="Industry rules to run: finance, insurance, cosmetics, health_food, general "
            "(comma-separated). Default: the brand pack's, else inferred from the copy (shown), "
            "else all."
        ),
    ] = None,
    jsonl: Annotated[
        bool,
        typer.Option(
            "--jsonl",
            help='Batch: --file holds one JSON object per line ({"text", "channel", '
            '"industry", "id"}); print one JSON result per line.',
        ),
    ] = False,
    sms_route: Annotated[
        str | None,
        typer.Option(help="SMS route: own (the brand's own channel, default) or a cloud vendor."),
    ] = None,
    rules: Annotated[
        list[Path] | None, typer.Option("--rules", help="Extra rule pack YAML (repeatable).")
    ] = None,
    precedents: Annotated[
        Precedents,
        typer.Option(
            help="The precedent model: review (copy no rule blocks that reads like the blocked "
            "development cases goes to review, and so does a rule's block on copy that reads "
            "like a warning), block (such copy is blocked), off (the rules alone). "
            "docs/compliance.md, Precedents."
        ),
    ] = Precedents.review,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON: verdict + findings.")
    ] = False,
    fix: Annotated[
        bool, typer.Option("--fix", help="Apply mechanical fixes, check again.")
    ] = False,
    fail_on: Annotated[
        FailOn, typer.Option(help="Exit 1 when the verdict is at least this.")
    ] = FailOn.block,
    lang: Annotated[
        str, typer.Option(help="Message language: zh or en.", envvar="HUASHU_LANG")
    ] = "zh",
) -> None:
    """Check copy against the compliance rule packs (exit 1 on block, 2 on bad input)."""
    from huashu.compliance import Checker
    from huashu.compliance.industry import choose_industries, parse_industries
    from huashu.domain import ComplianceReport

    console = Console()
    if jsonl:
        from huashu.cli.check_batch import run_batch

        code = run_batch(
            file,
            text,
            channel,
            brand,
            industry,
            sms_route,
            rules or [],
            fail_on.value,
            lang,
            precedents.value,
        )
        raise typer.Exit(code=code)
    try:
        asked = parse_industries(industry)
        copy = _inputs(text, file)
        given, pack, options = _brand(brand)
        checker = Checker.from_packs(rules or [], precedents=precedents.value)
        _channel(channel)
        chosen = choose_industries(asked, given, [copy], checker.normalizer)
        out: dict[str, Any] = {
            "ok": True,
            "channel": channel,
            "brand": pack.id,
            "industry": chosen.as_json(),
        }
        kw: dict[str, Any] = {
            "sms_route": sms_route,
            "options": options,
            "industries": chosen.industries,
        }
        if fix:
            result = checker.fix({"text": copy}, channel, pack, **kw)
            findings = list(result.findings)
            out["fixed"] = result.fields["text"]
            out["applied"] = [
                {
                    "rule_id": a.rule_id,
                    "description_zh": a.description_zh,
                    "description_en": a.description_en,
                }
                for a in result.applied
            ]
        else:
            findings = checker.check_text(copy, channel, pack, **kw)
    except InputError as err:
        if as_json:
            typer.echo(
                json.dumps(
                    {
                        "ok": False,
                        "error": {
                            "code": err.code,
                            "message": err.localized(lang),
                            "details": err.details,
                        },
                    },
                    ensure_ascii=False,
                )
            )
            raise typer.Exit(code=2) from err
        raise fail(console, err, lang) from err
    verdict = ComplianceReport.verdict_of(findings)
    out["verdict"] = verdict.value
    out["findings"] = [finding_json(f) for f in findings]
    if as_json:
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        out["industry_text"] = chosen.describe(lang)
        _print(console, verdict, findings, out, lang)
    raise typer.Exit(code=_exit_code(verdict, fail_on))


def _print(
    console: Console, verdict: Verdict, findings: list[Finding], out: dict[str, Any], lang: str
) -> None:
    colour = {"pass": "green", "review": "yellow", "block": "red"}[verdict.value]
    label = (
        {"pass": "通过", "review": "需复核", "block": "拦截"}[verdict.value]
        if lang == "zh"
        else verdict.value
    )
    console.print(f"[bold {colour}]{label}[/] ({verdict.value}) · {len(findings)}")
    console.print(escape(out["industry_text"]), style="dim", soft_wrap=True)
    for f in findings:
        message = f.message_zh if lang == "zh" else f.message_en
        where = f"{f.field}@{f.start}-{f.end}"
        line = f"  [{f.severity.value}] {f.rule_id} {where} “{f.matched}”: {message}"
        console.print(escape(line), soft_wrap=True)
        if f.suggestion_zh and lang == "zh":
            console.print(escape(f"      建议：{f.suggestion_zh}"), soft_wrap=True)
    if "fixed" in out:
        prefix = "已修复：" if lang == "zh" else "fixed: "
        console.print(escape(prefix + out["fixed"]), soft_wrap=True)
