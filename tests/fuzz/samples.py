"""Seeds and mutations for the fuzz targets: valid files of each kind, and strategies that
cut, flip, splice them, rewrite one part inside a zip, or replace them with random bytes."""

from __future__ import annotations

import functools
import io
import zipfile
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import strategies as st
from PIL import Image

from tests.exchange.workbooks import write_workbook
from tests.factories import valid_row
from tests.services.scans import jpeg, pdf, png, png_header_only


@functools.cache
def workbook_bytes() -> bytes:
    """A valid two-row import workbook."""
    with TemporaryDirectory() as folder:
        path = write_workbook(Path(folder) / "seed.xlsx",
                              [valid_row(), valid_row(name="李小红", seq=12)])
        return path.read_bytes()


def _image(fmt: str, mode: str = "RGB", size: tuple[int, int] = (52, 64)) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, 128).save(out, fmt)
    return out.getvalue()


@functools.cache
def image_samples() -> tuple[bytes, ...]:
    """JPEG and PNG (what the desk accepts) and other formats Pillow knows (what it must
    refuse or handle), plus a PNG that only declares 100,000 × 100,000 pixels."""
    return (jpeg((80, 100)), png(size=(60, 80)), _image("PNG", "P"), _image("PNG", "I;16"),
            _image("GIF", "P"), _image("BMP"), _image("TIFF"), _image("WEBP"), _image("ICO"),
            png_header_only(100_000, 100_000))


@functools.cache
def scan_samples() -> tuple[bytes, ...]:
    return (jpeg((120, 90)), png(size=(90, 120)), pdf(), png_header_only(100_000, 100_000))


def _cut(data: bytes, where: float) -> bytes:
    return data[: int(len(data) * where)]


def _flip(data: bytes, flips: list[tuple[float, int]]) -> bytes:
    out = bytearray(data)
    for where, mask in flips:
        if out:
            out[min(int(len(out) * where), len(out) - 1)] ^= mask
    return bytes(out)


def _splice(data: bytes, where: float, inserted: bytes) -> bytes:
    at = int(len(data) * where)
    return data[:at] + inserted + data[at:]


def mutated(samples: tuple[bytes, ...]) -> st.SearchStrategy[bytes]:
    seed = st.sampled_from(samples)
    where = st.floats(0, 1)
    return st.one_of(
        st.binary(max_size=4096),
        seed,
        st.builds(_cut, seed, where),
        st.builds(_flip, seed, st.lists(st.tuples(where, st.integers(1, 255)), min_size=1,
                                        max_size=12)),
        st.builds(_splice, seed, where, st.binary(min_size=1, max_size=256)),
    )


def _rewrite_part(data: bytes, index: int, change: bytes, where: float, mode: str) -> bytes:
    """The zip `data` with one part cut, overwritten or spliced."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for number, info in enumerate(source.infolist()):
            body = source.read(info.filename)
            if number == index % len(source.infolist()):
                at = int(len(body) * where)
                body = {"cut": body[:at], "splice": body[:at] + change + body[at:],
                        "replace": change}[mode]
            target.writestr(info.filename, body)
    return out.getvalue()


def mutated_workbook() -> st.SearchStrategy[bytes]:
    """Broken zips, and well-formed zips with one part of the workbook damaged."""
    xml_bits = st.sampled_from([b"<", b">", b"&", b"\x00", b"<c r=\"XFD1048576\"><v>1</v></c>",
                                b"<row r=\"99999999999\">", b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]>",
                                b"\xff\xfe", b"<si><t>" + "学".encode() * 50 + b"</t></si>"])
    change = st.one_of(st.binary(max_size=128), xml_bits)
    return st.one_of(
        mutated((workbook_bytes(),)),
        st.builds(_rewrite_part, st.just(workbook_bytes()), st.integers(0, 20), change,
                  st.floats(0, 1), st.sampled_from(["cut", "splice", "replace"])),
    )
