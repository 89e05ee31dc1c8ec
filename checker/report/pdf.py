"""The printable audit as PDF: the HTML audit rendered by WeasyPrint.

Before anything is checked, ``ensure_available`` makes sure the PDF can be right: WeasyPrint
installed, its system libraries (Pango) loadable, and a font with Chinese characters known to
fontconfig — otherwise one line says what to install, and the run stops with exit 2, rather than
writing a PDF of empty boxes. Nothing is fetched from the network: every URL the document could
name is refused.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import subprocess
from typing import TYPE_CHECKING

from ..errors import FzcheckError

if TYPE_CHECKING:
    from . import Run

INSTALL_FONT = "apt-get install fonts-noto-cjk (Debian/Ubuntu), dnf install google-noto-sans-cjk-fonts (Fedora), brew install --cask font-noto-sans-cjk (macOS)"


class PdfUnavailable(FzcheckError):
    """--format pdf cannot work on this machine; the message says what to install."""


def _fc_list_zh() -> list[str] | None:
    """Families of the fonts that cover Chinese, from `fc-list :lang=zh`; None without fc-list."""
    exe = shutil.which("fc-list")
    if not exe:
        return None
    try:
        out = subprocess.run([exe, ":lang=zh", "family"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return sorted({line.split(",")[0].strip() for line in out.splitlines() if line.strip()})


def _fontconfig_zh() -> list[str] | None:
    """The same question asked of libfontconfig directly (which Pango uses), for machines that
    have the library but not the fc-list program; None when the library cannot be loaded."""
    name = ctypes.util.find_library("fontconfig")
    if not name:
        return None
    try:
        fc = ctypes.CDLL(name)
    except OSError:
        return None
    fc.FcInitLoadConfigAndFonts.restype = ctypes.c_void_p
    fc.FcNameParse.restype = ctypes.c_void_p
    fc.FcNameParse.argtypes = [ctypes.c_char_p]
    fc.FcObjectSetBuild.restype = ctypes.c_void_p
    fc.FcFontList.restype = ctypes.c_void_p
    fc.FcFontList.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]

    class FontSet(ctypes.Structure):
        _fields_ = [("nfont", ctypes.c_int), ("sfont", ctypes.c_int), ("fonts", ctypes.c_void_p)]

    config = fc.FcInitLoadConfigAndFonts()
    pattern = fc.FcNameParse(b":lang=zh")
    objects = fc.FcObjectSetBuild(b"family", None)
    fonts = fc.FcFontList(ctypes.c_void_p(config), ctypes.c_void_p(pattern), ctypes.c_void_p(objects))
    n = ctypes.cast(fonts, ctypes.POINTER(FontSet)).contents.nfont if fonts else 0
    return [f"({n} fonts)"] if n else []


def chinese_fonts() -> list[str]:
    """Fonts fontconfig knows that cover Chinese (FZCHECK_FONTS_ZH='' pretends there are none,
    for tests)."""
    if os.environ.get("FZCHECK_FONTS_ZH") is not None:
        return [f for f in os.environ["FZCHECK_FONTS_ZH"].split(",") if f]
    found = _fc_list_zh()
    if found is None:
        found = _fontconfig_zh()
    return found or []


def _weasyprint():
    try:
        import weasyprint
    except ImportError:
        raise PdfUnavailable("--format pdf needs WeasyPrint: pip install 'fzcheck[pdf]' (or pip install weasyprint)") from None
    except OSError as exc:  # WeasyPrint is there, its system libraries are not
        raise PdfUnavailable(f"--format pdf needs Pango for WeasyPrint: apt-get install libpango-1.0-0 libpangoft2-1.0-0 "
                             f"(Debian/Ubuntu), brew install pango (macOS) ({str(exc).splitlines()[0]})") from None
    return weasyprint


def ensure_available() -> None:
    _weasyprint()
    if not chinese_fonts():
        raise PdfUnavailable(f"--format pdf needs a font with Chinese characters, and fontconfig knows none: {INSTALL_FONT}")


def _no_fetch(url: str, *args, **kwargs):
    raise ValueError(f"fzcheck does not fetch anything ({url})")


def render(run: Run) -> bytes:
    from . import html

    weasyprint = _weasyprint()
    return weasyprint.HTML(string=html.render(run), url_fetcher=_no_fetch).write_pdf()
