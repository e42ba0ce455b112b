"""The one-pupil forms (转学联系表, 休学/复学/退学申请表, 学生在校就读证明) and the 缓学申请表 from
a real encrypted database: one page per pupil (three copies per 缓学 entry), every font
embedded, the name (also outside the BMP) and the full ID number extractable, the footer
with the record id and its version hash, and the same data giving the same bytes."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import pytest
from pypdf import PdfReader

from desktop.printing import deferral_form, enrolment_proof, suspension_forms, transfer_form
from desktop.printing.layout import version_hash
from desktop.services.changes.deferral import DeferralInput, register_deferral
from desktop.services.errors import ServiceError
from desktop.services.reports.registers import printable_deferral
from desktop.services.students.add import add_students
from desktop.services.students.printable import printable_students
from tests.factories import valid_row

LONG_ADDRESS = ("广东省佛山市禅城区祖庙街道人民路一百二十三号金色家园小区七栋二单元一千零一室"
                "（靠近祖庙地铁站C出口）")
TODAY = dt.date(2026, 11, 26)

DOCUMENTS: dict[str, tuple[Callable, str]] = {
    "transfer": (transfer_form.build, "转学联系表"),
    "suspend": (suspension_forms.build_suspend, "休学申请（审批）表"),
    "resume": (suspension_forms.build_resume, "复学申请（审批）表"),
    "withdraw": (suspension_forms.build_withdraw, "退学申请表"),
    "enrolment-proof": (lambda s: enrolment_proof.build(s, TODAY), "学生在校就读证明"),
}


def pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def flat(text: str) -> str:
    """Extracted text without the line breaks and spaces that wrapping puts in."""
    return "".join(text.split())


def assert_fonts_embedded(data: bytes) -> None:
    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"].values()
        assert fonts
        for reference in fonts:
            font = reference.get_object()
            assert font.get("/Subtype") == "/TrueType"  # a Type1 base font is never embedded
            assert "/FontFile2" in font["/FontDescriptor"]


@pytest.fixture
def seeded(ws):
    rows = [valid_row(name="欧阳𠮷祥", seq=11), valid_row(name="李四", seq=13,
                                                         birth=dt.date(2017, 6, 1))]
    rows[0]["现住址"] = LONG_ADDRESS
    add_students(ws, rows)
    return ws, rows


@pytest.mark.parametrize("kind", sorted(DOCUMENTS))
def test_one_page_with_name_id_and_footer(seeded, kind):
    ws, rows = seeded
    build, title = DOCUMENTS[kind]
    [student] = printable_students(ws, student=rows[0]["身份证件号"])
    data = build([student])
    [text] = pages(data)
    assert title in text
    assert "欧阳𠮷祥" in text
    assert rows[0]["身份证件号"] in text
    assert student.record_id in text and version_hash(student.snapshot) in text
    assert_fonts_embedded(data)


@pytest.mark.parametrize("kind", sorted(DOCUMENTS))
def test_a_class_gets_one_page_each_and_same_bytes(seeded, kind):
    ws, _rows = seeded
    build, _title = DOCUMENTS[kind]
    students = printable_students(ws, class_name="三年级(2)班")
    data = build(students)
    texts = pages(data)
    assert len(texts) == 2
    assert "李四" in texts[0] and "欧阳𠮷祥" in texts[1]  # roster order: li before ouyang
    assert data == build(printable_students(ws, class_name="三年级(2)班"))


def test_transfer_form_blocks_in_order_and_long_address_whole(seeded):
    ws, rows = seeded
    [text] = pages(transfer_form.build(printable_students(ws, student=rows[0]["身份证件号"])))
    joined = flat(text)
    assert LONG_ADDRESS in joined
    assert "广东省佛山市禅城区" in joined  # 户口所在地 440604… as its place name
    units = ["①转入学校意见", "②转入学校主管部门意见", "③转出学校意见", "④转出学校主管部门意见"]
    positions = [joined.index(unit) for unit in units]
    assert positions == sorted(positions)
    for reason in ("户籍迁移", "随父母工作调动", "居住地变更", "其他"):
        assert reason in joined
    assert "王大明" in joined and "父亲" in joined and "13800138001" in joined
    assert joined.index("沿虚线剪开") < joined.index("转学联系表回执")
    assert "测试县第一小学" in joined and "三年级(2)班" in joined


def test_transfer_form_names_the_guardian_not_the_first_member(ws):
    row = valid_row(name="赵六", seq=17)
    row["成员1是否监护人"] = "否"
    add_students(ws, [row])
    [text] = pages(transfer_form.build(printable_students(ws, student=row["身份证件号"])))
    joined = flat(text)
    assert "监护人姓名李丽" in joined and "与学生关系母亲" in joined


def test_suspension_form_has_the_slip_and_three_approvals(seeded):
    ws, rows = seeded
    [text] = pages(suspension_forms.build_suspend(
        printable_students(ws, student=rows[1]["身份证件号"])))
    joined = flat(text)
    for unit in ("班主任意见", "学校意见", "教育行政部门意见"):
        assert unit in joined
    assert "休学证明" in joined and "学生李四" in joined
    assert "县级以上医院诊断证明" in joined


def test_withdrawal_form_prints_for_any_pupil(seeded):
    """A 小学 pupil may not withdraw, but printing the blank form is not the place to say so."""
    ws, rows = seeded
    [text] = pages(suspension_forms.build_withdraw(
        printable_students(ws, student=rows[1]["身份证件号"])))
    assert "退学原因" in flat(text) and "李四" in text


def test_enrolment_proof_for_a_pupil_without_resident_id(ws):
    row = valid_row(name="安娜", seq=19)
    row.update({"身份证件类型": "护照", "身份证件号": "E12345678", "国籍/地区": "美国"})
    add_students(ws, [row])
    [text] = pages(enrolment_proof.build(printable_students(ws, student="E12345678"), TODAY))
    joined = flat(text)
    assert "身份证件类型：护照" in joined and "证件号码：E12345678" in joined
    assert "学生签字" in joined and "家长（监护人）签字" in joined
    assert "报上级备案" in joined and "2026年11月26日" in joined


@pytest.fixture
def deferral(ws):
    entry = register_deferral(ws, DeferralInput(
        "陈𠮷缓", dt.date(2019, 4, 2), "陈大", "先天性心脏病术后康复", "佛山市第一人民医院诊断证明",
        dt.date(2026, 9, 1), phone="13900000000"))
    return printable_deferral(ws, entry.id)


def test_deferral_form_prints_three_copies(deferral):
    data = deferral_form.build([deferral])
    texts = pages(data)
    assert len(texts) == 3
    for copy, text in zip(("第一联", "第二联", "第三联"), texts, strict=True):
        joined = flat(text)
        assert copy in joined and "陈𠮷缓" in joined and "陈大" in joined
        assert "自2026-09-01起至2027-08-31止" in joined
        assert deferral.id in text
    assert_fonts_embedded(data)
    assert data == deferral_form.build([deferral])


def test_unknown_deferral_is_refused(ws):
    with pytest.raises(ServiceError) as caught:
        printable_deferral(ws, "no-such-entry")
    assert caught.value.code == "print.deferral_not_found"
