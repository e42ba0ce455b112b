"""A zip written byte by byte, so a test can give two zip readers different archives in one
file (Python's zipfile and the Rust zip crate inside calamine)."""

from __future__ import annotations

import struct
import zlib

from tests.fuzz.packages import package_parts


def entry(name: str, data: bytes) -> tuple[bytes, bytes, bytes]:
    """(local header and deflated data, the central-directory record up to its offset field,
    the name that follows that field)."""
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    packed = packer.compress(data) + packer.flush()
    fields = (0x21, zlib.crc32(data), len(packed), len(data), len(name.encode()))
    local = struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, *fields, 0)
    central = struct.pack("<4sHHHHHHIIIHHHHHI", b"PK\x01\x02", 20, 20, 0, 8, 0, *fields, 0, 0,
                          0, 0, 0)
    return local + name.encode() + packed, central, name.encode()


def two_directories(sheet: bytes, other_sheet: bytes) -> bytes:
    """A package whose plain end record names a directory with `other_sheet`, while a ZIP64
    locator right before it names one with `sheet`: Python's zipfile reads the ZIP64 one
    whenever the locator is there, the Rust zip crate only when a plain field is full."""
    body, records = b"", []
    for name, data in package_parts(sheet):
        local, central, written = entry(name, data)
        records.append(central + struct.pack("<I", len(body)) + written)
        body += local
    local, central, written = entry("xl/worksheets/sheet1.xml", other_sheet)
    other = central + struct.pack("<I", len(body)) + written
    body += local
    plain_at = len(body)
    body += b"".join(records[:-1]) + other
    zip64_at = len(body)
    body += b"".join(records)
    directory = len(body) - zip64_at
    record_at = len(body)
    body += struct.pack("<4sQHHIIQQQQ", b"PK\x06\x06", 44, 45, 45, 0, 0, len(records),
                        len(records), directory, zip64_at)
    body += struct.pack("<4sIQI", b"PK\x06\x07", 0, record_at, 1)
    end_at = len(body)
    return body + struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(records), len(records),
                              end_at - plain_at, plain_at, 0)
