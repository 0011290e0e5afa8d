"""Encoding a rendered banner as PNG, JPEG or WebP within a byte limit, with its metadata
(fields, sources, background, font) embedded in the file."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import Any

from PIL import Image, PngImagePlugin

from huashu.domain import InputError
from huashu.images.presets import FORMATS, ImageFormat
from huashu.images.render import RenderedBanner

METADATA_KEY = "huashu"
_XMP = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description xmlns:huashu="https://huashu.dev/ns/1.0/">'
    "<huashu:banner>{}</huashu:banner></rdf:Description></rdf:RDF></x:xmpmeta>"
)


@dataclass(frozen=True)
class EncodedBanner:
    """The file bytes and how they were made: ``quality`` is the JPEG/WebP quality or the PNG
    zlib level; ``colors`` the PNG palette size (0 = full colour)."""

    data: bytes
    format: ImageFormat
    quality: int
    colors: int
    max_bytes: int

    @property
    def size(self) -> int:
        return len(self.data)


def _check(banner: RenderedBanner, fmt: str) -> ImageFormat:
    if fmt not in FORMATS:
        raise InputError(
            f"unknown image format '{fmt}'; known: {', '.join(FORMATS)}",
            message_zh=f"未知的图片格式“{fmt}”，可用：{'、'.join(FORMATS)}",
            code="unknown_image_format",
            details={"format": fmt},
        )
    if banner.layout.overflows:
        problems = [o.message() for o in banner.layout.overflows]
        raise InputError(
            "banner does not fit: " + "; ".join(problems),
            message_zh="横幅文字放不下："
            + "；".join(o.message_zh() for o in banner.layout.overflows),
            code="banner_overflow",
            details={"preset": banner.layout.preset.name, "overflows": problems},
        )
    return fmt


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


#: PNG tries: (zlib level, palette colours; 0 = full colour), fastest first.
PNG_LADDER: tuple[tuple[int, int], ...] = ((3, 0), (9, 0), (9, 256), (9, 128), (9, 64))
#: JPEG/WebP qualities tried in order until one fits.
QUALITY_LADDER: tuple[int, ...] = (92, 85, 78, 70, 60, 50, 40)


def _save(image: Image.Image, fmt: ImageFormat, meta: str, quality: int, colors: int) -> bytes:
    out = io.BytesIO()
    if fmt == "png":
        info = PngImagePlugin.PngInfo()
        info.add_itxt(METADATA_KEY, meta)
        source = image if colors == 0 else image.quantize(colors, dither=Image.Dither.NONE)
        source.save(out, "PNG", compress_level=quality, pnginfo=info)
    elif fmt == "jpeg":
        image.save(
            out,
            "JPEG",
            quality=quality,
            optimize=True,
            subsampling=0 if quality >= 85 else 2,
            comment=meta.encode("utf-8"),
        )
    else:
        xmp = _XMP.format(_escape(meta)).encode("utf-8")
        image.save(out, "WEBP", quality=quality, method=2, xmp=xmp)
    return out.getvalue()


def encode(
    banner: RenderedBanner, fmt: str | None = None, max_bytes: int | None = None
) -> EncodedBanner:
    """``banner`` as ``fmt`` (default: the preset's) of at most ``max_bytes`` (default: the
    preset's limit): PNG lossless (fast, then best zlib), then 256/128/64 colours; JPEG and
    WebP at the first quality of :data:`QUALITY_LADDER` that fits. Raises ``banner_overflow``
    for a banner whose text did not fit and ``banner_too_large`` when nothing fits."""
    chosen = _check(banner, fmt or banner.layout.preset.format)
    limit = max_bytes if max_bytes is not None else banner.layout.preset.max_bytes
    meta = json.dumps(banner.metadata, ensure_ascii=False, sort_keys=True)
    image = banner.image if banner.image.mode == "RGB" else banner.image.convert("RGB")
    smallest = 0
    tries = PNG_LADDER if chosen == "png" else tuple((q, 0) for q in QUALITY_LADDER)
    for quality, colors in tries:
        data = _save(image, chosen, meta, quality, colors)
        if len(data) <= limit:
            return EncodedBanner(data, chosen, quality, colors, limit)
        smallest = len(data)
    raise InputError(
        f"{chosen} banner is {smallest} bytes at the lowest setting, over the limit {limit}",
        message_zh=f"{chosen} 横幅在最低质量下仍有 {smallest} 字节，超过上限 {limit} 字节",
        code="banner_too_large",
        details={"format": chosen, "bytes": smallest, "max_bytes": limit},
    )


def read_metadata(data: bytes) -> dict[str, Any]:
    """The metadata embedded by :func:`encode` in PNG, JPEG or WebP bytes."""
    with Image.open(io.BytesIO(data)) as image:
        info = dict(image.info)
        text = getattr(image, "text", {}) if image.format == "PNG" else {}
    if METADATA_KEY in text:
        raw = str(text[METADATA_KEY])
    elif "comment" in info:
        raw = bytes(info["comment"]).decode("utf-8")
    elif "xmp" in info:
        xmp = bytes(info["xmp"]).decode("utf-8")
        start, end = xmp.index("<huashu:banner>") + 15, xmp.index("</huashu:banner>")
        raw = xmp[start:end].replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    else:
        raise InputError(
            "image carries no huashu banner metadata",
            message_zh="图片中没有 huashu 横幅元数据",
            code="no_banner_metadata",
        )
    result: dict[str, Any] = json.loads(raw)
    return result
