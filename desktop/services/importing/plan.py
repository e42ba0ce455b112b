"""What an import would do, row by row: the frozen data the preview, the CLI and the report read.

Rows come in as `SourceRow`s (Excel row number, {template header: cell text}, problems the
file reader already found). The plan says for each row whether it is new, unchanged,
changed (with the items that change) or refused (with every reason), and which classes the
import creates.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from desktop.domain.errors import FieldError
from desktop.services.changed import Changed
from desktop.services.errors import ServiceError


@dataclass(frozen=True)
class SourceRow:
    """One data row of an import file."""

    number: int  # the row number Excel shows
    cells: Mapping[str, Any]  # template header -> cell text (empty cells may be left out)
    cell_errors: tuple[FieldError, ...] = ()  # found while reading the cells


class RowAction(Enum):
    NEW = "新增"
    CHANGED = "更新"
    UNCHANGED = "未变"
    REFUSED = "拒绝"

    @property
    def label(self) -> str:
        return self.value


@dataclass(frozen=True)
class RowProblem:
    """One reason a row is refused (or, as a warning, one thing worth checking)."""

    row: int  # Excel row number
    header: str  # template column header
    value: str  # the cell as read ('' when empty)
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)
    warning: bool = False


@dataclass(frozen=True)
class FieldDiff:
    """One item of a stored student that the import changes (texts as the template writes them)."""

    header: str
    old: str
    new: str


@dataclass(frozen=True)
class PlannedRow:
    row: int  # Excel row number
    action: RowAction
    name: str
    class_name: str
    student_id: str | None = None  # the stored student it matches
    base_version: int | None = None  # that student's version when planned
    diffs: tuple[FieldDiff, ...] = ()
    problems: tuple[RowProblem, ...] = ()
    warnings: tuple[RowProblem, ...] = ()


@dataclass(frozen=True)
class PlannedClass:
    """A class named in the file that does not exist yet, and the grade it will belong to."""

    name: str
    grade: str


@dataclass(frozen=True)
class ImportPlan:
    rows: tuple[PlannedRow, ...]
    new_classes: tuple[PlannedClass, ...] = ()
    unplaced_classes: tuple[str, ...] = ()  # new class names whose grade the name does not say

    def with_action(self, action: RowAction) -> tuple[PlannedRow, ...]:
        return tuple(row for row in self.rows if row.action is action)

    def count(self, action: RowAction) -> int:
        return sum(1 for row in self.rows if row.action is action)

    @property
    def refused(self) -> tuple[PlannedRow, ...]:
        return self.with_action(RowAction.REFUSED)

    def problems_by_row(self) -> dict[int, list[RowProblem]]:
        """Excel row number -> its problems, blocking first, then warnings."""
        return {row.row: [*row.problems, *row.warnings] for row in self.rows
                if row.problems or row.warnings}

    def fingerprint(self) -> tuple[tuple[int, str, str | None, int | None], ...]:
        """What must still hold when the plan is applied: each row's action and matched version."""
        return tuple((r.row, r.action.name, r.student_id, r.base_version) for r in self.rows)


@dataclass(frozen=True)
class ImportResult:
    plan: ImportPlan
    created: tuple[str, ...]  # ids of the new students
    updated: tuple[str, ...]  # ids of the changed students

    @property
    def changed(self) -> Changed:
        """Pupils (and perhaps classes) came or changed: the lists of pupils, 待办."""
        touched = frozenset(self.created) | frozenset(self.updated)
        return Changed(students=touched, roster=bool(touched), tasks=bool(touched))


class ImportRefused(ServiceError):
    """Rows were refused and the import was all or nothing: nothing was written."""

    def __init__(self, plan: ImportPlan) -> None:
        super().__init__("import.refused", count=len(plan.refused))
        self.plan = plan
