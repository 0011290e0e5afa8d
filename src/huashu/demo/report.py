"""The demo report: Markdown with the figures and tables, and a PNG chart of CTR by round."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from huashu.demo.figures import DemoResult
from huashu.domain import Verdict

ARM_LABELS = {
    "huashu": "huashu (segments + Thompson + knowledge base)",
    "baseline": "baseline (global UCB1, no segments, no KB)",
}


def write_report(result: DemoResult, reports_dir: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    out = reports_dir / f"demo-{stamp}-{result.campaign_id[:8]}"
    out.mkdir(parents=True, exist_ok=True)
    _chart(result, out / "ctr_by_round.png")
    (out / "report.md").write_text(render_markdown(result), encoding="utf-8")
    result.report_dir = out
    return out


def _chart(result: DemoResult, path: Path) -> None:
    fig = Figure(figsize=(7, 4), dpi=110)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    for arm, label in ARM_LABELS.items():
        rows = [r for r in result.rounds if r.arm == arm]
        ax.plot(
            [r.round for r in rows],
            [r.fraction_of_oracle for r in rows],
            marker="o",
            label=label,
        )
    ax.set_xlabel("round")
    ax.set_ylabel("expected CTR / oracle CTR")
    ax.set_ylim(0, 1.05)
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right", fontsize=8)
    ax.set_title(f"CTR as a fraction of the simulator's oracle (seed {result.seed})")
    fig.tight_layout()
    fig.savefig(path)


def render_markdown(result: DemoResult) -> str:
    h, b = result.last("huashu"), result.last("baseline")
    lines = [
        f"# huashu demo: {result.brand_name}",
        "",
        f"- brief: {result.brief}",
        f"- campaign: `{result.campaign_id}`",
        f"- simulated users: {result.users:,}; seed {result.seed}; channels: "
        + ", ".join(result.channels),
        f"- decisions logged: {result.decisions_logged:,}; wall time {result.seconds:.1f} s",
        "",
        "## Result",
        "",
        f"Last round: huashu reached **{h.fraction_of_oracle:.1%}** of the oracle CTR "
        f"(expected CTR {h.expected_ctr:.2%}); the baseline reached "
        f"**{b.fraction_of_oracle:.1%}** ({b.expected_ctr:.2%}); oracle {h.oracle_ctr:.2%}.",
        "",
        "![CTR by round](ctr_by_round.png)",
        "",
        "| round | arm | impressions | clicks | CTR | expected CTR | fraction of oracle "
        "| conversions | expected conversions per 10,000 | live creatives |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in result.rounds:
        lines.append(
            f"| {r.round} | {r.arm} | {r.impressions:,} | {r.clicks:,} | {r.ctr:.2%} "
            f"| {r.expected_ctr:.2%} | {r.fraction_of_oracle:.1%} | {r.conversions:,} "
            f"| {r.expected_cvr * 10_000:.1f} | {r.live_creatives} |"
        )
    lines += ["", "## Segments", "", "| segment | key | users |", "|---|---|---:|"]
    for s in result.segments:
        lines.append(f"| {s.name} | `{s.key}` | {s.size or 0:,} |")
    verdicts = {v: 0 for v in Verdict}
    for rep in result.reports.values():
        verdicts[rep.verdict] += 1
    lines += [
        "",
        "## Creatives and compliance",
        "",
        f"{len(result.creatives)} drafts: {verdicts[Verdict.PASS]} pass, "
        f"{verdicts[Verdict.REVIEW]} review, {verdicts[Verdict.BLOCK]} block; "
        f"{len(result.approved)} approved, {len(result.rejected)} rejected by the reviewer, "
        f"{len(result.task_ids)} channel tasks created.",
        "",
        "| creative | segment | channel | round | verdict | text |",
        "|---|---|---|---:|---|---|",
    ]
    for c in result.creatives[:40]:
        text = c.text.replace("\n", " / ").replace("|", "\\|")
        lines.append(
            f"| `{c.id[:8]}` | {c.segment_key} | {c.channel} | {c.round} "
            f"| {result.reports[c.id].verdict} | {text} |"
        )
    if len(result.creatives) > 40:
        lines.append(f"| … | | | | | {len(result.creatives) - 40} more |")
    lines += [
        "",
        "### Yield (良品率)",
        "",
        "Variants the generator attempted (dropped ones included); first pass: no repair turn and",
        "a clean final report (compliance and the copy-quality gate); after repair: clean after",
        "repair turns.",
        "",
        "| backend | channel | variants | first pass | first-pass yield | after repair "
        "| yield after repair |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for backend, channel, drafts, passed, repaired in result.yields:
        first = passed / drafts if drafts else 0.0
        after = repaired / drafts if drafts else 0.0
        lines.append(
            f"| {backend} | {channel} | {drafts} | {passed} | {first:.1%} "
            f"| {repaired} | {after:.1%} |"
        )
    findings = [(c, f) for c in result.creatives for f in result.reports[c.id].findings]
    lines += ["", "## Findings", "", "| creative | rule | severity | matched | message |"]
    lines.append("|---|---|---|---|---|")
    for c, f in findings[:40]:
        lines.append(
            f"| `{c.id[:8]}` | {f.rule_id} | {f.severity} | {f.matched} | {f.message_zh} |"
        )
    lines += ["", "## Knowledge base (last snapshot)", "", result.kb_markdown, ""]
    return "\n".join(lines)
