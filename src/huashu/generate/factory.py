"""Choosing the generator backend from settings: ``compose`` (default) or ``openai``."""

from __future__ import annotations

from huashu.compliance import Checker
from huashu.config import Settings
from huashu.domain import InputError
from huashu.generate.base import Generator
from huashu.generate.compose import ComposeGenerator
from huashu.generate.llm_client import LLMConfig
from huashu.generate.openai_chat import OpenAIGenerator

BACKENDS = ("compose", "openai")


def llm_config(settings: Settings) -> LLMConfig:
    """The endpoint settings; ``llm_base_url`` and ``llm_model`` are required."""
    missing = [
        f"HUASHU_{name.upper()}"
        for name in ("llm_base_url", "llm_model")
        if not getattr(settings, name)
    ]
    if missing:
        raise InputError(
            f"generator 'openai' needs {', '.join(missing)}",
            message_zh=f"openai 生成后端需要设置：{'、'.join(missing)}",
            code="llm_not_configured",
            details={"missing": missing},
        )
    assert settings.llm_base_url is not None and settings.llm_model is not None
    return LLMConfig(
        base_url=settings.llm_base_url,
        model=settings.llm_model,
        api_key=settings.llm_api_key,
        timeout_s=settings.llm_timeout_s,
        connect_timeout_s=settings.llm_connect_timeout_s,
        concurrency=settings.llm_concurrency,
        max_retries=settings.llm_max_retries,
        temperature=settings.llm_temperature,
    )


def make_generator(settings: Settings | str, checker: Checker | None = None) -> Generator:
    """The generator backend the settings name. With ``checker``, ``compose`` grounds every
    draft (phrases that fail compliance are banned and redrawn, so operators are not shown
    copy the checks would block); without, it returns unchecked drafts (the services check
    them). ``openai`` always grounds and repairs (a default checker when none is given)."""
    name = settings if isinstance(settings, str) else settings.generator
    if name == "compose":
        return ComposeGenerator(checker=checker)
    if name == "openai" and isinstance(settings, Settings):
        if checker is None:
            checker = Checker.from_packs()
        return OpenAIGenerator(
            llm_config(settings),
            checker,
            max_repairs=settings.llm_max_repairs,
            template=settings.llm_template,
        )
    raise InputError(
        f"unknown generator backend '{name}'; available: {', '.join(BACKENDS)}",
        message_zh=f"未知的生成后端“{name}”，可用：{'、'.join(BACKENDS)}",
        code="unknown_generator",
    )
