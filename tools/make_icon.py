"""Draw the application icon: the character 籍 in the bundled font, white on a rounded blue
square. Writes resources/icons/xueji.png (256 px) and xueji.ico (16-256 px).

    python tools/make_icon.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
FONT = ROOT / "resources" / "fonts" / "wqy-microhei.ttc"
OUT = ROOT / "resources" / "icons"
SIZE = 1024  # drawn large, scaled down for each file
BLUE, WHITE = (29, 78, 137, 255), (255, 255, 255, 255)
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def draw(size: int = SIZE) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    margin = size // 32
    pen.rounded_rectangle((margin, margin, size - margin, size - margin), radius=size // 6,
                          fill=BLUE)
    font = ImageFont.truetype(str(FONT), int(size * 0.72), index=0)
    pen.text((size / 2, size / 2), "籍", font=font, fill=WHITE, anchor="mm")
    return image


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    big = draw()
    big.resize((256, 256), Image.Resampling.LANCZOS).save(OUT / "xueji.png", optimize=True)
    big.save(OUT / "xueji.ico", sizes=ICO_SIZES)
    print(f"wrote {OUT / 'xueji.png'} and {OUT / 'xueji.ico'}")


if __name__ == "__main__":
    main()
