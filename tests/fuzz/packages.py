"""Minimal .xlsx packages built part by part, so a test can choose where the worksheet lives
(any part name the relationships point at) and how its XML is written (quotes, spaces,
letter case)."""

from __future__ import annotations

import zipfile
from pathlib import Path

_MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = b"http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
          b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
          b'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
          b"</Types>")
_ROOT_RELS = (b'<?xml version="1.0"?><Relationships xmlns="' + _PKG_REL + b'"><Relationship '
              b'Id="rId1" Type="' + _REL + b'/officeDocument" Target="xl/workbook.xml"/>'
              b"</Relationships>")
_WORKBOOK = (b'<?xml version="1.0"?><workbook xmlns="' + _MAIN + b'" xmlns:r="' + _REL
             + b'"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')


def cell(ref: str, *, quote: str = '"', space: str = "", value: str = "1") -> bytes:
    """One numeric cell whose `r` attribute is written with `quote` and `space` around `=`."""
    attr = f"r{space}={space}{quote}{ref}{quote}"
    return f"<c {attr}><v>{value}</v></c>".encode()


def row(number: int, cells: bytes, *, quote: str = '"') -> bytes:
    return f"<row r={quote}{number}{quote}>".encode() + cells + b"</row>"


def write_package(path: Path, sheet_data: bytes, *, part: str = "xl/worksheets/sheet1.xml",
                  target: str | None = None, head: bytes = b"") -> None:
    """A workbook of one sheet stored in `part`, named in the workbook's relationships by
    `target` (default: `part` relative to xl/)."""
    target = target if target is not None else part.removeprefix("xl/")
    rels = (b'<?xml version="1.0"?><Relationships xmlns="' + _PKG_REL + b'"><Relationship '
            b'Id="rId1" Type="' + _REL + b'/worksheet" Target="' + target.encode() + b'"/>'
            b"</Relationships>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in package_parts(sheet_xml(sheet_data, head), part=part, rels=rels):
            package.writestr(name, data)


def sheet_xml(sheet_data: bytes, head: bytes = b"", tail: bytes = b"") -> bytes:
    """A worksheet part holding `sheet_data` (with `head` before it and `tail` after it)."""
    return (b'<?xml version="1.0"?><worksheet xmlns="' + _MAIN + b'">' + head
            + b"<sheetData>" + sheet_data + b"</sheetData>" + tail + b"</worksheet>")


def package_parts(sheet: bytes, *, part: str = "xl/worksheets/sheet1.xml",
                  rels: bytes | None = None) -> list[tuple[str, bytes]]:
    """(name, bytes) of each part of a one-sheet workbook, the sheet's XML last."""
    rels = rels or (b'<?xml version="1.0"?><Relationships xmlns="' + _PKG_REL + b'"><Relationship '
                    b'Id="rId1" Type="' + _REL + b'/worksheet" Target="worksheets/sheet1.xml"/>'
                    b"</Relationships>")
    return [("[Content_Types].xml", _TYPES), ("_rels/.rels", _ROOT_RELS),
            ("xl/workbook.xml", _WORKBOOK), ("xl/_rels/workbook.xml.rels", rels), (part, sheet)]


def inline_row(number: int, values: list[str]) -> bytes:
    """A row of inline-string cells whose text is written into the XML as given (so escape
    forms such as `_x0007_` or `&#x1;` reach the reader undecoded)."""
    cells = b"".join(
        f'<c r="{_column(index)}{number}" t="inlineStr"><is><t>{value}</t></is></c>'.encode()
        for index, value in enumerate(values) if value)
    return row(number, cells)


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
