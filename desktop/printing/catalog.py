"""The documents the desk prints, by the short name the CLI and the 打印 page use: each with its
Chinese title, what it is printed for (a student, a class, the whole school) and how it is
made from a selection — so the CLI and the app print exactly the same documents."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from desktop.printing import (
    archive_index,
    certificate,
    check_sheet,
    class_roster,
    dropout_ledger,
    enrolment_proof,
    student_card,
    student_form,
    suspension_forms,
    transfer_form,
    verification_report,
)
from desktop.services.archive.read import archive_index_items
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError
from desktop.services.reports.registers import class_roster as read_roster
from desktop.services.reports.registers import dropout_register
from desktop.services.reports.registers import verification_report as read_report
from desktop.services.students.printable import PrintableStudent, printable_students

STUDENT, CLASS, SCHOOL = "student", "class", "school"


@dataclass(frozen=True)
class Selection:
    """Who a document is printed for: one student (ID number, 学籍号 or record id) or classes
    by name, in the order given; empty for a whole-school register."""

    student: str = ""
    classes: tuple[str, ...] = ()
    show_ids: bool = False  # full ID numbers on registers that mask them by default


@dataclass(frozen=True)
class Printed:
    data: bytes  # the PDF
    students: int  # how many students it covers (0 for a register with no one on it)


@dataclass(frozen=True)
class Document:
    kind: str
    title: str
    scope: str  # STUDENT: one per student; CLASS: one per class; SCHOOL: one for the school
    make: Callable[[Workspace, Selection], Printed]


def students_of(ws: Workspace, selection: Selection) -> list[PrintableStudent]:
    if selection.student:
        return printable_students(ws, selection.student)
    students = [s for name in selection.classes for s in printable_students(ws, class_name=name)]
    if not students:
        raise ServiceError("print.nothing_to_print")
    return students


def _per_student(build: Callable[[Sequence[PrintableStudent]], bytes]
                 ) -> Callable[[Workspace, Selection], Printed]:
    def make(ws: Workspace, selection: Selection) -> Printed:
        students = students_of(ws, selection)
        return Printed(build(students), len(students))

    return make


def _rosters(ws: Workspace, selection: Selection) -> Printed:
    if selection.student or not selection.classes:
        raise ServiceError("print.roster_needs_class")
    rosters = [read_roster(ws, name) for name in selection.classes]
    return Printed(class_roster.build(rosters, show_ids=selection.show_ids),
                   sum(len(r.students) for r in rosters))


def _archive_index(ws: Workspace, selection: Selection) -> Printed:
    students = students_of(ws, selection)
    return Printed(archive_index.build(archive_index_items(ws, students)), len(students))


def _report(ws: Workspace, _selection: Selection) -> Printed:
    report = read_report(ws)
    return Printed(verification_report.build(report), 0)


def _ledger(ws: Workspace, selection: Selection) -> Printed:
    register = dropout_register(ws)
    return Printed(dropout_ledger.build(register, show_ids=selection.show_ids), 0)


DOCUMENTS: dict[str, Document] = {doc.kind: doc for doc in (
    Document("form", "学生基本信息表", STUDENT, _per_student(student_form.build)),
    Document("card", "学籍卡", STUDENT, _per_student(student_card.build)),
    Document("certificate", "学籍证明", STUDENT, _per_student(certificate.build)),
    Document("transfer", "转学联系表", STUDENT, _per_student(transfer_form.build)),
    Document("suspend", "休学申请（审批）表", STUDENT, _per_student(suspension_forms.build_suspend)),
    Document("resume", "复学申请（审批）表", STUDENT, _per_student(suspension_forms.build_resume)),
    Document("withdraw", "退学申请表", STUDENT, _per_student(suspension_forms.build_withdraw)),
    Document("enrolment-proof", "学生在校就读证明", STUDENT, _per_student(enrolment_proof.build)),
    Document("archive-index", "档案封面及卷内目录", STUDENT, _archive_index),
    Document("check-sheet", "学生信息核对表", STUDENT, _per_student(check_sheet.build)),
    Document("roster", "班级学生名册", CLASS, _rosters),
    Document("verification-report", "学籍核查报告", SCHOOL, _report),
    Document("dropout-ledger", "控辍保学台账", SCHOOL, _ledger),
)}
