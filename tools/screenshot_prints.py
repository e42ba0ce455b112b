"""Pictures of the printed documents for the README, rendered from the real PDFs.

Run: .venv/bin/python tools/screenshot_prints.py   (needs pdftoppm from poppler-utils)
Creates a small school in a temporary folder (a pupil with a rare character in the name, a
suspension and its resumption), prints each per-pupil document, the class roster and the
archive index through desktop.printing.catalog (as the 打印 page and `xueji print` do) and
saves the first page of each as docs/screenshots/print-KIND.png, at the width the README's
tables use.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"
SCHOOL = "佛山市禅城区祖庙街道第一实验小学（集团）东校区"
PUPIL = "欧阳𠮷祥"
# kind -> (picture, width in pixels): A4 at 100 dpi for the two big forms, 70 dpi otherwise
PICTURES = {"form": ("print-form", 827), "card": ("print-card", 827),
            "transfer": ("print-transfer", 579), "suspend": ("print-suspend", 579),
            "resume": ("print-resume", 579), "withdraw": ("print-withdraw", 579),
            "enrolment-proof": ("print-enrolment-proof", 579),
            "archive-index": ("print-archive-index", 827), "check-sheet": ("print-check-sheet", 497),
            "roster": ("print-roster", 579)}
# not made here: print-verification and print-dropout-ledger (a term's verification marks, a
# dropout case), print-page (tools/screenshots.py)


def make_school(folder: Path):
    from desktop.models.keyslots import KdfParams
    from desktop.services.changes.status import ChangeRequest, apply_change
    from desktop.services.safekeeping.accounts import NewSchool, create_database
    from desktop.services.students.add import add_students
    from tests.factories import valid_row

    ws, _key = create_database(folder / "school.db", NewSchool(code="4406040001", name=SCHOOL),
                               "张老师", "Demo-pass-2026",
                               KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1))
    names = (PUPIL, "李思远", "张雨桐", "陈子涵", "杨浩然", "黄小文")
    rows = [valid_row(name=name, seq=11 + 2 * n, class_name="三年级(2)班") for n, name in enumerate(names)]
    add_students(ws, rows)
    pupil = rows[0]["身份证件号"]
    for change, date, until, reason in (("休学", dt.date(2026, 3, 2), dt.date(2026, 8, 31), "因病住院治疗"),
                                        ("审批通过", dt.date(2026, 3, 10), None, "同意"),
                                        ("复学", dt.date(2026, 9, 1), None, "病愈")):
        apply_change(ws, ChangeRequest(student=pupil, change=change, effective=date, until=until,
                                       reason=reason))
    return ws, pupil


def picture(pdf: bytes, name: str, width: int, folder: Path) -> None:
    """The first page of `pdf`, `width` pixels wide, as OUT/name.png."""
    source = folder / f"{name}.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-singlefile", "-f", "1", "-l", "1", "-scale-to-x",
                    str(width), "-scale-to-y", "-1", str(source), str(OUT / name)], check=True)
    print("saved", OUT / f"{name}.png")


def main() -> None:
    from desktop.printing.catalog import DOCUMENTS, Selection

    folder = Path(tempfile.mkdtemp())
    ws, pupil = make_school(folder)
    wanted = set(sys.argv[1:]) or set(PICTURES)
    for kind, (name, width) in PICTURES.items():
        if kind in wanted:
            selection = Selection(classes=("三年级(2)班",)) if kind == "roster" else Selection(pupil)
            picture(DOCUMENTS[kind].make(ws, selection).data, name, width, folder)
    if not sys.argv[1:] or "deferral" in wanted:
        picture(deferral_pdf(ws), "print-deferral", 579, folder)
    ws.lock()


def deferral_pdf(ws) -> bytes:  # type: ignore[no-untyped-def]
    """缓学申请表 of a child registered as deferred (a heart operation, a year's rest)."""
    from desktop.printing import deferral_form
    from desktop.services.changes.deferral import DeferralInput, register_deferral
    from desktop.services.reports.registers import printable_deferral

    entry = register_deferral(ws, DeferralInput(
        name="陈小缓", birth_date=dt.date(2019, 4, 2), guardian="陈大", phone="13900000000",
        reason="先天性心脏病术后康复，需静养", certificate="佛山市第一人民医院诊断证明",
        start=dt.date(2026, 9, 1)))
    return deferral_form.build([printable_deferral(ws, entry.id)])


if __name__ == "__main__":
    main()
