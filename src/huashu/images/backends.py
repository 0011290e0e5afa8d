"""Choosing a background backend by name: ``gradient``, ``pattern:dots|waves|rings``,
``image:PATH`` or ``openai`` (with an :class:`ImagesAPIConfig`)."""

from __future__ import annotations

from pathlib import Path

from huashu.domain import InputError
from huashu.images.backgrounds import (
    PATTERNS,
    GradientBackground,
    ImageBackend,
    ImageFileBackground,
)
from huashu.images.openai_images import ImagesAPIConfig, OpenAIImagesBackend

BACKEND_SPECS = ("gradient", *(f"pattern:{p}" for p in PATTERNS), "image:PATH", "openai")


def make_background(spec: str, *, images_api: ImagesAPIConfig | None = None) -> ImageBackend:
    """The backend named by ``spec``; ``openai`` needs ``images_api``."""
    kind, _, arg = spec.partition(":")
    if kind == "gradient" and not arg:
        return GradientBackground()
    if kind == "pattern":
        return GradientBackground(pattern=arg or "dots")  # type: ignore[arg-type]
    if kind == "image" and arg:
        return ImageFileBackground(Path(arg))
    if kind == "openai" and not arg:
        if images_api is None:
            raise InputError(
                "the openai background needs an images endpoint: set --images-base-url",
                message_zh="openai 背景需要图片接口地址：请设置 --images-base-url",
                code="images_endpoint_missing",
            )
        return OpenAIImagesBackend(images_api)
    known = ", ".join(BACKEND_SPECS)
    raise InputError(
        f"unknown background '{spec}'; known: {known}",
        message_zh=f"未知的背景“{spec}”，可用：{known}",
        code="unknown_background",
        details={"background": spec},
    )
