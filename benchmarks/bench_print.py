"""Printing: 1,000 学籍卡 in one PDF (target <= 30 s), and the file size per page."""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import header, report
from desktop.models.keyslots import KdfParams
from desktop.printing import student_card, student_form
from desktop.services.accounts import NewSchool, create_database
from desktop.services.demo_load import load_demo
from desktop.services.print_data import printable_students
from desktop.services.school_info import list_classes

COUNT = 1000


def main() -> None:
    header(f"printing: {COUNT} students")
    with tempfile.TemporaryDirectory() as tmp:
        ws, _key = create_database(Path(tmp) / "bench.db",
                                   NewSchool(code="4406040001", name="基准测试学校", stages="小学"),
                                   "admin", "bench-pass-1", KdfParams(1, 8192, 1))
        load_demo(ws, COUNT, 2026, dt.date.today())
        start = time.perf_counter()
        students = [s for c in list_classes(ws) for s in printable_students(ws, class_name=c.name)]
        gathered = time.perf_counter() - start
        for name, builder in (("学籍卡 card", student_card.build),
                              ("学生基本信息表 form", student_form.build)):
            start = time.perf_counter()
            data = builder(students)
            seconds = time.perf_counter() - start
            report(f"{COUNT} {name}: render one PDF", seconds, "s", "<= 30 s (cards)")
            report(f"  file size per page ({name})", len(data) / COUNT / 1024, "KB")
        report("gathering the data of all students", gathered, "s")
        ws.lock()


if __name__ == "__main__":
    main()
