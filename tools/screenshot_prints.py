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
# the two school registers, after a term's verification marks and a dropout case (make_registers)
REGISTERS = {"verification-report": ("print-verification", 579),
             "dropout-ledger": ("print-dropout-ledger", 827)}
# not made here: print-page (tools/screenshots.py)


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
    if not sys.argv[1:] or wanted & set(REGISTERS):
        make_registers(ws)
        for kind, (name, width) in REGISTERS.items():
            if not sys.argv[1:] or kind in wanted:
                picture(DOCUMENTS[kind].make(ws, Selection()).data, name, width, folder)
    ws.lock()


def make_registers(ws) -> None:  # type: ignore[no-untyped-def]
    """This term's verification marks (one pupil away without papers, one at school without a
    record) and a dropout case with its first home visit."""
    from desktop.services.changes.dropout_ledger import add_visit
    from desktop.services.changes.status import ChangeRequest, apply_change
    from desktop.services.changes.verification import Mark, record_mark
    from desktop.services.students.add import add_students
    from tests.factories import valid_row

    pupils = [valid_row(name=name, seq=13 + 2 * n, class_name="三年级(2)班")["身份证件号"]
              for n, name in enumerate(("李思远", "张雨桐", "陈子涵"))]
    record_mark(ws, Mark("人籍一致", student=pupils[0]))
    record_mark(ws, Mark("在籍不在校", student=pupils[1], reason="转学未办手续",
                         whereabouts="随父母在深圳就读", action="办理转学"))
    record_mark(ws, Mark("在校不在籍", name="刘借读", class_name="三年级(2)班", action="补办转入"))
    dropout = valid_row(name="欧阳辍学", seq=91, birth=dt.date(2013, 5, 1), class_name="六年级(1)班")
    dropout["家庭地址"] = "广东省佛山市禅城区南庄镇紫洞村委会紫南村十三巷二十八号"
    add_students(ws, [dropout])
    apply_change(ws, ChangeRequest(student=dropout["身份证件号"], change="辍学登记",
                                   effective=dt.date(2026, 10, 8), reason="厌学"))
    add_visit(ws, dropout["身份证件号"], dt.date(2026, 10, 15), "家访", "班主任、村干部", "家长同意劝返")


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
