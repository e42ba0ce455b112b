"""Test files for the archive register's scans: small valid JPEG/PNG/PDF files carrying a
marker text, a truncated JPEG, and images whose pixel count is a decompression bomb."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image
from PIL.PngImagePlugin import PngInfo
from reportlab.pdfgen.canvas import Canvas

MARKER = "ARCHIVE-SCAN-MARKER-7f3a9c"


def png(marker: str = MARKER, size: tuple[int, int] = (120, 160)) -> bytes:
    """A PNG whose text chunk holds `marker` in plain bytes."""
    info = PngInfo()
    info.add_text("Comment", marker)
    out = io.BytesIO()
    Image.new("RGB", size, (250, 250, 240)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def jpeg(size: tuple[int, int] = (400, 300)) -> bytes:
    out = io.BytesIO()
    Image.effect_noise(size, 80).convert("RGB").save(out, "JPEG", quality=85)
    return out.getvalue()


def truncated_jpeg() -> bytes:
    data = jpeg()
    return data[: len(data) // 2]


def pdf(marker: str = MARKER) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, invariant=True, pageCompression=0)
    canvas.drawString(72, 720, marker)
    canvas.save()
    return out.getvalue()


def big_png(width: int, height: int) -> bytes:
    """A real black-and-white PNG of width × height pixels (compresses to a few kB)."""
    out = io.BytesIO()
    Image.new("1", (width, height)).save(out, "PNG")
    return out.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that only declares its size: what a decompression bomb looks like at first."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))
