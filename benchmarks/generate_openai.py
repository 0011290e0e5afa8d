"""Client overhead of the ``openai`` backend against a chat-completions server on loopback.

The server runs in its own process and answers at once with valid JSON (a minimal asyncio
HTTP/1.1 server speaking the chat-completions response format, so that the server is not the
bottleneck; the tests use the uvicorn one in tests/generate/chat_server.py). The figure is
huashu's own cost per request: prompt rendering, HTTP, JSON-schema validation, channel
framing, grounding with the compliance engine. Peer, same run: bare httpx (one AsyncClient,
one shared pool) posting bodies of the same size at the same concurrency.

    .venv/bin/python benchmarks/generate_openai.py --requests 2000 --concurrency 32
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path
from time import perf_counter
from typing import Any

import httpx
import yaml

from huashu.audience import cross_segments
from huashu.channels import get_channel
from huashu.compliance import Checker
from huashu.domain import BrandPack
from huashu.generate import (
    ChatClient,
    GenerationRequest,
    LLMConfig,
    OpenAIGenerator,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


# segment-neutral cards that name the product, so that every answer passes the copy gate
HOOKS = ("春耕贷，最高30万元", "春耕贷来帮忙", "开春用钱找春耕贷", "春耕贷线上可申请", "春耕贷")
BENEFITS = ("额度内随借随还", "资料齐全最快当天放款", "纯信用免抵押", "最长3年")


def _answer(body: dict[str, Any]) -> bytes:
    seed = int(body.get("seed", 0))
    card = {
        "title": HOOKS[seed % len(HOOKS)],
        "subtitle": f"{BENEFITS[seed // len(HOOKS) % len(BENEFITS)]}，年化利率3.6%起",
        "cta": "立即申请",
    }
    content = json.dumps(card, ensure_ascii=False)
    return json.dumps(
        {
            "object": "chat.completion",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content},
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 600, "completion_tokens": 40},
        },
        ensure_ascii=False,
    ).encode()


async def _handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            payload = _answer(json.loads(await reader.readexactly(length)))
            writer.write(
                b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
                b"content-length: %d\r\n\r\n" % len(payload) + payload
            )
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        writer.close()


def _serve(ready: Any, stop: Any) -> None:
    async def main() -> None:
        server = await asyncio.start_server(_handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        ready.put(f"http://127.0.0.1:{port}/v1")
        async with server:
            while not stop.is_set():
                await asyncio.sleep(0.1)

    asyncio.run(main())


async def _http_only(config: LLMConfig, bodies: list[dict[str, Any]]) -> float:
    async with ChatClient(config) as client:
        start = perf_counter()
        await asyncio.gather(*(client.complete(b["messages"], seed=b["seed"]) for b in bodies))
        return perf_counter() - start


async def _bare(url: str, bodies: list[dict[str, Any]], concurrency: int) -> float:
    slots = asyncio.Semaphore(concurrency)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:

        async def one(body: dict[str, Any]) -> None:
            async with slots:
                r = await client.post(url + "/chat/completions", json=body)
                json.loads(r.json()["choices"][0]["message"]["content"])

        start = perf_counter()
        await asyncio.gather(*(one(b) for b in bodies))
        return perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()
    pack = BrandPack.model_validate(yaml.safe_load((EXAMPLES / "rural_bank.yaml").read_text()))
    ctx = mp.get_context("spawn")
    ready, stop = ctx.Queue(), ctx.Event()
    server = ctx.Process(target=_serve, args=(ready, stop), daemon=True)
    server.start()
    try:
        url = ready.get(timeout=30)
        per = 10
        segments = cross_segments(pack)
        requests = [
            GenerationRequest(
                pack=pack,
                segment=segments[i % len(segments)],
                channel=get_channel("home_card"),
                n=per,
                seed=i * per,
                campaign_id="bench",
            )
            for i in range(args.requests // per)
        ]
        config = LLMConfig(base_url=url, model="bench", concurrency=args.concurrency)
        gen = OpenAIGenerator(config, Checker.from_packs(), max_repairs=0)
        gen.run_many(requests[:5])
        start = perf_counter()
        results = gen.run_many(requests)
        elapsed = perf_counter() - start
        sent = sum(r.usage.requests for r in results)
        made = sum(len(r.creatives) for r in results)
        body = {"model": "bench", "messages": [{"role": "user", "content": "x" * 1500}]}
        bodies = [{**body, "seed": i} for i in range(sent)]
        http_only = asyncio.run(_http_only(config, bodies))
        bare = asyncio.run(_bare(url, bodies, args.concurrency))
    finally:
        stop.set()
        server.join(timeout=10)
    print(
        f"date: {datetime.now(UTC):%Y-%m-%d}; machine: {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"
    )
    print(
        f"openai backend, concurrency {args.concurrency}: {sent} requests in {elapsed:.2f} s "
        f"= {sent / elapsed:,.0f} requests/s ({made} grounded creatives)"
    )
    print(
        f"peer, huashu's HTTP layer alone (ChatClient, no prompt/validation/grounding): "
        f"{sent / http_only:,.0f} requests/s"
    )
    print(f"peer, bare httpx (one AsyncClient, shared pool): {sent / bare:,.0f} requests/s")
    print(
        f"generation overhead over the HTTP layer: {(elapsed - http_only) / sent * 1000:.2f} "
        "ms per request"
    )


if __name__ == "__main__":
    main()
