"""The image backend protocol and the built-in backgrounds: brand-colour gradients, gradient
plus pattern, and a user-supplied image cropped to fit. Backgrounds never carry text."""

from __future__ import annotations

import hashlib
import math
import random
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol, runtime_checkable

import numpy as np
from PIL import Image, ImageDraw, ImageOps, UnidentifiedImageError

from huashu.domain import InputError
from huashu.images.colors import WHITE, Palette, mix, to_hex

PatternName = Literal["dots", "waves", "rings"]
PATTERNS: tuple[PatternName, ...] = ("dots", "waves", "rings")


@dataclass(frozen=True)
class BackgroundRequest:
    """What a banner needs behind its text: size, brand colours, a seed, and words for an AI
    backend to draw from (``subject``: brand, industry and campaign, never the copy itself)."""

    width: int
    height: int
    palette: Palette
    seed: int = 0
    subject: str = ""


@dataclass(frozen=True)
class Background:
    """An RGB image of the requested size and a record of how it was made."""

    image: Image.Image
    source: dict[str, str]


@runtime_checkable
class ImageBackend(Protocol):
    """Makes banner backgrounds; ``name`` goes into every banner's metadata."""

    name: str

    def background(self, request: BackgroundRequest) -> Background: ...


class _Memo:
    """A small per-backend memo of recent backgrounds (the same brand and size recur)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[BackgroundRequest, Background] = OrderedDict()

    def get(self, request: BackgroundRequest) -> Background | None:
        hit = self.items.get(request)
        if hit is not None:
            self.items.move_to_end(request)
        return hit

    def put(self, request: BackgroundRequest, background: Background) -> Background:
        self.items[request] = background
        while len(self.items) > self.size:
            self.items.popitem(last=False)
        return background


def _glow(
    grid: tuple[np.ndarray, np.ndarray], centre: tuple[float, float], radius: float
) -> np.ndarray:
    yy, xx = grid
    d = np.sqrt((xx - centre[0]) ** 2 + (yy - centre[1]) ** 2) / radius
    return np.clip(1.0 - d, 0.0, 1.0) ** 2


def gradient_image(request: BackgroundRequest, scale: int = 4) -> Image.Image:
    """A diagonal primary -> dark gradient with soft accent and light glows, computed at
    1/``scale`` resolution and smoothly upsampled."""
    rng = random.Random(request.seed)
    w, h = max(2, request.width // scale), max(2, request.height // scale)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    xx, yy = xx / (w - 1), yy / (h - 1)
    aspect = request.width / request.height
    t = np.clip(0.65 * xx + 0.35 * yy, 0.0, 1.0)[..., None]
    start = np.array(mix(request.palette.primary, WHITE, 0.08), np.float32)
    end = np.array(request.palette.dark, np.float32)
    rgb = start * (1 - t) + end * t
    grid = (yy, xx * aspect)
    accent_at = (aspect * (0.78 + 0.1 * rng.random()), 0.15 + 0.2 * rng.random())
    accent = _glow(grid, accent_at, 0.9)[..., None] * 0.45
    rgb = rgb * (1 - accent) + np.array(request.palette.accent, np.float32) * accent
    light = _glow(grid, (aspect * 0.05, 1.15), 0.8)[..., None] * 0.18
    rgb = rgb * (1 - light) + np.array(WHITE, np.float32) * light
    small = Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8), "RGB")
    return small.resize((request.width, request.height), Image.Resampling.BILINEAR)


def _pattern_layer(request: BackgroundRequest, pattern: PatternName) -> Image.Image:
    w, h = request.width, request.height
    layer = Image.new("L", (w, h), 0)
    draw = ImageDraw.Draw(layer)
    unit = max(8, round(min(w, h) / 18))
    if pattern == "dots":
        for y in range(unit // 2, h, unit):
            for x in range(unit // 2, w, unit):
                fade = max(0.0, (x / w - 0.45) / 0.55)
                r = unit * 0.18 * fade
                if r >= 0.8:
                    draw.ellipse((x - r, y - r, x + r, y + r), fill=round(60 * fade))
    elif pattern == "waves":
        step = max(2, w // 120)
        for k in range(7):
            base = h * (0.35 + 0.11 * k)
            pts = [
                (x, base + unit * 0.9 * math.sin(x / w * 2 * math.pi * 1.3 + k * 0.7))
                for x in range(0, w + step, step)
            ]
            draw.line(pts, fill=38, width=max(1, unit // 8))
    else:
        cx, cy = w * 0.88, h * 0.2
        for k in range(1, 14):
            r = unit * 1.6 * k
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=34, width=max(1, unit // 7))
    return layer


@dataclass
class GradientBackground:
    """Brand-colour gradient; with ``pattern`` (dots, waves, rings) a light pattern on top."""

    pattern: PatternName | None = None
    memo_size: int = 32
    name: str = field(init=False)
    _memo: _Memo = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if self.pattern is not None and self.pattern not in PATTERNS:
            raise InputError(
                f"unknown background pattern '{self.pattern}'; known: {', '.join(PATTERNS)}",
                message_zh=f"未知的背景图案“{self.pattern}”，可用：{'、'.join(PATTERNS)}",
                code="unknown_pattern",
                details={"pattern": self.pattern},
            )
        self.name = "gradient" if self.pattern is None else "pattern"
        self._memo = _Memo(self.memo_size)

    def background(self, request: BackgroundRequest) -> Background:
        hit = self._memo.get(request)
        if hit is not None:
            return hit
        image = gradient_image(request)
        if self.pattern is not None:
            white = Image.new("RGB", image.size, WHITE)
            image = Image.composite(white, image, _pattern_layer(request, self.pattern))
        source = {
            "backend": self.name,
            "pattern": self.pattern or "",
            "seed": str(request.seed),
            **{k: v for k, v in request.palette.as_hex().items()},
        }
        return self._memo.put(request, Background(image, source))


def cover(image: Image.Image, width: int, height: int, focus: tuple[float, float]) -> Image.Image:
    """``image`` scaled to cover ``width`` x ``height`` and cropped around ``focus``."""
    return ImageOps.fit(
        image.convert("RGB"), (width, height), Image.Resampling.LANCZOS, centering=focus
    )


def open_image(data_or_path: bytes | Path, what: str) -> Image.Image:
    """A decoded image, or ``InputError`` ``invalid_image`` naming ``what``."""
    import io

    try:
        source = io.BytesIO(data_or_path) if isinstance(data_or_path, bytes) else data_or_path
        with Image.open(source) as image:
            image.load()
            return image.convert("RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as err:
        raise InputError(
            f"{what} is not a readable image: {err}",
            message_zh=f"{what} 不是可读取的图片：{err}",
            code="invalid_image",
            details={"what": what},
        ) from err


def open_logo(path: Path) -> Image.Image:
    """A logo file as RGBA (transparency kept), or ``InputError`` ``invalid_image``."""
    try:
        with Image.open(path) as image:
            image.load()
            return image.convert("RGBA")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as err:
        raise InputError(
            f"logo {path} is not a readable image: {err}",
            message_zh=f"logo {path} 不是可读取的图片：{err}",
            code="invalid_image",
            details={"what": f"logo {path}"},
        ) from err


@dataclass
class ImageFileBackground:
    """A user-supplied picture, cropped to each banner size around ``focus`` (0..1, 0..1)."""

    path: Path
    focus: tuple[float, float] = (0.5, 0.5)
    name: str = field(default="image", init=False)
    _image: Image.Image | None = field(default=None, init=False, repr=False)
    _sha256: str = field(default="", init=False, repr=False)

    def __post_init__(self) -> None:
        self.path = Path(self.path)
        if not self.path.is_file():
            raise InputError(
                f"background image {self.path} does not exist",
                message_zh=f"背景图片 {self.path} 不存在",
                code="background_not_found",
                details={"file": str(self.path)},
            )

    def background(self, request: BackgroundRequest) -> Background:
        if self._image is None:
            data = self.path.read_bytes()
            self._sha256 = hashlib.sha256(data).hexdigest()
            self._image = open_image(data, f"background image {self.path}")
        image = cover(self._image, request.width, request.height, self.focus)
        source = {
            "backend": self.name,
            "file": self.path.name,
            "sha256": self._sha256,
            "original_size": f"{self._image.width}x{self._image.height}",
            "primary": to_hex(request.palette.primary),
        }
        return Background(image, source)
