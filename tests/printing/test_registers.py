"""The registers from a real encrypted database: the class roster (header repeated on every
page, IDs masked unless asked, pupils who left not listed, a footer that follows every
record's version), the semester verification report and the landscape 控辍保学台账."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from desktop.domain.idnumber import mask
from desktop.printing import class_roster, dropout_ledger, verification_report
from desktop.printing.layout import version_hash
from desktop.services.changes.dropout_ledger import add_visit
from desktop.services.changes.status import ChangeRequest, apply_change
from desktop.services.changes.verification import Mark, record_mark
from desktop.services.errors import ServiceError
from desktop.services.reports.registers import class_roster as read_roster
from desktop.services.reports.registers import dropout_register, present
from desktop.services.reports.registers import verification_report as read_report
from desktop.services.students.add import add_students
from tests.factories import valid_row
from tests.printing.test_documents import assert_fonts_embedded, flat, pages

CLASS = "三年级(2)班"
SURNAMES = "蔡曹陈程邓丁董杜范方冯付高郭韩何胡黄贾江蒋金康孔雷李梁廖林刘卢陆罗吕马毛孟潘彭钱秦任邵沈石宋苏"
TODAY = dt.date(2026, 11, 26)


def _class_of(count: int) -> list[dict[str, str]]:
    rows = [valid_row(name=SURNAMES[i] + "小明", seq=11 + i,
                      birth=dt.date(2017, 1 + i % 12, 1 + i % 28)) for i in range(count)]
    rows[-1]["姓名"] = "任𠮷祥"
    return rows


@pytest.fixture
def big_class(ws):
    rows = _class_of(45)
    add_students(ws, rows)
    return ws, rows


def test_roster_of_45_spans_two_pages_with_the_header_on_each(big_class):
    ws, rows = big_class
    roster = read_roster(ws, CLASS)
    data = class_roster.build([roster], TODAY)
    texts = pages(data)
    assert len(texts) == 2
    for text in texts:
        assert "序号" in text and "身份证件号" in text and "全国学籍号" in text and "监护人" in text
        assert f"第 {texts.index(text) + 1} 页" in text
    listed = [flat(t) for t in texts]
    names = [s.row["姓名"] for s in roster.students]
    assert sorted(names) == sorted(r["姓名"] for r in rows)
    on_page = [sum(name in page for name in names) for page in listed]
    assert sum(on_page) == 45 and min(on_page) > 0
    assert names[0] in listed[0] and names[-1] in listed[1]
    assert "任𠮷祥" in "".join(listed)
    assert "测试县第一小学" in listed[0] and "人数：45" in listed[0] and "2026-11-26" in listed[0]
    assert_fonts_embedded(data)
    assert data == class_roster.build([read_roster(ws, CLASS)], TODAY)


def test_roster_masks_ids_unless_asked(ws):
    rows = _class_of(3)
    add_students(ws, rows)
    roster = read_roster(ws, CLASS)
    masked = flat(pages(class_roster.build([roster], TODAY))[0])
    shown = flat(pages(class_roster.build([roster], TODAY, show_ids=True))[0])
    for row in rows:
        assert row["身份证件号"] not in masked and mask(row["身份证件号"]) in masked
        assert "G" + mask(row["身份证件号"]) in masked  # a G 学籍号 holds the ID number
        assert row["身份证件号"] in shown and "G" + row["身份证件号"] in shown


def test_roster_leaves_out_pupils_who_left_and_its_footer_follows_versions(ws):
    rows = _class_of(3)
    add_students(ws, rows)
    before = class_roster.footer(read_roster(ws, CLASS))
    apply_change(ws, ChangeRequest(student=rows[0]["身份证件号"], change="出境",
                                   effective=dt.date(2026, 10, 1)))
    roster = read_roster(ws, CLASS)
    assert [s.row["姓名"] for s in roster.students if s.row["姓名"] == rows[0]["姓名"]] == []
    after = class_roster.footer(roster)
    assert after.record_id == CLASS and after.digest != before.digest
    pupils = [[s.record_id, s.version] for s in roster.students]
    assert after.digest == version_hash({"class": CLASS, "students": pupils})
    assert after.version == sum(s.version for s in roster.students)
    text = pages(class_roster.build([roster], TODAY))[0]
    assert after.digest in text and rows[0]["姓名"] not in text


def test_roster_of_an_unknown_class_is_refused(ws):
    with pytest.raises(ServiceError) as caught:
        read_roster(ws, "九年级(9)班")
    assert caught.value.code == "print.class_not_found"


def _counts_after(text: str, label: str) -> list[str]:
    """The eight numbers of a summary row: its cells follow the label, one a line."""
    cells = [line.strip() for line in text.splitlines()]
    start = cells.index(label) + 1
    return cells[start : start + 8]


@pytest.fixture
def checked(ws):
    rows = [valid_row(name="王小明", seq=11), valid_row(name="李𠮷红", seq=12),
            valid_row(name="张三", seq=13), valid_row(name="赵四", seq=15, class_name="四年级(1)班")]
    add_students(ws, rows)
    record_mark(ws, Mark("人籍一致", student=rows[0]["身份证件号"]), TODAY)
    record_mark(ws, Mark("在籍不在校", student=rows[1]["身份证件号"], reason="转学未办手续",
                         whereabouts="随父母在深圳就读", action="办理转学"), TODAY)
    record_mark(ws, Mark("在校不在籍", name="刘借读", class_name=CLASS, action="补办转入"), TODAY)
    record_mark(ws, Mark("人籍一致", student=rows[3]["身份证件号"]), TODAY)
    return ws, rows


def test_verification_report_summary_and_differences(checked):
    ws, _rows = checked
    report = read_report(ws, TODAY)
    assert report.round == "2026-2027-1"
    third = next(s for s in report.summaries if s.class_name == CLASS)
    assert (third.on_roll, third.checked, present(third), third.consistent) == (3, 3, 2, 1)
    data = verification_report.build(report, TODAY)
    [text] = pages(data)
    assert "2026-2027学年第一学期" in text
    assert _counts_after(text, CLASS) == ["3", "3", "2", "1", "1", "1", "0", "0"]
    assert _counts_after(text, "全校合计") == ["4", "4", "3", "2", "1", "1", "0", "0"]
    joined = flat(text)
    assert "李𠮷红" in joined and "随父母在深圳就读" in joined and "办理转学" in joined
    assert "刘借读" in joined and "补办转入" in joined and "王小明" not in joined
    assert "学籍管理员（签字）" in joined and "校长（签字）" in joined
    assert_fonts_embedded(data)
    assert data == verification_report.build(read_report(ws, TODAY), TODAY)
    assert PdfReader(io.BytesIO(data)).pages[0].mediabox.width < 600  # A4 portrait


@pytest.fixture
def dropped(ws):
    row = valid_row(name="欧阳𠮷辍", seq=21, birth=dt.date(2013, 5, 1), class_name="初一1班")
    row["家庭地址"] = "广东省佛山市禅城区南庄镇紫洞村委会紫南村十三巷二十八号（村口大榕树往东第三户）"
    add_students(ws, [row])
    apply_change(ws, ChangeRequest(student=row["身份证件号"], change="辍学登记",
                                   effective=dt.date(2026, 10, 8), reason="厌学"))
    add_visit(ws, row["身份证件号"], dt.date(2026, 10, 15), "家访", "班主任、村干部", "家长同意劝返")
    return ws, row


def test_dropout_ledger_is_landscape_with_the_case(dropped):
    ws, row = dropped
    data = dropout_ledger.build(dropout_register(ws), TODAY)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert box.width > box.height  # landscape A4
    joined = flat(reader.pages[0].extract_text())
    assert "欧阳𠮷辍" in joined and "初一1班" in joined and "2013-05-01" in joined
    assert mask(row["身份证件号"]) in joined and row["身份证件号"] not in joined
    assert flat(row["家庭地址"]) in joined
    assert "厌学" in joined and "2026-10-08" in joined and "共1次" in joined
    assert "家长同意劝返" in joined and "未销号1人，已销号0人" in joined
    assert_fonts_embedded(data)
    assert data == dropout_ledger.build(dropout_register(ws), TODAY)
    shown = flat(pages(dropout_ledger.build(dropout_register(ws), TODAY, show_ids=True))[0])
    assert row["身份证件号"] in shown


def test_dropout_ledger_shows_the_closed_case(dropped):
    ws, row = dropped
    before = dropout_ledger.footer(dropout_register(ws))
    apply_change(ws, ChangeRequest(student=row["身份证件号"], change="劝返复学",
                                   effective=dt.date(2026, 11, 2), reason="返校复学"))
    register = dropout_register(ws)
    joined = flat(pages(dropout_ledger.build(register, TODAY))[0])
    assert "未销号0人，已销号1人" in joined and "返校复学" in joined and "2026-11-02" in joined
    assert dropout_ledger.footer(register).digest != before.digest


def test_empty_ledger_still_prints(ws):
    [text] = pages(dropout_ledger.build(dropout_register(ws), TODAY))
    assert "无辍学登记" in flat(text)
