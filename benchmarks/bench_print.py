"""Printing: 1,000 学籍卡 and 1,000 学生基本信息表, each in one PDF, against the floor measured in
the same run: a bare reportlab canvas drawing 1,000 A4 pages with the same CJK text (every
label and value of the form, one string each, in the same font) and a ruled grid, with no
layout at all. Targets: cards <= 2x the floor, forms <= 4x. File size per page too.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from benchmarks.common import Clock, header, report, report_ratio
from desktop.models.keyslots import KdfParams
from desktop.printing import student_card, student_form
from desktop.printing.fonts import SANS, register
from desktop.services.importing.demo_load import load_demo
from desktop.services.safekeeping.accounts import NewSchool, create_database
from desktop.services.students.printable import PrintableStudent, printable_students
from desktop.services.students.school import list_classes

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 1000


def canvas_floor(students: list[PrintableStudent]) -> Clock:
    """One page per student: each template item's label and value drawn as a string at a
    fixed place, 60 grid lines, then the page is closed; the PDF is written to memory."""
    with Clock() as clock:
        canvas = Canvas(io.BytesIO(), pagesize=A4, invariant=True, initialFontName=SANS)
        for student in students:
            canvas.setFont(SANS, 8)
            for index, (label, value) in enumerate(student.row.items()):
                x, y = 50 + (index % 2) * 260, 800 - (index // 2) * 14
                canvas.drawString(x, y, label)
                canvas.drawString(x + 90, y, str(value))
            for line in range(60):
                canvas.line(40, 810 - line * 13, 555, 810 - line * 13)
            canvas.showPage()
        canvas.save()
    return clock


def main() -> None:
    header(f"printing: {COUNT} students")
    register()  # the fonts load once per process, for the floor and the documents alike
    with tempfile.TemporaryDirectory() as tmp:
        ws, _key = create_database(Path(tmp) / "bench.db",
                                   NewSchool(code="4406040001", name="基准测试学校", stages="小学"),
                                   "admin", "bench-pass-1", KdfParams(1, 8192, 1))
        load_demo(ws, COUNT, 2026, dt.date.today())
        start = time.perf_counter()
        students = [s for c in list_classes(ws) for s in printable_students(ws, class_name=c.name)]
        gathered = time.perf_counter() - start
        ws.lock()
    canvas_floor(students[:50])  # warm the glyph caches the documents warm too
    for name, builder, target in (("学籍卡 card", student_card.build, 2),
                                  ("学生基本信息表 form", student_form.build, 4)):
        base = canvas_floor(students)
        with Clock() as clock:
            data = builder(students)
        report_ratio(f"{COUNT} {name}: one PDF", clock, base, target)
        report(f"  file size per page ({name})", len(data) / COUNT / 1024, "KB")
    report("gathering the data of all students", gathered, "s")


if __name__ == "__main__":
    main()
