"""The CJK font a banner is set in: found at run time (an explicit file, fontconfig, then known
Debian/Ubuntu paths), checked for Chinese glyphs, and loaded once per pixel size."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PIL import ImageFont

from huashu.domain import InputError

#: How the project's own set-up installs the font (Debian/Ubuntu).
INSTALL_COMMAND = "sudo apt-get install -y fonts-noto-cjk"

#: Known files, best first: (regular, bold); a ``.ttc`` collection is searched for its SC face.
KNOWN_FONTS: tuple[tuple[str, str], ...] = (
    (
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    ),
    (
        "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc",
    ),
    (
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    ),
    (
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    ),
    (
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    ),
)
_PROBE = "汉"
_MISSING = "\U000f0000"


@dataclass(frozen=True)
class FontFace:
    """One face of a font file (``index`` selects it inside a ``.ttc`` collection)."""

    path: Path
    index: int
    family: str
    style: str

    def describe(self) -> str:
        return f"{self.family} {self.style} ({self.path.name}#{self.index})"


@dataclass
class CjkFonts:
    """A regular and a bold CJK face; :meth:`font` loads each (face, size) once."""

    regular: FontFace
    bold: FontFace
    _cache: dict[tuple[bool, int], ImageFont.FreeTypeFont] = field(
        default_factory=dict, repr=False, compare=False
    )
    _advances: dict[tuple[bool, int], dict[str, float]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def font(self, size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
        key = (bold, size)
        cached = self._cache.get(key)
        if cached is None:
            face = self.bold if bold else self.regular
            cached = ImageFont.truetype(
                str(face.path), size, index=face.index, layout_engine=ImageFont.Layout.BASIC
            )
            self._cache[key] = cached
        return cached

    def measure(self, size: int, *, bold: bool = False) -> Callable[[str], float]:
        """Width of a string in px as the sum of cached per-character advances (fast enough
        to call inside line-breaking searches; CJK text has no kerning to lose)."""
        font = self.font(size, bold=bold)
        advances = self._advances.setdefault((bold, size), {})

        def width(text: str) -> float:
            total = 0.0
            for ch in text:
                adv = advances.get(ch)
                if adv is None:
                    adv = advances[ch] = font.getlength(ch)
                total += adv
            return total

        return width

    def describe(self) -> dict[str, str]:
        return {"regular": self.regular.describe(), "bold": self.bold.describe()}


def missing_font_error(detail: str = "") -> InputError:
    suffix = f" ({detail})" if detail else ""
    return InputError(
        f"no CJK font found{suffix}; banners need one to set Chinese text. "
        f"Install it with: {INSTALL_COMMAND} (or pass a .ttf/.otf/.ttc file with --font)",
        message_zh=(
            f"未找到中文字体{suffix}，无法渲染横幅中的中文。请安装：{INSTALL_COMMAND}"
            "（或用 --font 指定 .ttf/.otf/.ttc 字体文件）"
        ),
        code="cjk_font_missing",
        details={"install": INSTALL_COMMAND},
    )


def _has_cjk(path: Path, index: int) -> bool:
    font = ImageFont.truetype(str(path), 24, index=index, layout_engine=ImageFont.Layout.BASIC)
    probe = font.getmask(_PROBE)
    if probe.getbbox() is None:
        return False
    return bytes(probe) != bytes(font.getmask(_MISSING))


def _faces(path: Path) -> list[FontFace]:
    """Every face in ``path`` (several for a collection), with family and style names."""
    faces: list[FontFace] = []
    for index in range(32):
        try:
            font = ImageFont.truetype(str(path), 12, index=index)
        except OSError:
            if index == 0:
                raise
            break
        family, style = font.getname()
        faces.append(FontFace(path, index, family or path.stem, style or "Regular"))
        if path.suffix.lower() != ".ttc":
            break
    return faces


def _rank(face: FontFace) -> tuple[int, int, int]:
    family = face.family
    return ("Mono" in family, "Serif" in family, " SC" not in family and "CN" not in family)


def _best_face(path: Path) -> FontFace | None:
    for face in sorted(_faces(path), key=_rank):
        if _has_cjk(face.path, face.index):
            return face
    return None


def _fontconfig(bold: bool) -> Path | None:
    if shutil.which("fc-match") is None:
        return None
    weight = "bold" if bold else "regular"
    pattern = f"Noto Sans CJK SC:lang=zh-cn:weight={weight}"
    try:
        done = subprocess.run(
            ["fc-match", "-f", "%{file}", pattern],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    path = Path(done.stdout.strip()) if done.returncode == 0 and done.stdout.strip() else None
    return path if path is not None and path.is_file() else None


def _from_file(path: Path) -> FontFace:
    if not path.is_file():
        raise InputError(
            f"font file {path} does not exist",
            message_zh=f"字体文件 {path} 不存在",
            code="font_not_found",
            details={"file": str(path)},
        )
    try:
        face = _best_face(path)
    except OSError as err:
        raise InputError(
            f"font file {path} cannot be read as a font: {err}",
            message_zh=f"字体文件 {path} 无法读取：{err}",
            code="font_unreadable",
            details={"file": str(path)},
        ) from err
    if face is None:
        raise missing_font_error(f"{path} has no Chinese glyphs")
    return face


def find_cjk_fonts(
    font: str | Path | None = None,
    bold: str | Path | None = None,
    *,
    known: tuple[tuple[str, str], ...] = KNOWN_FONTS,
    fontconfig: bool = True,
) -> CjkFonts:
    """The fonts banners are set in. With ``font`` (and optionally ``bold``) those files; else
    fontconfig's Noto Sans CJK SC (when ``fontconfig``), else the first of ``known`` present.

    Raises :class:`InputError` ``cjk_font_missing`` (with the install command) when none has
    Chinese glyphs, ``font_not_found`` for an explicit file that does not exist.
    """
    if font is not None:
        regular = _from_file(Path(font))
        return CjkFonts(regular, _from_file(Path(bold)) if bold is not None else regular)
    candidates: list[tuple[Path, Path]] = []
    if fontconfig:
        found_regular, found_bold = _fontconfig(False), _fontconfig(True)
        if found_regular is not None:
            candidates.append((found_regular, found_bold or found_regular))
    candidates += [(Path(r), Path(b)) for r, b in known if Path(r).is_file()]
    for regular_path, bold_path in candidates:
        regular_face = _best_face(regular_path)
        if regular_face is None:
            continue
        bold_face = _best_face(bold_path) if bold_path.is_file() else None
        return CjkFonts(regular_face, bold_face or regular_face)
    raise missing_font_error()
