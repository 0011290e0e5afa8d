"""Finding the CJK font at run time, and the errors when there is none."""

from __future__ import annotations

from pathlib import Path

import pytest

from huashu.domain import InputError
from huashu.images import INSTALL_COMMAND, CjkFonts, find_cjk_fonts


def test_the_installed_font_sets_chinese(fonts: CjkFonts) -> None:
    assert "CJK" in fonts.regular.family or "Hei" in fonts.regular.family
    assert fonts.bold.style.lower().startswith("bold") or fonts.bold == fonts.regular
    glyph = fonts.font(40).getmask("汉")
    assert glyph.getbbox() is not None
    assert fonts.measure(40)("年化利率") == pytest.approx(fonts.font(40).getlength("年化利率"))


def test_an_explicit_font_file_is_used(fonts: CjkFonts) -> None:
    chosen = find_cjk_fonts(fonts.bold.path)
    assert chosen.regular.path == fonts.bold.path
    assert chosen.bold == chosen.regular


def _not_a_font(tmp_path: Path) -> Path:
    path = tmp_path / "broken.ttf"
    path.write_bytes(b"this is not a font")
    return path


@pytest.mark.parametrize(
    ("make", "code", "message"),
    [
        (
            lambda tmp: tmp / "missing.ttf",
            "font_not_found",
            "font file {tmp}/missing.ttf does not exist",
        ),
        (
            _not_a_font,
            "font_unreadable",
            "font file {tmp}/broken.ttf cannot be read as a font: broken file",
        ),
    ],
)
def test_bad_font_files(tmp_path: Path, make: object, code: str, message: str) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    with pytest.raises(InputError) as info:
        find_cjk_fonts(path)
    assert info.value.code == code
    assert str(info.value) == message.format(tmp=tmp_path)


def test_no_font_anywhere_names_the_install_command(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        find_cjk_fonts(
            known=((str(tmp_path / "none.ttc"), str(tmp_path / "none.ttc")),), fontconfig=False
        )
    err = info.value
    assert err.code == "cjk_font_missing"
    assert str(err) == (
        "no CJK font found; banners need one to set Chinese text. Install it with: "
        "sudo apt-get install -y fonts-noto-cjk (or pass a .ttf/.otf/.ttc file with --font)"
    )
    assert err.message_zh == (
        "未找到中文字体，无法渲染横幅中的中文。请安装：sudo apt-get install -y fonts-noto-cjk"
        "（或用 --font 指定 .ttf/.otf/.ttc 字体文件）"
    )
    assert err.details == {"install": INSTALL_COMMAND}
