"""Every setting is documented in docs/settings.md, and settings read env and huashu.toml."""

from __future__ import annotations

from pathlib import Path

import pytest

from huashu.config import Settings

DOCS = Path(__file__).resolve().parent.parent / "docs" / "settings.md"


def test_every_setting_is_documented() -> None:
    text = DOCS.read_text("utf-8")
    for name in Settings.model_fields:
        assert f"`{name}`" in text, f"setting {name} missing from docs/settings.md"
        assert f"`HUASHU_{name.upper()}`" in text


def test_env_then_toml_then_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert Settings().resolved_database_url == "sqlite:///.huashu/huashu.db"
    (tmp_path / "huashu.toml").write_text('data_dir = "/srv/h"\nlang = "en"\n')
    settings = Settings()
    assert settings.data_dir == Path("/srv/h")
    assert settings.lang == "en"
    assert settings.resolved_events_url == "duckdb:///srv/h/events.duckdb"
    monkeypatch.setenv("HUASHU_LANG", "zh")
    assert Settings().lang == "zh"


def test_unknown_setting_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "huashu.toml").write_text('data_dri = "x"\n')
    with pytest.raises(ValueError, match="data_dri"):
        Settings()


def test_precedent_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The precedent model sends to review by default; true/false (its first form) read as
    block/off; anything else is refused."""
    monkeypatch.chdir(tmp_path)
    assert Settings().compliance_precedents == "review"
    for given, mode in (("true", "block"), ("false", "off"), ("block", "block"), ("off", "off")):
        monkeypatch.setenv("HUASHU_COMPLIANCE_PRECEDENTS", given)
        assert Settings().compliance_precedents == mode
    monkeypatch.setenv("HUASHU_COMPLIANCE_PRECEDENTS", "sometimes")
    with pytest.raises(ValueError, match="compliance_precedents"):
        Settings()
