"""``huashu draft``: a brief on a brand pack becomes checked creatives, for scripting (``--json``)
or reading (a table). The content plan and whatever the brief asks for that cannot be honoured
go to stderr, so stdout under ``--json`` is one JSON object and nothing else.

Heavy modules (the generators, the compliance engine) are imported inside the command, so
``huashu --help`` stays fast.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from huashu.cli.common import fail, settings_for
from huashu.domain import InputError

if TYPE_CHECKING:
    from huashu.audience.briefs import BriefReading
    from huashu.compliance import Checker
    from huashu.domain import BrandPack, Creative, Segment
    from huashu.generate import Generator
    from huashu.generate.plan import ContentPlan
    from huashu.learn import KnowledgeBase

#: drafts per segment x channel a call may ask for
MAX_N = 10

_NOTHING_ELSE_ZH = "其余内容未能识别出渠道或人群。"
_VERDICT_ZH = {"pass": "通过", "review": "需复核", "block": "拦截"}


@dataclass
class Drafted:
    """What one ``huashu draft`` call made: the plan, what cannot be honoured, the creatives
    (JSON-ready) and the cells that got fewer than ``n`` drafts (``short``, zh and en)."""

    plan: ContentPlan
    not_honoured: list[dict[str, str]]
    creatives: list[dict[str, Any]] = field(default_factory=list)
    short: list[dict[str, str]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The ``--json`` object: plan, not_honoured, creatives."""
        return {
            "plan": self.plan.as_dict(),
            "not_honoured": self.not_honoured,
            "creatives": self.creatives,
        }


def draft(
    brand: Annotated[Path, typer.Option("--brand", help="Brand pack YAML.")],
    brief: Annotated[
        str, typer.Option("--brief", help="The brief in the operator's words (up to 4,000 chars).")
    ],
    channels: Annotated[
        str | None,
        typer.Option(
            "--channels",
            help="Comma-separated channel names (sms,home_card,...); overrides the channels "
            "the brief names (default: the brief's, else every channel the pack enables).",
        ),
    ] = None,
    n: Annotated[int, typer.Option("--n", help=f"Drafts per segment x channel (1..{MAX_N}).")] = 2,
    seed: Annotated[int, typer.Option(help="Random seed of the drafts.")] = 0,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help='Print one JSON object: {"plan", "not_honoured", "creatives"}; each creative '
            "has segment_key, segment_name, channel, text (the full copy as sent), fields, "
            "export (the channel's delivery format), verdict and findings.",
        ),
    ] = False,
    lang: Annotated[
        str, typer.Option(help="Message language: zh or en.", envvar="HUASHU_LANG")
    ] = "zh",
) -> None:
    """Draft checked creatives for a brief: every segment the brief selects x every channel.

    The plan and what the brief asks for that cannot be honoured are printed to stderr; stdout
    holds a table, or with --json one JSON object {"plan": ..., "not_honoured": [...],
    "creatives": [...]}. Each creative's verdict (pass, review, block) merges compliance and
    the copy-quality gate. Exit 2 on bad input (message on stderr, nothing on stdout).
    """
    from huashu.compliance import Checker
    from huashu.generate import make_generator

    err_console = Console(stderr=True, soft_wrap=True)
    try:
        if not 1 <= n <= MAX_N:
            raise InputError(
                f"--n must be within 1..{MAX_N}, got {n}",
                message_zh=f"参数 --n 须在 1 到 {MAX_N} 之间，收到 {n}",
                code="invalid_count",
                details={"n": n, "max": MAX_N},
            )
        wanted = _channel_names(channels) if channels is not None else None
        from huashu.brand import load_brand_pack

        pack = load_brand_pack(brand)
        checker = Checker.from_packs()
        settings = settings_for(None)
        generator = make_generator(settings, checker)
        from huashu.learn.store import KBRegistry

        kb = KBRegistry.for_settings(settings).latest(pack.id)
        out = draft_brief(
            pack, brief, wanted, n=n, seed=seed, generator=generator, checker=checker, kb=kb
        )
    except InputError as err:
        raise fail(err_console, err, lang) from err
    for line in _plan_lines(out.plan, out.not_honoured, lang):
        typer.echo(line, err=True)
    for short in out.short:
        typer.echo(short["zh" if lang == "zh" else "en"], err=True)
    if as_json:
        typer.echo(json.dumps(out.as_json(), ensure_ascii=False, indent=2))
        return
    _print_table(out.creatives, lang)


def _channel_names(text: str) -> tuple[str, ...]:
    """``--channels`` as channel names (``sms,home_card``; a Chinese comma works too)."""
    from huashu.channels import builtin_channels

    known = sorted(builtin_channels())
    names = tuple(dict.fromkeys(p.strip() for p in text.replace("，", ",").split(",") if p.strip()))
    unknown = [name for name in names if name not in known]
    if unknown or not names:
        shown = ", ".join(unknown) or "(empty)"
        raise InputError(
            f"unknown channel(s) in --channels: {shown}; known: {', '.join(known)}",
            message_zh=(
                f"--channels 中有未知渠道：{'、'.join(unknown) or '（空）'}；"
                f"可用渠道：{'、'.join(known)}"
            ),
            code="unknown_channel",
            details={"unknown": unknown, "known": known},
        )
    return names


def draft_brief(
    pack: BrandPack,
    text: str,
    channels: tuple[str, ...] | None,
    *,
    n: int,
    seed: int,
    generator: Generator,
    checker: Checker,
    kb: KnowledgeBase | None = None,
) -> Drafted:
    """Read ``text``, plan and draft ``n`` creatives per segment x channel, check each
    (compliance and the copy-quality gate); with ``kb`` (the brand's newest knowledge base in
    the data directory) the segments it knows are drafted with its evidence."""
    from huashu.audience import cross_segments
    from huashu.audience.briefs import read_brief
    from huashu.channels import get_channel
    from huashu.generate import GenerationRequest
    from huashu.generate.plan import content_plan

    reading = read_brief(text, pack)
    chosen, focus, extra = _resolve(pack, text, reading, channels)
    segments = cross_segments(pack, focus)
    if not segments:
        raise InputError(
            "the brief selects no segment",
            message_zh="需求没有选中任何人群",
            code="no_segments",
        )
    plan = content_plan(pack, reading.text, segments, chosen, reading=reading)
    out = Drafted(plan, [*plan.not_honoured, *extra])
    known = {k: kb.posterior(k) for k in kb.segments()} if kb is not None else {}
    requests = [
        GenerationRequest(
            pack=pack,
            segment=segment,
            channel=get_channel(ch),
            n=n,
            seed=seed,
            campaign_id=pack.id,
            knowledge=known.get(segment.key, {}),
            kb_snapshot_id=kb.snapshot_id if kb is not None and segment.key in known else None,
            plan=plan,
            brief=reading.text,
        )
        for ch in chosen
        for segment in segments
    ]
    drafted = _generate(generator, requests)
    for request, made in zip(requests, drafted, strict=True):
        out.creatives += _checked(pack, request.segment, made, checker)
        if len(made) < n:
            who, ch = request.segment.name, request.channel
            out.short.append(
                {
                    "zh": f"{who} × {ch.label_zh}：只写出 {len(made)}/{n} 条"
                    "（其余未过检查或已无新组合）",
                    "en": f"{who} x {ch.name}: {len(made)}/{n} drafts (the rest failed the "
                    "checks or no new combination was left)",
                }
            )
    return out


def _resolve(
    pack: BrandPack, text: str, reading: BriefReading, override: tuple[str, ...] | None
) -> tuple[tuple[str, ...], tuple[str, ...], list[dict[str, str]]]:
    """(channels, audience focus, extra not-honoured notes). Without ``override`` the brief's
    channels (:func:`parse_brief`); with it, the brief's channel words give way but a brief
    whose every audience matches no segment is still refused. A refusal names everything the
    brief says that cannot be honoured, not only the first thing."""
    from huashu.audience.briefs import parse_brief, unknown_audience
    from huashu.channels import builtin_channels

    if override is None:
        try:
            parsed = parse_brief(text, pack)
        except InputError as err:
            raise _refusal(err, reading, pack) from err
        return tuple(str(c) for c in parsed.channels), parsed.focus, []
    disabled = [ch for ch in override if ch not in pack.channels]
    if disabled:
        raise InputError(
            f"brand {pack.id} does not deliver on {', '.join(disabled)}; "
            f"its channels: {', '.join(pack.channels)}",
            message_zh=(
                f"品牌包 {pack.id} 未启用渠道：{'、'.join(disabled)}；"
                f"可用渠道：{'、'.join(pack.channels)}"
            ),
            code="channel_not_enabled",
            details={"asked": disabled, "enabled": list(pack.channels)},
        )
    if reading.unmatched_audiences and not reading.audiences:
        raise unknown_audience(reading, pack, f"已读懂：渠道 {'、'.join(override)}（--channels）。")
    known = builtin_channels()
    extra = [
        {
            "kind": "channel_overridden",
            "zh": f"需求提到的{known[ch].label_zh}不在 --channels 中，本次不生成",
            "en": f"the brief names {ch}, which --channels leaves out; nothing drafted for it",
        }
        for ch in reading.channels
        if ch in pack.channels and ch not in override
    ]
    return override, reading.audiences, extra


def _refusal(err: InputError, reading: BriefReading, pack: BrandPack) -> InputError:
    """``err`` (parse_brief's refusal) plus what else the brief names that cannot be honoured
    (给退休教师在抖音推: the refusal names 抖音; 退休教师 is added)."""
    zh: list[str] = []
    en: list[str] = []
    labels = [v.label for d in pack.dimensions for v in d.values]
    audiences = [a for a in reading.unmatched_audiences if a not in err.message_zh]
    if audiences:
        zh.append(
            f"需求中的人群“{'、'.join(audiences)}”也没有对应的人群分层（可选人群：{'、'.join(labels)}）"
        )
        en.append(f"audience(s) {', '.join(audiences)} match no segment ({', '.join(labels)})")
    words = [w for w in reading.unknown_channels if w not in err.message_zh]
    if words:
        zh.append(f"渠道“{'、'.join(words)}”也无法投放（可用：{'、'.join(pack.channels)}）")
        en.append(f"channel(s) {', '.join(words)} are not delivered on")
    if not zh:
        return err
    return InputError(
        f"{err.message}; also: {'; '.join(en)}",
        # parse_brief's "nothing else understood" is not so once the rest is named
        message_zh=f"{err.message_zh.replace(_NOTHING_ELSE_ZH, '')}另外，{'；'.join(zh)}。",
        code=err.code,
        details={
            **err.details,
            "unmatched_audiences": list(reading.unmatched_audiences),
            "unknown_channels": list(reading.unknown_channels),
        },
    )


def _generate(generator: Generator, requests: list[Any]) -> list[list[Creative]]:
    """Each request's creatives, all in flight together where the backend can (openai)."""
    run_many = getattr(generator, "run_many", None)
    if run_many is not None:
        return [result.creatives for result in run_many(requests)]
    run = getattr(generator, "run", None)
    if run is not None:
        return [run(request).creatives for request in requests]
    return [generator.generate(request) for request in requests]


def _checked(
    pack: BrandPack, segment: Segment, made: list[Creative], checker: Checker
) -> list[dict[str, Any]]:
    """One segment x channel's creatives as JSON, each with compliance and the copy gate."""
    from huashu.channels import get_channel
    from huashu.generate.copycheck import review

    reports = review(checker, pack, made, {segment.key: segment})
    out: list[dict[str, Any]] = []
    for creative in made:
        channel = str(creative.channel)
        report = reports[creative.id]
        out.append(
            {
                "id": creative.id,
                "segment_key": segment.key,
                "segment_name": segment.name,
                "channel": channel,
                "text": creative.text,
                "fields": dict(creative.fields),
                "export": get_channel(channel).export(creative.fields),
                "verdict": report.verdict.value,
                "findings": [
                    {
                        "rule_id": f.rule_id,
                        "severity": f.severity.value,
                        "message_zh": f.message_zh,
                        "message_en": f.message_en,
                    }
                    for f in report.findings
                ],
            }
        )
    return out


def _plan_lines(plan: ContentPlan, not_honoured: list[dict[str, str]], lang: str) -> list[str]:
    """The plan as :meth:`ContentPlan.lines_zh` says it, then every note of what cannot be
    honoured (in ``lang``)."""
    lines = plan.lines_zh()
    if plan.not_honoured:
        lines = lines[: -len(plan.not_honoured)]
    prefix = "无法执行：" if lang == "zh" else "not honoured: "
    return [*lines, *(prefix + (n["zh"] if lang == "zh" else n["en"]) for n in not_honoured)]


def _print_table(creatives: list[dict[str, Any]], lang: str) -> None:
    from rich.table import Table

    zh = lang == "zh"
    heads = (
        ("人群", "渠道", "结论", "文案", "发现")
        if zh
        else ("segment", "channel", "verdict", "copy", "findings")
    )
    table = Table(show_lines=True)
    for i, head in enumerate(heads):
        # the copy is shown whole (folded), never cut short
        table.add_column(head, overflow="fold", ratio=1 if i == 3 else None, no_wrap=i == 1)
    for c in creatives:
        verdict = _VERDICT_ZH[c["verdict"]] if zh else c["verdict"]
        found = "\n".join(f["rule_id"] for f in c["findings"])
        table.add_row(
            escape(c["segment_name"]), c["channel"], verdict, escape(c["text"]), escape(found)
        )
    console = Console()
    console.print(table)
    console.print(f"{len(creatives)} 条" if zh else f"{len(creatives)} creatives")
