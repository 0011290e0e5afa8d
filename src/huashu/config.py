"""Settings: environment variables ``HUASHU_*``, an optional ``huashu.toml``, then defaults.

Nothing is constructed here; ``Settings`` is a value passed to ``create_app`` and the services.
Every setting is documented in docs/settings.md (a test keeps the two in step).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="HUASHU_",
        toml_file="huashu.toml",
        extra="forbid",
    )

    data_dir: Path = Field(
        default=Path(".huashu"),
        description="Directory for the SQLite store, the DuckDB event store and reports.",
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL of the operational store; default sqlite:///<data_dir>/huashu.db.",
    )
    events_url: str | None = Field(
        default=None,
        description="Ibis URL of the event store; default duckdb://<data_dir>/events.duckdb.",
    )
    generator: Literal["compose"] = Field(default="compose", description="Copy generator backend.")
    lang: Literal["zh", "en"] = Field(
        default="zh", description="Language of operator-facing messages."
    )
    host: str = Field(default="127.0.0.1", description="Address `huashu serve` binds to.")
    port: int = Field(default=8000, ge=1, le=65535, description="Port `huashu serve` binds to.")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls))

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'huashu.db'}"

    @property
    def resolved_events_url(self) -> str:
        return self.events_url or f"duckdb://{self.data_dir / 'events.duckdb'}"

    @property
    def reports_dir(self) -> Path:
        return self.data_dir / "reports"
