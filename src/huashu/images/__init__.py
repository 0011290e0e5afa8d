"""Banner creatives: huashu sets the exact Chinese copy itself (layout engine, CJK font, line
breaking) over a background from an image backend, and exports PNG/JPEG/WebP within a byte limit.

Text comes only from the creative's checked fields, the pack's facts and the brand name; every
banner records those sources, the background and the font in its metadata.

The names below are loaded on first use (module ``__getattr__``): ``huashu banner presets`` and
the chat's size list need only the presets, not Pillow, numpy and httpx.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from huashu.lazy import lazy_attributes

if TYPE_CHECKING:
    from huashu.images.backends import BACKEND_SPECS, make_background
    from huashu.images.backgrounds import (
        PATTERNS,
        Background,
        BackgroundRequest,
        GradientBackground,
        ImageBackend,
        ImageFileBackground,
    )
    from huashu.images.colors import Palette, contrast
    from huashu.images.content import (
        BannerContent,
        Callout,
        TextPart,
        banner_content,
        disclosure_for,
    )
    from huashu.images.export import EncodedBanner, encode, read_metadata
    from huashu.images.fitting import Overflow
    from huashu.images.fonts import INSTALL_COMMAND, CjkFonts, FontFace, find_cjk_fonts
    from huashu.images.layout import BannerLayout, layout_banner, min_px
    from huashu.images.linebreak import NO_LINE_END, NO_LINE_START, wrap
    from huashu.images.openai_images import ImageBackendError, ImagesAPIConfig, OpenAIImagesBackend
    from huashu.images.presets import FORMATS, PRESETS, BannerPreset, get_preset, presets_for
    from huashu.images.render import BannerRenderer, RenderedBanner

#: Each public name and the submodule that defines it.
_HOME = {
    **dict.fromkeys(("BACKEND_SPECS", "make_background"), "backends"),
    **dict.fromkeys(
        (
            "PATTERNS",
            "Background",
            "BackgroundRequest",
            "GradientBackground",
            "ImageBackend",
            "ImageFileBackground",
        ),
        "backgrounds",
    ),
    **dict.fromkeys(("Palette", "contrast"), "colors"),
    **dict.fromkeys(
        ("BannerContent", "Callout", "TextPart", "banner_content", "disclosure_for"), "content"
    ),
    **dict.fromkeys(("EncodedBanner", "encode", "read_metadata"), "export"),
    "Overflow": "fitting",
    **dict.fromkeys(("INSTALL_COMMAND", "CjkFonts", "FontFace", "find_cjk_fonts"), "fonts"),
    **dict.fromkeys(("BannerLayout", "layout_banner", "min_px"), "layout"),
    **dict.fromkeys(("NO_LINE_END", "NO_LINE_START", "wrap"), "linebreak"),
    **dict.fromkeys(
        ("ImageBackendError", "ImagesAPIConfig", "OpenAIImagesBackend"), "openai_images"
    ),
    **dict.fromkeys(("FORMATS", "PRESETS", "BannerPreset", "get_preset", "presets_for"), "presets"),
    **dict.fromkeys(("BannerRenderer", "RenderedBanner"), "render"),
}


__getattr__, __dir__ = lazy_attributes(__name__, _HOME, globals())

__all__ = [
    "BACKEND_SPECS",
    "FORMATS",
    "INSTALL_COMMAND",
    "NO_LINE_END",
    "NO_LINE_START",
    "PATTERNS",
    "PRESETS",
    "Background",
    "BackgroundRequest",
    "BannerContent",
    "BannerLayout",
    "BannerPreset",
    "BannerRenderer",
    "Callout",
    "CjkFonts",
    "EncodedBanner",
    "FontFace",
    "GradientBackground",
    "ImageBackend",
    "ImageBackendError",
    "ImageFileBackground",
    "ImagesAPIConfig",
    "OpenAIImagesBackend",
    "Overflow",
    "Palette",
    "RenderedBanner",
    "TextPart",
    "banner_content",
    "contrast",
    "disclosure_for",
    "encode",
    "find_cjk_fonts",
    "get_preset",
    "layout_banner",
    "make_background",
    "min_px",
    "presets_for",
    "read_metadata",
    "wrap",
]
