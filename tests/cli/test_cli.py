"""The ``huashu`` command line: help on every option, brand validation, errors in Chinese."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from typer.testing import CliRunner

from huashu.cli import app

runner = CliRunner()


def _commands(group: Any, prefix: str = "") -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for name, command in group.commands.items():
        out.append((f"{prefix}{name}", command))
        if hasattr(command, "commands"):
            out += _commands(command, f"{prefix}{name} ")
    return out


def test_every_command_and_option_has_help() -> None:
    commands = _commands(typer.main.get_command(app))
    assert {name for name, _ in commands} >= {"demo", "serve", "brand", "brand validate"}
    for name, command in commands:
        assert command.help, f"command '{name}' has no help"
        for param in command.params:
            if param.param_type_name == "option" and param.name != "help":
                assert param.help, f"option --{param.name} of '{name}' has no help"


def test_brand_validate_accepts_the_examples(examples_dir: Path) -> None:
    for name in ("rural_bank.yaml", "cosmetics_xhs.yaml"):
        result = runner.invoke(app, ["brand", "validate", str(examples_dir / name)])
        assert result.exit_code == 0, result.output
        assert "OK" in result.output


def test_brand_validate_reports_file_line_field(tmp_path: Path, examples_dir: Path) -> None:
    text = (examples_dir / "rural_bank.yaml").read_text("utf-8")
    broken = tmp_path / "bank.yaml"
    broken.write_text(text.replace("sms_signature: 春田农商银行", "sms_signature: ''"), "utf-8")
    line = next(
        i
        for i, row in enumerate(broken.read_text("utf-8").splitlines(), 1)
        if "sms_signature" in row
    )
    result = runner.invoke(app, ["brand", "validate", str(broken)])
    assert result.exit_code == 1
    assert f"{broken}:{line}: brand.sms_signature:" in result.output
    english = runner.invoke(app, ["brand", "validate", str(broken), "--lang", "en"])
    assert f"{broken}:{line}: brand.sms_signature:" in english.output


def test_demo_bad_option_is_a_clear_chinese_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["demo", "--users", "0", "--data-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "参数 --users 至少为 1" in result.output
    assert "Traceback" not in result.output


def test_demo_missing_pack_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["demo", "--pack", str(tmp_path / "none.yaml"), "--data-dir", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "none.yaml" in result.output
