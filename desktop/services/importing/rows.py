"""Import rows -> domain records, and each record's errors -> problems the user can act on.

Problems the file reader found in a cell (an ID number Excel turned into a number, a merged
cell) replace what validation says about the same column; a class name written with other
brackets or spaces than a stored class (or an earlier row) is read as that class.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.errors import FieldError
from desktop.domain.fields import template_headers
from desktop.domain.record import Record, read_records
from desktop.models.school import SchoolClass
from desktop.services.importing.plan import RowProblem, SourceRow

_COLUMN_ORDER = {header: index for index, header in enumerate(template_headers())}
# Follow-up errors that say nothing new once the student's own ID number cell was refused.
_AFTER_ID_REFUSED = {"member.id_required"}


def read_rows(rows: Sequence[SourceRow]) -> list[Record]:
    records = read_records(row.cells for row in rows)
    for row, record in zip(rows, records, strict=True):
        if row.cell_errors:
            record.errors = _merged_errors(row.cell_errors, record.errors)
    return records


def _merged_errors(cell_errors: tuple[FieldError, ...], errors: list[FieldError]) -> list[FieldError]:
    flagged = {e.field for e in cell_errors}
    blocked = {e.field for e in errors if e.field in flagged and not e.warning}
    kept = [e for e in errors if e.field not in flagged
            and not ("身份证件号" in flagged and e.code in _AFTER_ID_REFUSED)]
    promoted = [replace(e, warning=e.warning and e.field not in blocked) for e in cell_errors]
    return promoted + kept


def _folded(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split())


def align_class_names(session: Session, records: list[Record]) -> None:
    """三年级（2）班 in the file is the stored 三年级(2)班; a class not stored yet takes the
    spelling of its first row."""
    known = {_folded(name): name for name in session.scalars(select(SchoolClass.name))}
    for record in records:
        name = record.values.get("class_name")
        if name:
            record.values["class_name"] = known.setdefault(_folded(name), name)


def row_problems(row: SourceRow, record: Record, columns: Collection[str],
                 ) -> tuple[tuple[RowProblem, ...], tuple[RowProblem, ...]]:
    """(blocking problems, warnings) of one row, in template column order. A missing column
    is reported once for the file, so its per-row 'recommended' warnings are left out."""
    errors = sorted(record.errors, key=lambda e: _COLUMN_ORDER.get(e.field, len(_COLUMN_ORDER)))
    problems = [_problem(row, error) for error in errors
                if not (error.code == "recommended" and error.field not in columns)]
    return (tuple(p for p in problems if not p.warning), tuple(p for p in problems if p.warning))


def _problem(row: SourceRow, error: FieldError) -> RowProblem:
    value = row.cells.get(error.field)
    return RowProblem(row=row.number, header=error.field, value="" if value is None else str(value),
                      code=error.code, params=dict(error.params), warning=error.warning)
