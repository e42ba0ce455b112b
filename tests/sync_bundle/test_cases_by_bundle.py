"""A transfer request reaches a school that has no network, by USB stick: school B asks online;
school A's next request bundle goes through `xueji-central bundle import` at the county
station, and `xueji bundle import` of the reply shows the request waiting for A's answer.
A's answer travels in the next bundle, and the following reply moves the case on."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.models.student import Student
from desktop.services.context import Workspace
from desktop.services.registry.case_commands import TransferIn, answer_transfer, request_transfer_in
from desktop.services.registry.case_list import list_cases
from desktop.services.students.add import add_students
from desktop.sync.client import sync_once
from tests.central.cases_kit import COUNTY_A, COUNTY_B, bureau_decides
from tests.central.conftest import central  # noqa: F401  (fixture)
from tests.central.desk import Central
from tests.factories import valid_row
from tests.sync.conftest import enrolled, school_b  # noqa: F401  (fixtures)
from tests.sync.helpers import options
from tests.sync_bundle.test_desk_bundles import station, xueji  # noqa: F401  (fixture)

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
TODAY = dt.date(2026, 11, 26)


def by_usb(central: Central, xueji, folder: Path, name: str) -> str:  # type: ignore[no-untyped-def]  # noqa: F811
    """Export, import at the station, import the reply; what `xueji bundle import` printed."""
    request, reply = folder / f"{name}.xjb", folder / f"{name}-reply.xjb"
    code, _out, err = xueji("export", "--out", str(request))
    assert code == 0, err
    station(central, request, reply)
    code, out, err = xueji("import", str(reply))
    assert code == 0, err
    return out


def test_a_transfer_request_comes_and_its_answer_goes_by_usb(
        central: Central, enrolled: Workspace, school_b: Workspace, tmp_path: Path,  # noqa: F811
        xueji) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    row = valid_row("王小明", seq=11)
    record_id = add_students(enrolled, [row], today=TODAY).ids[0]
    by_usb(central, xueji, tmp_path, "first")
    case_id = request_transfer_in(school_b, TransferIn(row["身份证件号"], "王小明", "4406040001",
                                                       "五年级(2)班", "随父母工作调动"), TODAY)
    assert sync_once(school_b, options=options()).settled
    bureau_decides(central, COUNTY_B, case_id, "approve")

    out = by_usb(central, xueji, tmp_path, "second")
    assert "有 1 项转学或家长申请等待本校答复" in out and "同步完成" in out
    [case] = list_cases(enrolled)
    assert case.action_needed and case.case_id == case_id and case.student_name == "王小明"
    answer_transfer(enrolled, case_id, agree=True)

    out = by_usb(central, xueji, tmp_path, "third")
    assert "中心已采用 1 条" in out and "等待本校答复" not in out
    assert list_cases(enrolled)[0].current_step == "转出学校主管部门审核"
    bureau_decides(central, COUNTY_A, case_id, "approve")
    out = by_usb(central, xueji, tmp_path, "fourth")
    assert "新进展" in out
    assert list_cases(enrolled)[0].state == "approved"
    with enrolled.store.reading() as session:
        moved = session.get(Student, record_id)
        assert moved is not None and moved.status == "TRANSFERRED_OUT"
