"""学籍档案 register, the shapes that leave the services: the fixed checklist of what a
student's folder must hold, when each document is required, and frozen views of the
register (checklist lines, location, scans, loans, handovers, one row per folder)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from desktop.services.students.printable import PrintableStudent

ALWAYS, IF_CHANGED, IF_DISABLED, IF_FINISHED, OPTIONAL = (
    "always", "changed", "disabled", "finished", "optional")


@dataclass(frozen=True)
class ArchiveKind:
    code: str
    label: str
    required: str  # ALWAYS / IF_CHANGED / IF_DISABLED / IF_FINISHED / OPTIONAL


CHECKLIST: tuple[ArchiveKind, ...] = (
    ArchiveKind("basic_form", "学生基本信息表（签字）", ALWAYS),
    ArchiveKind("identity_copy", "户口簿或身份证复印件", ALWAYS),
    ArchiveKind("photo", "照片", ALWAYS),
    ArchiveKind("change_papers", "学籍变动材料（转学、休学、复学等）", IF_CHANGED),
    ArchiveKind("certificates", "证明材料", OPTIONAL),
    ArchiveKind("disability", "残疾证明", IF_DISABLED),
    ArchiveKind("graduation", "毕业/结业材料", IF_FINISHED),
    ArchiveKind("other", "其他", OPTIONAL),
)
KINDS = {kind.code: kind for kind in CHECKLIST}
# Why a document is required (shown beside it); optional documents have no reason.
REQUIRED_BECAUSE = {
    ALWAYS: "必备", IF_CHANGED: "有学籍变动", IF_DISABLED: "残疾或随班就读", IF_FINISHED: "已毕业/结业",
}


def required_kinds(disabled: bool, changed: bool, finished: bool) -> frozenset[str]:
    """The document kinds this student's folder must hold."""
    applies = {ALWAYS: True, IF_CHANGED: changed, IF_DISABLED: disabled, IF_FINISHED: finished,
               OPTIONAL: False}
    return frozenset(kind.code for kind in CHECKLIST if applies[kind.required])


@dataclass(frozen=True)
class ChecklistLine:
    kind: str
    label: str
    required: bool
    required_because: str  # "" when optional
    present: bool
    copies: int | None = None
    pages: int | None = None
    received_on: dt.date | None = None
    note: str = ""
    scans: int = 0


def line_of(kind: ArchiveKind, required: bool, item: Any, scans: int) -> ChecklistLine:
    """The checklist line of `kind` from its stored row (None if never recorded)."""
    because = REQUIRED_BECAUSE.get(kind.required, "") if required else ""
    if item is None:
        return ChecklistLine(kind.code, kind.label, required, because, False, scans=scans)
    return ChecklistLine(kind.code, kind.label, required, because, item.present, item.copies,
                         item.pages, item.received_on, item.note or "", scans)


@dataclass(frozen=True)
class Location:
    cabinet: str = ""
    shelf: str = ""
    box: str = ""

    @property
    def text(self) -> str:
        """'3柜 2层 15盒' style, only the parts recorded; a part already ending in its unit
        ('第2层') keeps it as written."""
        parts = ((self.cabinet, "柜"), (self.shelf, "层"), (self.box, "盒"))
        return " ".join(value if value.endswith(unit) else value + unit
                        for value, unit in parts if value)


@dataclass(frozen=True)
class Scan:
    id: str
    kind: str
    sha256: str
    file_name: str
    mime: str
    size: int
    added_at: dt.datetime


@dataclass(frozen=True)
class Loan:
    id: str
    student_id: str
    student_name: str
    id_number: str | None
    xjh: str | None
    borrower: str
    purpose: str
    lent_on: dt.date
    due: dt.date
    returned_on: dt.date | None

    def overdue(self, today: dt.date) -> bool:
        return self.returned_on is None and self.due < today


@dataclass(frozen=True)
class Handover:
    id: str
    reason: str
    handed_on: dt.date
    receiver: str
    sender_signatory: str
    receiver_signatory: str
    items: tuple[str, ...]  # document kinds
    backup_kept: bool
    copies_kept: bool
    note: str


@dataclass(frozen=True)
class ArchiveRegister:
    """Everything recorded about one student's folder."""

    student_id: str
    name: str
    lines: tuple[ChecklistLine, ...]
    location: Location
    scans: tuple[Scan, ...]
    loans: tuple[Loan, ...]
    handovers: tuple[Handover, ...]

    @property
    def missing(self) -> tuple[ChecklistLine, ...]:
        return tuple(line for line in self.lines if line.required and not line.present)

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def open_loan(self) -> Loan | None:
        return next((loan for loan in self.loans if loan.returned_on is None), None)

    @property
    def handed_over(self) -> bool:
        return bool(self.handovers)


@dataclass(frozen=True)
class ArchiveRow:
    """One folder in the school's list."""

    student_id: str
    name: str
    class_name: str
    id_number: str
    xjh: str
    missing: int  # required documents missing
    lent: bool
    handed_over: bool
    location: str

    @property
    def complete(self) -> bool:
        """A folder handed over is no longer this school's to complete."""
        return self.handed_over or self.missing == 0


@dataclass(frozen=True)
class ArchiveIndexItem:
    """What the archive cover and 卷内目录 print for one student."""

    student: PrintableStudent
    register: ArchiveRegister
