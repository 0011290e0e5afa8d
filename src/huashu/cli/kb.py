"""``huashu kb``: show a saved knowledge-base snapshot (one segment or all) and diff two."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from huashu.cli.common import DataDir, fail, settings_for
from huashu.domain import InputError

kb_app = typer.Typer(
    help="Knowledge base: distil it from the event store, show saved snapshots, diff two.",
    no_args_is_help=True,
)

AsJson = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]
Brand = Annotated[
    str | None,
    typer.Option("--brand", help="Brand id: 'latest'/'previous' among its versions only."),
]


@kb_app.command("show")
def show_cmd(
    segment: Annotated[
        str | None,
        typer.Option("--segment", help="Segment key, display name, or one label of it (养殖户)."),
    ] = None,
    snapshot: Annotated[
        str, typer.Option("--snapshot", help="Snapshot id, 'latest' or 'previous'.")
    ] = "latest",
    brand: Brand = None,
    as_json: AsJson = False,
    data_dir: DataDir = None,
) -> None:
    """Lifts with intervals and support per segment x feature from a saved snapshot."""
    from huashu.learn.store import KBRegistry, select_segments, snapshot_document

    settings = settings_for(data_dir)
    console = Console()
    registry = KBRegistry.for_settings(settings)
    try:
        kb = registry.load(snapshot, brand)
        names = registry.names(kb.snapshot_id)
        keys = kb.segments()
        if segment is not None:
            keys = select_segments(keys, names, segment)
    except InputError as err:
        raise fail(console, err, settings.lang) from err
    if as_json:
        document = snapshot_document(kb, names, keys)
        typer.echo(json.dumps(document, ensure_ascii=False))
        return
    pct = round(kb.level * 100)
    console.print(f"知识库快照 {kb.snapshot_id}（{kb.created_at:%Y-%m-%d %H:%M:%S}）")
    for key in keys:
        base = kb.base_ctr(key)
        title = f"{names.get(key, key)} ({key})" if key in names else key
        table = Table(title=f"{title}: base CTR {base:.2%}" if base is not None else title)
        for column in ("特征", "提升", f"{pct}% 区间", "曝光", "点击", "备注", "示例素材"):
            table.add_column(column, overflow="fold")
        for e in kb.for_segment(key):
            table.add_row(
                e.feature,
                f"{e.lift:+.1%}",
                f"[{e.low:+.1%}, {e.high:+.1%}]",
                f"{e.support:,}",
                f"{e.clicks:,}",
                "样本不足" if e.low_support else ("显著" if e.low > 0 or e.high < 0 else ""),
                _example(e.examples),
            )
        console.print(table)


def _example(examples: tuple[tuple[str, str], ...]) -> str:
    """The first example creative: its id's first 8 characters and its text on one line."""
    if not examples:
        return ""
    cid, text = examples[0]
    return f"{cid[:8]} {' / '.join(text.splitlines())}"


@kb_app.command("diff")
def diff_cmd(
    a: Annotated[str, typer.Argument(help="Older snapshot id ('latest'/'previous' accepted).")],
    b: Annotated[str, typer.Argument(help="Newer snapshot id ('latest'/'previous' accepted).")],
    min_delta: Annotated[
        float, typer.Option("--min-delta", help="Hide changed lifts that moved by this or less.")
    ] = 0.0,
    brand: Brand = None,
    as_json: AsJson = False,
    data_dir: DataDir = None,
) -> None:
    """What changed from snapshot A to snapshot B, per segment x feature."""
    from huashu.learn.store import KBRegistry, diff, diff_markdown

    settings = settings_for(data_dir)
    console = Console()
    registry = KBRegistry.for_settings(settings)
    try:
        kb_a, kb_b = registry.load(a, brand), registry.load(b, brand)
        names = {**registry.names(kb_a.snapshot_id), **registry.names(kb_b.snapshot_id)}
        changes = diff(kb_a, kb_b, names=names, min_delta=min_delta)
    except InputError as err:
        raise fail(console, err, settings.lang) from err
    if as_json:
        document = {
            "a": kb_a.snapshot_id,
            "b": kb_b.snapshot_id,
            "changes": [c.to_dict() for c in changes],
        }
        typer.echo(json.dumps(document, ensure_ascii=False))
        return
    typer.echo(diff_markdown(kb_a, kb_b, changes), nl=False)


@kb_app.command("distill")
def distill_cmd(
    brand: Annotated[
        list[str] | None,
        typer.Option("--brand", help="Brand id (repeatable); default every brand with outcomes."),
    ] = None,
    as_json: AsJson = False,
    data_dir: DataDir = None,
) -> None:
    """Re-distil each brand's knowledge base from the event store now (what `huashu serve`
    does every `kb_distill_seconds`); a new version is saved only if something changed."""
    from huashu.runtime import Runtime
    from huashu.services.knowledge import distill_all, distill_brand

    settings = settings_for(data_dir)
    console = Console()
    try:
        with Runtime.open(settings) as rt:
            versions = [distill_brand(rt, b) for b in brand] if brand else distill_all(rt)
    except InputError as err:
        raise fail(console, err, settings.lang) from err
    if as_json:
        typer.echo(json.dumps([v.to_dict() for v in versions], ensure_ascii=False))
        return
    if not versions:
        console.print(
            "没有可学习的投放数据：各品牌的素材都还没有曝光"
            if settings.lang == "zh"
            else "nothing to learn from: no brand's creatives have impressions yet"
        )
    for v in versions:
        if settings.lang == "zh":
            state = "新版本" if v.new else "数据未变，沿用"
            console.print(
                f"{v.brand_id}：{state} {v.snapshot_id}（{v.segments} 个人群，{v.entries} 条，"
                f"{v.creatives} 条素材，曝光 {v.impressions:,}，点击 {v.clicks:,}）"
            )
        else:
            state = "new version" if v.new else "unchanged, kept"
            console.print(
                f"{v.brand_id}: {state} {v.snapshot_id} ({v.segments} segments, {v.entries} "
                f"entries, {v.creatives} creatives, {v.impressions:,} impressions, "
                f"{v.clicks:,} clicks)"
            )
