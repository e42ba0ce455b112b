"""The bundled TrueType CJK fonts, registered with reportlab once.

SANS (文泉驿微米黑) covers the BMP set of GB 18030; EXT_B (花園明朝B) covers characters outside
the BMP such as 𠮷. reportlab has no per-glyph fallback, so text is split into runs by which
font has the glyph (`runs`, `markup`).
"""

from __future__ import annotations

from functools import cache
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.domain.data import resource_dir

SANS = "XJSans"
EXT_B = "XJExtB"


@cache
def register() -> None:
    fonts = resource_dir() / "fonts"
    pdfmetrics.registerFont(TTFont(SANS, str(fonts / "wqy-microhei.ttc"), subfontIndex=0))
    pdfmetrics.registerFont(TTFont(EXT_B, str(fonts / "HanaMinB.ttf")))


@cache
def _sans_has(codepoint: int) -> bool:
    register()
    face = pdfmetrics.getFont(SANS).face
    return codepoint in face.charToGlyph


def font_for(char: str) -> str:
    return SANS if _sans_has(ord(char)) else EXT_B


def runs(text: str) -> list[tuple[str, str]]:
    """[(font name, text)] with each run drawable by its font."""
    out: list[tuple[str, str]] = []
    for char in text:
        font = font_for(char)
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + char)
        else:
            out.append((font, char))
    return out


def markup(text: str) -> str:
    """Paragraph markup of `text` with <font> tags around runs that need the Ext-B font."""
    return "".join(escape(chunk) if font == SANS else f'<font name="{EXT_B}">{escape(chunk)}</font>'
                   for font, chunk in runs(text))
