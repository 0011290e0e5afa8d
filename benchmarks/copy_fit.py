"""Segment fit and yield of generated copy, per backend, on both example packs.

Every draft of a whole campaign (every segment x channel of a 5-occupation x eligibility bank
brief and a 3-skin x 3-age cosmetics brief) is read by the copy-quality gate and compliance:
drafts with another segment's identity words, offers to segments that do not qualify, the
product named, actions the channel cannot carry, and the yield (variants attempted, passed
first time, passed after repair) per channel.

Backends: ``compose`` (the built-in generator), and ``openai`` against a scripted
chat-completions server on loopback. The scripted model writes each answer from the segment
the prompt names (it reads "这一条只写给<segment>" and the response schema's channel), and on a
third of first answers writes for a different segment of the same pack instead: the figure
is whether the gate catches that and the repair turn fixes it, so that no wrong-audience draft
is delivered. It is not a measure of any real model's writing.

    .venv/bin/python benchmarks/copy_fit.py [--n 5] [--write]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from time import perf_counter
from typing import Any

from docs_section import replace_section

from huashu.audience import cross_segments
from huashu.brand import load_brand_pack
from huashu.channels import get_channel
from huashu.compliance import Checker
from huashu.domain import BrandPack
from huashu.generate import (
    ComposeGenerator,
    GenerationRequest,
    GenerationResult,
    LLMConfig,
    OpenAIGenerator,
)
from huashu.generate.copycheck import copy_findings
from huashu.generate.plan import content_plan

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- copy-fit:start -->", "<!-- copy-fit:end -->"
CAMPAIGNS = (
    (
        "rural_bank",
        "给养殖户、种植户、小微企业主、个体工商户和工薪客户推春耕贷，有优惠的讲利率优惠，"
        "短信、首页卡片和智能外呼，突出额度和审批快",
    ),
    ("cosmetics_xhs", "给油皮、干皮、敏感肌的学生党、职场新人和轻熟龄写小红书笔记和首页卡片"),
)
_FOR = re.compile(r"这一条只写给([^。\n]+)。")


@dataclass
class Tally:
    drafts: int = 0
    other_segment: int = 0
    ineligible: int = 0
    named: int = 0
    cta_channel: int = 0
    structure: int = 0
    variants: int = 0
    first_pass: int = 0
    after_repair: int = 0
    seconds: float = 0.0
    channels: dict[str, list[int]] = field(default_factory=dict)


def _run(pack: BrandPack, brief: str, generator: Any, n: int) -> Tally:
    segments = cross_segments(pack)
    channels = tuple(pack.channels)
    plan = content_plan(pack, brief, segments, channels)
    requests = [
        GenerationRequest(
            pack=pack,
            segment=seg,
            channel=get_channel(ch),
            n=n,
            seed=11,
            campaign_id=f"fit-{pack.id}",
            plan=plan,
            brief=brief,
        )
        for ch in channels
        for seg in segments
    ]
    start = perf_counter()
    many = getattr(generator, "run_many", None)
    results: list[GenerationResult] = (
        many(requests) if many else [generator.run(r) for r in requests]
    )
    tally = Tally(seconds=perf_counter() - start)
    for request, result in zip(requests, results, strict=True):
        row = tally.channels.setdefault(request.channel.name, [0, 0, 0])
        row[0] += len(result.attempts)
        row[1] += sum(a.first_pass for a in result.attempts)
        row[2] += sum(a.passed for a in result.attempts)
        tally.variants += len(result.attempts)
        tally.first_pass += sum(a.first_pass for a in result.attempts)
        tally.after_repair += sum(a.passed for a in result.attempts)
        for c in result.creatives:
            rules = [f.rule_id for f in copy_findings(c.fields, c.channel, pack, request.segment)]
            tally.drafts += 1
            tally.other_segment += "copy.other_segment" in rules
            tally.ineligible += "copy.ineligible_offer" in rules
            tally.cta_channel += "copy.cta_channel" in rules
            tally.structure += "copy.structure" in rules
            tally.named += bool(pack.product and pack.product.name in c.text)
    return tally


class _Model:
    """A scripted chat model: writes for the segment the prompt names (compose-backed), and on
    a third of first answers for another segment of the same pack."""

    def __init__(self, packs: dict[str, BrandPack]) -> None:
        self.packs = {p.brand.name: p for p in packs.values()}
        self.segments = {p.brand.name: cross_segments(p) for p in packs.values()}
        self.lock = threading.Lock()
        self.calls = 0

    def answer(self, body: dict[str, Any]) -> dict[str, Any]:
        system = str(body["messages"][0]["content"])
        first_line = system.split("\n", 1)[0]  # 你是<brand>的资深营销文案…
        pack = next(p for name, p in self.packs.items() if f"你是{name}的" in first_line)
        channel = get_channel(str(body["response_format"]["json_schema"]["name"]))
        named = _FOR.search(system)
        segments = self.segments[pack.brand.name]
        target = next(s for s in segments if named and s.name == named.group(1))
        with self.lock:
            self.calls += 1
            call = self.calls
        first = len(body["messages"]) <= 2
        segment = target
        if first and call % 3 == 0:
            others = [s for s in segments if s.labels != target.labels and s.rule != target.rule]
            first_label = next(iter(target.labels.values()))
            segment = next(s for s in others if next(iter(s.labels.values())) != first_label)
        seed = int(body.get("seed", 0)) + call
        made = ComposeGenerator().generate(
            GenerationRequest(pack=pack, segment=segment, channel=channel, n=1, seed=seed)
        )
        return channel.unwrap(made[0].fields) if made else {}


@contextmanager
def _server(model: _Model) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["content-length"])))
            content = json.dumps(model.answer(body), ensure_ascii=False)
            payload = json.dumps(
                {
                    "object": "chat.completion",
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": content},
                            "finish_reason": "stop",
                        }
                    ],
                    "usage": {"prompt_tokens": 1500, "completion_tokens": 120},
                },
                ensure_ascii=False,
            ).encode()
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()


def _rows(backend: str, pack: BrandPack, t: Tally) -> list[str]:
    named = t.named / t.drafts if t.drafts else 0.0
    rows = [
        f"| {backend} | {pack.brand.name} | all | {t.drafts} | {t.other_segment} | {t.ineligible} "
        f"| {named:.1%} | {t.cta_channel} | {t.structure} | {t.variants} "
        f"| {t.first_pass / max(t.variants, 1):.1%} | {t.after_repair / max(t.variants, 1):.1%} "
        f"| {t.seconds:.1f} s |"
    ]
    for ch, (tried, first, after) in sorted(t.channels.items()):
        rows.append(
            f"| {backend} | {pack.brand.name} | {ch} | | | | | | | {tried} "
            f"| {first / max(tried, 1):.1%} | {after / max(tried, 1):.1%} | |"
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=5, help="drafts per segment x channel")
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args()
    packs = {name: load_brand_pack(ROOT / "examples" / f"{name}.yaml") for name, _ in CAMPAIGNS}
    checker = Checker.from_packs()
    lines = [
        "| backend | brand | channel | drafts | other segment's words | offer to ineligible "
        "| product named | action the channel can't carry | shape off | variants "
        "| first-pass yield | yield after repair | time |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    model = _Model(packs)
    with _server(model) as url:
        backends: list[tuple[str, Any]] = [
            ("compose", ComposeGenerator(checker=checker)),
            (
                "openai (scripted)",
                OpenAIGenerator(LLMConfig(base_url=url, model="scripted", concurrency=8), checker),
            ),
        ]
        for backend, generator in backends:
            for name, brief in CAMPAIGNS:
                tally = _run(packs[name], brief, generator, args.n)
                lines += _rows(backend, packs[name], tally)
    head = (
        f"{datetime.now(UTC):%Y-%m-%d}; {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {sys.version.split()[0]}; command: `.venv/bin/python benchmarks/copy_fit.py "
        f"--n {args.n} --write`; scripted model calls: {model.calls}"
    )
    table = "\n".join(lines)
    print(head)
    print(table)
    if args.write:
        block = "\n".join(
            [
                START,
                "## Copy segment fit and yield",
                "",
                head,
                "",
                "Every draft of a whole campaign, read by the copy-quality gate: a 5-occupation x "
                "eligibility bank brief (10 segments x sms, home_card, smart_call) and a 3-skin x "
                "3-age cosmetics brief (9 segments x 小红书, home_card), "
                f"{args.n} drafts per cell. The `openai` rows use a scripted server that writes "
                "for another segment on a third of first answers (see the script): they measure "
                "that the gate catches wrong-audience answers and the repair fixes them, not a "
                "real model. First-pass: compliance and the gate pass on the first composition "
                "or answer; after repair: pass after repair turns; the rest were dropped.",
                "",
                table,
                END,
            ]
        )
        replace_section(block, START, END)


if __name__ == "__main__":
    main()
