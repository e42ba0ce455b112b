"""The bundled TrueType CJK fonts, registered with reportlab once.

SANS (文泉驿微米黑) covers the two-byte set of GB 18030; RARE (XJ Sans Rare, cut from Noto Sans
CJK SC) CJK Extension A, the newer unified ideographs and the characters outside the BMP that
Noto has, such as 𠮷, in the same sans-serif weight; EXT_B (花園明朝B) the rest of Extensions
B-F. reportlab has no per-glyph fallback, so text is split into runs by which font has the
glyph (`runs`, `markup`).

reportlab writes a character outside the BMP into a font's ToUnicode map as a bare code point
(<20BB7>) where PDF wants UTF-16 (<D842DFB7>), so copying or searching such a name in the
PDF fails; `register` installs a ToUnicode writer that encodes every entry as UTF-16BE.
"""

from __future__ import annotations

from functools import cache
from typing import Any, cast
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from desktop.domain.data import resource_dir

SANS = "XJSans"
MONO = "XJMono"
RARE = "XJRare"
EXT_B = "XJExtB"


def _utf16_hex(codepoint: int) -> str:
    return chr(codepoint).encode("utf-16-be").hex().upper()


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap for a font subset, with UTF-16 destinations."""
    header = [
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo", f"<< /Registry ({fontname})", f"/Ordering ({fontname})",
        "/Supplement 0", ">> def", f"/CMapName /{fontname} def", "/CMapType 2 def",
        "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>", "endcodespacerange",
        f"{len(subset)} beginbfchar",
    ]
    entries = [f"<{index:02X}> <{_utf16_hex(code)}>" for index, code in enumerate(subset)]
    footer = ["endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end",
              "end"]
    return "\n".join(header + entries + footer)


# name -> (file under resources/fonts/, face index in a collection)
FILES = {SANS: ("wqy-microhei.ttc", 0), MONO: ("wqy-microhei.ttc", 1),
         RARE: ("xj-sans-rare.ttf", 0), EXT_B: ("HanaMinB.ttf", 0)}


def register(font: str = SANS) -> None:
    """Register one bundled font (the text font unless told) with reportlab, once. Each is read
    when first needed: reportlab parses the whole file in Python, 30 MB for the Ext-B one."""
    _register(font)


@cache
def _register(font: str) -> None:
    ttfonts.makeToUnicodeCMap = to_unicode_cmap  # see the module docstring
    file, index = FILES[font]
    pdfmetrics.registerFont(TTFont(font, str(resource_dir() / "fonts" / file), subfontIndex=index))


def _has(font: str, codepoint: int) -> bool:
    register(font)
    face = cast(TTFont, pdfmetrics.getFont(font)).face  # registered as TTFont above
    return codepoint in face.charToGlyph


def canvas_maker(*args: Any, **kwargs: Any) -> Canvas:
    """A canvas whose initial font is ours, so no unembedded base font enters the PDF."""
    register()
    kwargs.setdefault("initialFontName", SANS)
    return Canvas(*args, **kwargs)


@cache
def font_for(char: str) -> str:
    """The first of SANS, RARE and EXT_B that has the character (EXT_B when none has it)."""
    font = next((font for font in (SANS, RARE) if _has(font, ord(char))), EXT_B)
    register(font)
    return font


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
    """Paragraph markup of `text` with <font> tags around runs that need another font."""
    return "".join(escape(chunk) if font == SANS else f'<font name="{font}">{escape(chunk)}</font>'
                   for font, chunk in runs(text))
