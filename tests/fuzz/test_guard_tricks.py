"""Cell tags that once led the size guard astray, and a differential check against calamine.

Each trick hides a far cell from a reader that looks for tags with patterns: a second `r`
attribute (calamine takes the last), a `<row>` with no attributes, a `>` or a decoy ` r='A1'`
inside a quoted value, a tag cut by the end of a megabyte block, a row end inside a formula,
rows nested in rows, an odd tag prefix, a tag name split at its colon by a block's end, a
worksheet in an entry named like a folder, a second archive behind the end record's comment
(three reviews found them). The guard now reads any part whose cells are not all of the
plain form as XML and places its cells by calamine's own cursor; a part too odd for that is
bounded by its tags and references; a package framed so that two zip readers could read it
apart is refused. Every trick is refused.

Hypothesis then writes small sheets of plain and odd tags alike, well-formed or not, and the
guard's measure must never fall short of the extent calamine itself gives the sheet (small
enough to load here safely).
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from desktop.exchange import xlsx_guard
from desktop.exchange.ref_bounds import _column_letters
from desktop.exchange.xlsx_reader import open_workbook, read_workbook
from desktop.services.errors import ServiceError
from tests.fuzz import profile
from tests.fuzz.packages import package_parts, sheet_xml, write_package
from tests.fuzz.raw_zip import two_directories

FAR = b"XFD1048576"
TRICKS = {
    "a second r attribute": b'<row r="1"><c r="A1"><v>1</v></c></row>'
                            b'<row r="2"><c r="A2" r="' + FAR + b'"><v>1</v></c></row>',
    "a row with no attributes": b'<c><v>1</v></c><row><c r="' + FAR + b'"><v>1</v></c></row>',
    "a > inside a value": b'<c><v>1</v></c><c a=">" r="' + FAR + b'"><v>1</v></c>',
    "a decoy r inside a value": b"<c><v>1</v></c><c><v>1</v></c><c a=\" r='A1'\" r=\""
                                + FAR + b'"><v>1</v></c>',
    "a prefixed row with no attributes": b'<x:c><x:v>1</x:v></x:c><x:row><x:c r="' + FAR
                                         + b'"><x:v>1</x:v></x:c></x:row>',
    "a row number of 4,000 digits": b'<row r="1"><c r="A' + b"9" * 4000 + b'"><v>1</v></c></row>',
    "an R attribute before r": b'<row r="1"><c R="A1" r="' + FAR + b'"><v>1</v></c></row>',
    "row ends inside formulas": b'<row r="1"><c r="A1000000"><v>1</v></c>'
                                + b"<c><f><row/></f><v>1</v></c>" * 4000 + b"</row>",
    "rows nested in a row": b'<row r="1"><c r="XFD1"><v>1</v></c>' + b'<row r="1">' * 300
                            + b"</row>" * 300 + b"<c><v>1</v></c></row>",
    "a $ prefix, not well-formed": b'<$:c r="A1"><v>1</v></$:c><$:c r="' + FAR
                                   + b'"><v>1</v></$:c><x>',
    "a decoy r= in another value, not well-formed": b'<row r="1"><c s="r=" r="' + FAR
                                                    + b'"><v>1</v></c></row><x>',
}


@pytest.mark.parametrize("trick", sorted(TRICKS))
def test_a_far_cell_hidden_by_a_trick_is_refused(tmp_path: Path, trick: str) -> None:
    path = tmp_path / "trick.xlsx"
    write_package(path, TRICKS[trick])
    with pytest.raises(ServiceError) as refused:
        xlsx_guard.check_workbook(path)
    assert refused.value.code == "import.too_big"


@pytest.mark.parametrize("offset", [1, 6, 14, 24, 30])
def test_a_tag_cut_by_the_end_of_a_block_is_read_whole(tmp_path: Path, offset: int) -> None:
    """About a megabyte of plain rows, then a cell tag whose quoted values hold a `>` and a
    decoy reference, placed so that the first block ends `offset` bytes before the tag does."""
    tag = b"<c a=\">\" b=\" r='A1'\" r=\"" + FAR + b'">'
    head = len(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
               b'spreadsheetml/2006/main"><sheetData>')
    start = (1 << 20) - len(tag) + offset  # where the tag must start in the unpacked part
    rows, size = [], head
    while size < start - 200:
        rows.append(f'<row r="{len(rows) + 1}"><c r="A{len(rows) + 1}"><v>1</v></c></row>'.encode())
        size += len(rows[-1])
    body = b"".join(rows) + f'<row r="{len(rows) + 1}">'.encode()
    body += b" " * (start - head - len(body)) + tag + b"<v>1</v></c></row>"
    path = tmp_path / "boundary.xlsx"
    write_package(path, body)
    with zipfile.ZipFile(path) as package:
        assert package.read("xl/worksheets/sheet1.xml")[start:start + len(tag)] == tag
    with pytest.raises(ServiceError) as refused:
        xlsx_guard.check_workbook(path)
    assert refused.value.code == "import.too_big"


V = "<v>1</v>"
PLACED = [  # how calamine places cells without a reference, and the guard at least as far
    f'<row r="1"></row><c>{V}</c>', f'<row r="5"><c r="J5">{V}</c></row><c>{V}</c>',
    f'<row r="1"><c>{V}</c></row><c>{V}</c><c>{V}</c>', f'<c r="J3">{V}</c><c>{V}</c>',
    f'<row r="2"><c r="J9">{V}</c><c>{V}</c></row>', f'<row r="9"></row><row r="2"></row><c>{V}</c>',
    f'<x:row r="1"><c>{V}</c></x:row><c>{V}</c>',
    f'<row r="4"><c>{V}</c><row><c>{V}</c></row></row><c>{V}</c>',
    f'<c r="A1">{V}</c><c>{V}</c><row><c>{V}</c></row>', f'<c r="B3">{V}</c><row><c>{V}</c></row>',
]


@pytest.mark.parametrize("body", PLACED)
def test_cells_without_a_reference_are_placed_at_least_as_far_as_calamine_places_them(
        tmp_path: Path, body: str) -> None:
    path = tmp_path / "placed.xlsx"
    write_package(path, body.encode())
    with zipfile.ZipFile(path) as package:
        rows, columns = xlsx_guard.measure_part(
            package, package.getinfo("xl/worksheets/sheet1.xml"))[0]
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("S")
    assert rows >= sheet.total_height + 1 and columns >= sheet.total_width + 1


def _ref(draw: st.DrawFn) -> str:
    return draw(st.sampled_from(["A", "B", "BS", "AX"])) + str(draw(st.integers(1, 300)))


@st.composite
def tags(draw: st.DrawFn) -> bytes:
    """One tag or cell, plain or odd (the plain and the reference-less ones most often), with
    references small enough to load."""
    ref, other = _ref(draw), _ref(draw)
    plain, refless = f'<c r="{ref}"><v>1</v></c>', "<c><v>1</v></c>"
    kind = draw(st.sampled_from([
        plain, plain, plain, refless, refless, refless, f'<c r="{ref}" s="1" t="n"><v>1</v></c>',
        f'<c s="1" r="{ref}"><v>1</v></c>', "<c/>", "<c\t><v>1</v></c>",
        f'<c r="{ref}" r="{other}"><v>1</v></c>', f'<c a=">" r="{ref}"><v>1</v></c>',
        f"<c a=\" r='{other}'\" r=\"{ref}\"><v>1</v></c>", f"<c r='{ref}'><v>1</v></c>",
        f'<c r = "{ref.lower()}"><v>1</v></c>', f'<x:c r="{ref}"><x:v>1</x:v></x:c>',
        "<x:c><x:v>1</x:v></x:c>", f'<row r="{ref.lstrip("ABXS")}">', "<row>", "<x:row>",
        "</row>", "</x:row>", f'<!-- <c r="{ref}"/> -->',
        f'<c r="{ref}" t="inlineStr"><is><t>&lt;c r="{other}"</t></is></c>', "<c", ">",
    ]))
    return kind.encode()


@profile.quick(300)
@given(parts=st.lists(tags(), min_size=1, max_size=30))
def test_the_guard_never_measures_less_than_calamine(tmp_path: Path, parts: list[bytes]) -> None:
    path = tmp_path / "drawn.xlsx"
    write_package(path, b"".join(parts))
    with zipfile.ZipFile(path) as package:
        rows, columns = xlsx_guard.measure_part(
            package, package.getinfo("xl/worksheets/sheet1.xml"))[0]
    try:
        sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("S")
    except Exception:  # calamine refusing the sheet is as safe as can be
        return
    if sheet.height and sheet.width:
        assert rows >= sheet.total_height + 1 and columns >= sheet.total_width + 1


@pytest.mark.parametrize(("cell", "row"), [
    ("<c><v>1</v></c>", "<row>"),
    ('<c s="1" r="{column}{number}"><v>1</v></c>', '<row r="{number}">'),
    ('<x:c r="{column}{number}"><x:v>1</x:v></x:c>', "<row>"),
])
def test_an_ordinary_sheet_of_another_shape_is_measured_exactly(tmp_path: Path, cell: str,
                                                                row: str) -> None:
    """Sheets a writer could make without the plain form (no references at all, the style
    before the reference, prefixed tags) are read as XML and measured as calamine places them:
    2,000 rows of 71 cells."""
    columns = [_column_letters(index) for index in range(1, 72)]
    body = "".join(row.format(number=number)
                   + "".join(cell.format(number=number, column=column) for column in columns)
                   + "</row>" for number in range(1, 2001))
    path = tmp_path / "other.xlsx"
    write_package(path, body.encode())
    with zipfile.ZipFile(path) as package:
        measured = xlsx_guard.measure_part(package, package.getinfo("xl/worksheets/sheet1.xml"))
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("S")
    assert measured[0] == (2000, 71) == (sheet.total_height + 1, sheet.total_width + 1)
    xlsx_guard.check_workbook(path)  # accepted


ODD_CELL = b'<c s="1" r="A1"><v>1</v></c>'  # not of the plain form: the part is read as XML
ROUGH = {  # parts expat is not given whole: nested too deep, a tag of many attributes
    "nested 100 deep": (b"<a>" * 100, b"</a>" * 100),
    "300 attributes": (b"<x " + b" ".join(b'a%d=">"' % i for i in range(300)) + b">", b"</x>"),
}


@pytest.mark.parametrize("shape", sorted(ROUGH))
def test_a_part_of_an_odd_shape_is_bounded_roughly(tmp_path: Path, shape: str) -> None:
    """Such a part is measured by its references and tags alone: a far cell inside is
    refused, a small sheet is let through."""
    opening, closing = ROUGH[shape]
    for far, refused in ((b"XFD1048576", True), (b"C3", False)):
        path = tmp_path / "rough.xlsx"
        write_package(path, ODD_CELL + opening + b'<c r="' + far + b'"><v>1</v></c>' + closing)
        with zipfile.ZipFile(path) as package:
            rows, columns = xlsx_guard.measure_part(
                package, package.getinfo("xl/worksheets/sheet1.xml"))[0]
        assert (rows * columns > xlsx_guard.MAX_CELLS) is refused
        assert rows >= (1048576 if refused else 3)
    assert columns == 3 + 2  # C, plus one for each cell tag: the rough bound, not expat's walk


@pytest.mark.parametrize("body", [
    b'<row r="1048576">' + b"<x/:c><v>1</v></x/:c>" * 16384 + b"</row>",  # "/" in a prefix
    b'<row r="1048576">' + b"<a</:c><v>1</v></a</:c>" * 16384 + b"</row>",  # "<" in a prefix
    b'<row r="1"><c r="XFD1"><v>1</v></c></row>' + b"<a>" * 200 + b"</x y:row>" * 200
    + b"<c><v>1</v></c>",  # an end tag's name holds a space
])
def test_a_tag_prefix_of_any_bytes_is_counted_in_a_part_that_is_not_well_formed(
        tmp_path: Path, body: bytes) -> None:
    """calamine's reader takes all after a tag name's first colon as its local name, whatever
    stands before it; the rough bound counts every `:c` and `:row` alike."""
    path = tmp_path / "prefix.xlsx"
    write_package(path, b'<row r="1"><c r="A1"><v>1</v></c></row>' + body)
    with pytest.raises(ServiceError) as refused:
        xlsx_guard.check_workbook(path)
    assert refused.value.code == "import.too_big"


def test_a_prefixed_cell_split_between_its_colon_and_its_name_is_read(tmp_path: Path) -> None:
    """A tag name holding a quoted `>` lets the first megabyte end right after `<x">":`; the
    quick pass still sees the `:c` the next block begins with."""
    head = (b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><sheetData>')
    opening = b'<row r="1"><c r="A1"><v>1</v></c>'
    name = b'<x">":'
    first = opening + b" " * ((1 << 20) - len(head) - len(opening) - len(name)) + name
    path = tmp_path / "split.xlsx"
    write_package(path, first + b'c r="' + FAR + b'"><v>1</v></c></row>')
    with zipfile.ZipFile(path) as package:
        assert package.read("xl/worksheets/sheet1.xml")[(1 << 20) - 1:(1 << 20) + 1] == b":c"
    with pytest.raises(ServiceError) as refused:
        xlsx_guard.check_workbook(path)
    assert refused.value.code == "import.too_big"


def test_a_worksheet_in_an_entry_named_like_a_folder_is_measured(tmp_path: Path) -> None:
    path = tmp_path / "folder.xlsx"
    write_package(path, b'<row r="1048576"><c r="' + FAR + b'"><v>1</v></c></row>',
                  part="xl/worksheets/sheet1.xm/")
    with pytest.raises(ServiceError) as refused:
        xlsx_guard.check_workbook(path)
    assert refused.value.code == "import.too_big"


@pytest.mark.parametrize("disguise", ["second archive as comment", "other disk", "no entries"])
def test_a_package_two_zip_readers_would_read_apart_is_refused(tmp_path: Path,
                                                              disguise: str) -> None:
    """A far-cell archive whose end record's comment holds a harmless archive: Python's
    zipfile reads the last end record, Rust's zip crate (in calamine) may skip it, for
    another disk or a wrong count, and read the first."""
    far, safe = tmp_path / "far.xlsx", tmp_path / "safe.xlsx"
    write_package(far, b'<row r="1048576"><c r="' + FAR + b'"><v>1</v></c></row>')
    write_package(safe, b'<row r="1"><c r="A1"><v>1</v></c></row>')
    first, second = bytearray(far.read_bytes()), bytearray(safe.read_bytes())
    end = first.rfind(b"PK\x05\x06")
    struct.pack_into("<H", first, end + 20, len(second))  # the second archive is its comment
    if disguise != "second archive as comment":
        struct.pack_into("<HH", second, second.rfind(b"PK\x05\x06") + 4, 1, 1)
    if disguise == "no entries":
        struct.pack_into("<H", second, second.rfind(b"PK\x05\x06") + 8, 0)
    path = tmp_path / "framed.xlsx"
    path.write_bytes(bytes(first + second))
    with pytest.raises(ServiceError) as refused:
        xlsx_guard.check_workbook(path)
    assert refused.value.code == "import.unreadable"


def test_an_ordinary_package_with_a_comment_keeps_its_frame(tmp_path: Path) -> None:
    path = tmp_path / "comment.xlsx"
    write_package(path, b'<row r="1"><c r="A1"><v>1</v></c></row>')
    with zipfile.ZipFile(path, "a") as package:
        package.comment = b"written by a school's own tool"
    xlsx_guard.check_workbook(path)  # accepted


def test_calamine_reads_the_package_the_guard_measured(tmp_path: Path) -> None:
    """A ZIP64 locator before a plain end record gives Python's zipfile one directory and
    calamine's zip crate another; calamine is handed a copy of what the guard measured."""
    small = sheet_xml(b'<row r="1"><c r="A1"><v>1</v></c></row>')
    far = sheet_xml(b'<row r="3000"><c r="CV3000"><v>1</v></c></row>')
    path = tmp_path / "two-directories.xlsx"
    path.write_bytes(two_directories(small, far))
    direct = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("S")
    assert direct.total_height + 1 == 3000  # read by itself, calamine takes the other one
    sheet = open_workbook(path).get_sheet_by_name("S")
    assert (sheet.total_height + 1, sheet.total_width + 1) == (1, 1)


def test_a_shared_strings_count_larger_than_its_part_is_refused(tmp_path: Path) -> None:
    """calamine reserves room for `uniqueCount` strings as it opens the workbook: a kilobyte
    asking for 10^11 of them aborted the process."""
    path = tmp_path / "count.xlsx"
    write_package(path, b'<row r="1"><c r="A1"><v>1</v></c></row>')
    with zipfile.ZipFile(path, "a") as package:
        package.writestr("xl/sharedStrings.xml", b'<?xml version="1.0"?><sst xmlns="x" '
                         b'count="1" uniqueCount="100000000000"><si><t>a</t></si></sst>')
    with pytest.raises(ServiceError) as refused:
        xlsx_guard.check_workbook(path)
    assert refused.value.code == "import.unreadable"


def test_a_thousand_sheets_over_one_large_part_are_refused(tmp_path: Path) -> None:
    """Each sheet of a workbook is loaded anew; all of them pointing at one part of 200,000
    cells (measured once) would cost minutes. The cells loaded across sheets are capped."""
    rows = b"".join(f'<row r="{n}"><c r="A{n}"><v>1</v></c><c r="CV{n}"><v>1</v></c></row>'.encode()
                    for n in range(1, 2001))
    sheets = b"".join(b'<sheet name="S%d" sheetId="%d" r:id="rId1"/>' % (n, n)
                      for n in range(1, 1001))
    path = tmp_path / "sheets.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in package_parts(sheet_xml(rows)):
            package.writestr(name, data.replace(b'<sheet name="S" sheetId="1" r:id="rId1"/>',
                                                sheets))
    with pytest.raises(ServiceError) as refused:
        read_workbook(path)
    assert refused.value.code == "import.too_big"
