"""Build resources/fonts/xj-sans-rare.ttf (family "XJ Sans Rare"): the characters of GB 18030
that WenQuanYi Micro Hei lacks (CJK Extension A, the newer unified ideographs, the radicals
and the characters outside the BMP that Noto Sans CJK SC has), cut from Noto Sans CJK SC
Regular (SIL OFL 1.1).

The cut keeps the sans-serif weight of the UI font for those characters (before, they fell to
the Mincho HanaMinB or to nothing) at a fraction of the full font's size. Its outlines are
converted from CFF to TrueType quadratic curves, so reportlab embeds it in PDFs as well.

Source: Debian's fonts-noto-cjk (NotoSansCJK-Regular.ttc, Noto Sans CJK 2.004):
    apt-get download fonts-noto-cjk && dpkg-deb -x fonts-noto-cjk_*.deb noto
    python tools/rare_font.py noto/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
Needs fontTools (`pip install fonttools`), used only here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "resources" / "fonts"
OUT = FONTS / "xj-sans-rare.ttf"
FAMILY = "XJ Sans Rare"
SC_INDEX = 2  # Noto Sans CJK SC in NotoSansCJK-Regular.ttc (JP, KR, SC, TC, HK, then Mono)
CJK_RANGES = (
    (0x2E80, 0x2FDF), (0x2FF0, 0x2FFF), (0x3000, 0x303F), (0x31C0, 0x31EF), (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xFE10, 0xFE1F), (0xFE30, 0xFE4F), (0x20000, 0x3134F),
)
MAX_ERROR = 1.0  # font units (of 1000) between a cubic curve and its quadratic copy


def gb18030_two_byte() -> set[int]:
    """Every character of GB 18030's two-byte area (GB 2312, GBK and their additions)."""
    chars: set[int] = set()
    for lead in range(0x81, 0xFF):
        for trail in (*range(0x40, 0x7F), *range(0x80, 0xFF)):
            try:
                chars.add(ord(bytes((lead, trail)).decode("gb18030")))
            except (UnicodeDecodeError, TypeError):
                continue
    return chars


def wanted(source: set[int], ui_font: set[int]) -> set[int]:
    """What the source font has, the UI font lacks, and GB 18030 or the CJK blocks hold."""
    two_byte = gb18030_two_byte()
    return {cp for cp in source - ui_font
            if cp in two_byte or any(low <= cp <= high for low, high in CJK_RANGES)}


def cut(font: TTFont, codepoints: set[int]) -> None:
    options = subset.Options()
    options.layout_features = ["vert", "vrt2", "locl"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)


def to_truetype(font: TTFont) -> None:
    """Replace the CFF outlines by TrueType ones (reportlab embeds only `glyf` fonts)."""
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = font.getGlyphOrder()
    glyf.glyphs = {}
    for name in glyf.glyphOrder:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERROR, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                  "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                  "maxComponentElements", "maxPoints", "maxContours", "maxCompositePoints",
                  "maxCompositeContours", "maxComponentDepth"):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    maxp.numGlyphs = len(glyf.glyphOrder)
    font["head"].glyphDataFormat = 0
    font["head"].indexToLocFormat = 0
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = glyf.glyphOrder
    font.sfntVersion = "\x00\x01\x00\x00"
    font.recalcBBoxes = True


def rename(font: TTFont) -> None:
    """A family of its own: it never stands in for a system's full Noto Sans CJK SC, and a
    modified font does not carry the Noto trademark."""
    postscript = FAMILY.replace(" ", "") + "-Regular"
    names = {1: FAMILY, 2: "Regular", 3: postscript, 4: FAMILY, 6: postscript,
             16: FAMILY, 17: "Regular"}
    table = font["name"]
    table.names = [rec for rec in table.names if rec.nameID not in {*names, 7, 18}]
    for name_id, text in names.items():
        table.setName(text, name_id, 3, 1, 0x409)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ttc", type=Path, help="NotoSansCJK-Regular.ttc")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    font = TTCollection(str(args.ttc)).fonts[SC_INDEX]
    ui_font = set(TTFont(str(FONTS / "wqy-microhei.ttc"), fontNumber=0).getBestCmap())
    codepoints = wanted(set(font.getBestCmap()), ui_font)
    cut(font, codepoints)
    rename(font)
    to_truetype(font)
    font.save(str(args.out))
    print(f"{args.out}: {len(codepoints)} characters, {args.out.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
