"""The guard's quick pass (desktop.exchange.ref_bounds) against the reference-by-reference
count: on any block of plainly referenced cells it gives the same extent or hands the block
back, and a far cell hidden among plain ones is refused wherever it sits."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.exchange import xlsx_guard
from desktop.exchange.ref_bounds import _at_most, _column_letters, column_number, plain_extent
from desktop.services.errors import ServiceError
from tests.fuzz import profile
from tests.fuzz.packages import cell, row, write_package

LETTERS = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=4)
NUMBERS = st.text(alphabet="0123456789", min_size=1, max_size=8)
REFS = st.lists(st.tuples(LETTERS, NUMBERS), min_size=1, max_size=40)


def _exact(refs: list[tuple[str, str]], rows: int, columns: int) -> tuple[int, int]:
    return (max(rows, *(int(number) for _, number in refs)),
            max(columns, *(column_number(letters.encode()) for letters, _ in refs)))


@profile.quick(300)
@given(refs=REFS, rows=st.integers(0, 2_000_000), columns=st.integers(0, 20_000))
def test_the_same_extent_or_none(refs: list[tuple[str, str]], rows: int, columns: int) -> None:
    data = b"".join(cell(letters + number) for letters, number in refs)
    quick = plain_extent(data, rows, columns)
    assert quick is None or quick == _exact(refs, rows, columns)


@profile.quick(200)
@given(refs=st.lists(st.tuples(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1,
                                       max_size=3), st.integers(1, 9_999_999)),
                     min_size=1, max_size=40))
def test_ascending_cells_take_the_quick_pass(refs: list[tuple[str, int]]) -> None:
    """Cells in reading order with the largest last (what writers produce) are measured by
    the search alone."""
    ordered = sorted(refs, key=lambda r: (r[1], column_number(r[0].encode())))
    last_column = max(column_number(letters.encode()) for letters, _ in refs)
    letters = max((r[0] for r in refs), key=lambda text: column_number(text.encode()))
    ordered.append((letters, ordered[-1][1]))
    data = b"".join(cell(f"{letters}{number}") for letters, number in ordered)
    assert plain_extent(data, 0, 0) == (ordered[-1][1], last_column)


@profile.quick(300)
@given(limit=st.integers(1, 9_999_999), number=st.integers(0, 99_999_999),
       zeros=st.integers(0, 2))
def test_the_row_pattern_takes_exactly_the_rows_up_to_the_limit(limit: int, number: int,
                                                                 zeros: int) -> None:
    """A row number matches when it is at most the limit and has no leading zero."""
    written = "0" * zeros + str(number)
    matched = re.fullmatch(_at_most(str(limit), "0", "9", first="1"), written) is not None
    assert matched == (0 < number <= limit and not zeros)


@profile.quick(300)
@given(limit=st.integers(1, 18_278), number=st.integers(1, 18_278))
def test_the_column_pattern_takes_exactly_the_columns_up_to_the_limit(limit: int,
                                                                      number: int) -> None:
    pattern = _at_most(_column_letters(limit), "A", "Z", first="A")
    assert (re.fullmatch(pattern, _column_letters(number)) is not None) == (number <= limit)


def test_a_cell_without_the_plain_form_hands_the_block_back() -> None:
    data = cell("A1") + cell("B2", quote="'") + cell("C3")
    assert plain_extent(data, 0, 0) is None


@pytest.mark.parametrize("odd", [b'<c s="1" r="A2">', b"<c>", b'<c\tr="A2">', b'<c r="A02">'])
def test_a_cell_of_another_shape_hands_the_block_back(odd: bytes) -> None:
    """The attribute after another, no reference, a tab, a row with a leading zero."""
    data = cell("A1") + odd + b"<v>1</v></c>" + cell("B3")
    assert plain_extent(data, 0, 0) is None


def test_a_block_without_cells_keeps_the_extent_and_one_with_refless_cells_is_handed_back() -> None:
    assert plain_extent(b'<row r="4"></row><cols><col min="1"/></cols>', 7, 3) == (7, 3)
    assert plain_extent(b"<row><c><v>1</v></c></row>", 7, 3) is None


@pytest.mark.parametrize("place", [0, 1, 500, 998])
def test_a_far_cell_among_plain_cells_is_refused(tmp_path: Path, place: int) -> None:
    cells = [row(number, cell(f"A{number}") + cell(f"BS{number}")) for number in range(1, 1000)]
    cells.insert(place, row(1048576, cell("XFD1048576")))
    path = tmp_path / "hidden.xlsx"
    write_package(path, b"".join(cells))
    with pytest.raises(ServiceError) as refused:
        xlsx_guard.check_workbook(path)
    assert refused.value.code == "import.too_big"
    assert (refused.value.params["rows"], refused.value.params["columns"]) == (1048576, 16384)
