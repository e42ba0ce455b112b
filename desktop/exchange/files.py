"""Import and export of workbook files, start to end: the steps the CLI and the views share.

An import is read once (`read_import`), planned for the preview (`preview_import`) and then
applied (`apply_workbook`), which plans again inside its transaction: with the plan the user
saw as `expected`, a database changed in between refuses instead of surprising.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.grades import GradeRef
from desktop.exchange.xls_writer import MAX_ROWS, TooManyRows, write_template_xls
from desktop.exchange.xlsx_reader import SheetData, read_workbook
from desktop.exchange.xlsx_writer import write_template
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError
from desktop.services.importing.apply import apply_import, plan_import
from desktop.services.importing.classes import CLASS_HEADER, compose_classes
from desktop.services.importing.plan import ImportPlan, ImportResult
from desktop.services.importing.profiles import TemplateProfile
from desktop.services.reports.export_selection import ExportSelection, export_rows


@dataclass(frozen=True)
class Preview:
    sheet: SheetData
    plan: ImportPlan
    unresolved_codes: tuple[str, ...] = ()  # 班号 values still to be given a class


def read_import(path: Path, profile: TemplateProfile | None = None) -> SheetData:
    """Read `path`; a template profile says what its unknown columns hold."""
    return read_workbook(path, profile.mapping if profile else None)


def preview_import(ws: Workspace, sheet: SheetData, today: dt.date | None = None,
                   class_grades: Mapping[str, GradeRef] | None = None,
                   class_codes: Mapping[str, str] | None = None) -> Preview:
    """What importing `sheet` would do; nothing is written. `class_grades`: grades chosen for
    new classes whose name does not say it; `class_codes`: the class of each 班号."""
    require_columns(sheet)
    classed = compose_classes(ws, sheet.rows, class_codes, today)
    plan = plan_import(ws, classed.rows, _columns(sheet), today, class_grades)
    return Preview(sheet, plan, classed.unresolved)


def apply_workbook(ws: Workspace, sheet: SheetData, *, skip_invalid: bool = False,
                   expected: ImportPlan | None = None, today: dt.date | None = None,
                   class_grades: Mapping[str, GradeRef] | None = None,
                   class_codes: Mapping[str, str] | None = None) -> ImportResult:
    """Import `sheet` in one transaction (see desktop.services.importing.apply.apply_import)."""
    require_columns(sheet)
    rows = compose_classes(ws, sheet.rows, class_codes, today).rows
    return apply_import(ws, rows, _columns(sheet), skip_invalid=skip_invalid,
                        expected=expected, today=today, class_grades=class_grades)


def require_columns(sheet: SheetData) -> None:
    """ServiceError while required items have no column (an unknown one may be mapped)."""
    if sheet.missing_required:
        raise ServiceError("import.missing_columns", name=sheet.file_name, sheet=sheet.sheet,
                           columns="、".join(sheet.missing_required))


def _columns(sheet: SheetData) -> tuple[str, ...]:
    return (*sheet.columns, CLASS_HEADER) if sheet.class_parts else sheet.columns


def export_workbook(ws: Workspace, path: Path, selection: ExportSelection | None = None) -> int:
    """Write the selected students (all by default) to `path` in the national template;
    returns how many were written. A name ending in .xls writes Excel 97-2003 (for a
    province whose system takes only that); any other, .xlsx."""
    rows = export_rows(ws, selection or ExportSelection())
    if not is_xls(path):
        return write_template(path, rows)
    try:
        return write_template_xls(path, rows)
    except TooManyRows as exc:
        raise ServiceError("export.xls_too_many", count=exc.count, max=MAX_ROWS) from exc


def is_xls(path: Path) -> bool:
    """Whether `path` names an Excel 97-2003 workbook."""
    return path.suffix.lower() == ".xls"
