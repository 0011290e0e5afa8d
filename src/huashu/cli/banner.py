"""``huashu banner``: list the banner presets, and render a creative's banners (compliance
checked first) as PNG/JPEG/WebP files within each preset's byte limit."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, get_args

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from huashu.cli.common import fail
from huashu.domain import InputError, NotFound

if TYPE_CHECKING:
    from huashu.domain import BrandPack, Creative, Verdict

banner_app = typer.Typer(help="Banner images with exact Chinese text.", no_args_is_help=True)

Lang = Annotated[str, typer.Option(help="Message language: zh or en.", envvar="HUASHU_LANG")]


@banner_app.command("presets")
def presets(
    channel: Annotated[
        str | None, typer.Option(help="Only this channel (home_card or dsp).")
    ] = None,
    lang: Lang = "zh",
) -> None:
    """List banner sizes, byte limits and default formats per channel."""
    from huashu.images import PRESETS, presets_for

    console = Console()
    try:
        chosen = presets_for(channel) if channel else tuple(p for v in PRESETS.values() for p in v)
    except InputError as err:
        raise fail(console, err, lang) from err
    table = Table("preset", "size", "max bytes", "format", "label")
    for p in chosen:
        size = f"{p.width}x{p.height}"
        table.add_row(p.name, size, f"{p.max_bytes // 1024} KiB", p.format, p.label_zh)
    console.print(table)


def _creative(
    pack: BrandPack, channel: str, path: Path | None, fields: dict[str, str | None]
) -> Creative:
    from huashu.domain import ChannelName, Creative, Provenance

    if path is not None:
        if not path.is_file():
            raise NotFound(
                f"creative file {path} does not exist",
                message_zh=f"创意文件 {path} 不存在",
                code="file_not_found",
                details={"file": str(path)},
            )
        try:
            return Creative.model_validate_json(path.read_text("utf-8"))
        except ValueError as err:
            raise InputError(
                f"creative file {path} is not a creative JSON: {err}",
                message_zh=f"创意文件 {path} 不是有效的创意 JSON：{err}",
                code="invalid_creative",
                details={"file": str(path)},
            ) from err
    if channel not in get_args(ChannelName):
        raise InputError(
            f"unknown channel '{channel}'",
            message_zh=f"未知渠道“{channel}”",
            code="unknown_channel",
            details={"channel": channel},
        )
    return Creative(
        id="cli",
        brand_id=pack.id,
        segment_key="all",
        channel=channel,
        fields={k: v for k, v in fields.items() if v},
        provenance=Provenance(backend="cli", model="operator", template_version="-", seed=0),
    )


def _check(pack: BrandPack, creative: Creative) -> tuple[Verdict, list[dict[str, Any]]]:
    """Compliance verdict over every piece of text the banner will show."""
    from huashu.compliance import Checker
    from huashu.domain import ComplianceReport
    from huashu.images import banner_content

    shown = "\n".join(p["text"] for p in banner_content(pack, creative).sources().values())
    findings = Checker.from_packs([]).check_text(shown, creative.channel, pack)
    return ComplianceReport.verdict_of(findings), [f.model_dump(mode="json") for f in findings]


@banner_app.command("render")
def render(
    brand: Annotated[Path, typer.Option("--brand", help="Brand pack YAML (colours, facts).")],
    out: Annotated[Path, typer.Option("--out", help="Directory for the banner files.")],
    channel: Annotated[str, typer.Option(help="home_card or dsp.")] = "home_card",
    title: Annotated[str | None, typer.Option(help="Title (DSP: headline).")] = None,
    subtitle: Annotated[str | None, typer.Option(help="Subtitle (DSP: description).")] = None,
    cta: Annotated[str | None, typer.Option(help="Button text.")] = None,
    creative_file: Annotated[
        Path | None, typer.Option("--creative", help="A creative as JSON instead of the fields.")
    ] = None,
    size: Annotated[str, typer.Option(help="WIDTHxHEIGHT of one preset, or 'all'.")] = "all",
    fmt: Annotated[
        str | None, typer.Option("--format", help="png, jpeg or webp (default: the preset's).")
    ] = None,
    max_bytes: Annotated[
        int | None, typer.Option(help="Byte limit (default: the preset's).")
    ] = None,
    background: Annotated[
        str,
        typer.Option(
            help="gradient, pattern:dots|waves|rings, image:PATH or openai.",
            envvar="HUASHU_BANNER_BACKGROUND",
        ),
    ] = "gradient",
    images_base_url: Annotated[
        str | None,
        typer.Option(
            help="OpenAI-compatible images API base URL.", envvar="HUASHU_IMAGES_BASE_URL"
        ),
    ] = None,
    images_model: Annotated[
        str, typer.Option(help="Image model name.", envvar="HUASHU_IMAGES_MODEL")
    ] = "gpt-image-1",
    images_api_key: Annotated[
        str | None,
        typer.Option(help="Images API key (Bearer).", envvar="HUASHU_IMAGES_API_KEY"),
    ] = None,
    font: Annotated[
        Path | None,
        typer.Option(
            help="CJK font file (default: found via fontconfig).", envvar="HUASHU_CJK_FONT"
        ),
    ] = None,
    logo: Annotated[Path | None, typer.Option(help="Logo image for the brand mark.")] = None,
    seed: Annotated[int, typer.Option(help="Background seed.")] = 0,
    check: Annotated[
        bool, typer.Option("--check/--no-check", help="Refuse copy that compliance blocks.")
    ] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary.")] = False,
    lang: Lang = "zh",
) -> None:
    """Render a creative's banners; exit 1 when compliance blocks the copy or a part does not
    fit (a red-marked proof is written), 2 on bad input."""
    from pydantic import SecretStr

    from huashu.brand import load_brand_pack
    from huashu.domain import Verdict
    from huashu.images import (
        BannerRenderer,
        ImagesAPIConfig,
        encode,
        find_cjk_fonts,
        get_preset,
        make_background,
        presets_for,
    )

    console = Console()
    try:
        pack = load_brand_pack(brand)
        made = _creative(
            pack, channel, creative_file, {"title": title, "subtitle": subtitle, "cta": cta}
        )
        chosen = presets_for(made.channel) if size == "all" else (get_preset(made.channel, size),)
        if check:
            verdict, findings = _check(pack, made)
            if verdict == Verdict.BLOCK:
                _blocked(console, findings, as_json, lang)
                raise typer.Exit(code=1)
        api = None
        if images_base_url:
            key = SecretStr(images_api_key) if images_api_key else None
            api = ImagesAPIConfig(images_base_url, model=images_model, api_key=key)
        renderer = BannerRenderer(
            find_cjk_fonts(font), make_background(background, images_api=api), logo
        )
        out.mkdir(parents=True, exist_ok=True)
        rows: list[dict[str, Any]] = []
        failed = False
        for preset in chosen:
            banner = renderer.render(pack, made, preset, seed=seed)
            if banner.fits:
                encoded = encode(banner, fmt, max_bytes)
                suffix = "jpg" if encoded.format == "jpeg" else encoded.format
                path = out / f"{made.id}-{preset.name}.{suffix}"
                path.write_bytes(encoded.data)
                rows.append(
                    {"preset": preset.name, "file": str(path), "bytes": encoded.size, "ok": True}
                )
            else:
                failed = True
                path = out / f"{made.id}-{preset.name}.proof.png"
                banner.image.save(path)
                problems = [
                    o.message_zh() if lang == "zh" else o.message() for o in banner.layout.overflows
                ]
                rows.append(
                    {"preset": preset.name, "file": str(path), "ok": False, "overflows": problems}
                )
    except InputError as err:
        raise fail(console, err, lang) from err
    if as_json:
        typer.echo(json.dumps({"ok": not failed, "banners": rows}, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            mark = (
                "[green]OK[/]"
                if row["ok"]
                else "[red]放不下[/]"
                if lang == "zh"
                else "[red]overflow[/]"
            )
            extra = f"{row['bytes']} B" if row["ok"] else "；".join(row["overflows"])
            console.print(f"{mark} {row['preset']} → {escape(row['file'])}  {escape(extra)}")
    if failed:
        raise typer.Exit(code=1)


def _blocked(console: Console, findings: list[dict[str, Any]], as_json: bool, lang: str) -> None:
    if as_json:
        typer.echo(
            json.dumps(
                {"ok": False, "verdict": "block", "findings": findings},
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    console.print(
        "[bold red]拦截[/]：合规检查未通过，未生成横幅"
        if lang == "zh"
        else "[bold red]blocked[/]: compliance check failed, no banner rendered"
    )
    for f in findings:
        message = f["message_zh"] if lang == "zh" else f["message_en"]
        console.print(
            escape(f"  [{f['severity']}] {f['rule_id']} “{f['matched']}”: {message}"),
            soft_wrap=True,
        )
