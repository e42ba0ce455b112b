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
from desktop.exchange.xlsx_reader import SheetData, read_workbook
from desktop.exchange.xlsx_writer import write_template
from desktop.services.context import Workspace
from desktop.services.export_selection import ExportSelection, export_rows
from desktop.services.import_plan import ImportPlan, ImportResult
from desktop.services.importing import apply_import, plan_import


@dataclass(frozen=True)
class Preview:
    sheet: SheetData
    plan: ImportPlan


def read_import(path: Path) -> SheetData:
    return read_workbook(path)


def preview_import(ws: Workspace, sheet: SheetData, today: dt.date | None = None,
                   class_grades: Mapping[str, GradeRef] | None = None) -> Preview:
    """What importing `sheet` would do; nothing is written. `class_grades`: grades chosen for
    new classes whose name does not say it."""
    return Preview(sheet, plan_import(ws, sheet.rows, sheet.columns, today, class_grades))


def apply_workbook(ws: Workspace, sheet: SheetData, *, skip_invalid: bool = False,
                   expected: ImportPlan | None = None, today: dt.date | None = None,
                   class_grades: Mapping[str, GradeRef] | None = None) -> ImportResult:
    """Import `sheet` in one transaction (see desktop.services.importing.apply_import)."""
    return apply_import(ws, sheet.rows, sheet.columns, skip_invalid=skip_invalid,
                        expected=expected, today=today, class_grades=class_grades)


def export_workbook(ws: Workspace, path: Path, selection: ExportSelection | None = None) -> int:
    """Write the selected students (all by default) to `path` in the national template;
    returns how many were written."""
    return write_template(path, export_rows(ws, selection or ExportSelection()))
