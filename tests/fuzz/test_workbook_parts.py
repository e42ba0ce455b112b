"""A workbook whose far cell hides from the size guard: written with single quotes, spaces
around `=` or lower-case letters, or stored in a part whose name is not `*.xml` (the
relationships may point anywhere). Unguarded, calamine asks for 512 GB and aborts the whole
process (proved in a child process first); guarded, the import is refused in Chinese.
Hypothesis then writes the worksheet into parts of any name with any quoting."""

from __future__ import annotations

import signal
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from desktop.exchange import xlsx_guard
from desktop.exchange.files import read_import
from desktop.services.errors import ServiceError
from tests.fuzz import profile
from tests.fuzz.packages import cell, row, write_package

FAR = "XFD1048576"
_UNGUARDED = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
from python_calamine import CalamineWorkbook
CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0).to_python()
"""

VARIANTS = {
    "single quotes": dict(data=row(1, cell("A1", quote="'"), quote="'")
                          + row(1048576, cell(FAR, quote="'"), quote="'")),
    "spaces around =": dict(data=row(1, cell("A1")) + row(1048576, cell(FAR, space=" "))),
    "lower-case letters": dict(data=row(1, cell("A1")) + row(1048576, cell(FAR.lower()))),
    "a .bin part": dict(data=row(1, cell("A1")) + row(1048576, cell(FAR)),
                        part="xl/worksheets/sheet1.bin"),
    "a part outside xl/": dict(data=row(1, cell("A1")) + row(1048576, cell(FAR)),
                               part="data", target="/data"),
}


def _package(tmp_path: Path, variant: str) -> Path:
    spec = dict(VARIANTS[variant])
    path = tmp_path / "far.xlsx"
    write_package(path, spec.pop("data"), **spec)
    return path


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_calamine_aborts_on_the_unguarded_file(tmp_path: Path, variant: str) -> None:
    """The attack is real: read without the guard, the process dies of SIGABRT."""
    path = _package(tmp_path, variant)
    child = subprocess.run([sys.executable, "-c", _UNGUARDED, str(path)],
                           capture_output=True, timeout=120, check=False)
    assert child.returncode == -signal.SIGABRT, child.stderr[-400:]


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_the_guard_refuses_it(tmp_path: Path, variant: str) -> None:
    with pytest.raises(ServiceError) as caught:
        read_import(_package(tmp_path, variant))
    assert caught.value.code == "import.too_big"


def test_calamines_own_view_is_bounded_before_the_grid(tmp_path: Path) -> None:
    """One cell alone at XFD1048576: calamine holds a 1×1 range but its grid would be 17
    billion cells (python-calamine panics). The loaded sheet's size is checked first."""
    path = tmp_path / "one.xlsx"
    write_package(path, row(1048576, cell(FAR)))
    book = CalamineWorkbook.from_path(str(path))
    try:
        with pytest.raises(ServiceError) as caught:
            xlsx_guard.load_sheet(book, "S", path.name)
    finally:
        book.close()
    assert caught.value.code == "import.too_big"


_NAME = st.text(st.characters(codec="ascii", categories=("L", "N"), include_characters="._-"),
                min_size=1, max_size=12)
PART = st.builds(lambda folders, leaf: "/".join([*folders, leaf]),
                 st.lists(_NAME, max_size=2), _NAME).filter(
    lambda name: name not in {"xl/workbook.xml", "_rels/.rels", "[Content_Types].xml",
                              "xl/_rels/workbook.xml.rels"} and "." not in name.split("/")
    and ".." not in name.split("/"))
FAR_REFS = st.sampled_from([FAR, "xfd1048576", "XFD2000", "ZZ1048576", "A3000001", "CV3000001",
                            "b00000003000001"])


@profile.quick(80)
@given(part=PART, quote=st.sampled_from(['"', "'"]), space=st.sampled_from(["", " ", "\t", "\n"]),
       far=FAR_REFS, row_quote=st.sampled_from(['"', "'"]))
def test_any_part_any_quoting(tmp_path: Path, part: str, quote: str, space: str, far: str,
                              row_quote: str) -> None:
    """Far cells (all beyond 3 million cells of extent) in a part of any name, pointed at by
    an absolute target; every one is refused before calamine reads the file."""
    path = tmp_path / "fuzz.xlsx"
    data = row(1, cell("A1", quote=quote, space=space), quote=row_quote) + cell(
        far, quote=quote, space=space)
    write_package(path, data, part=part, target="/" + part)
    with pytest.raises(ServiceError) as caught:
        read_import(path)
    assert caught.value.code == "import.too_big"



@pytest.mark.parametrize("bom", [b"\xff\xfe", b""])
def test_a_utf16_part_is_refused(tmp_path: Path, bom: bytes) -> None:
    """The byte scan cannot read UTF-16 cells, so such a part is refused whole (calamine
    0.9 reads no cells from it today; a later version might)."""
    path = tmp_path / "utf16.xlsx"
    write_package(path, row(1, cell("A1")) + row(1048576, cell(FAR)))
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode().replace('version="1.0"?>',
                                                              'version="1.0" encoding="UTF-16"?>')
    parts["xl/worksheets/sheet1.xml"] = bom + sheet.encode("utf-16-le")
    with zipfile.ZipFile(path, "w") as package:
        for name, body in parts.items():
            package.writestr(name, body)
    with pytest.raises(ServiceError) as caught:
        read_import(path)
    assert caught.value.code == "import.unreadable"


def test_a_duplicated_part_name_is_judged_twice(tmp_path: Path) -> None:
    """Two zip entries with the worksheet's name: Python lists both, calamine reads one."""
    path = tmp_path / "dup.xlsx"
    write_package(path, row(1, cell("A1")))
    far = (b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
           b'spreadsheetml/2006/main"><sheetData>' + row(1, cell("A1")) + row(1048576, cell(FAR))
           + b"</sheetData></worksheet>")
    with warnings.catch_warnings(), zipfile.ZipFile(path, "a") as package:
        warnings.simplefilter("ignore")  # "Duplicate name"
        package.writestr("xl/worksheets/sheet1.xml", far)
    with pytest.raises(ServiceError) as caught:
        read_import(path)
    assert caught.value.code == "import.too_big"


@pytest.mark.parametrize("tag", [b"<c/>", b"<c><v>1</v></c>", b"<c\t/>", b"<c\n/>", b"<c\r/>"])
def test_cells_without_a_reference_are_placed_one_after_another(tmp_path: Path,
                                                                tag: bytes) -> None:
    """A row of cells without `r` (each after the one before, as calamine places them) in a
    sheet whose column widths also start with "<c": the guard counts the cell tags however
    they end, walks the row, and refuses the extent (1,000 × 3,002) the references hide as
    soon as its cells pass the limit."""
    cells = b'<c r="A1000"><v>1</v></c>' + tag * (xlsx_guard.MAX_CELLS // 1000 + 1)
    path = tmp_path / "refless.xlsx"
    write_package(path, row(1, cell("A1")) + row(1000, cells),
                  head=b'<cols><col min="1" max="2" width="9"/></cols>')
    with pytest.raises(ServiceError) as refused:
        xlsx_guard.check_workbook(path)
    assert refused.value.code == "import.too_big"
    rows, columns = refused.value.params["rows"], refused.value.params["columns"]
    assert rows == 1000 and rows * columns > xlsx_guard.MAX_CELLS  # stops once it is over
    assert columns <= xlsx_guard.MAX_CELLS // 1000 + 2
