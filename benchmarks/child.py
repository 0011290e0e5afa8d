"""Run one benchmark step in a fresh spawned process, so its peak memory is its own."""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable
from typing import Any


def run_in_child(target: Callable[[str, Any], None], arg: str) -> dict[str, Any]:
    """``target(arg, queue)`` puts one result dict on ``queue``; return it."""
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=target, args=(arg, queue))
    proc.start()
    result: dict[str, Any] = queue.get()
    proc.join()
    return result
