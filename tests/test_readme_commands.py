"""Every command the README shows works on a fresh clone.

The commands are the ``huashu ...`` and ``make ...`` lines of the README's code blocks and its
inline code spans. Each README item (a list item, a paragraph or a code block) runs in order in
a fresh working directory holding a copy of ``examples/`` (what a clone has) with a fresh data
directory, against the installed CLI next to this interpreter: exit code 0 (or the code an
``<!-- exit N -->`` comment right after the span declares) and some output. ``[...]`` parts are
optional and left out; ``echo TEXT | huashu ...`` feeds TEXT on stdin; ``huashu serve`` is
started, must answer ``/healthz``, and is stopped. ``make demo`` and ``make test`` take minutes,
so for them the Makefile target must exist.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.loopback import free_port

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
HUASHU = Path(sys.executable).with_name("huashu")
SLOW_MAKE_TARGETS = frozenset({"demo", "test"})
TIMEOUT_S = 120
SERVER_DEADLINE_S = 60

_FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.M | re.S)
_SPAN = re.compile(r"`([^`]+)`(?:\s*<!--\s*exit\s+(\d+)\s*-->)?")
_OPTIONAL = re.compile(r"\s*\[[^\]]*\]")


@dataclass(frozen=True)
class Command:
    text: str  # as the README writes it
    argv: tuple[str, ...]
    stdin: str | None = None
    exit_code: int = 0


def parse_command(text: str, exit_code: int = 0) -> Command | None:
    """The command a README snippet runs, or ``None`` when it is not a huashu/make command."""
    words = shlex.split(_OPTIONAL.sub("", text), comments=True)
    stdin = None
    if "|" in words:
        cut = words.index("|")
        feeder, words = words[:cut], words[cut + 1 :]
        assert feeder[:1] == ["echo"], f"only `echo TEXT | ...` pipes are supported: {text!r}"
        stdin = " ".join(feeder[1:]) + "\n"
    if words[:1] not in (["huashu"], ["make"]):
        return None
    return Command(text, tuple(words), stdin, exit_code)


def _items(markdown: str) -> list[tuple[bool, str]]:
    """``(is_code, text)`` per code block, then per list item or paragraph of the prose."""
    items = [(True, m.group(1)) for m in _FENCE.finditer(markdown)]
    current: list[str] = []
    for line in [*_FENCE.sub("", markdown).splitlines(), ""]:
        if not line.strip() or line.startswith(("- ", "#")):
            if current:
                items.append((False, "\n".join(current)))
            current = [line] if line.startswith("- ") else []
        else:
            current.append(line)
    return items


def readme_items(markdown: str) -> list[list[Command]]:
    """The commands of each README item that has any, in order."""
    out = []
    for is_code, text in _items(markdown):
        found = (
            [parse_command(line) for line in text.splitlines() if line.strip()]
            if is_code
            else [
                parse_command(" ".join(m.group(1).split()), int(m.group(2) or 0))
                for m in _SPAN.finditer(text)
            ]
        )
        commands = [c for c in found if c is not None]
        if commands:
            out.append(commands)
    return out


ITEMS = readme_items(README.read_text(encoding="utf-8"))


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HUASHU_")}
    return env | {"HUASHU_DATA_DIR": str(data_dir), "COLUMNS": "120", "NO_COLOR": "1"}


def _serve(command: Command, cwd: Path, env: dict[str, str]) -> str:
    port = free_port()
    proc = subprocess.Popen(
        [str(HUASHU), *command.argv[1:]],
        cwd=cwd,
        env=env | {"HUASHU_PORT": str(port)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + SERVER_DEADLINE_S
        while True:
            assert proc.poll() is None, f"{command.text} exited early:\n{proc.communicate()[0]}"
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, f"{command.text}: no /healthz answer"
                time.sleep(0.2)
        assert health.status_code == 200, health.text
    finally:
        proc.send_signal(signal.SIGINT)
        output, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0, output
    return output


def run_command(command: Command, cwd: Path, data_dir: Path) -> str:
    """Run one README command; return its output (stdout and stderr)."""
    env = _env(data_dir)
    program, *args = command.argv
    if program == "make":
        targets = [a for a in args if not a.startswith("-")]
        if set(targets) <= SLOW_MAKE_TARGETS:
            makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
            for target in targets:
                assert re.search(rf"^{target}:", makefile, re.M), f"no make target {target}"
            return "targets exist"
        argv, cwd = ["make", *args], ROOT
    elif args[:1] == ["serve"]:
        return _serve(command, cwd, env)
    else:
        argv = [str(HUASHU), *args]
    done = subprocess.run(
        argv,
        cwd=cwd,
        env=env,
        input=command.stdin,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )
    output = done.stdout + done.stderr
    assert done.returncode == command.exit_code, f"{command.text}\n-> {done.returncode}\n{output}"
    return output


def test_the_readme_commands_are_found() -> None:
    argvs = [c.argv for item in ITEMS for c in item]
    assert ("huashu", "segments", "preview", "examples/segments/rural_bank.yaml") in argvs
    assert ("make", "demo") in argvs  # the comment after it is not part of the command
    check = next(c for item in ITEMS for c in item if c.argv[1] == "check")
    assert check.exit_code == 1  # the example copy is blocked, on purpose
    users = next(c for item in ITEMS for c in item if c.argv[1:3] == ("users", "add"))
    assert users.stdin == "a-long-password\n"
    serve = next(c for item in ITEMS for c in item if c.argv[1] == "serve")
    assert serve.argv == ("huashu", "serve")  # [--workers N] is optional


@pytest.mark.parametrize("commands", ITEMS, ids=[item[0].text[:48] for item in ITEMS])
def test_readme_command_runs(commands: list[Command], tmp_path: Path) -> None:
    assert HUASHU.exists(), f"install the CLI first (pip install -e .): no {HUASHU}"
    cwd = tmp_path / "clone"
    shutil.copytree(ROOT / "examples", cwd / "examples")
    for command in commands:
        output = run_command(command, cwd, tmp_path / "data")
        assert output.strip(), f"{command.text}: no output"


def test_the_example_users_are_the_simulator_population() -> None:
    """``examples/users/rural_bank.csv`` is generated, not hand-made: 2,000 users of the example
    world drawn with seed 1 (regenerate it with the code below when the world changes)."""
    from huashu.sim import load_world

    world = load_world(ROOT / "examples" / "rural_bank.world.yaml")
    expected = world.population(2000, seed=1).to_csv(index=False, lineterminator="\n")
    assert (ROOT / "examples" / "users" / "rural_bank.csv").read_text(encoding="utf-8") == expected
