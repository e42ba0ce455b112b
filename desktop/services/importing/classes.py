"""The class of each import row in layouts without one 班级 column.

Some layouts name the class by 年级 + 班级号 (the class number within the grade), others by
班号 (a class code, sometimes with 校区号). Composed names follow the school's own naming: a
stored class of the same grade (or any stored class) gives the pattern, 三年级(1)班 when the
school has none yet. A 班号 that says no grade is looked up among the answers the registrar
gave (`class_codes`, kept in the template profile); one without an answer is listed once per
distinct value, and its rows are refused until it has one.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select

from desktop.domain.errors import DomainError, FieldError
from desktop.domain.grades import GradeRef, SchoolSystem, class_number, parse_class_name
from desktop.domain.header_aliases import CAMPUS, CLASS_CODE, CLASS_NUMBER, GRADE
from desktop.models.school import School, SchoolClass
from desktop.services.context import Workspace
from desktop.services.importing.plan import SourceRow

CLASS_HEADER = "班级"
DEFAULT_PATTERN = "{grade}({n})班"
_PARTS = (GRADE, CLASS_NUMBER, CLASS_CODE, CAMPUS)
_STAGE_PREFIX = re.compile(r"^(小学|初中|高中|初级中学|高级中学)")


@dataclass(frozen=True)
class ClassedRows:
    rows: tuple[SourceRow, ...]
    unresolved: tuple[str, ...]  # distinct 班号 (校区号-班号) values without a class


@dataclass(frozen=True)
class _Naming:
    """The school's stored classes, read once: (name, grade name, stage, level, number)."""

    classes: tuple[tuple[str, str, str, int, int], ...]
    system: SchoolSystem
    today: dt.date


def class_key(cells: Mapping[str, str]) -> str:
    """How a 班号 is asked and remembered: 校区号-班号 when the file has a campus."""
    code, campus = (cells.get(CLASS_CODE) or "").strip(), (cells.get(CAMPUS) or "").strip()
    return f"{campus}-{code}" if campus and code else code


def compose_classes(ws: Workspace, rows: Sequence[SourceRow],
                    class_codes: Mapping[str, str] | None = None,
                    today: dt.date | None = None) -> ClassedRows:
    """`rows` with 班级 filled from the class columns (nothing to do when the file has 班级)."""
    if not any(part in row.cells for row in rows for part in _PARTS):
        return ClassedRows(tuple(rows), ())
    naming = _naming(ws, today or dt.date.today())
    codes = dict(class_codes or {})
    out: list[SourceRow] = []
    unresolved: dict[str, None] = {}  # the class texts not understood, in order
    for row in rows:
        composed = _classed(row, naming, codes)
        if isinstance(composed, str):
            unresolved.setdefault(composed, None)
            composed = _refused(row, composed)
        out.append(composed)
    return ClassedRows(tuple(out), tuple(unresolved))


def _naming(ws: Workspace, today: dt.date) -> _Naming:
    with ws.store.reading() as session:
        school = session.scalars(select(School)).one()
        classes = tuple((c.name, c.grade.name, c.grade.stage, c.grade.level, c.number)
                        for c in session.scalars(select(SchoolClass)))
        return _Naming(classes, SchoolSystem.parse(school.system, school.stages), today)


def _classed(row: SourceRow, naming: _Naming, codes: Mapping[str, str]) -> SourceRow | str:
    """The row with its class named, or the 班号 key still to be answered."""
    cells = dict(row.cells)
    parts = {part: str(cells.pop(part, "") or "").strip() for part in _PARTS}
    if cells.get(CLASS_HEADER) or not any(parts.values()):
        return SourceRow(row.number, cells, row.cell_errors)
    key = class_key(parts)
    number = parts[CLASS_NUMBER] or (parts[CLASS_CODE] if len(parts[CLASS_CODE]) <= 2 else "")
    if key and key in codes:
        cells[CLASS_HEADER] = codes[key]
    elif parts[GRADE] and number:
        cells[CLASS_HEADER] = compose_name(parts[GRADE], number, naming)
    elif key:
        return key
    return SourceRow(row.number, cells, row.cell_errors)


def _refused(row: SourceRow, key: str) -> SourceRow:
    cells = {k: v for k, v in row.cells.items() if k not in _PARTS}
    error = FieldError(CLASS_HEADER, "class.code_unanswered", {"code": key})
    return SourceRow(row.number, cells, (*row.cell_errors, error))


def compose_name(grade_text: str, number_text: str, naming: _Naming) -> str:
    """三年级 + 1 -> the school's name for that class (三年级(1)班 by default). A grade or
    number that cannot be read gives the plain joined text, which validation then refuses
    with its own message."""
    grade_text = _STAGE_PREFIX.sub("", unicodedata.normalize("NFKC", grade_text).replace(" ", ""))
    number = _number(number_text)
    try:
        ref, _n = parse_class_name(f"{grade_text}(1)班", naming.system, naming.today)
    except DomainError:
        return f"{grade_text}{number_text}班" if number is None else f"{grade_text}({number})班"
    if number is None:
        return f"{ref.name()}{number_text}"
    return _pattern(ref, naming).format(grade=ref.name(), n=number)


def _number(text: str) -> int | None:
    text = unicodedata.normalize("NFKC", text).strip()
    if text.isdigit():
        return int(text)
    return class_number(text if text.endswith("班") else f"{text}班")


def _pattern(ref: GradeRef, naming: _Naming) -> str:
    """The school's pattern: from a class of the same grade, else of any grade."""
    for name, grade_name, stage, level, number in naming.classes:
        if (stage, level) == (ref.stage, ref.level):
            pattern = _as_pattern(name, grade_name, number, keep_grade=True)
            if pattern:
                return pattern
    for name, grade_name, _stage, _level, number in naming.classes:
        pattern = _as_pattern(name, grade_name, number, keep_grade=False)
        if pattern:
            return pattern
    return DEFAULT_PATTERN


def _as_pattern(name: str, grade_name: str, number: int, *, keep_grade: bool) -> str | None:
    head, digits, tail = name.rpartition(str(number))
    if not digits:
        return None
    if keep_grade:
        return head.replace("{", "").replace("}", "") + "{n}" + tail
    if not head.startswith(grade_name):
        return None
    return "{grade}" + head[len(grade_name):] + "{n}" + tail
