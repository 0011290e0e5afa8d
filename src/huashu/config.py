"""Settings: environment variables ``HUASHU_*``, an optional ``huashu.toml``, then defaults.

Nothing is constructed here; ``Settings`` is a value passed to ``create_app`` and the services.
Every setting is documented in docs/settings.md (a test keeps the two in step).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import Field, IPvAnyNetwork, SecretStr, field_validator
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
    generator: Literal["compose", "openai"] = Field(
        default="compose", description="Copy generator backend: compose (offline) or openai."
    )
    llm_base_url: str | None = Field(
        default=None,
        description="Base URL of an OpenAI-compatible endpoint, e.g. http://127.0.0.1:8001/v1.",
    )
    llm_api_key: SecretStr | None = Field(
        default=None, description="API key sent as a Bearer token; never logged or shown."
    )
    llm_model: str | None = Field(default=None, description="Model name sent to the endpoint.")
    llm_timeout_s: float = Field(default=60.0, gt=0, description="Per-request timeout (s).")
    llm_connect_timeout_s: float = Field(
        default=10.0, gt=0, description="Timeout of connecting to the endpoint (s)."
    )
    llm_concurrency: int = Field(default=8, ge=1, le=1024, description="Requests in flight.")
    llm_max_retries: int = Field(
        default=4, ge=0, le=20, description="Retries on 429/5xx/timeouts, with backoff."
    )
    llm_max_repairs: int = Field(
        default=2, ge=0, le=10, description="Repair turns fed validation/compliance errors."
    )
    llm_temperature: float = Field(default=0.8, ge=0, le=2, description="Sampling temperature.")
    llm_template: str = Field(default="chat-v3", description="Prompt template version.")
    lang: Literal["zh", "en"] = Field(
        default="zh", description="Language of operator-facing messages."
    )
    host: str = Field(default="127.0.0.1", description="Address `huashu serve` binds to.")
    port: int = Field(default=8000, ge=1, le=65535, description="Port `huashu serve` binds to.")
    snapshot_rebuild_seconds: float = Field(
        default=60.0,
        ge=0.0,
        description="How often `huashu serve` rebuilds the policy snapshot (0: only on request).",
    )
    kb_distill_seconds: float = Field(
        default=600.0,
        ge=0.0,
        description="How often `huashu serve` re-distils each brand's knowledge base (0: never).",
    )
    compliance_precedents: Literal["off", "review", "block"] = Field(
        default="review",
        description="The precedent model: review sends copy no rule blocks that reads like the "
        "blocked development cases to a reviewer and sends a rule's block on copy that reads "
        "like a warning to review; block blocks such copy instead; off leaves the rules alone "
        "(true/false: block/off).",
    )
    kb_keep_versions: int = Field(
        default=100, ge=1, description="Knowledge-base versions kept per brand (older pruned)."
    )
    snapshot_half_life_days: float | None = Field(
        default=None,
        gt=0.0,
        description="Discount older outcomes in the snapshot by this half-life (none: no decay).",
    )
    session_hours: float = Field(
        default=12.0, gt=0.0, le=24 * 30, description="Lifetime of a web login session (hours)."
    )
    secure_cookies: bool = Field(
        default=False,
        description="Mark session cookies Secure (set true whenever huashu is served over HTTPS).",
    )
    login_max_failures: int = Field(
        default=5,
        ge=1,
        description="Failed logins of one account from one address before it must wait.",
    )
    login_window_seconds: float = Field(
        default=300.0, gt=0.0, description="Window over which failed logins are counted (s)."
    )
    login_backoff_seconds: float = Field(
        default=30.0,
        gt=0.0,
        description="First wait after too many failures (s); doubles per further failure.",
    )
    login_client_max_failures: int = Field(
        default=20,
        ge=1,
        description="Failed logins from one address, over all accounts, before it is refused.",
    )
    outbox_interval_seconds: float = Field(
        default=1.0,
        ge=0.0,
        description="How often `huashu serve` delivers pending outbox messages (0: never).",
    )
    analytics_max_stale_seconds: float = Field(
        default=60.0,
        ge=0.0,
        description="How old the 数据 page's figures may be once new events arrive, while newer "
        "ones are computed in the background (0: always wait for current figures).",
    )
    max_body_bytes: int = Field(
        default=12 * 1024 * 1024,
        ge=1024,
        description="Largest request body accepted; larger ones get 413.",
    )
    api_docs: bool = Field(
        default=False,
        description="Serve Swagger UI at /docs from the fastapi-offline package (no CDN); "
        "needs pip install 'huashu[docs]'.",
    )
    segment_eval_seconds: float = Field(
        default=60.0,
        ge=0.0,
        description="Longest a segment preview, apply or export may run before it is stopped "
        "(0: no limit).",
    )
    webhook_allow_networks: list[IPvAnyNetwork] = Field(
        default_factory=list,
        description="Non-public networks (CIDR) webhooks may reach, e.g. 10.1.2.0/24 "
        "(default none: loopback, private and link-local addresses are refused).",
    )
    import_dir: Path | None = Field(
        default=None,
        description="The only directory POST /segments/import reads files from; "
        "default <data_dir>/imports.",
    )
    export_dir: Path | None = Field(
        default=None,
        description="The only directory POST /segments/export writes to; "
        "default <data_dir>/exports.",
    )
    data_connections: dict[str, SecretStr] = Field(
        default_factory=dict,
        description="Named database sources for user imports (name -> Ibis URL), set by an "
        "administrator; the API takes only a name.",
    )

    @field_validator("compliance_precedents", mode="before")
    @classmethod
    def _precedent_mode(cls, value: object) -> object:
        """true/false (the switch's first form) read as block/off."""
        if isinstance(value, bool):
            return "block" if value else "off"
        if isinstance(value, str) and value.strip().lower() in {"true", "false", "1", "0"}:
            return "block" if value.strip().lower() in {"true", "1"} else "off"
        return value

    @field_validator("data_connections")
    @classmethod
    def _check_connections(cls, value: dict[str, SecretStr]) -> dict[str, SecretStr]:
        for name, url in value.items():
            if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]{0,63}", name):
                raise ValueError(f"data connection name {name!r}: letters, digits, '_', '-'")
            scheme, sep, _ = url.get_secret_value().partition("://")
            if not sep or not scheme:
                raise ValueError(f"data connection {name!r} is not a URL (scheme://...)")
            if scheme.split("+")[0].lower() == "pyspark":
                raise ValueError(f"data connection {name!r}: pyspark is not a data source")
        return value

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

    @property
    def resolved_import_dir(self) -> Path:
        return self.import_dir or self.data_dir / "imports"

    @property
    def resolved_export_dir(self) -> Path:
        return self.export_dir or self.data_dir / "exports"
