"""Benchmark: banners per second on one core, rendering the example packs' composed creatives
on every home_card and DSP preset and encoding each in its preset's format within its byte
limit. Peer, measured in the same run: the same renderer used naively (fonts loaded and the
background drawn afresh per banner, PNG written with ``optimize=True``).

Run: python benchmarks/images_render.py --creatives 40 [--write]
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import random
import time
from datetime import date
from pathlib import Path

from docs_section import replace_section

from huashu.brand import load_brand_pack
from huashu.channels import get_channel
from huashu.domain import BrandPack, ChannelName, Creative, Provenance
from huashu.generate import all_compositions, compose_fields
from huashu.images import (
    PRESETS,
    BannerPreset,
    BannerRenderer,
    CjkFonts,
    GradientBackground,
    encode,
    find_cjk_fonts,
)

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- images:start -->", "<!-- images:end -->"
PROVENANCE = Provenance(backend="compose", model="phrase-bank", template_version="bench", seed=0)


def creatives(pack: BrandPack, channel: ChannelName, n: int, seed: int) -> list[Creative]:
    spec = get_channel(channel)
    every = list(all_compositions(pack, spec))
    chosen = random.Random(seed).sample(every, min(n, len(every)))
    return [
        Creative(
            id=f"{channel}-{i}",
            brand_id=pack.id,
            segment_key="all",
            channel=channel,
            fields=compose_fields(pack, spec, ids),
            provenance=PROVENANCE,
        )
        for i, ids in enumerate(chosen)
    ]


Job = tuple[BrandPack, Creative, BannerPreset]


def jobs(n: int) -> list[Job]:
    out: list[Job] = []
    for name in ("rural_bank", "cosmetics_xhs"):
        pack = load_brand_pack(ROOT / "examples" / f"{name}.yaml")
        for channel in ("home_card", "dsp"):
            for made in creatives(pack, channel, n, seed=11):
                out += [(pack, made, preset) for preset in PRESETS[channel]]
    return out


def huashu_run(fonts: CjkFonts, work: list[Job]) -> tuple[float, int, int]:
    """(seconds, banners, overflows): one renderer, as a service would hold it."""
    renderer = BannerRenderer(fonts, GradientBackground(pattern="dots"))
    overflows = 0
    start = time.perf_counter()
    for pack, made, preset in work:
        banner = renderer.render(pack, made, preset)
        if banner.fits:
            encode(banner)
        else:
            overflows += 1
    return time.perf_counter() - start, len(work), overflows


def naive_run(fonts: CjkFonts, work: list[Job]) -> tuple[float, int, int]:
    """The peer: fresh fonts and background per banner, PNG ``optimize=True``."""
    overflows = 0
    start = time.perf_counter()
    for pack, made, preset in work:
        fresh = CjkFonts(fonts.regular, fonts.bold)
        renderer = BannerRenderer(fresh, GradientBackground(pattern="dots", memo_size=0))
        banner = renderer.render(pack, made, preset)
        if not banner.fits:
            overflows += 1
            continue
        out = io.BytesIO()
        fmt = "JPEG" if preset.format == "jpeg" else preset.format.upper()
        banner.image.save(out, fmt, optimize=True, quality=90)
    return time.perf_counter() - start, len(work), overflows


def by_preset(fonts: CjkFonts, work: list[Job]) -> list[tuple[str, float, int]]:
    renderer = BannerRenderer(fonts, GradientBackground(pattern="dots"))
    rows = []
    for channel, presets in PRESETS.items():
        for preset in presets:
            mine = [(p, c, preset) for p, c, q in work if q == preset]
            sizes = []
            start = time.perf_counter()
            for pack, made, _ in mine:
                sizes.append(encode(renderer.render(pack, made, preset)).size)
            rate = len(mine) / (time.perf_counter() - start)
            rows.append(
                (f"{channel} {preset.width}x{preset.height} ({preset.format})", rate, max(sizes))
            )
    return rows


def section(
    n: int,
    huashu: tuple[float, int, int],
    naive: tuple[float, int, int],
    rows: list[tuple[str, float, int]],
    fonts: CjkFonts,
) -> str:
    h_rate, p_rate = huashu[1] / huashu[0], naive[1] / naive[0]
    lines = [
        START,
        "## Banner rendering: banners per second on one core",
        "",
        f"- date: {date.today().isoformat()}; machine: {platform.machine()}, "
        f"{os.cpu_count()} cores (one used), Python {platform.python_version()}; "
        f"font: {fonts.regular.describe()}",
        f"- command: `python benchmarks/images_render.py --creatives {n}`",
        f"- work: {huashu[1]} banners = {n} composed creatives per example pack x channel "
        "(rural_bank, cosmetics_xhs; home_card, dsp) x every preset of the channel "
        "(3 home_card, 7 DSP sizes); each rendered (pattern background) and encoded in its "
        "preset's format within its byte limit.",
        "- peer (same run): the same renderer used naively, fonts loaded and background drawn "
        "per banner, PNG/JPEG written with `optimize=True`.",
        "",
        "| run | banners | overflows | seconds | banners/s per core |",
        "|---|---:|---:|---:|---:|",
        f"| huashu (renderer held, encode ladder) | {huashu[1]} | {huashu[2]} | "
        f"{huashu[0]:.2f} | **{h_rate:.1f}** |",
        f"| naive peer | {naive[1]} | {naive[2]} | {naive[0]:.2f} | {p_rate:.1f} |",
        "",
        "| preset (format) | banners/s | largest file |",
        "|---|---:|---:|",
        *[f"| {name} | {rate:.1f} | {size / 1024:.0f} KiB |" for name, rate, size in rows],
        "",
        f"Target >= 20 banners/s per core: {'met' if h_rate >= 20 else 'NOT met'} "
        f"({h_rate / p_rate:.2f}x the naive peer).",
        END,
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--creatives", type=int, default=40, help="creatives per pack x channel")
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    fonts = find_cjk_fonts()
    work = jobs(args.creatives)
    huashu_run(fonts, work[:20])
    huashu = huashu_run(fonts, work)
    naive = naive_run(fonts, work)
    rows = by_preset(fonts, work)
    text = section(args.creatives, huashu, naive, rows, fonts)
    print(text)
    if args.write:
        replace_section(text, START, END)


if __name__ == "__main__":
    main()
